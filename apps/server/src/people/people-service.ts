import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Static } from 'typebox';
import { type Db, type DbOrTx, schema } from '@xk/db';
import type { Person, PersonCreate, PersonListQuerySchema, PersonUpdate } from '@xk/contract';
import { foldDiacritics, normalizePhone } from '@xk/domain';
import { badRequest, conflict, notFound } from '../errors';

const { people, memberships, units } = schema;
type PersonRow = typeof people.$inferSelect;
type Membership = Person['memberships'][number];

function phoneOrThrow(input: string, field: string): string {
  const result = normalizePhone(input);
  if (!result.ok) throw badRequest(field, `${field.split('/').pop()} ${result.reason}`);
  return result.phone;
}

/** People and their memberships. A phone number is one person, however it is written. */
export function createPeopleService(db: Db) {
  async function membershipsOf(tx: DbOrTx, ids: number[]): Promise<Map<number, Membership[]>> {
    const byPerson = new Map<number, Membership[]>(ids.map((id) => [id, []]));
    if (ids.length === 0) return byPerson;
    const rows = await tx.select().from(memberships).where(inArray(memberships.personId, ids)).orderBy(asc(memberships.unitId));
    for (const r of rows) byPerson.get(r.personId)?.push({ unitId: r.unitId, role: r.role as Membership['role'] });
    return byPerson;
  }

  const toPerson = (r: PersonRow, ms: Membership[]): Person => ({
    id: r.id,
    name: r.name,
    phone: r.phone,
    email: r.email,
    memberships: ms,
    createdAt: r.createdAt.toISOString(),
  });

  async function setMemberships(tx: DbOrTx, personId: number, list: Membership[]) {
    const unitIds = [...new Set(list.map((m) => m.unitId))];
    if (unitIds.length !== list.length) throw badRequest('body/memberships', 'memberships name the same unit twice');
    if (unitIds.length) {
      const found = await tx.select({ id: units.id }).from(units).where(inArray(units.id, unitIds));
      const missing = unitIds.find((id) => !found.some((f) => f.id === id));
      if (missing) throw badRequest('body/memberships', `unit ${missing} does not exist`);
    }
    await tx.delete(memberships).where(eq(memberships.personId, personId));
    if (list.length) await tx.insert(memberships).values(list.map((m) => ({ personId, unitId: m.unitId, role: m.role })));
  }

  async function get(id: number): Promise<Person> {
    const [row] = await db.select().from(people).where(eq(people.id, id));
    if (!row) throw notFound(`Person ${id}`);
    return toPerson(row, (await membershipsOf(db, [id])).get(id) ?? []);
  }

  return {
    get,

    async list(query: Static<typeof PersonListQuerySchema>): Promise<Person[]> {
      const phone = query.phone ? phoneOrThrow(query.phone, 'query/phone') : undefined;
      const limit = query.limit ?? 100;
      const where = and(
        phone ? eq(people.phone, phone) : undefined,
        query.afterId ? gt(people.id, query.afterId) : undefined,
        query.unitId ? sql`${people.id} in (select person_id from memberships where unit_id = ${query.unitId})` : undefined,
      );
      let rows = await db.select().from(people).where(where).orderBy(asc(people.id)).limit(query.q ? 5000 : limit);
      if (query.q) {
        const q = foldDiacritics(query.q);
        rows = rows.filter((r) => foldDiacritics(r.name).includes(q) || r.phone.includes(query.q!.replace(/\D/g, '') || '\u0000')).slice(0, limit);
      }
      const ms = await membershipsOf(db, rows.map((r) => r.id));
      return rows.map((r) => toPerson(r, ms.get(r.id) ?? []));
    },

    async create(input: PersonCreate): Promise<Person> {
      const phone = phoneOrThrow(input.phone, 'body/phone');
      const id = await db.transaction(async (tx) => {
        const [existing] = await tx.select({ id: people.id }).from(people).where(eq(people.phone, phone));
        if (existing) throw conflict(`Person with phone ${phone} already exists (id ${existing.id})`, 'body/phone');
        const [row] = await tx.insert(people).values({ name: input.name.trim(), phone, email: input.email ?? null }).returning({ id: people.id });
        await setMemberships(tx, row!.id, input.memberships ?? []);
        return row!.id;
      });
      return get(id);
    },

    async update(id: number, input: PersonUpdate): Promise<Person> {
      const phone = input.phone !== undefined ? phoneOrThrow(input.phone, 'body/phone') : undefined;
      await db.transaction(async (tx) => {
        const [row] = await tx.select({ id: people.id }).from(people).where(eq(people.id, id));
        if (!row) throw notFound(`Person ${id}`);
        if (phone) {
          const [other] = await tx.select({ id: people.id }).from(people).where(eq(people.phone, phone));
          if (other && other.id !== id) throw conflict(`Phone ${phone} belongs to person ${other.id}`, 'body/phone');
        }
        const values = {
          ...(input.name !== undefined ? { name: input.name.trim() } : {}),
          ...(phone ? { phone } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
        };
        if (Object.keys(values).length) await tx.update(people).set(values).where(eq(people.id, id));
        if (input.memberships) await setMemberships(tx, id, input.memberships);
      });
      return get(id);
    },
  };
}
export type PeopleService = ReturnType<typeof createPeopleService>;
