import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { inArray } from 'drizzle-orm';
import { Type } from 'typebox';
import {
  ActivityBatchResultSchema,
  ActivityBatchSchema,
  ActivityItemSchema,
  ActivityListQuerySchema,
  ActivityRecordSchema,
  type ActivityResult,
  ActivityResultSchema,
  ErrorSchema,
  IdParamsSchema,
  PersonEntriesParamsSchema,
  PersonEntriesQuerySchema,
  PersonEntrySchema,
} from '@xk/contract';
import { schema } from '@xk/db';
import { type Access, seesUnit, unitLookups } from '../auth/access';
import { type Actor, scopesOf, unitPaths } from '../auth/scope';
import { forbidden } from '../errors';
import { errorReplies } from '../http-schemas';

const tags = ['activity'];
const statusOf = { accepted: 201, duplicate: 200, conflict: 409, rejected: 400 } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const outside = 'outside your units';

/** Fields of a raw item the checks read (anything may arrive: the service validates the rest). */
function fieldsOf(raw: unknown): { id: string | null; personId: number | undefined; correctsId: string | undefined } {
  const obj = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const id = typeof obj.id === 'string' && UUID.test(obj.id) ? obj.id.toLowerCase() : null;
  const personId = typeof obj.personId === 'number' && Number.isInteger(obj.personId) && obj.personId > 0 ? obj.personId : undefined;
  const correctsId = obj.kind === 'correction' && typeof obj.correctsId === 'string' && UUID.test(obj.correctsId) ? obj.correctsId.toLowerCase() : undefined;
  return { id, personId, correctsId };
}

/**
 * Anyone signed in records their own entries; entries for someone else (a coordinator entering a
 * paper tally, a correction of another's entry) need the coordinator role over one of that
 * person's units. Checked per item in the handlers.
 */
const write: Access = { role: 'volunteer', filtered: "per item: an entry for another person (or correcting another person's entry) needs coordinator over one of that person's units" };
/** The log: coordinators over the unit asked for (else the campaign's scope unit), integration tokens over theirs; a person their own entries. */
const list: Access = {
  role: 'coordinator',
  units: async (req, u) => {
    const unitId = (req.query as { unitId?: number }).unitId;
    return [unitId ?? (await u.campaign((req.params as { id: number }).id))];
  },
  self: (req) => (req.query as { personId?: number }).personId,
  screens: ['token'],
};

/**
 * The audit line of an entry that fixes the record by hand: a correction, or a back-fill from paper
 * (an entry with a reason). Null for the rest — taps, and the streams of entries a simulator or
 * another system writes for people, which would bury the audit log (the log itself keeps them).
 */
export function handWritten(raw: unknown): { action: string; detail: Record<string, unknown> } | null {
  const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const action = item.kind === 'correction' ? 'activity.correct' : typeof item.reason === 'string' && item.kind !== 'reassignment' ? 'activity.backfill' : null;
  if (!action) return null;
  const keep = ['id', 'kind', 'personId', 'stationId', 'teamId', 'serviceCode', 'beneficiary', 'sessionKind', 'quantity', 'attendance', 'correctsId', 'action', 'occurredAt', 'reason'];
  return { action, detail: Object.fromEntries(keep.filter((k) => item[k] !== undefined).map((k) => [k, item[k]])) };
}

/** A person's entries: a coordinator over one of the person's units, or the person. */
const entries: Access = {
  role: 'coordinator',
  units: (req, u) => u.person((req.params as { personId: number }).personId),
  self: (req) => (req.params as { personId: number }).personId,
};

export const activityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const activity = app.services.activity;
  const db = app.database.db;
  const lookups = unitLookups(db);

  /** Of these people, the ones the actor may NOT record entries for (themself always; others: coordinator over one of their units). */
  async function refused(actor: Actor, personIds: number[]): Promise<Set<number>> {
    const others = [...new Set(personIds.filter((id) => actor.kind !== 'person' || id !== actor.personId))];
    const scopes = scopesOf(actor, 'coordinator');
    if (actor.kind !== 'person' || scopes.length === 0) return new Set(others);
    if (others.length === 0 || scopes.includes(null)) return new Set();
    const unitsOf = await lookups.people(others);
    const paths = await unitPaths(db, [...unitsOf.values()].flat());
    const sees = (unitId: number) => {
      const path = paths.get(unitId);
      return path !== undefined && seesUnit(actor, 'coordinator', path);
    };
    return new Set(others.filter((id) => !(unitsOf.get(id) ?? []).some(sees)));
  }

  /** Audits the accepted entries written by hand (a failure is logged: the entries are stored and answered). */
  async function auditHandWritten(req: FastifyRequest, items: unknown[], results: ActivityResult[]) {
    const actor = req.actor!;
    for (const [i, item] of items.entries()) {
      const line = results[i]?.status === 'accepted' ? handWritten(item) : null;
      if (!line) continue;
      const campaignId = (item as { campaignId?: unknown }).campaignId;
      await app.auth
        .audit(actor, line.action, typeof campaignId === 'number' ? `campaign:${campaignId}` : null, line.detail, { ip: req.ip, userAgent: req.headers['user-agent'] })
        .catch((err: unknown) => req.log.error({ err }, 'auditing an entry failed'));
    }
  }

  /** Per item: null when the actor may write it, else the field that is refused. */
  async function checkItems(actor: Actor, items: unknown[]): Promise<Array<'personId' | 'correctsId' | null>> {
    const fields = items.map(fieldsOf);
    const correctsIds = [...new Set(fields.flatMap((f) => (f.correctsId ? [f.correctsId] : [])))];
    // A correction counts for the person of the entry it corrects: that person must be the actor's too.
    const corrected = correctsIds.length
      ? new Map((await db.select({ id: schema.activity.id, personId: schema.activity.personId }).from(schema.activity).where(inArray(schema.activity.id, correctsIds))).map((r) => [r.id, r.personId]))
      : new Map<string, number>();
    const no = await refused(actor, [...fields.flatMap((f) => (f.personId ? [f.personId] : [])), ...corrected.values()]);
    return fields.map((f) => {
      if (f.personId !== undefined && no.has(f.personId)) return 'personId';
      const target = f.correctsId ? corrected.get(f.correctsId) : undefined;
      if (target !== undefined && no.has(target)) return 'correctsId';
      return null;
    });
  }

  app.post(
    '/activity',
    {
      config: { access: write },
      schema: {
        tags,
        summary: "Record one entry. 201 accepted; 200 duplicate (a retry: the original result); 409 conflict (the id was used for another body); 400 rejected; 403 an entry for a person outside the caller's units.",
        body: ActivityItemSchema,
        response: { 200: ActivityResultSchema, 201: ActivityResultSchema, 409: Type.Intersect([ErrorSchema, Type.Object({ result: ActivityResultSchema })]), ...errorReplies(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const [no] = await checkItems(req.actor!, [req.body]);
      if (no) throw forbidden(`body/${no}: the entry is for a person ${outside}`);
      const [result] = await activity.write([req.body]);
      const r = result!;
      await auditHandWritten(req, [req.body], [r]);
      if (r.status === 'rejected') return reply.status(400).send({ error: 'validation', message: `body/${r.field} ${r.reason}`, field: `body/${r.field}` });
      if (r.status === 'conflict') return reply.status(409).send({ error: 'conflict', message: r.reason ?? 'id already used', field: 'body/id', result: r });
      return reply.status(statusOf[r.status]).send(r);
    },
  );

  app.post(
    '/activity/batch',
    {
      config: { access: write },
      schema: {
        tags,
        summary:
          "Record up to 500 entries (a phone syncing its queue). Each item gets its own result, in order; one bad item never fails the batch (an item for a person outside the caller's units is rejected on personId). `client`: the phone's queue length and last sync, kept as its phone status.",
        body: ActivityBatchSchema,
        response: { 200: ActivityBatchResultSchema, ...errorReplies(400, 401, 403) },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const { client, items } = req.body;
      // A phone reports its queue length and last sync with each sync: checked first (a bad report
      // fails the batch whole), kept after the write. Losing a report must not lose the results.
      if (client) {
        if ((await refused(actor, [client.personId])).size) throw forbidden(`body/client/personId: person ${client.personId} is ${outside}`);
        await app.services.phoneStatus.check(client);
      }
      const checks = await checkItems(actor, items);
      const results: ActivityResult[] = new Array(items.length);
      const allowed: number[] = [];
      checks.forEach((no, at) => {
        if (no) results[at] = { id: fieldsOf(items[at]).id, status: 'rejected', field: no, reason: outside };
        else allowed.push(at);
      });
      const written = allowed.length ? await activity.write(allowed.map((at) => items[at])) : [];
      allowed.forEach((at, i) => (results[at] = written[i]!));
      await auditHandWritten(req, items, results);
      if (client) await app.services.phoneStatus.record(client).catch((err: unknown) => req.log.error({ err }, 'recording the phone status failed'));
      return { results };
    },
  );

  app.get(
    '/campaigns/:id/people/:personId/entries',
    {
      config: { access: entries },
      schema: {
        tags,
        summary: "A person's countable entries (assistance, adoption, sessions), newest first, each with its value after corrections: what a coordinator voids or adjusts",
        params: PersonEntriesParamsSchema,
        querystring: PersonEntriesQuerySchema,
        response: { 200: Type.Array(PersonEntrySchema), ...errorReplies(400, 401, 403, 404) },
      },
    },
    (req) => activity.entriesOf(req.params.id, req.params.personId, req.query.limit),
  );

  app.get(
    '/campaigns/:id/activity',
    {
      config: { access: list },
      schema: { tags, summary: "The activity log in sequence order (afterSeq to catch up): a coordinator over unitId (else over the campaign's scope unit), or a person's own (personId)", params: IdParamsSchema, querystring: ActivityListQuerySchema, response: { 200: Type.Array(ActivityRecordSchema), ...errorReplies(400, 401, 403, 404) } },
    },
    (req) => activity.list(req.params.id, req.query),
  );
};
