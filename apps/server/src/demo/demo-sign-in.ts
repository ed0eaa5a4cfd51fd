import { and, asc, eq, isNull } from 'drizzle-orm';
import { schema } from '@xk/db';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../auth/scope';

export interface DemoLink {
  role: Role | 'board';
  who: string;
  where: string;
  url: string;
}

/**
 * Sign-in links into the demo, fresh at every start: one-time links for the province's admin, a
 * ward's coordinator and a volunteer, and a board link for the hall's screen. The demo people get the grants their memberships imply (once).
 */
export async function demoSignInLinks(app: FastifyInstance, baseUrl: string): Promise<DemoLink[]> {
  const db = app.database.db;
  const { grants, memberships, people, units } = schema;
  const [root] = await db.select().from(units).where(isNull(units.parentId)).orderBy(asc(units.id)).limit(1);
  if (!root) return [];
  const grant = (personId: number, role: Role, unitId: number) => db.insert(grants).values({ personId, role, unitId }).onConflictDoNothing();

  // The province's admin: a demo person of its own, admin over the province (not the whole tree).
  let [admin] = await db.select({ id: people.id, name: people.name }).from(people).where(eq(people.phone, '+84900000001'));
  if (!admin) {
    const created = await app.services.people.create({ name: 'Quản trị Thành đoàn (demo)', phone: '0900000001', memberships: [{ unitId: root.id, role: 'secretary' }] });
    admin = { id: created.id, name: created.name };
  }
  await grant(admin.id, 'admin', root.id);

  const first = async (role: string) => {
    const [row] = await db
      .select({ id: people.id, name: people.name, unitId: memberships.unitId, unitName: units.name })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .innerJoin(units, eq(units.id, memberships.unitId))
      .where(and(eq(memberships.role, role)))
      .orderBy(asc(people.id))
      .limit(1);
    return row;
  };
  const coordinator = await first('coordinator');
  const volunteer = await first('volunteer');
  if (coordinator) await grant(coordinator.id, 'coordinator', coordinator.unitId);
  if (volunteer) await grant(volunteer.id, 'volunteer', volunteer.unitId);

  // A volunteer's link opens the phone screen (/phone/), staff links the console.
  const link = async (personId: number, screen = '/') => `${baseUrl}${screen}#/link/${await app.auth.newSignInLink(personId, null, 86_400_000)}`;
  const links: DemoLink[] = [{ role: 'admin', who: admin.name, where: root.name, url: await link(admin.id) }];
  if (coordinator) links.push({ role: 'coordinator', who: coordinator.name, where: coordinator.unitName, url: await link(coordinator.id) });
  if (volunteer) links.push({ role: 'volunteer', who: volunteer.name, where: volunteer.unitName, url: await link(volunteer.id, '/phone/') });
  // The hall's screen: a read-only board link for the running campaign over the whole province.
  const [campaign] = await db.select({ id: schema.campaigns.id, name: schema.campaigns.name }).from(schema.campaigns).orderBy(asc(schema.campaigns.id)).limit(1);
  if (campaign) {
    const board = await app.auth.newLink({ purpose: 'board', campaignId: campaign.id, unitId: root.id, label: 'Màn hình hội trường (demo)', maxUses: 1_000_000, expiresAt: new Date(Date.now() + 86_400_000) });
    links.push({ role: 'board', who: 'Màn hình hội trường', where: `${campaign.name} — ${root.name}`, url: `${baseUrl}/#/board/${board.secret}` });
  }
  return links;
}
