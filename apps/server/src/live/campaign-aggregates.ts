import type { DutyStatus, FeedItem, LiveScope, LiveView, Target } from '@xk/contract';
import { adoptionShare, countTargetProgress, localDayBounds, progressOf, type TargetFigures, targetActual } from '@xk/domain';
import { bump, sumValues, Tally } from './tally';

/** The fields of an activity row the aggregates read: the same from the database and from a commit. */
export interface AggregateRow {
  seq: number;
  kind: string;
  tally: string | null;
  personId: number;
  unitId: number;
  stationId: number | null;
  teamId: number | null;
  shiftId: number | null;
  serviceCode: string | null;
  beneficiary: string | null;
  sessionKind: string | null;
  quantity: number;
  attendance: number;
  countedAt: Date;
  /** When the hub stored it (absent in messages of older hubs: `countedAt` stands in). */
  receivedAt?: Date;
}

export interface UnitInfo {
  id: number;
  code: string;
  name: string;
  parentId: number | null;
  successorId: number | null;
  path: string;
  memberCount: number;
}

/** Everything the aggregates know besides the activity log, loaded when they are built. */
export interface AggregateContext {
  campaignId: number;
  timezone: string;
  scopeUnitId: number;
  units: UnitInfo[];
  targets: Target[];
  stations: Map<number, string>;
  teams: Map<number, string>;
  shiftEnds: Map<number, number>;
  people: Map<number, string>;
}

interface Duty {
  isCheckIn: boolean;
  stationId: number | null;
  countedAt: number;
  seq: number;
  scopes: Tally[];
  keys: string[];
  shiftEnd: number | null;
  counted: boolean;
}

interface FeedEntry {
  item: FeedItem;
  path: string;
  stationId: number | null;
  teamId: number | null;
  personId: number;
}

const feedLimit = 200;
const feedKinds = new Set(['check_in', 'assistance', 'adoption', 'session', 'reassignment']);
/** Entries that are the person's own doing on their phone (a correction or a move is someone else's). */
const ownKinds = new Set(['check_in', 'check_out', 'assistance', 'adoption', 'session']);

/** A person's duty today, as a roster shows it. */
export interface PersonDuty {
  status: DutyStatus;
  stationId: number | null;
  checkedInAt: number | null;
}

/** "Nguyễn Văn An" → "An N.": enough for a feed line, not enough to find the person. */
export function shortName(full: string | undefined): string {
  const words = (full ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return 'Tình nguyện viên';
  if (words.length === 1) return words[0]!;
  return `${words[words.length - 1]} ${words[0]![0]}.`;
}

export const scopeKey = (scope: LiveScope) => `${scope.kind[0]}${scope.id}`;

/**
 * A campaign's live totals, kept in memory and updated row by row as writes commit: rolled up
 * every level of the unit tree (a merged unit sits under its successor), per station, team and
 * person, with people on duty, 10-minute buckets for today and the recent feed. Built by applying
 * the stored log through the same `apply` the commits use, so the two can never disagree.
 */
export class CampaignAggregates {
  appliedSeq = 0;
  private readonly byScope = new Map<string, Tally>();
  private readonly units = new Map<number, UnitInfo & { ancestors: number[] }>();
  private readonly children = new Map<number, number[]>();
  private readonly members = new Map<number, number>();
  private targets = new Map<number, Target[]>();
  private readonly duty = new Map<number, Duty>();
  private readonly feed: FeedEntry[] = [];
  /** Per person: their latest own entry (device time) and when the hub last stored one of theirs. */
  private readonly lastSeen = new Map<number, { actionAt: number; heardAt: number }>();
  private day: { day: string; start: number; end: number };
  /** Units whose rows arrived before the tree knew them: the owner rebuilds. */
  unknownUnits = 0;

  constructor(readonly context: AggregateContext, now = Date.now()) {
    this.day = localDayBounds(now, context.timezone);
    for (const u of context.units) {
      const ancestors = u.path.split('/').filter(Boolean).map(Number);
      this.units.set(u.id, { ...u, ancestors });
      if (u.successorId === null) {
        for (const a of ancestors) this.members.set(a, (this.members.get(a) ?? 0) + u.memberCount);
        if (u.parentId !== null) {
          const list = this.children.get(u.parentId) ?? [];
          list.push(u.id);
          this.children.set(u.parentId, list);
        }
      }
    }
    this.setTargets(context.targets);
  }

  get today() {
    return this.day.day;
  }
  /** Whether local midnight has passed since the aggregates were built (they are rebuilt then). */
  isStale(now = Date.now()) {
    return now >= this.day.end;
  }

  setTargets(targets: Target[]) {
    this.targets = new Map();
    for (const t of targets) {
      const list = this.targets.get(t.unitId) ?? [];
      list.push(t);
      this.targets.set(t.unitId, list);
    }
  }

  private tally(key: string): Tally {
    let t = this.byScope.get(key);
    if (!t) this.byScope.set(key, (t = new Tally()));
    return t;
  }

  /** The scopes a row counts in, as keys: every unit up its path, its station, team and person. */
  private scopeKeys(row: AggregateRow): string[] {
    const unit = this.units.get(row.unitId);
    if (!unit) this.unknownUnits++;
    const keys = (unit?.ancestors ?? [row.unitId]).map((id) => `u${id}`);
    if (row.stationId !== null) keys.push(`s${row.stationId}`);
    if (row.teamId !== null) keys.push(`t${row.teamId}`);
    keys.push(`p${row.personId}`);
    return keys;
  }

  /** Applies rows in sequence order; returns the scope keys that changed. Rows already applied are skipped. */
  apply(rows: AggregateRow[], now = Date.now()): Set<string> {
    const changed = new Set<string>();
    for (const row of rows) {
      if (row.seq <= this.appliedSeq) continue;
      this.appliedSeq = row.seq;
      const keys = this.scopeKeys(row);
      if (row.tally) this.applyTally(row, keys);
      else if (row.kind === 'check_in' || row.kind === 'check_out') this.applyCheck(row, keys, now, changed);
      for (const k of keys) changed.add(k);
      if (ownKinds.has(row.kind)) this.noteSeen(row);
      this.addFeed(row);
    }
    return changed;
  }

  private applyTally(row: AggregateRow, keys: string[]) {
    const t = row.countedAt.getTime();
    const isToday = t >= this.day.start && t < this.day.end;
    for (const key of keys) {
      const s = this.tally(key);
      if (row.tally === 'assistance' && row.serviceCode) {
        const isShop = row.beneficiary === 'shop';
        bump(isShop ? s.shops : s.residents, row.serviceCode, row.quantity);
        if (isToday) {
          if (isShop) s.shopsToday += row.quantity;
          else {
            s.residentsToday += row.quantity;
            s.buckets[Math.floor((t - this.day.start) / 600_000)]! += row.quantity;
          }
        }
      } else if (row.tally === 'session') {
        const target = row.sessionKind === 'training' ? s.training : s.outreach;
        target.count += row.quantity;
        target.attendance += row.attendance;
      } else if (row.tally === 'adoption' && row.serviceCode) {
        bump(s.adopters, row.serviceCode, row.quantity);
      }
    }
  }

  private isOnDuty(d: Duty, now: number): boolean {
    if (!d.isCheckIn) return false;
    return d.shiftEnd !== null ? d.shiftEnd > now : d.countedAt >= this.day.start && d.countedAt < this.day.end;
  }

  private applyCheck(row: AggregateRow, keys: string[], now: number, changed: Set<string>) {
    const countedAt = row.countedAt.getTime();
    const scopes = keys.map((k) => this.tally(k));
    if (row.kind === 'check_in' && countedAt >= this.day.start && countedAt < this.day.end) for (const s of scopes) s.checkedInToday.add(row.personId);
    // The latest check-in or check-out by device time (then by sequence) decides; an older one sent late changes nothing.
    const current = this.duty.get(row.personId);
    if (current && (current.countedAt > countedAt || (current.countedAt === countedAt && current.seq > row.seq))) return;
    if (current?.counted) {
      for (const s of current.scopes) s.onDutyNow--;
      for (const k of current.keys) changed.add(k);
    }
    const shiftEnd = row.kind === 'check_in' && row.shiftId !== null ? (this.context.shiftEnds.get(row.shiftId) ?? null) : null;
    // A check-out names no station: it keeps the one checked out of, for a roster to say where they were.
    const stationId = row.stationId ?? (row.kind === 'check_out' ? (current?.stationId ?? null) : null);
    const next: Duty = { isCheckIn: row.kind === 'check_in', stationId, countedAt, seq: row.seq, scopes, keys, shiftEnd, counted: false };
    next.counted = this.isOnDuty(next, now);
    if (next.counted) for (const s of scopes) s.onDutyNow++;
    this.duty.set(row.personId, next);
  }

  private noteSeen(row: AggregateRow) {
    const actionAt = row.countedAt.getTime();
    const heardAt = (row.receivedAt ?? row.countedAt).getTime();
    const seen = this.lastSeen.get(row.personId);
    if (!seen) this.lastSeen.set(row.personId, { actionAt, heardAt });
    else {
      seen.actionAt = Math.max(seen.actionAt, actionAt);
      seen.heardAt = Math.max(seen.heardAt, heardAt);
    }
  }

  /** Everyone with an entry of their own in the campaign. */
  activePeople(): IterableIterator<number> {
    return this.lastSeen.keys();
  }

  /** A person's latest own entry (device time) and when the hub last stored one (hub time), epoch ms. */
  lastSeenOf(personId: number): { actionAt: number; heardAt: number } | undefined {
    return this.lastSeen.get(personId);
  }

  /** Today's duty of a person: on duty now, checked in today and gone, or not arrived. */
  dutyOf(personId: number): PersonDuty {
    const d = this.duty.get(personId);
    const checkedInToday = this.byScope.get(`p${personId}`)?.checkedInToday.has(personId) ?? false;
    const checkedInAt = d?.isCheckIn && d.countedAt >= this.day.start && d.countedAt < this.day.end ? d.countedAt : null;
    const status: DutyStatus = d?.counted ? 'on_duty' : checkedInToday ? 'checked_out' : 'not_arrived';
    return { status, stationId: d && status !== 'not_arrived' ? d.stationId : null, checkedInAt: d?.counted ? d.countedAt : checkedInAt };
  }

  /** The few figures a roster shows of a scope (station, team, person) without building its whole view. */
  countsOf(scope: LiveScope): { onDutyNow: number; helpedToday: number; residentsToday: number } {
    const t = this.byScope.get(scopeKey(scope));
    return { onDutyNow: t?.onDutyNow ?? 0, helpedToday: (t?.residentsToday ?? 0) + (t?.shopsToday ?? 0), residentsToday: t?.residentsToday ?? 0 };
  }

  /** A unit's path (`/1/5/`), if the tree knows it. */
  pathOf(unitId: number): string | undefined {
    return this.units.get(unitId)?.path;
  }

  /** Ends duties whose shift ended since; returns the scope keys that changed. */
  sweep(now = Date.now()): Set<string> {
    const changed = new Set<string>();
    for (const d of this.duty.values()) {
      if (d.counted && !this.isOnDuty(d, now)) {
        d.counted = false;
        for (const s of d.scopes) s.onDutyNow--;
        for (const k of d.keys) changed.add(k);
      }
    }
    return changed;
  }

  private addFeed(row: AggregateRow) {
    if (!feedKinds.has(row.kind) || (row.tally && row.quantity <= 0)) return;
    const unit = this.units.get(row.unitId);
    this.feed.push({
      item: {
        seq: row.seq,
        at: row.countedAt.toISOString(),
        kind: row.kind as FeedItem['kind'],
        person: shortName(this.context.people.get(row.personId)),
        unitId: row.unitId,
        unitName: unit?.name ?? '',
        stationName: row.stationId !== null ? (this.context.stations.get(row.stationId) ?? null) : null,
        teamName: row.teamId !== null ? (this.context.teams.get(row.teamId) ?? null) : null,
        serviceCode: row.serviceCode,
        beneficiary: row.beneficiary,
        sessionKind: row.sessionKind,
        quantity: row.quantity,
        attendance: row.attendance,
      },
      path: unit?.path ?? '',
      stationId: row.stationId,
      teamId: row.teamId,
      personId: row.personId,
    });
    if (this.feed.length > feedLimit * 2) this.feed.splice(0, this.feed.length - feedLimit);
  }

  /** Feed lines of the scope with a sequence number above `afterSeq`, newest first. */
  feedFor(scope: LiveScope, afterSeq = 0, limit = 30): FeedItem[] {
    const out: FeedItem[] = [];
    const unitPath = scope.kind === 'unit' ? this.units.get(scope.id)?.path : undefined;
    for (let i = this.feed.length - 1; i >= 0 && out.length < limit; i--) {
      const e = this.feed[i]!;
      if (e.item.seq <= afterSeq) break;
      const matches =
        scope.kind === 'unit' ? unitPath !== undefined && e.path.startsWith(unitPath)
        : scope.kind === 'station' ? e.stationId === scope.id
        : scope.kind === 'team' ? e.teamId === scope.id
        : e.personId === scope.id;
      if (matches) out.push(e.item);
    }
    return out;
  }

  hasUnit(id: number) {
    return this.units.has(id);
  }

  /** What a scope has counted, in the shape target progress needs. */
  private figuresOf(t: Tally, members: number): TargetFigures {
    return {
      residents: { total: sumValues(t.residents), byService: Object.fromEntries(t.residents) },
      shops: { total: sumValues(t.shops), byService: Object.fromEntries(t.shops) },
      adopters: Object.fromEntries(t.adopters),
      members,
      sessions: t.outreach.count + t.training.count,
      attendance: t.outreach.attendance + t.training.attendance,
    };
  }

  view(scope: LiveScope): LiveView {
    const t = this.byScope.get(scopeKey(scope)) ?? new Tally();
    const members = scope.kind === 'unit' ? (this.members.get(scope.id) ?? 0) : 0;
    const residents = { total: sumValues(t.residents), today: t.residentsToday, byService: Object.fromEntries(t.residents) };
    const shops = { total: sumValues(t.shops), today: t.shopsToday, byService: Object.fromEntries(t.shops) };
    const adoption = Object.fromEntries([...t.adopters].map(([code, n]) => [code, { adopters: n, share: adoptionShare(n, members) }]));
    const figures = this.figuresOf(t, members);
    const targets = scope.kind === 'unit'
      ? (this.targets.get(scope.id) ?? [])
          .map((x) => {
            const actual = targetActual(x.kind, x.serviceCode, figures);
            return { kind: x.kind, serviceCode: x.serviceCode, target: x.value, actual, progress: progressOf(actual, x.value) };
          })
          .sort((a, b) => a.kind.localeCompare(b.kind) || a.serviceCode.localeCompare(b.serviceCode))
      : [];
    const children = scope.kind === 'unit'
      ? (this.children.get(scope.id) ?? []).map((id) => {
          const u = this.units.get(id)!;
          const c = this.byScope.get(`u${id}`) ?? new Tally();
          const own = this.targets.get(id);
          return {
            unitId: id,
            code: u.code,
            name: u.name,
            residents: sumValues(c.residents),
            shops: sumValues(c.shops),
            onDutyNow: c.onDutyNow,
            targetProgress: own ? countTargetProgress(own, this.figuresOf(c, this.members.get(id) ?? 0)) : null,
          };
        }).sort((a, b) => a.name.localeCompare(b.name) || a.unitId - b.unitId)
      : [];
    return {
      campaignId: this.context.campaignId,
      scope: { kind: scope.kind, id: scope.id },
      today: this.day.day,
      residents,
      shops,
      sessions: { outreach: { ...t.outreach }, training: { ...t.training } },
      adoption: { members, byService: adoption },
      volunteers: { onDutyNow: t.onDutyNow, checkedInToday: t.checkedInToday.size },
      buckets: [...t.buckets],
      targets,
      children,
    };
  }
}
