import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { type Db, schema } from '@xk/db';
import type { Beneficiaries, Campaign, PhoneCampaign, PhonePlacement, PhoneServiceItem, PhoneStation, PhoneToday } from '@xk/contract';
import { type Actor, unitPaths } from '../auth/scope';
import { seesUnit } from '../auth/access';
import { notFound } from '../errors';
import { shortName } from '../live/campaign-aggregates';
import type { Services } from '../services';

const { assignments, people, shifts, stations, targets, teams, units } = schema;

type Person = Extract<Actor, { kind: 'person' }>;
type Beneficiary = (typeof Beneficiaries)[number];

/** Services people help shops with as well as residents (the "1,000 shops on cashless payment" targets). */
const shopServices = new Set(['cashless_payment', 'ecommerce_listing']);

/** How many of the newest messages the phone gets. */
const messageCount = 20;

const toPhoneCampaign = (c: Campaign): PhoneCampaign => ({ id: c.id, name: c.name, startsAt: c.startsAt, endsAt: c.endsAt, timezone: c.timezone, scopeUnitId: c.scopeUnitId });

/**
 * What a volunteer's phone needs to work offline for the day, in one answer (`GET /phone/today`):
 * always about the caller. Built from the existing services (campaigns, stations, moves, messages,
 * totals, the poster keys), so the phone sees what the console sees.
 */
export function createPhoneService(db: Db, services: Services) {
  /** The person's open placements (one per campaign at most), newest first. */
  const openPlacements = (personId: number) =>
    db.select().from(assignments).where(and(eq(assignments.personId, personId), isNull(assignments.endsAt))).orderBy(desc(assignments.startsAt), desc(assignments.id));

  /** Whether the person has an open placement in the campaign (a phone may always read the campaign it is placed in). */
  async function isPlacedIn(personId: number, campaignId: number): Promise<boolean> {
    const [row] = await db
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.personId, personId), eq(assignments.campaignId, campaignId), isNull(assignments.endsAt)))
      .limit(1);
    return row !== undefined;
  }

  async function placementOf(row: typeof assignments.$inferSelect | undefined): Promise<PhonePlacement | null> {
    if (!row) return null;
    const [station] = row.stationId ? await db.select().from(stations).where(eq(stations.id, row.stationId)) : [];
    const [team] = row.teamId ? await db.select({ id: teams.id, name: teams.name, unitId: teams.unitId }).from(teams).where(eq(teams.id, row.teamId)) : [];
    const [partner] = row.partnerId ? await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, row.partnerId)) : [];
    const unitId = station?.unitId ?? team?.unitId;
    const [unit] = unitId ? await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.id, unitId)) : [];
    if (!unit) return null; // a placement names a station or a team: not reached
    // The station's shift running now, else its next one (shifts that ended are of no use to the phone).
    const [shift] = station
      ? await db.select().from(shifts).where(and(eq(shifts.stationId, station.id), gt(shifts.endsAt, new Date()))).orderBy(asc(shifts.startsAt), asc(shifts.id)).limit(1)
      : [];
    return {
      assignmentId: row.id,
      unit,
      team: team ? { id: team.id, name: team.name } : null,
      station: station ? { id: station.id, name: station.name, address: null, lat: station.lat, lng: station.lng } : null,
      shift: shift ? { id: shift.id, startsAt: shift.startsAt.toISOString(), endsAt: shift.endsAt.toISOString() } : null,
      partner: partner ?? null,
    };
  }

  /** The active services of the catalogue, each with who it may be counted for. */
  async function servicesOf(campaignId: number): Promise<PhoneServiceItem[]> {
    const catalogue = await services.campaigns.services(campaignId);
    const shopTargets = await db.select({ serviceCode: targets.serviceCode }).from(targets).where(and(eq(targets.campaignId, campaignId), eq(targets.kind, 'shops')));
    const forShops = new Set(shopTargets.map((t) => t.serviceCode));
    return catalogue
      .filter((s) => s.isActive)
      .map((s) => {
        const beneficiaries: Beneficiary[] = shopServices.has(s.code) || forShops.has(s.code) || forShops.has('') ? ['resident', 'shop'] : ['resident'];
        return { code: s.code, name: s.nameVi, nameEn: s.nameEn, beneficiaries };
      });
  }

  return {
    isPlacedIn,

    async today(actor: Person, campaignId?: number): Promise<PhoneToday> {
      const person = await services.people.get(actor.personId);
      const [all, placements] = await Promise.all([services.campaigns.list(), openPlacements(actor.personId)]);
      const paths = await unitPaths(db, all.map((c) => c.scopeUnitId));
      const placedIn = new Set(placements.map((p) => p.campaignId));
      const inMyUnits = (c: Campaign) => {
        const path = paths.get(c.scopeUnitId);
        return path !== undefined && seesUnit(actor, 'volunteer', path, 'overlaps');
      };
      const mine = all.filter((c) => placedIn.has(c.id) || inMyUnits(c)).sort((a, b) => b.startsAt.localeCompare(a.startsAt) || b.id - a.id);

      const now = new Date().toISOString();
      let campaign: Campaign | undefined;
      if (campaignId !== undefined) {
        campaign = all.find((c) => c.id === campaignId);
        if (!campaign) throw notFound(`Campaign ${campaignId}`, 'query/campaignId');
      } else {
        const placed = placements.map((p) => all.find((c) => c.id === p.campaignId)).find((c) => c !== undefined && c.endsAt > now);
        campaign = placed ?? mine.find((c) => inMyUnits(c) && c.startsAt <= now && c.endsAt > now);
      }

      const posterKeys = async () => {
        await services.posterKeys.active(); // made on first need, so a phone can check the first posters offline
        return services.posterKeys.publicKeys();
      };
      const base = { serverTime: now, person: { id: person.id, name: person.name, shortName: shortName(person.name) }, campaigns: mine.map(toPhoneCampaign) };
      if (!campaign) {
        return { ...base, campaign: null, placement: null, onDuty: null, services: [], stations: [], adopted: [], pendingMoves: [], messages: [], posterKeys: await posterKeys() };
      }

      const id = campaign.id;
      const [placement, duty, catalogue, allStations, adopted, pendingMoves, messages, keys] = await Promise.all([
        placementOf(placements.find((p) => p.campaignId === id)),
        services.totals.onDuty(id, actor.personId),
        servicesOf(id),
        services.stations.list(id),
        services.activity.adoptedBy(id, actor.personId),
        services.moves.list(id, { personId: actor.personId, status: 'pending' }),
        services.messages.list(id, { personId: actor.personId, limit: messageCount }, { newest: true }),
        posterKeys(),
      ]);
      const stationPaths = await unitPaths(db, allStations.map((s) => s.unitId));
      const pickList: PhoneStation[] = allStations
        .filter((s) => {
          if (s.id === placement?.station?.id) return true;
          const path = stationPaths.get(s.unitId);
          return path !== undefined && seesUnit(actor, 'volunteer', path, 'overlaps');
        })
        .map((s) => ({ id: s.id, name: s.name, address: null, lat: s.lat, lng: s.lng, unitId: s.unitId }));
      const onDuty = duty[0] ? { stationId: duty[0].stationId, since: duty[0].since.toISOString(), shiftId: duty[0].shiftId } : null;
      return { ...base, campaign: toPhoneCampaign(campaign), placement, onDuty, services: catalogue, stations: pickList, adopted, pendingMoves, messages, posterKeys: keys };
    },

    /** The phone's queue report when it has nothing to send: kept as its phone status, as a sync's `client` is. */
    async report(personId: number, input: { campaignId: number; queueLength: number; lastSyncAt: string | null }): Promise<void> {
      const client = { personId, ...input };
      await services.phoneStatus.check(client, 'body');
      await services.phoneStatus.record(client);
    },
  };
}
export type PhoneAppService = ReturnType<typeof createPhoneService>;
