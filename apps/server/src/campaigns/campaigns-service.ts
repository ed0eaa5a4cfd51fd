import { asc, eq } from 'drizzle-orm';
import type { Static } from 'typebox';
import { type Db, schema } from '@xk/db';
import type { Campaign, CampaignCreate, CampaignUpdateSchema, Service, ServiceUpsertSchema } from '@xk/contract';
import { defaultServiceCatalogue } from '@xk/domain';
import { badRequest, conflict, notFound } from '../errors';

const { campaigns, campaignServices, units } = schema;
type CampaignRow = typeof campaigns.$inferSelect;

const toCampaign = (r: CampaignRow): Campaign => ({
  id: r.id,
  code: r.code,
  name: r.name,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  timezone: r.timezone,
  scopeUnitId: r.scopeUnitId,
  seq: Number(r.seq),
});

const toService = (r: typeof campaignServices.$inferSelect): Service => ({
  code: r.code,
  nameVi: r.nameVi,
  nameEn: r.nameEn,
  sortOrder: r.sortOrder,
  isActive: r.isActive,
});

export function isTimeZone(zone: string): boolean {
  // Newer ICU also accepts offsets ('+07:00'), which PostgreSQL's AT TIME ZONE reads with the
  // POSIX sign, the other way round: only named zones ('Asia/Ho_Chi_Minh', 'UTC') are taken.
  if (!/^[A-Za-z]/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function checkWindow(startsAt: Date, endsAt: Date) {
  if (!(endsAt > startsAt)) throw badRequest('body/endsAt', 'endsAt must be after startsAt');
}

/** Campaigns, with the catalogue of services each one counts (seeded from the default catalogue). */
export function createCampaignsService(db: Db) {
  async function row(id: number, field?: string): Promise<CampaignRow> {
    const [r] = await db.select().from(campaigns).where(eq(campaigns.id, id));
    if (!r) throw notFound(`Campaign ${id}`, field);
    return r;
  }

  /** Throws a 400 on `field` unless the unit exists inside the campaign's scope (its subtree). */
  async function requireUnitInScope(campaignId: number, unitId: number, field: string): Promise<void> {
    const campaign = await row(campaignId);
    const [scope] = await db.select({ path: units.path }).from(units).where(eq(units.id, campaign.scopeUnitId));
    const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
    if (!unit) throw badRequest(field, `unit ${unitId} does not exist`);
    if (!scope || !unit.path.startsWith(scope.path)) throw badRequest(field, `unit ${unitId} is outside the campaign's scope`);
  }

  return {
    row,
    requireUnitInScope,
    async get(id: number): Promise<Campaign> {
      return toCampaign(await row(id));
    },
    async list(): Promise<Campaign[]> {
      return (await db.select().from(campaigns).orderBy(asc(campaigns.startsAt), asc(campaigns.id))).map(toCampaign);
    },

    async create(input: CampaignCreate): Promise<Campaign> {
      const startsAt = new Date(input.startsAt);
      const endsAt = new Date(input.endsAt);
      checkWindow(startsAt, endsAt);
      const timezone = input.timezone ?? 'Asia/Ho_Chi_Minh';
      if (!isTimeZone(timezone)) throw badRequest('body/timezone', `${timezone} is not an IANA time zone`);
      const duplicate = input.services?.find((code, i) => input.services!.indexOf(code) !== i);
      if (duplicate) throw badRequest('body/services', `services name ${duplicate} twice`);
      const catalogue = input.services
        ? input.services.map((code) => {
            const s = defaultServiceCatalogue.find((c) => c.code === code);
            if (!s) throw badRequest('body/services', `${code} is not in the default catalogue: add custom services with PUT /campaigns/:id/services/:code`);
            return s;
          })
        : defaultServiceCatalogue;
      const id = await db.transaction(async (tx) => {
        const [scope] = await tx.select({ id: units.id, successorId: units.successorId }).from(units).where(eq(units.id, input.scopeUnitId));
        if (!scope) throw badRequest('body/scopeUnitId', `unit ${input.scopeUnitId} does not exist`);
        const [existing] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.code, input.code));
        if (existing) throw conflict(`A campaign with code ${input.code} already exists`, 'body/code');
        const [created] = await tx
          .insert(campaigns)
          .values({ code: input.code, name: input.name, startsAt, endsAt, timezone, scopeUnitId: input.scopeUnitId })
          .returning({ id: campaigns.id });
        // An empty list is a campaign that starts with no services: custom ones are added with PUT.
        if (catalogue.length) await tx.insert(campaignServices).values(catalogue.map((s) => ({ campaignId: created!.id, code: s.code, nameVi: s.nameVi, nameEn: s.nameEn, sortOrder: s.sortOrder })));
        return created!.id;
      });
      return toCampaign(await row(id));
    },

    async update(id: number, input: Static<typeof CampaignUpdateSchema>): Promise<Campaign> {
      const current = await row(id);
      const startsAt = input.startsAt ? new Date(input.startsAt) : current.startsAt;
      const endsAt = input.endsAt ? new Date(input.endsAt) : current.endsAt;
      checkWindow(startsAt, endsAt);
      if (input.timezone && !isTimeZone(input.timezone)) throw badRequest('body/timezone', `${input.timezone} is not an IANA time zone`);
      await db
        .update(campaigns)
        .set({ ...(input.name ? { name: input.name } : {}), ...(input.timezone ? { timezone: input.timezone } : {}), startsAt, endsAt })
        .where(eq(campaigns.id, id));
      return toCampaign(await row(id));
    },

    async services(id: number): Promise<Service[]> {
      await row(id);
      const rows = await db.select().from(campaignServices).where(eq(campaignServices.campaignId, id)).orderBy(asc(campaignServices.sortOrder), asc(campaignServices.code));
      return rows.map(toService);
    },

    async upsertService(id: number, code: string, input: Static<typeof ServiceUpsertSchema>): Promise<Service> {
      await row(id);
      const values = { campaignId: id, code, nameVi: input.nameVi, nameEn: input.nameEn, sortOrder: input.sortOrder ?? 1000, isActive: input.isActive ?? true };
      const [saved] = await db
        .insert(campaignServices)
        .values(values)
        .onConflictDoUpdate({ target: [campaignServices.campaignId, campaignServices.code], set: {
            nameVi: values.nameVi,
            nameEn: values.nameEn,
            isActive: values.isActive,
            // An edit that does not name a position keeps the service where it was in the list.
            ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
          },
        })
        .returning();
      return toService(saved!);
    },
  };
}
export type CampaignsService = ReturnType<typeof createCampaignsService>;
