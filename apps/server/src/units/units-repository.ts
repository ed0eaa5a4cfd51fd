import { and, asc, eq, isNull, like, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, schema } from '@xk/db';
import type { Unit } from '@xk/contract';

const { units } = schema;
export type UnitRow = typeof units.$inferSelect;

export const toUnit = (r: UnitRow): Unit => ({
  id: r.id,
  code: r.code,
  name: r.name,
  level: r.level,
  parentId: r.parentId,
  successorId: r.successorId,
  mergedAt: r.mergedAt ? r.mergedAt.toISOString() : null,
  path: r.path,
  depth: r.depth,
  memberCount: r.memberCount,
});

export function createUnitsRepository() {
  return {
    async byId(db: DbOrTx, id: number): Promise<UnitRow | undefined> {
      const [row] = await db.select().from(units).where(eq(units.id, id));
      return row;
    },
    async byCode(db: DbOrTx, code: string): Promise<UnitRow | undefined> {
      const [row] = await db.select().from(units).where(eq(units.code, code));
      return row;
    },
    async list(db: DbOrTx, filter: { parentId?: number | undefined; includeMerged?: boolean | undefined }): Promise<UnitRow[]> {
      return db
        .select()
        .from(units)
        .where(
          and(
            filter.parentId === undefined ? undefined : eq(units.parentId, filter.parentId),
            filter.includeMerged ? undefined : isNull(units.successorId),
          ),
        )
        .orderBy(asc(units.path));
    },
    /** The unit and everything under it, merged units included (they sit under their successors). */
    async subtree(db: DbOrTx, path: string): Promise<UnitRow[]> {
      return db.select().from(units).where(like(units.path, `${path}%`)).orderBy(asc(units.path));
    },
    async insert(db: DbOrTx, values: typeof units.$inferInsert): Promise<UnitRow> {
      const [row] = await db.insert(units).values(values).returning();
      return row!;
    },
    async update(db: DbOrTx, id: number, values: Partial<typeof units.$inferInsert>): Promise<UnitRow | undefined> {
      const [row] = await db.update(units).set(values).where(eq(units.id, id)).returning();
      return row;
    },
    /**
     * Recomputes every path and depth from parent and successor links in one statement: a unit's
     * effective parent is its successor when merged, else its parent. Run after any move or merge.
     */
    async rebuildPaths(db: DbOrTx): Promise<number> {
      const rows = await queryRows<{ id: number }>(
        db,
        sql`with recursive tree(id, path, depth) as (
              select id, '/' || id || '/', 0 from units where coalesce(successor_id, parent_id) is null
              union all
              select u.id, t.path || u.id || '/', t.depth + 1
              from units u join tree t on coalesce(u.successor_id, u.parent_id) = t.id
            )
            update units set path = tree.path, depth = tree.depth
            from tree where units.id = tree.id and (units.path <> tree.path or units.depth <> tree.depth)
            returning units.id`,
      );
      return rows.length;
    },
  };
}
export type UnitsRepository = ReturnType<typeof createUnitsRepository>;
