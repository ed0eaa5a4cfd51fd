/**
 * The coordinator's live roster: who stands where in a unit's subtree, pushed over Socket.IO like
 * the totals (a snapshot, then JSON merge patches on `live:changed`), at most 4 times a second.
 *
 * Collections are records keyed by id, so a patch carries only the people, stations or moves that
 * changed. Absent optional fields mean "none" (a merge patch removes a key rather than sending null).
 * Times are ISO instants; what depends on the clock (idle for N minutes, an overdue acknowledgement)
 * is left to the screen, which has one.
 */

/**
 * Today's duty, by the rule the totals count with: `on_duty`, the latest check-in or check-out is a
 * check-in whose shift has not ended (without a shift: made today); `checked_out`, checked in today
 * but no longer on duty; `not_arrived`, no check-in today.
 */
export type DutyStatus = 'on_duty' | 'checked_out' | 'not_arrived';

export interface RosterPerson {
  id: number;
  name: string;
  /** Normalised (`+84…`): coordinators call people whose phone went quiet. */
  phone: string;
  /** The person's unit in the roster's subtree (the deepest of their memberships there). */
  unitId: number;
  /** The open placement in the campaign (what a move command names in `expected`). */
  assignmentId?: number;
  stationId?: number;
  teamId?: number;
  /** The 1+1 partner (a local cadre for home visits). */
  partnerId?: number;
  duty: DutyStatus;
  /** Where they last checked in (today). */
  dutyStationId?: number;
  checkedInAt?: string;
  /** Their latest entry, by the phone's (corrected) clock: a quiet phone and an idle volunteer look alike without the next two. */
  lastActionAt?: string;
  /** When the hub last heard from their phone (an entry or a queue report), by the hub's clock. */
  lastHeardAt?: string;
  /** Actions their phone still holds unsent, as it last reported. */
  queueLength?: number;
  /** Residents and shops helped today. */
  helpedToday: number;
  /** A move not acknowledged yet on the phone ("Đã nhận"). */
  pendingMove?: { id: string; at: string; toStationId?: number; toTeamId?: number };
}

export interface RosterStation {
  id: number;
  code: string;
  name: string;
  kind: string;
  unitId: number;
  lat?: number;
  lng?: number;
  /** People needed now: the running shift's figure, else the station's. */
  peopleNeeded: number;
  /** The shift running now. */
  shift?: { id: number; startsAt: string; endsAt: string };
  onDutyNow: number;
  residentsToday: number;
}

export interface RosterTeam {
  id: number;
  code: string;
  name: string;
  kind: string;
  unitId: number;
  onDutyNow: number;
}

/** One person of a move command. */
export interface RosterMovePerson {
  fromStationId?: number;
  fromTeamId?: number;
  acknowledged: boolean;
  /** The person is still where this move put them: undoing it would put them back. */
  isCurrent: boolean;
}

/** A move command (one person, a pair or a team), newest first by `at`. */
export interface RosterMove {
  id: string;
  at: string;
  /** Who asked for it ("An N."), absent for the coordination desk. */
  by?: string;
  byId?: number;
  toStationId?: number;
  toTeamId?: number;
  /** The move this one undid. */
  undoes?: string;
  people: Record<string, RosterMovePerson>;
}

export interface RosterView {
  campaignId: number;
  unitId: number;
  /** Today in the campaign's timezone, `YYYY-MM-DD`. */
  today: string;
  /** People of the subtree placed in the campaign, active in it, or volunteers of its units. */
  people: Record<string, RosterPerson>;
  /** The campaign's stations in the subtree. */
  stations: Record<string, RosterStation>;
  /** Teams of the subtree's units. */
  teams: Record<string, RosterTeam>;
  /** The latest move commands (up to 30) that moved people of the subtree. */
  moves: Record<string, RosterMove>;
}

export interface RosterSubscribe {
  campaignId: number;
  unitId: number;
}

export interface RosterSnapshot {
  room: string;
  seq: number;
  view: RosterView;
}
