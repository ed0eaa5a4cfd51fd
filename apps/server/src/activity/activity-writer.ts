import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '@xk/db';
import type { ActivityInput, ActivityResult } from '@xk/contract';
import { placePerson } from '../assignments/assignments-service';
import { loadReferences } from './activity-references';
import { insertActivityRows } from './activity-repository';
import { type ActivityInsert, toRow } from './activity-rows';


export interface WriteItem {
  index: number;
  input: ActivityInput;
  bodyHash: string;
}

export interface GroupOutcome {
  results: Map<number, ActivityResult>;
  /** Rows this transaction stored, in sequence order. */
  committed: ActivityInsert[];
  seq: number;
}

/** Another writer stored one of our ids between our check and our insert: the transaction is retried. */
class IdRaceError extends Error {}

/**
 * Rows per INSERT: on PGlite one statement is one uninterrupted stretch of the event loop. With
 * four foreign keys and five indexes a row costs ~0.1 ms there, so 100 rows hold the loop ~10 ms
 * (250 held it long enough to push the loop-delay p99 of batched ingest near 50 ms: `pnpm bench`).
 */
const insertChunk = 100;

/** Lets sockets, timers and HTTP run between two statements (PGlite would otherwise hold the loop). */
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes one campaign's entries in one short transaction. The campaign row is locked first, so
 * writers of one campaign take turns: the existence check of the ids is exact, and the sequence
 * numbers handed out follow commit order with no gaps.
 */
export async function writeCampaignGroup(db: Db, campaignId: number, items: WriteItem[]): Promise<GroupOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => writeOnce(tx as unknown as Db, campaignId, items));
    } catch (err) {
      if (!(err instanceof IdRaceError) || attempt >= 3) throw err;
    }
  }
}

async function writeOnce(tx: Db, campaignId: number, items: WriteItem[]): Promise<GroupOutcome> {
  const results = new Map<number, ActivityResult>();
  const [campaign] = await queryRows<{ seq: string | number; scope_unit_id: number }>(
    tx,
    // NO KEY UPDATE: writers of one campaign take turns, yet rows that merely reference the campaign
    // (stations, assignments: their foreign-key checks take KEY SHARE) are not held up, nor deadlock.
    sql`select seq, scope_unit_id from campaigns where id = ${campaignId} for no key update`,
  );
  if (!campaign) {
    for (const item of items) results.set(item.index, { id: item.input.id, status: 'rejected', field: 'campaignId', reason: `campaign ${campaignId} does not exist` });
    return { results, committed: [], seq: 0 };
  }

  const now = new Date();
  const ids = [...new Set(items.map((i) => i.input.id))];
  await yieldToLoop();
  const refs = await loadReferences(tx, campaignId, campaign.scope_unit_id, items.map((i) => i.input), ids);
  const known = refs.stored;
  let seq = Number(campaign.seq);
  const committed: ActivityInsert[] = [];

  for (const item of items) {
    const { id } = item.input;
    const earlier = known.get(id);
    if (earlier) {
      const receivedAt = earlier.receivedAt.toISOString();
      results.set(
        item.index,
        earlier.bodyHash === item.bodyHash
          ? { id, status: 'duplicate', seq: earlier.seq, receivedAt }
          : { id, status: 'conflict', seq: earlier.seq, receivedAt, field: 'id', reason: 'this id was already used for a different entry; the first one is kept' },
      );
      continue;
    }
    const row = toRow(item.input, item.bodyHash, refs, now);
    if (!('id' in row)) {
      results.set(item.index, { id, status: 'rejected', field: row.field, reason: row.reason });
      continue;
    }
    row.seq = ++seq;
    committed.push(row);
    known.set(id, { bodyHash: item.bodyHash, seq: row.seq, receivedAt: now });
    if (row.tally && row.kind !== 'correction') {
      // A later item of the same batch may correct this one.
      refs.corrected.set(id, {
        id, campaignId, kind: row.kind, tally: row.tally, personId: row.personId, unitId: row.unitId,
        stationId: row.stationId ?? null, teamId: row.teamId ?? null, serviceCode: row.serviceCode ?? null,
        beneficiary: row.beneficiary ?? null, sessionKind: row.sessionKind ?? null, countedAt: row.countedAt as Date,
        quantity: row.quantity ?? 0, attendance: row.attendance ?? 0,
      });
    }
    results.set(item.index, { id, status: 'accepted', seq: row.seq, receivedAt: now.toISOString() });
  }

  for (let i = 0; i < committed.length; i += insertChunk) {
    await yieldToLoop();
    const chunk = committed.slice(i, i + insertChunk);
    const isLast = i + insertChunk >= committed.length;
    const inserted = await insertActivityRows(tx, chunk, isLast ? { campaignId, seq } : undefined);
    // Only a writer of another campaign can slip the same id in (ours are serialised by the lock).
    if (inserted.length !== chunk.length) throw new IdRaceError();
  }
  if (committed.length) {
    for (const row of committed) {
      if (row.kind === 'reassignment') {
        await placePerson(tx, campaignId, { personId: row.personId, ...(row.toStationId ? { stationId: row.toStationId } : {}), ...(row.toTeamId ? { teamId: row.toTeamId } : {}) }, row.occurredAt as Date);
      }
    }
  }
  return { results, committed, seq };
}
