import type { RosterMove, RosterPerson, RosterStation, RosterTeam, RosterView } from '@xk/contract';
import type { CampaignAggregates } from './campaign-aggregates';
import { shortName } from './campaign-aggregates';
import type { RosterMoveRecord, RosterPersonRecord, RosterPlaces } from './roster-loader';

/** Move commands a roster view carries. */
const movesShown = 30;

const iso = (ms: number | Date) => new Date(ms).toISOString();
/** `{ key: value }` when the value is there, `{}` when not: a merge patch has no nulls. */
const some = <K extends string, V>(key: K, value: V | null | undefined): { [P in K]?: V } => (value === null || value === undefined ? {} : ({ [key]: value } as { [P in K]: V }));

/**
 * A campaign's roster: who is placed where, pending moves, phone reports, the stations, shifts and
 * teams, and the latest moves, as loaded from the database and reloaded in part when they change.
 * A view of a unit's subtree joins them with the live aggregates (duty, last entries, counts), so
 * the roster and the boards read the same figures.
 */
export class CampaignRoster {
  readonly people = new Map<number, RosterPersonRecord>();
  places: RosterPlaces = { stations: [], shifts: [], teams: [] };
  moves: RosterMoveRecord[] = [];

  constructor(
    readonly campaignId: number,
    readonly scopePath: string,
  ) {}

  /**
   * Replaces what is known of these people (`all`: of everyone; those not given are dropped). A
   * phone report applied here since the read began is newer than the read: it is kept.
   */
  setPeople(records: RosterPersonRecord[], all: boolean) {
    const before = all ? new Map(this.people) : this.people;
    if (all) this.people.clear();
    for (const r of records) {
      const kept = before.get(r.id)?.phoneStatus;
      if (kept && (!r.phoneStatus || kept.lastSeenAt > r.phoneStatus.lastSeenAt)) r.phoneStatus = kept;
      this.people.set(r.id, r);
    }
  }

  /** A unit's subtree, or null when the aggregates do not know the unit. */
  view(unitId: number, aggregates: CampaignAggregates, now = Date.now()): RosterView | null {
    const path = aggregates.pathOf(unitId);
    if (path === undefined) return null;
    const inside = (id: number) => aggregates.pathOf(id)?.startsWith(path) ?? false;

    const people: Record<string, RosterPerson> = {};
    for (const p of this.people.values()) {
      const unit = this.unitIn(p, path, aggregates);
      if (unit !== undefined) people[p.id] = this.person(p, unit, aggregates);
    }

    const stations: Record<string, RosterStation> = {};
    for (const s of this.places.stations) {
      if (!inside(s.unitId)) continue;
      const shift = this.places.shifts
        .filter((x) => x.stationId === s.id && x.startsAt.getTime() <= now && x.endsAt.getTime() > now)
        .sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime())[0];
      const counts = aggregates.countsOf({ kind: 'station', id: s.id });
      stations[s.id] = {
        id: s.id,
        code: s.code,
        name: s.name,
        kind: s.kind,
        unitId: s.unitId,
        ...some('lat', s.lat),
        ...some('lng', s.lng),
        peopleNeeded: shift?.peopleNeeded ?? s.peopleNeeded,
        ...some('shift', shift && { id: shift.id, startsAt: iso(shift.startsAt), endsAt: iso(shift.endsAt) }),
        onDutyNow: counts.onDutyNow,
        residentsToday: counts.residentsToday,
      };
    }

    const teams: Record<string, RosterTeam> = {};
    for (const t of this.places.teams) {
      if (inside(t.unitId)) teams[t.id] = { id: t.id, code: t.code, name: t.name, kind: t.kind, unitId: t.unitId, onDutyNow: aggregates.countsOf({ kind: 'team', id: t.id }).onDutyNow };
    }

    return { campaignId: this.campaignId, unitId, today: aggregates.today, people, stations, teams, moves: this.movesOf(people) };
  }

  /** The deepest of the person's units inside the subtree at `path`. */
  private unitIn(p: RosterPersonRecord, path: string, aggregates: CampaignAggregates): number | undefined {
    let found: number | undefined;
    let depth = -1;
    for (const id of p.unitIds) {
      const unitPath = aggregates.pathOf(id);
      if (unitPath?.startsWith(path) && unitPath.length > depth) {
        found = id;
        depth = unitPath.length;
      }
    }
    return found;
  }

  private person(p: RosterPersonRecord, unitId: number, aggregates: CampaignAggregates): RosterPerson {
    const duty = aggregates.dutyOf(p.id);
    const seen = aggregates.lastSeenOf(p.id);
    const heard = Math.max(seen?.heardAt ?? 0, p.phoneStatus?.lastSeenAt.getTime() ?? 0);
    const move = p.pendingMove;
    return {
      id: p.id,
      name: p.name,
      phone: p.phone,
      unitId,
      ...some('assignmentId', p.assignment?.id),
      ...some('stationId', p.assignment?.stationId),
      ...some('teamId', p.assignment?.teamId),
      ...some('partnerId', p.assignment?.partnerId),
      duty: duty.status,
      ...some('dutyStationId', duty.stationId),
      ...some('checkedInAt', duty.checkedInAt === null ? null : iso(duty.checkedInAt)),
      ...some('lastActionAt', seen && iso(seen.actionAt)),
      ...some('lastHeardAt', heard > 0 ? iso(heard) : null),
      ...some('queueLength', p.phoneStatus?.queueLength),
      helpedToday: aggregates.countsOf({ kind: 'person', id: p.id }).helpedToday,
      ...some('pendingMove', move && { id: move.id, at: iso(move.at), ...some('toStationId', move.toStationId), ...some('toTeamId', move.toTeamId) }),
    };
  }

  /** The newest move commands that moved someone of the view, with only those people. */
  private movesOf(people: Record<string, RosterPerson>): Record<string, RosterMove> {
    const commands = new Map<string, RosterMove>();
    for (const m of this.moves) {
      if (!people[m.personId]) continue;
      let move = commands.get(m.id);
      if (!move) {
        move = {
          id: m.id,
          at: iso(m.at),
          ...some('by', m.requestedBy === null ? null : shortName(m.requestedBy)),
          ...some('byId', m.requestedById),
          ...some('toStationId', m.toStationId),
          ...some('toTeamId', m.toTeamId),
          ...some('undoes', m.undoesId),
          people: {},
        };
        commands.set(m.id, move);
      }
      move.people[m.personId] = { ...some('fromStationId', m.fromStationId), ...some('fromTeamId', m.fromTeamId), acknowledged: m.acknowledged, isCurrent: m.isCurrent };
    }
    const newest = [...commands.values()].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id)).slice(0, movesShown);
    return Object.fromEntries(newest.map((m) => [m.id, m]));
  }
}
