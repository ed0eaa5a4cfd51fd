import type { AggregateRow } from '../live/campaign-aggregates';
import type { RosterChange } from '../live/rosters';
import type { NamedKind } from '../live/service-changes';

/** What one hub tells its peers: every change that moves live aggregates, in the database's own terms. */
export type ClusterMessage =
  /** Rows committed to a campaign's log; `rows` null when too many to carry (peers read them from the database). */
  | { type: 'committed'; campaignId: number; seq: number; rows: AggregateRow[] | null }
  | { type: 'tree-changed' }
  | { type: 'targets-changed'; campaignId: number }
  | { type: 'shift-created'; campaignId: number; shiftId: number; endsAt: number }
  /** A person, station or team created or renamed: the name feed lines show. */
  | { type: 'named'; kind: NamedKind; id: number; name: string }
  /** What coordinators' rosters show changed outside the activity log (placements, acknowledgements, phone reports, stations, teams). */
  | { type: 'roster'; change: RosterChange };

/** A roster change's people beyond this many travel as "everyone" (peers read them all back). */
const maxRosterPeople = 1000;

/** Larger batches travel as their sequence number only: a stream entry stays under ~50 KB. */
export const maxRowsPerMessage = 500;

/** The last element, `receivedAt`, is missing in messages of hubs from before it was carried. */
type RowTuple = [number, string, string | null, number, number, number | null, number | null, number | null, string | null, string | null, string | null, number, number, number, number?];

const toTuple = (r: AggregateRow): RowTuple => [
  r.seq, r.kind, r.tally, r.personId, r.unitId, r.stationId, r.teamId, r.shiftId, r.serviceCode, r.beneficiary, r.sessionKind, r.quantity, r.attendance, r.countedAt.getTime(), (r.receivedAt ?? r.countedAt).getTime(),
];
const fromTuple = (t: RowTuple): AggregateRow => ({
  seq: t[0], kind: t[1], tally: t[2], personId: t[3], unitId: t[4], stationId: t[5], teamId: t[6], shiftId: t[7], serviceCode: t[8], beneficiary: t[9], sessionKind: t[10], quantity: t[11], attendance: t[12], countedAt: new Date(t[13]), receivedAt: new Date(t[14] ?? t[13]),
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
      case 'roster': {
        const c = m.change as Record<string, unknown> | null;
        if (typeof c !== 'object' || c === null || !(c.campaignId === null || id(c.campaignId))) return null;
        const people = c.people === 'all' ? 'all' : Array.isArray(c.people) && c.people.every(id) ? (c.people as number[]) : c.people === undefined ? undefined : null;
        if (people === null) return null;
        return { type: 'roster', change: { campaignId: c.campaignId as number | null, ...(people ? { people } : {}), places: c.places === true, moves: c.moves === true } };
      }
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
    case 'roster':
      return `r${message.change.campaignId ?? '*'}`;
  }
}

/** Merges a message into what already waits under its key. */
export function coalesce(waiting: ClusterMessage | undefined, message: ClusterMessage): ClusterMessage {
  if (message.type === 'roster') return waiting?.type === 'roster' ? { type: 'roster', change: mergeRosterChanges(waiting.change, message.change) } : message;
  if (message.type !== 'committed') return message;
  const seq = Math.max(message.seq, waiting?.type === 'committed' ? waiting.seq : 0);
  return { type: 'committed', campaignId: message.campaignId, seq, rows: null };
}

/** Two changes of one campaign's roster as one: the union of their people (everyone past a limit) and of what else changed. */
function mergeRosterChanges(a: RosterChange, b: RosterChange): RosterChange {
  const union = a.people === 'all' || b.people === 'all' ? 'all' : [...new Set([...(a.people ?? []), ...(b.people ?? [])])];
  const people = union !== 'all' && union.length > maxRosterPeople ? 'all' : union;
  return { campaignId: a.campaignId, people, places: !!(a.places || b.places), moves: !!(a.moves || b.moves) };
}
