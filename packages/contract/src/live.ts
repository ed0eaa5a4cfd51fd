import type { ErrorCode } from './errors';
import type { RosterSnapshot, RosterSubscribe } from './roster';
import type { TargetProgress } from './totals';

/**
 * The live event contract shared by server and web. Commands are present tense
 * (`live:subscribe`), broadcasts past tense; acks are `{ data } | { error }`.
 *
 * A client subscribes to one scope of a campaign and gets a snapshot carrying a sequence number,
 * then deltas: JSON merge patches (RFC 7386) of the view, each naming the sequence number of the
 * message before it (`prevSeq`). A delta whose `prevSeq` is not the client's current `seq` means a
 * message was missed: the client subscribes again for a fresh snapshot, never adding twice.
 */

/** board: boards and consoles, flushed at most 10 times a second; phone: at most once a second. */
export type LiveTier = 'board' | 'phone';
export const LiveTiers: readonly LiveTier[] = ['board', 'phone'];
export type LiveScopeKind = 'unit' | 'station' | 'team' | 'person';
export interface LiveScope {
  kind: LiveScopeKind;
  id: number;
}

export interface LiveCounts {
  total: number;
  today: number;
  byService: Record<string, number>;
}

export interface LiveView {
  campaignId: number;
  scope: LiveScope;
  /** Today in the campaign's timezone, `YYYY-MM-DD`. */
  today: string;
  residents: LiveCounts;
  shops: LiveCounts;
  sessions: { outreach: { count: number; attendance: number }; training: { count: number; attendance: number } };
  /** Adoption by the scope's own members (unit scopes; members is 0 elsewhere). */
  adoption: { members: number; byService: Record<string, { adopters: number; share: number }> };
  volunteers: { onDutyNow: number; checkedInToday: number };
  /** Residents helped per 10 minutes today: 144 buckets from local midnight. */
  buckets: number[];
  /** Unit scopes: progress against the unit's own targets. */
  targets: TargetProgress[];
  /**
   * Unit scopes: the active child units, rolled up; with progress against the child's own count
   * targets (null when it has none), for a board's leaderboards.
   */
  children: Array<{
    unitId: number;
    code: string;
    name: string;
    residents: number;
    shops: number;
    onDutyNow: number;
    targetProgress: { target: number; actual: number; progress: number } | null;
  }>;
}

/** One line of the activity feed: no resident data, the volunteer's name shortened. */
export interface FeedItem {
  seq: number;
  at: string;
  kind: 'check_in' | 'check_out' | 'assistance' | 'adoption' | 'session' | 'reassignment';
  person: string;
  unitId: number;
  unitName: string;
  stationName: string | null;
  teamName: string | null;
  serviceCode: string | null;
  beneficiary: string | null;
  sessionKind: string | null;
  quantity: number;
  attendance: number;
}

export interface LiveSubscribe {
  campaignId: number;
  scope: LiveScope;
  tier?: LiveTier;
}

export interface LiveSnapshot {
  room: string;
  seq: number;
  view: LiveView;
  /** The most recent feed lines of the scope, newest first. */
  feed: FeedItem[];
}

export interface LiveDelta {
  room: string;
  seq: number;
  prevSeq: number;
  /** JSON merge patch of the view (null removes a key; arrays are replaced whole). */
  patch: Record<string, unknown>;
  /** New feed lines since the previous message, newest first. */
  feed: FeedItem[];
}

export type Ack<T> = { data: T } | { error: ErrorCode; message: string; field?: string };

export interface ServerToClientEvents {
  'live:changed': (delta: LiveDelta) => void;
  'move:requested': (move: MoveNotice) => void;
  'message:posted': (message: MessageNotice) => void;
}

export interface ClientToServerEvents {
  'live:subscribe': (request: LiveSubscribe, ack: (result: Ack<LiveSnapshot>) => void) => void;
  /** A coordinator's roster of a unit's subtree (roster.ts); its deltas come as `live:changed` too. */
  'roster:subscribe': (request: RosterSubscribe, ack: (result: Ack<RosterSnapshot>) => void) => void;
  'live:unsubscribe': (request: { room: string }, ack?: (result: Ack<true>) => void) => void;
}

/** A coordinator moved the person: pending until the phone acknowledges it. */
export interface MoveNotice {
  id: string;
  campaignId: number;
  personId: number;
  toStationId: number | null;
  toTeamId: number | null;
  reason: string | null;
  at: string;
}

export interface MessageNotice {
  id: string;
  campaignId: number;
  audience: { kind: 'team' | 'station' | 'on_duty'; id: number | null };
  body: string;
  from: string;
  at: string;
}
