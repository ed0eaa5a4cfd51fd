import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { type Db, pgArray, queryRows, schema } from '@xk/db';
import type { ActivityResult, Move, MoveCommand, MoveListQuery, MoveNotice, MoveResult, MoveUndo } from '@xk/contract';
import { canonicalJson } from '@xk/domain';
import type { ActivityService } from '../activity/activity-service';
import type { CampaignsService } from '../campaigns/campaigns-service';
import { AppError, badRequest, conflict, notFound } from '../errors';

const { moves, people, stations, teams } = schema;
type MoveRow = typeof moves.$inferSelect;

/** Namespace of the reassignment entries made for moves (UUIDv5, RFC 9562). */
const moveEntryNamespace = Buffer.from('5b0f6c7e2d8a4f1b9c3e7a6d1f0b2c48', 'hex');

/** A name-based (SHA-1, version 5) UUID: the same move and person always give the same entry id. */
export function moveActivityId(moveId: string, personId: number): string {
  const hash = createHash('sha1').update(moveEntryNamespace).update(`${moveId.toLowerCase()}:${personId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * How long a claimed move may stay unwritten before the next command that runs into it carries it
 * out itself: a hub that died between the claim and the write must not block the person forever.
 */
const staleClaimMs = 10_000;

/** Lock key space of move ids (`pg_advisory_xact_lock(key, hashtext(id))`). */
const moveLockSpace = 727200;

const iso = (d: Date | string) => new Date(d).toISOString();

export const toMove = (r: MoveRow): Move => ({
  id: r.id,
  campaignId: r.campaignId,
  personId: r.personId,
  fromAssignmentId: r.fromAssignmentId,
  fromStationId: r.fromStationId,
  fromTeamId: r.fromTeamId,
  toStationId: r.toStationId,
  toTeamId: r.toTeamId,
  reason: r.reason,
  requestedById: r.requestedById,
  activityId: r.activityId,
  undoesId: r.undoesId,
  status: r.status as Move['status'],
  createdAt: iso(r.createdAt),
  acknowledgedAt: r.acknowledgedAt ? iso(r.acknowledgedAt) : null,
});

const toNotice = (r: MoveRow): MoveNotice => ({
  id: r.id,
  campaignId: r.campaignId,
  personId: r.personId,
  toStationId: r.toStationId,
  toTeamId: r.toTeamId,
  reason: r.reason,
  at: iso(r.createdAt),
});

/** The command as compared between a first request and its retries: same people, destination and expectations. */
function commandHash(campaignId: number, cmd: MoveCommand): string {
  const body = {
    campaignId,
    personIds: [...cmd.personIds].sort((a, b) => a - b),
    toStationId: cmd.toStationId ?? null,
    toTeamId: cmd.toTeamId ?? null,
    reason: cmd.reason ?? null,
    requestedById: cmd.requestedById ?? null,
    expected: [...cmd.expected].sort((a, b) => a.personId - b.personId).map((e) => [e.personId, e.assignmentId]),
  };
  return createHash('sha256').update(canonicalJson(body)).digest('base64url');
}

/** An undo, as compared between a first request and its retries. */
function undoHash(campaignId: number, moveId: string, input: MoveUndo): string {
  return createHash('sha256').update(canonicalJson({ campaignId, undoes: moveId.toLowerCase(), requestedById: input.requestedById ?? null })).digest('base64url');
}

/** One person of a command: the placement the caller saw, and where they go. */
interface PersonMove {
  personId: number;
  expected: number | null;
  toStationId: number | null;
  toTeamId: number | null;
}

/** What a command says besides its people. */
interface CommandMeta {
  reason: string | null;
  requestedById: number | null;
  undoesId: string | null;
}

const describePlacement = (assignmentId: number | null) => (assignmentId === null ? 'no placement' : `assignment ${assignmentId}`);

/** What the activity writer names, as the field of the command that caused it. */
const commandField = (field: string | undefined) =>
  field === 'toStationId' || field === 'toTeamId' || field === 'reason' ? `body/${field}` : field === 'personId' ? 'body/personIds' : 'body';

interface CurrentPlacement {
  personId: number;
  assignmentId: number | null;
  stationId: number | null;
  teamId: number | null;
  /** A move already claimed from this very placement (so not carried out yet). */
  claimId: string | null;
  claimAt: Date | string | null;
}

type Claim =
  | { kind: 'claimed'; rows: MoveRow[] }
  | { kind: 'replay'; rows: MoveRow[] }
  | { kind: 'conflict'; message: string; stale: string[] };

/** The unique index that lets only one command move a person away from a placement. */
const isPlacementClaimed = (err: unknown) => {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const pg = e as { code?: string; constraint?: string };
    if (pg.code === '23505' && (pg.constraint === 'moves_one_per_placement' || pg.constraint === 'moves_pkey' || pg.constraint === 'moves_id_person_id_pk')) return true;
  }
  return false;
};

/**
 * Moves: a coordinator's command that reassigns people, with optimistic concurrency.
 *
 * The guard: one short transaction takes a lock on the command id (so two requests with one id
 * take turns) and `FOR NO KEY UPDATE` locks on the people moved (in id order: two moves of the same
 * person take turns, on any number of hub processes; the activity writer's foreign-key locks are
 * not blocked). Under those locks it compares each person's open assignment with `expected` and
 * looks for a move already claimed from that placement but not yet carried out; only if all agree
 * does it insert the moves rows, which claim the placements (a unique index on
 * campaign, person and from-assignment backs the check). The reassignment entries are then written
 * through the one activity write path, idempotently (their ids derive from the move id), so a
 * retry of the command completes a move whose hub died half way.
 */
export function createMovesService(db: Db, campaigns: CampaignsService, activity: ActivityService) {
  const events = new EventEmitter<{ requested: [MoveNotice[]]; acknowledged: [campaignId: number, personId: number]; failed: [unknown] }>();

  const rowsOf = (id: string) => db.select().from(moves).where(eq(moves.id, id)).orderBy(asc(moves.personId));

  /** Checks everything the activity writer would, so that it accepts every entry of the command. */
  async function validate(campaignId: number, cmd: MoveCommand): Promise<void> {
    const seen = new Set<number>();
    for (const id of cmd.personIds) {
      if (seen.has(id)) throw badRequest('body/personIds', `person ${id} is named twice`);
      seen.add(id);
    }
    const expected = new Set<number>();
    for (const e of cmd.expected) {
      if (expected.has(e.personId)) throw badRequest('body/expected', `expected names person ${e.personId} twice`);
      if (!seen.has(e.personId)) throw badRequest('body/expected', `expected names person ${e.personId}, who is not in personIds`);
      expected.add(e.personId);
    }
    const missing = cmd.personIds.find((id) => !expected.has(id));
    if (missing !== undefined) throw badRequest('body/expected', `expected gives no assignment for person ${missing}`);
    if (cmd.toStationId === undefined && cmd.toTeamId === undefined) throw badRequest('body/toStationId', 'a move names toStationId, toTeamId or both');

    const known = new Set((await db.select({ id: people.id }).from(people).where(inArray(people.id, [...cmd.personIds, ...(cmd.requestedById ? [cmd.requestedById] : [])]))).map((r) => r.id));
    const unknown = cmd.personIds.find((id) => !known.has(id));
    if (unknown !== undefined) throw badRequest('body/personIds', `person ${unknown} does not exist`);
    if (cmd.requestedById !== undefined && !known.has(cmd.requestedById)) throw badRequest('body/requestedById', `person ${cmd.requestedById} does not exist`);
    if (cmd.toStationId !== undefined) {
      const [station] = await db.select({ id: stations.id }).from(stations).where(and(eq(stations.id, cmd.toStationId), eq(stations.campaignId, campaignId)));
      if (!station) throw badRequest('body/toStationId', `station ${cmd.toStationId} is not a station of this campaign`);
    }
    if (cmd.toTeamId !== undefined) {
      const [team] = await db.select({ unitId: teams.unitId }).from(teams).where(eq(teams.id, cmd.toTeamId));
      if (!team) throw badRequest('body/toTeamId', `team ${cmd.toTeamId} does not exist`);
      await campaigns.requireUnitInScope(campaignId, team.unitId, 'body/toTeamId');
    }
  }

  /** The check and the claim, in one transaction under the locks described above. */
  async function claim(campaignId: number, id: string, plan: PersonMove[], hash: string, meta: CommandMeta): Promise<Claim> {
    const personIds = plan.map((p) => p.personId).sort((a, b) => a - b);
    const byPerson = new Map(plan.map((p) => [p.personId, p]));
    try {
      return await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(moveLockSpace))}, hashtext(${id}::text))`);
        const earlier = await tx.select().from(moves).where(eq(moves.id, id)).orderBy(asc(moves.personId));
        if (earlier.length) return { kind: 'replay', rows: earlier } as const;
        await tx.execute(sql`select id from people where id = any(${pgArray(personIds, 'int')}) order by id for no key update`);
        // Read after the locks: every move of these people that committed before is visible.
        const now = new Date();
        const current = await queryRows<CurrentPlacement>(
          tx,
          sql`select p.id as "personId", a.id as "assignmentId", a.station_id as "stationId", a.team_id as "teamId",
                     m.id as "claimId", m.created_at as "claimAt"
              from unnest(${pgArray(personIds, 'int')}) as p(id)
              left join assignments a on a.campaign_id = ${campaignId} and a.person_id = p.id and a.ends_at is null
              left join moves m on m.campaign_id = ${campaignId} and m.person_id = p.id and coalesce(m.from_assignment_id, 0) = coalesce(a.id, 0)
              order by p.id`,
        );
        const problems: string[] = [];
        const stale: string[] = [];
        for (const c of current) {
          const saw = byPerson.get(c.personId)?.expected ?? null;
          if ((c.assignmentId ?? null) !== saw) {
            problems.push(`person ${c.personId} was moved by someone else: their placement is now ${describePlacement(c.assignmentId ?? null)}, not ${describePlacement(saw)}`);
          } else if (c.claimId) {
            problems.push(`person ${c.personId} was moved by someone else (move ${c.claimId} is being carried out)`);
            if (c.claimAt && now.getTime() - new Date(c.claimAt).getTime() > staleClaimMs) stale.push(c.claimId);
          }
        }
        if (problems.length) return { kind: 'conflict', message: `${problems.join('; ')}. Reload and try again.`, stale } as const;
        const rows = await tx
          .insert(moves)
          .values(
            current.map((c) => ({
              id,
              campaignId,
              personId: c.personId,
              fromAssignmentId: c.assignmentId ?? null,
              fromStationId: c.stationId ?? null,
              fromTeamId: c.teamId ?? null,
              toStationId: byPerson.get(c.personId)!.toStationId,
              toTeamId: byPerson.get(c.personId)!.toTeamId,
              reason: meta.reason,
              requestedById: meta.requestedById,
              undoesId: meta.undoesId,
              activityId: moveActivityId(id, c.personId),
              status: 'pending',
              bodyHash: hash,
              // Milliseconds, as the wire carries them: `occurredAt` of the entry is the same on every retry.
              createdAt: now,
            })),
          )
          .returning();
        return { kind: 'claimed', rows: rows.sort((a, b) => a.personId - b.personId) } as const;
      });
    } catch (err) {
      // The locks make this unreachable; the unique index answers the same if it ever is not.
      if (isPlacementClaimed(err)) return { kind: 'conflict', message: 'a person of this move was moved by someone else. Reload and try again.', stale: [] };
      throw err;
    }
  }

  /**
   * Writes the reassignment entries of claimed moves through the activity write path (idempotent:
   * a retry finds them stored) and announces the pending ones. Returns the moves as stored.
   */
  async function carryOut(claimed: MoveRow[]): Promise<MoveRow[]> {
    const first = claimed[0]!;
    // The entry counts for the destination's unit: its station's, else its team's (an undo has one per person).
    const stationIds = [...new Set(claimed.flatMap((r) => (r.toStationId ? [r.toStationId] : [])))];
    const teamIds = [...new Set(claimed.flatMap((r) => (r.toTeamId ? [r.toTeamId] : [])))];
    const stationUnits = new Map(stationIds.length ? (await db.select({ id: stations.id, unitId: stations.unitId }).from(stations).where(inArray(stations.id, stationIds))).map((r) => [r.id, r.unitId]) : []);
    const teamUnits = new Map(teamIds.length ? (await db.select({ id: teams.id, unitId: teams.unitId }).from(teams).where(inArray(teams.id, teamIds))).map((r) => [r.id, r.unitId]) : []);
    const entries = claimed.map((r) => ({
      id: r.activityId,
      kind: 'reassignment',
      campaignId: r.campaignId,
      personId: r.personId,
      occurredAt: iso(r.createdAt),
      ...unitOf(r),
      ...(r.fromStationId ? { stationId: r.fromStationId } : {}),
      ...(r.fromTeamId ? { teamId: r.fromTeamId } : {}),
      ...(r.toStationId ? { toStationId: r.toStationId } : {}),
      ...(r.toTeamId ? { toTeamId: r.toTeamId } : {}),
      ...(r.reason !== null ? { reason: r.reason } : {}),
    }));
    function unitOf(r: MoveRow): { unitId?: number } {
      const unitId = (r.toStationId ? stationUnits.get(r.toStationId) : undefined) ?? (r.toTeamId ? teamUnits.get(r.toTeamId) : undefined);
      return unitId ? { unitId } : {};
    }
    const results: ActivityResult[] = await activity.write(entries);
    // 'conflict' means an entry with this id is stored: only moves make these ids, so it is ours.
    const rejected = results.flatMap((r, i) => (r.status === 'rejected' ? [{ row: claimed[i]!, result: r }] : []));
    if (rejected.length) {
      // Nothing was written for these people: their claims go, so the placement can be moved again.
      await db.delete(moves).where(and(eq(moves.id, first.id), inArray(moves.personId, rejected.map((r) => r.row.personId))));
      if (rejected.length === claimed.length) throw badRequest(commandField(rejected[0]!.result.field), rejected[0]!.result.reason ?? 'the move was refused');
    }
    const stored = await rowsOf(first.id);
    const pending = stored.filter((r) => r.status === 'pending');
    if (pending.length) events.emit('requested', pending.map(toNotice));
    return stored;
  }

  const resultOf = (rows: MoveRow[]): MoveResult => ({ id: rows[0]!.id, campaignId: rows[0]!.campaignId, moves: rows.map(toMove) });

  /** A request whose id is already stored: the same command is answered as the first time (and completed if need be). */
  async function replay(rows: MoveRow[], hash: string): Promise<{ result: MoveResult; replay: true }> {
    if (rows[0]!.bodyHash !== hash) throw conflict(`move ${rows[0]!.id} was already used for a different command; the first one is kept`, 'body/id');
    return { result: resultOf(await carryOut(rows)), replay: true };
  }

  /**
   * Completes moves whose hub died between claim and write. Best effort: the caller answers 409
   * whatever happens here, and a move that cannot be written any more loses its claim in carryOut.
   */
  async function rollForward(ids: string[]): Promise<void> {
    for (const id of ids) {
      try {
        const rows = await rowsOf(id);
        if (rows.length) await carryOut(rows);
      } catch (err) {
        if (!(err instanceof AppError)) events.emit('failed', err);
      }
    }
  }

  return {
    events,

    /** Runs a move command: 201 the first time (`replay` false), 200 for a retry of the same command. */
    async request(campaignId: number, cmd: MoveCommand): Promise<{ result: MoveResult; replay: boolean }> {
      const id = cmd.id.toLowerCase();
      const hash = commandHash(campaignId, cmd);
      const prior = await rowsOf(id);
      if (prior.length) return replay(prior, hash);
      await campaigns.row(campaignId);
      await validate(campaignId, cmd);
      const plan = cmd.personIds.map((personId) => ({
        personId,
        expected: cmd.expected.find((e) => e.personId === personId)!.assignmentId,
        toStationId: cmd.toStationId ?? null,
        toTeamId: cmd.toTeamId ?? null,
      }));
      const outcome = await claim(campaignId, id, plan, hash, { reason: cmd.reason ?? null, requestedById: cmd.requestedById ?? null, undoesId: null });
      if (outcome.kind === 'replay') return replay(outcome.rows, hash);
      if (outcome.kind === 'conflict') {
        await rollForward(outcome.stale);
        throw conflict(outcome.message, 'body/expected');
      }
      return { result: resultOf(await carryOut(outcome.rows)), replay: false };
    },

    /**
     * Puts the people of a move back where it took them from, as one new move (pending on their
     * phones like any other). Refused with 409, nothing written, when someone was moved again
     * since, or had no station or team before that the move could return them to.
     */
    async undo(moveId: string, input: MoveUndo): Promise<{ result: MoveResult; replay: boolean }> {
      const original = await rowsOf(moveId.toLowerCase());
      if (original.length === 0) throw notFound(`Move ${moveId}`, 'params/moveId');
      const campaignId = original[0]!.campaignId;
      const id = input.id.toLowerCase();
      const hash = undoHash(campaignId, moveId, input);
      const prior = await rowsOf(id);
      if (prior.length) return replay(prior, hash);
      if (input.requestedById !== undefined) {
        const [requester] = await db.select({ id: people.id }).from(people).where(eq(people.id, input.requestedById));
        if (!requester) throw badRequest('body/requestedById', `person ${input.requestedById} does not exist`);
      }
      const open = await queryRows<{ personId: number; assignmentId: number; stationId: number | null; teamId: number | null; startsAt: Date | string }>(
        db,
        sql`select person_id as "personId", id as "assignmentId", station_id as "stationId", team_id as "teamId", starts_at as "startsAt"
            from assignments where campaign_id = ${campaignId} and ends_at is null and person_id = any(${pgArray(original.map((r) => r.personId), 'int')})`,
      );
      const plan: PersonMove[] = [];
      const problems: string[] = [];
      for (const r of original) {
        const now = open.find((a) => a.personId === r.personId);
        const isStill = now && new Date(now.startsAt).getTime() === new Date(r.createdAt).getTime() && (r.toStationId === null || now.stationId === r.toStationId) && (r.toTeamId === null || now.teamId === r.toTeamId);
        if (!isStill) problems.push(`person ${r.personId} was moved again after this move`);
        else if ((r.toStationId !== null && r.fromStationId === null) || (r.toTeamId !== null && r.fromTeamId === null)) problems.push(`person ${r.personId} had no ${r.fromStationId === null && r.toStationId !== null ? 'station' : 'team'} before this move to go back to`);
        else plan.push({ personId: r.personId, expected: now.assignmentId, toStationId: r.fromStationId, toTeamId: r.fromTeamId });
      }
      if (problems.length) throw conflict(`This move cannot be undone: ${problems.join('; ')}. Move them by hand.`, 'params/moveId');
      const outcome = await claim(campaignId, id, plan, hash, { reason: null, requestedById: input.requestedById ?? null, undoesId: original[0]!.id });
      if (outcome.kind === 'replay') return replay(outcome.rows, hash);
      if (outcome.kind === 'conflict') {
        await rollForward(outcome.stale);
        throw conflict(outcome.message, 'params/moveId');
      }
      return { result: resultOf(await carryOut(outcome.rows)), replay: false };
    },

    /** The person's phone saw the move: it is no longer pending. Acknowledging twice changes nothing. */
    async acknowledge(moveId: string, personId: number): Promise<Move> {
      const id = moveId.toLowerCase();
      const rows = await rowsOf(id);
      if (rows.length === 0) throw notFound(`Move ${id}`, 'params/moveId');
      const row = rows.find((r) => r.personId === personId);
      if (!row) throw badRequest('body/personId', `person ${personId} is not moved by move ${id}`);
      if (row.status !== 'pending') return toMove(row);
      const [updated] = await db
        .update(moves)
        .set({ status: 'acknowledged', acknowledgedAt: new Date() })
        .where(and(eq(moves.id, id), eq(moves.personId, personId), eq(moves.status, 'pending')))
        .returning();
      if (updated) {
        events.emit('acknowledged', updated.campaignId, personId);
        return toMove(updated);
      }
      const [now] = await db.select().from(moves).where(and(eq(moves.id, id), eq(moves.personId, personId)));
      return toMove(now!);
    },

    /** Moves of a campaign, oldest first; `createdAt` tells the console which pending ones are overdue. */
    async list(campaignId: number, query: MoveListQuery): Promise<Move[]> {
      await campaigns.row(campaignId);
      const filters: Array<SQL | undefined> = [
        eq(moves.campaignId, campaignId),
        query.status ? eq(moves.status, query.status) : undefined,
        query.personId ? eq(moves.personId, query.personId) : undefined,
      ];
      const rows = await db.select().from(moves).where(and(...filters)).orderBy(asc(moves.createdAt), asc(moves.id), asc(moves.personId)).limit(1000);
      return rows.map(toMove);
    },
  };
}
export type MovesService = ReturnType<typeof createMovesService>;
