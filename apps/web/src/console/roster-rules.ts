// What the console reads into a roster: who needs the coordinator's eye (an unacknowledged move, a
// quiet phone, an idle volunteer), filters, diacritic-free search, and the placements a move command
// must name. Pure functions of the pushed roster and the clock: tested without a browser.
import type { RosterPerson, RosterStation, RosterView } from '@xk/contract';
import { foldDiacritics } from '@xk/domain';

export interface ConsoleSettings {
  /** On duty with no action for this long: idle. */
  idleMinutes: number;
  /** A move not acknowledged within this: flagged for a call. */
  ackMinutes: number;
}
export const defaultSettings: ConsoleSettings = { idleMinutes: 30, ackMinutes: 5 };

const minutesSince = (iso: string | undefined, now: number) => (iso ? Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000)) : null);

/** What the console says about a person beyond their duty. */
export interface PersonFlags {
  /** Minutes since a move the phone has not acknowledged yet (null: none pending). */
  ackPendingMinutes: number | null;
  isAckOverdue: boolean;
  /** On duty and no action for longer than the setting: minutes since the last one (or the check-in). */
  idleMinutes: number | null;
  /**
   * On duty and the hub has heard nothing from the phone for as long: minutes. Then an idle-looking
   * volunteer may be busy offline — their queue says how much waits.
   */
  quietMinutes: number | null;
  /** Actions the phone still holds unsent. */
  unsent: number;
}

export function flagsOf(p: RosterPerson, now: number, settings: ConsoleSettings): PersonFlags {
  const ackPendingMinutes = p.pendingMove ? minutesSince(p.pendingMove.at, now) : null;
  const sinceAction = minutesSince(p.lastActionAt ?? p.checkedInAt, now);
  const sinceHeard = minutesSince(p.lastHeardAt, now);
  const onDuty = p.duty === 'on_duty';
  return {
    ackPendingMinutes,
    isAckOverdue: ackPendingMinutes !== null && ackPendingMinutes >= settings.ackMinutes,
    idleMinutes: onDuty && sinceAction !== null && sinceAction >= settings.idleMinutes ? sinceAction : null,
    quietMinutes: onDuty && (sinceHeard === null || sinceHeard >= settings.idleMinutes) ? sinceHeard : null,
    unsent: p.queueLength ?? 0,
  };
}

export const PersonFilters = ['all', 'on_duty', 'not_arrived', 'checked_out', 'idle', 'pending', 'unplaced'] as const;
export type PersonFilter = (typeof PersonFilters)[number];

export function matchesFilter(p: RosterPerson, flags: PersonFlags, filter: PersonFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'on_duty':
    case 'not_arrived':
    case 'checked_out':
      return p.duty === filter;
    case 'idle':
      return flags.idleMinutes !== null;
    case 'pending':
      return flags.ackPendingMinutes !== null;
    case 'unplaced':
      return p.stationId === undefined && p.teamId === undefined;
  }
}

/** Folded, with punctuation as spaces: " nguyen thanh anh" (a leading space, so a word's start is " " + word). */
const searchable = (text: string) => ` ${foldDiacritics(text.replace(/[^\p{L}\p{N}]+/gu, ' '))}`;

/**
 * What a coordinator may type to find someone, field by field: name, phone (as dialled too),
 * station, team, unit. Kept apart so "nguyen thanh anh" matches a name, not three scattered words.
 */
export function searchFields(p: RosterPerson, roster: RosterView, unitName: (id: number) => string | undefined): string[] {
  const local = p.phone.startsWith('+84') ? `0${p.phone.slice(3)}` : p.phone;
  const station = p.stationId !== undefined ? roster.stations[p.stationId]?.name : undefined;
  const team = p.teamId !== undefined ? roster.teams[p.teamId]?.name : undefined;
  return [p.name, `${p.phone} ${local}`, station, team, unitName(p.unitId)].filter((f): f is string => !!f).map(searchable);
}

/**
 * Every word of the query starts a word of one field, diacritics and case ignored, in any order
 * ("hoang hoa" and "hoa hoang" find "Hoằng Hóa"); digits may sit anywhere in a phone number.
 */
export function matchesQuery(fields: readonly string[], query: string): boolean {
  const words = foldDiacritics(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  return fields.some((field) => words.every((w) => field.includes(` ${w}`) || (/^\d+$/.test(w) && field.includes(w))));
}

/** People missing at a station now (0 when it has what it needs). */
export const shortfallOf = (s: RosterStation) => Math.max(0, s.peopleNeeded - s.onDutyNow);

/** Vietnamese names sort by the given name (the last word), then the whole name. */
const givenName = (name: string) => name.trim().split(/\s+/).pop() ?? name;
const collator = new Intl.Collator('vi', { sensitivity: 'base' });
export const byName = (a: { name: string }, b: { name: string }) => collator.compare(givenName(a.name), givenName(b.name)) || collator.compare(a.name, b.name);

/** Who needs attention first: an overdue acknowledgement, then idle or quiet on duty, then everyone by name. */
export function attentionRank(flags: PersonFlags): number {
  if (flags.isAckOverdue) return 0;
  if (flags.ackPendingMinutes !== null) return 1;
  if (flags.quietMinutes !== null || flags.idleMinutes !== null) return 2;
  return 3;
}

/**
 * The people a move of `personIds` takes along: each one's 1+1 partner too when asked (and in the
 * roster), in the order given, each once.
 */
export function withPartners(roster: RosterView, personIds: number[], isPairs: boolean): number[] {
  const out: number[] = [];
  for (const id of personIds) {
    if (!out.includes(id)) out.push(id);
    const partner = isPairs ? roster.people[id]?.partnerId : undefined;
    if (partner !== undefined && roster.people[partner] && !out.includes(partner)) out.push(partner);
  }
  return out;
}

/**
 * How fresh the phones of a station's or team's people are: the latest time the hub heard from one
 * of them (minutes ago; null: none ever), and what their phones still hold unsent. A quiet station
 * with 40 actions waiting is busy offline, not idle.
 */
export function freshnessOf(people: readonly RosterPerson[], now: number): { heardMinutes: number | null; unsent: number; phonesWaiting: number } {
  let latest = 0;
  let unsent = 0;
  let phonesWaiting = 0;
  for (const p of people) {
    if (p.lastHeardAt) latest = Math.max(latest, Date.parse(p.lastHeardAt));
    if (p.queueLength) {
      unsent += p.queueLength;
      phonesWaiting++;
    }
  }
  return { heardMinutes: latest ? Math.max(0, Math.floor((now - latest) / 60_000)) : null, unsent, phonesWaiting };
}

/** The people placed in a team (a whole team moved at once). */
export const membersOf = (roster: RosterView, teamId: number) =>
  Object.values(roster.people)
    .filter((p) => p.teamId === teamId)
    .map((p) => p.id);

/** The placements a move command names in `expected`: what the console shows now, so a move made meanwhile by someone else is refused. */
export const expectedOf = (roster: RosterView, personIds: number[]) => personIds.map((personId) => ({ personId, assignmentId: roster.people[personId]?.assignmentId ?? null }));

/** Where a person is placed, in words ("Chợ Cột Đèn · Đội hình IT Xanh"). */
export function placeOf(roster: RosterView, p: { stationId?: number | undefined; teamId?: number | undefined }): string {
  return [p.stationId !== undefined ? roster.stations[p.stationId]?.name : undefined, p.teamId !== undefined ? roster.teams[p.teamId]?.name : undefined].filter(Boolean).join(' · ');
}
