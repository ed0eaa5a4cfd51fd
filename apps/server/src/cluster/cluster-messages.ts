import type { AggregateRow } from '../live/campaign-aggregates';
import type { NamedKind } from '../live/service-changes';

/** What one hub tells its peers: every change that moves live aggregates, in the database's own terms. */
export type ClusterMessage =
  /** Rows committed to a campaign's log; `rows` null when too many to carry (peers read them from the database). */
  | { type: 'committed'; campaignId: number; seq: number; rows: AggregateRow[] | null }
  | { type: 'tree-changed' }
  | { type: 'targets-changed'; campaignId: number }
  | { type: 'shift-created'; campaignId: number; shiftId: number; endsAt: number }
  /** A person, station or team created or renamed: the name feed lines show. */
  | { type: 'named'; kind: NamedKind; id: number; name: string };

/** Larger batches travel as their sequence number only: a stream entry stays under ~50 KB. */
export const maxRowsPerMessage = 500;

type RowTuple = [number, string, string | null, number, number, number | null, number | null, number | null, string | null, string | null, string | null, number, number, number];

const toTuple = (r: AggregateRow): RowTuple => [
  r.seq, r.kind, r.tally, r.personId, r.unitId, r.stationId, r.teamId, r.shiftId, r.serviceCode, r.beneficiary, r.sessionKind, r.quantity, r.attendance, r.countedAt.getTime(),
];
const fromTuple = (t: RowTuple): AggregateRow => ({
  seq: t[0], kind: t[1], tally: t[2], personId: t[3], unitId: t[4], stationId: t[5], teamId: t[6], shiftId: t[7], serviceCode: t[8], beneficiary: t[9], sessionKind: t[10], quantity: t[11], attendance: t[12], countedAt: new Date(t[13]),
});

/** JSON with rows as arrays: about a third of the size of objects. */
export function encodeMessage(message: ClusterMessage): string {
  if (message.type !== 'committed' || !message.rows) return JSON.stringify(message);
  return JSON.stringify({ ...message, rows: message.rows.map(toTuple) });
}

/** Decodes a peer's message; null for anything malformed (a newer or older hub version, say). */
export function decodeMessage(text: string): ClusterMessage | null {
  try {
    const m = JSON.parse(text) as { type?: string; rows?: RowTuple[] | null } & Record<string, unknown>;
    const id = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
    switch (m.type) {
      case 'committed':
        if (!id(m.campaignId) || !Number.isInteger(m.seq) || (m.rows !== null && !Array.isArray(m.rows))) return null;
        return { type: 'committed', campaignId: m.campaignId as number, seq: m.seq as number, rows: m.rows ? m.rows.map(fromTuple) : null };
      case 'tree-changed':
        return { type: 'tree-changed' };
      case 'targets-changed':
        return id(m.campaignId) ? { type: 'targets-changed', campaignId: m.campaignId as number } : null;
      case 'shift-created':
        return id(m.campaignId) && id(m.shiftId) && Number.isFinite(m.endsAt) ? { type: 'shift-created', campaignId: m.campaignId as number, shiftId: m.shiftId as number, endsAt: m.endsAt as number } : null;
      case 'named':
        return id(m.id) && typeof m.name === 'string' && (m.kind === 'person' || m.kind === 'station' || m.kind === 'team') ? { type: 'named', kind: m.kind, id: m.id as number, name: m.name } : null;
      default:
        return null;
    }
  } catch {
    return null;
  }
}

/**
 * The key under which a message waits while Redis is unreachable: later messages of one key
 * replace earlier ones (a campaign's commits collapse to its latest sequence number, which peers
 * catch up to from the database), so the outbox holds one entry per campaign, however long the outage.
 */
export function outboxKey(message: ClusterMessage): string {
  switch (message.type) {
    case 'committed':
      return `c${message.campaignId}`;
    case 'tree-changed':
      return 't';
    case 'targets-changed':
      return `g${message.campaignId}`;
    case 'shift-created':
      return `s${message.campaignId}:${message.shiftId}`;
    case 'named':
      return `n${message.kind}:${message.id}`;
  }
}

/** Merges a message into what already waits under its key. */
export function coalesce(waiting: ClusterMessage | undefined, message: ClusterMessage): ClusterMessage {
  if (message.type !== 'committed') return message;
  const seq = Math.max(message.seq, waiting?.type === 'committed' ? waiting.seq : 0);
  return { type: 'committed', campaignId: message.campaignId, seq, rows: null };
}
