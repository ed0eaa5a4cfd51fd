import { EventEmitter } from 'node:events';
import { and, asc, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { type Db, schema } from '@xk/db';
import type { Shift, ShiftCreate, Station, StationCreate, StationUpdateSchema } from '@xk/contract';
import { badRequest, conflict, notFound } from '../errors';
import type { CampaignsService } from '../campaigns/campaigns-service';

const { stations, shifts } = schema;
type StationRow = typeof stations.$inferSelect;

const toStation = (r: StationRow): Station => ({
  id: r.id,
  campaignId: r.campaignId,
  unitId: r.unitId,
  code: r.code,
  name: r.name,
  kind: r.kind as Station['kind'],
  lat: r.lat,
  lng: r.lng,
  peopleNeeded: r.peopleNeeded,
});
const toShift = (r: typeof shifts.$inferSelect): Shift => ({
  id: r.id,
  stationId: r.stationId,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  peopleNeeded: r.peopleNeeded,
});

/** Stations (điểm hỗ trợ) of a campaign and their shifts. A station sits in a unit inside the campaign's scope. */
export function createStationsService(db: Db, campaigns: CampaignsService) {
  const events = new EventEmitter<{ 'shift-created': [campaignId: number, shiftId: number, endsAt: Date]; 'station-changed': [campaignId: number]; named: [id: number, name: string] }>();
  async function row(id: number): Promise<StationRow> {
    const [r] = await db.select().from(stations).where(eq(stations.id, id));
    if (!r) throw notFound(`Station ${id}`);
    return r;
  }
  return {
    events,
    async get(id: number): Promise<Station> {
      return toStation(await row(id));
    },
    async list(campaignId: number, unitId?: number): Promise<Station[]> {
      await campaigns.row(campaignId);
      const rows = await db
        .select()
        .from(stations)
        .where(and(eq(stations.campaignId, campaignId), unitId ? eq(stations.unitId, unitId) : undefined))
        .orderBy(asc(stations.code));
      return rows.map(toStation);
    },
    async create(campaignId: number, input: StationCreate): Promise<Station> {
      await campaigns.requireUnitInScope(campaignId, input.unitId, 'body/unitId');
      const [existing] = await db.select({ id: stations.id }).from(stations).where(eq(stations.code, input.code));
      if (existing) throw conflict(`A station with code ${input.code} already exists`, 'body/code');
      if ((input.lat === undefined) !== (input.lng === undefined)) throw badRequest(input.lat === undefined ? 'body/lat' : 'body/lng', 'a location needs both lat and lng');
      const [r] = await db
        .insert(stations)
        .values({ campaignId, unitId: input.unitId, code: input.code, name: input.name, kind: input.kind, lat: input.lat ?? null, lng: input.lng ?? null, peopleNeeded: input.peopleNeeded ?? 0 })
        .returning();
      events.emit('named', r!.id, r!.name);
      events.emit('station-changed', campaignId);
      return toStation(r!);
    },
    async update(id: number, input: Static<typeof StationUpdateSchema>): Promise<Station> {
      const current = await row(id);
      if (input.unitId !== undefined) await campaigns.requireUnitInScope(current.campaignId, input.unitId, 'body/unitId');
      // The location is a pair: a PATCH may move it, but not leave a lat without a lng.
      const lat = input.lat ?? current.lat;
      const lng = input.lng ?? current.lng;
      if ((lat === null) !== (lng === null)) throw badRequest(lat === null ? 'body/lat' : 'body/lng', 'a location needs both lat and lng');
      await db.update(stations).set(input).where(eq(stations.id, id));
      if (input.name !== undefined) events.emit('named', id, input.name);
      events.emit('station-changed', current.campaignId);
      return toStation(await row(id));
    },
    async shifts(stationId: number): Promise<Shift[]> {
      await row(stationId);
      return (await db.select().from(shifts).where(eq(shifts.stationId, stationId)).orderBy(asc(shifts.startsAt))).map(toShift);
    },
    async createShift(stationId: number, input: ShiftCreate): Promise<Shift> {
      const station = await row(stationId);
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      if (!(endsAt > startsAt)) throw badRequest('body/endsAt', 'endsAt must be after startsAt');
      const [r] = await db.insert(shifts).values({ stationId, startsAt, endsAt, peopleNeeded: input.peopleNeeded ?? station.peopleNeeded }).returning();
      events.emit('shift-created', station.campaignId, r!.id, r!.endsAt);
      return toShift(r!);
    },
  };
}
