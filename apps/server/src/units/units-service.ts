import { EventEmitter } from 'node:events';
import type { Db } from '@xk/db';
import type { Static } from 'typebox';
import type { Unit, UnitCreate, UnitListQuerySchema, UnitUpdate } from '@xk/contract';
import { matchesSearch } from '@xk/domain';
import { badRequest, conflict, notFound } from '../errors';
import { createUnitsRepository, toUnit } from './units-repository';

/**
 * The organisation tree: create, rename, move, merge. Paths are derived here and nowhere else;
 * every change to the shape of the tree emits 'tree-changed' so live aggregates rebuild.
 */
export function createUnitsService(db: Db) {
  const repo = createUnitsRepository();
  const events = new EventEmitter<{ 'tree-changed': [] }>();

  async function mustGet(id: number, field?: string) {
    const row = await repo.byId(db, id);
    if (!row) throw notFound(`Unit ${id}`, field);
    return row;
  }

  return {
    events,

    async get(id: number): Promise<Unit> {
      return toUnit(await mustGet(id));
    },

    async list(query: Static<typeof UnitListQuerySchema>): Promise<Unit[]> {
      const rows = await repo.list(db, query);
      const q = query.q?.trim();
      return rows.filter((r) => !q || matchesSearch(`${r.name} ${r.code}`, q)).map(toUnit);
    },

    async subtree(id: number): Promise<Unit[]> {
      const root = await mustGet(id);
      return (await repo.subtree(db, root.path)).map(toUnit);
    },

    async create(input: UnitCreate): Promise<Unit> {
      return db.transaction(async (tx) => {
        const parent = input.parentId ? await repo.byId(tx, input.parentId) : undefined;
        if (input.parentId && !parent) throw badRequest('body/parentId', `parentId ${input.parentId} is not a unit`);
        if (parent?.successorId) throw badRequest('body/parentId', `unit ${parent.code} was merged into another unit: add to its successor`);
        if (await repo.byCode(tx, input.code)) throw conflict(`A unit with code ${input.code} already exists`, 'body/code');
        const row = await repo.insert(tx, {
          code: input.code,
          name: input.name,
          level: input.level ?? 'unit',
          parentId: parent?.id ?? null,
          memberCount: input.memberCount ?? 0,
        });
        const path = `${parent?.path ?? '/'}${row.id}/`;
        return toUnit((await repo.update(tx, row.id, { path, depth: parent ? parent.depth + 1 : 0 }))!);
      }).then((unit) => {
        events.emit('tree-changed');
        return unit;
      });
    },

    async update(id: number, input: UnitUpdate): Promise<Unit> {
      const moved = await db.transaction(async (tx) => {
        const unit = await repo.byId(tx, id);
        if (!unit) throw notFound(`Unit ${id}`);
        const isMove = input.parentId !== undefined && input.parentId !== unit.parentId;
        if (isMove && input.parentId !== null && input.parentId !== undefined) {
          const parent = await repo.byId(tx, input.parentId);
          if (!parent) throw badRequest('body/parentId', `parentId ${input.parentId} is not a unit`);
          if (parent.path.startsWith(unit.path)) throw badRequest('body/parentId', 'a unit cannot move under itself or its own descendant');
          if (parent.successorId) throw badRequest('body/parentId', `unit ${parent.code} was merged: move under its successor`);
        }
        await repo.update(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.level !== undefined ? { level: input.level } : {}),
          ...(input.memberCount !== undefined ? { memberCount: input.memberCount } : {}),
          ...(isMove ? { parentId: input.parentId ?? null } : {}),
        });
        if (isMove) await repo.rebuildPaths(tx);
        return isMove;
      });
      if (moved || input.memberCount !== undefined) events.emit('tree-changed');
      return toUnit(await mustGet(id));
    },

    /**
     * Merges `id` into `successorId` (the 2025 reorganisation merged many communes). History keeps
     * its unit; from now on the merged unit and its subtree roll up under the successor.
     */
    async merge(id: number, successorId: number): Promise<Unit> {
      await db.transaction(async (tx) => {
        const unit = await repo.byId(tx, id);
        if (!unit) throw notFound(`Unit ${id}`);
        if (unit.successorId) throw conflict(`Unit ${unit.code} was already merged`, 'successorId');
        const successor = await repo.byId(tx, successorId);
        if (!successor) throw badRequest('body/successorId', `successorId ${successorId} is not a unit`);
        if (successor.successorId) throw badRequest('body/successorId', `unit ${successor.code} was itself merged: use its successor`);
        if (successor.path.startsWith(unit.path)) throw badRequest('body/successorId', 'a unit cannot merge into itself or its own descendant');
        await repo.update(tx, id, { successorId, mergedAt: new Date() });
        await repo.rebuildPaths(tx);
      });
      events.emit('tree-changed');
      return toUnit(await mustGet(id));
    },
  };
}
export type UnitsService = ReturnType<typeof createUnitsService>;
