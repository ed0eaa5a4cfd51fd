import { EventEmitter } from 'node:events';
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

/** NameSchema allows any 1–200 characters; a name is stored trimmed, so it must not be blank. */
function nameOrThrow(input: string): string {
  const name = input.trim();
  if (!name) throw badRequest('body/name', 'name is blank');
  return name;
}

/** People and their memberships. A phone number is one person, however it is written. */
export function createPeopleService(db: Db) {
  /** 'named' after a person is created or renamed: live feeds show the new name at once. */
  const events = new EventEmitter<{ named: [id: number, name: string] }>();
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
    events,
    get,

    async list(query: Static<typeof PersonListQuerySchema>): Promise<Person[]> {
      const phone = query.phone ? phoneOrThrow(query.phone, 'query/phone') : undefined;
      const limit = query.limit ?? 100;
      const filter = (afterId: number) =>
        and(
          phone ? eq(people.phone, phone) : undefined,
          // Ids are int4: past the largest one there is nothing (and PostgreSQL would reject the bigger number).
          afterId ? gt(people.id, Math.min(afterId, 2147483647)) : undefined,
          query.unitId ? sql`${people.id} in (select person_id from memberships where unit_id = ${query.unitId})` : undefined,
        );
      let rows: PersonRow[] = [];
      if (!query.q) {
        rows = await db.select().from(people).where(filter(query.afterId ?? 0)).orderBy(asc(people.id)).limit(limit);
      } else {
        // The name search folds diacritics in JS, so it reads people in id order, a batch at a time,
        // until it has `limit` matches: a match past the first batch must be found too.
        const q = foldDiacritics(query.q);
        // Phones are stored as +84…: a search typed as 0912… looks for 912….
        const digits = query.q.replace(/\D/g, '').replace(/^0/, '');
        const matches = (r: PersonRow) => foldDiacritics(r.name).includes(q) || (digits !== '' && r.phone.includes(digits));
        const batchSize = 5000;
        for (let afterId = query.afterId ?? 0; rows.length < limit; ) {
          const batch = await db.select().from(people).where(filter(afterId)).orderBy(asc(people.id)).limit(batchSize);
          rows.push(...batch.filter(matches));
          if (batch.length < batchSize) break;
          afterId = batch[batch.length - 1]!.id;
        }
        rows = rows.slice(0, limit);
      }
      const ms = await membershipsOf(db, rows.map((r) => r.id));
      return rows.map((r) => toPerson(r, ms.get(r.id) ?? []));
    },

    async create(input: PersonCreate): Promise<Person> {
      const phone = phoneOrThrow(input.phone, 'body/phone');
      const name = nameOrThrow(input.name);
      const id = await db.transaction(async (tx) => {
        const [existing] = await tx.select({ id: people.id }).from(people).where(eq(people.phone, phone));
        if (existing) throw conflict(`Person with phone ${phone} already exists (id ${existing.id})`, 'body/phone');
        const [row] = await tx.insert(people).values({ name, phone, email: input.email ?? null }).returning({ id: people.id });
        await setMemberships(tx, row!.id, input.memberships ?? []);
        return row!.id;
      });
      events.emit('named', id, name);
      return get(id);
    },

    async update(id: number, input: PersonUpdate): Promise<Person> {
      const phone = input.phone !== undefined ? phoneOrThrow(input.phone, 'body/phone') : undefined;
      const name = input.name !== undefined ? nameOrThrow(input.name) : undefined;
      await db.transaction(async (tx) => {
        const [row] = await tx.select({ id: people.id }).from(people).where(eq(people.id, id));
        if (!row) throw notFound(`Person ${id}`);
        if (phone) {
          const [other] = await tx.select({ id: people.id }).from(people).where(eq(people.phone, phone));
          if (other && other.id !== id) throw conflict(`Phone ${phone} belongs to person ${other.id}`, 'body/phone');
        }
        const values = {
          ...(name !== undefined ? { name } : {}),
          ...(phone ? { phone } : {}),
          ...(input.email !== undefined ? { email: input.email } : {}),
        };
        if (Object.keys(values).length) await tx.update(people).set(values).where(eq(people.id, id));
        if (input.memberships) await setMemberships(tx, id, input.memberships);
      });
      if (name !== undefined) events.emit('named', id, name);
      return get(id);
    },
  };
}
export type PeopleService = ReturnType<typeof createPeopleService>;
