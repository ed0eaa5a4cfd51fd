import { EventEmitter } from 'node:events';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Static } from 'typebox';
import { type Db, schema } from '@xk/db';
import type { Team, TeamCreate, TeamUpdateSchema } from '@xk/contract';
import { badRequest, conflict, notFound } from '../errors';

const { teams, units } = schema;
const toTeam = (r: typeof teams.$inferSelect): Team => ({ id: r.id, code: r.code, name: r.name, kind: r.kind as Team['kind'], unitId: r.unitId });

export function createTeamsService(db: Db) {
  /** 'named' after a team is created or renamed: live feeds show the new name at once. 'changed': any team was created or edited. */
  const events = new EventEmitter<{ named: [id: number, name: string]; changed: [] }>();
  async function unitMustExist(unitId: number) {
    const [u] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId));
    if (!u) throw badRequest('body/unitId', `unit ${unitId} does not exist`);
  }
  async function get(id: number): Promise<Team> {
    const [row] = await db.select().from(teams).where(eq(teams.id, id));
    if (!row) throw notFound(`Team ${id}`);
    return toTeam(row);
  }
  return {
    events,
    get,
    async list(filter: { unitId?: number | undefined }): Promise<Team[]> {
      const where: SQL | undefined = filter.unitId ? eq(teams.unitId, filter.unitId) : undefined;
      return (await db.select().from(teams).where(and(where)).orderBy(asc(teams.code))).map(toTeam);
    },
    async create(input: TeamCreate): Promise<Team> {
      await unitMustExist(input.unitId);
      const [existing] = await db.select({ id: teams.id }).from(teams).where(eq(teams.code, input.code));
      if (existing) throw conflict(`A team with code ${input.code} already exists`, 'body/code');
      const [row] = await db.insert(teams).values({ code: input.code, name: input.name, kind: input.kind ?? 'community_digital', unitId: input.unitId }).returning();
      events.emit('named', row!.id, row!.name);
      events.emit('changed');
      return toTeam(row!);
    },
    async update(id: number, input: Static<typeof TeamUpdateSchema>): Promise<Team> {
      await get(id);
      if (input.unitId !== undefined) await unitMustExist(input.unitId);
      await db.update(teams).set(input).where(eq(teams.id, id));
      if (input.name !== undefined) events.emit('named', id, input.name);
      events.emit('changed');
      return get(id);
    },
  };
}
