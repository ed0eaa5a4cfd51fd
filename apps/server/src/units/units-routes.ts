import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { IdParamsSchema, UnitCreateSchema, UnitListQuerySchema, UnitMergeSchema, UnitSchema, UnitUpdateSchema } from '@xk/contract';
import { type Access, seesUnit } from '../auth/access';
import { type Actor, scopesOf } from '../auth/scope';
import { forbidden } from '../errors';
import { errorReplies } from '../http-schemas';

const tags = ['units'];
const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;

/** A unit without a parent is a new top of the tree: only a whole-tree admin makes one. */
function requireWholeTreeAdmin(actor: Actor, what: string) {
  if (!scopesOf(actor, 'admin').includes(null)) throw forbidden(`${what} needs the admin role over the whole tree`);
}

const list: Access = { role: 'coordinator', filtered: 'the units the caller coordinates (inside a subtree where they are coordinator or above)' };
const readOne: Access = { role: 'coordinator', units: (req) => [idOf(req)] };
const create: Access = { role: 'organizer', units: (req) => [(req.body as { parentId?: number | null }).parentId], filtered: 'a unit without a parent needs a whole-tree admin' };
const update: Access = {
  role: 'organizer',
  units: (req) => [idOf(req), (req.body as { parentId?: number | null }).parentId],
  filtered: 'moving a unit to the top of the tree (parentId null) needs a whole-tree admin',
};
const merge: Access = { role: 'organizer', units: (req) => [idOf(req), (req.body as { successorId: number }).successorId] };

export const unitsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const units = app.services.units;

  app.get('/units', { config: { access: list }, schema: { tags, summary: 'List units (active ones unless includeMerged), those the caller coordinates', querystring: UnitListQuerySchema, response: { 200: Type.Array(UnitSchema), ...errorReplies(400, 401, 403) } } }, async (req) =>
    (await units.list(req.query)).filter((u) => seesUnit(req.actor!, 'coordinator', u.path)),
  );
  app.get('/units/:id', { config: { access: readOne }, schema: { tags, params: IdParamsSchema, response: { 200: UnitSchema, ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    units.get(req.params.id),
  );
  app.get('/units/:id/subtree', { config: { access: readOne }, schema: { tags, summary: 'The unit and every unit under it', params: IdParamsSchema, response: { 200: Type.Array(UnitSchema), ...errorReplies(400, 401, 403, 404) } } }, (req) =>
    units.subtree(req.params.id),
  );
  app.post('/units', { config: { access: create }, schema: { tags, body: UnitCreateSchema, response: { 201: UnitSchema, ...errorReplies(400, 401, 403, 409) } } }, async (req, reply) => {
    if (req.body.parentId === undefined || req.body.parentId === null) requireWholeTreeAdmin(req.actor!, 'A unit at the top of the tree');
    return reply.status(201).send(await units.create(req.body));
  });
  app.patch('/units/:id', { config: { access: update }, schema: { tags, summary: 'Rename, move or set the member headcount', params: IdParamsSchema, body: UnitUpdateSchema, response: { 200: UnitSchema, ...errorReplies(400, 401, 403, 404) } } }, async (req) => {
    if (req.body.parentId === null && (await units.get(req.params.id)).parentId !== null) requireWholeTreeAdmin(req.actor!, 'Moving a unit to the top of the tree');
    return units.update(req.params.id, req.body);
  });
  app.post('/units/:id/merge', { config: { access: merge }, schema: { tags, summary: 'Merge the unit into a successor; its history rolls up there', params: IdParamsSchema, body: UnitMergeSchema, response: { 200: UnitSchema, ...errorReplies(400, 401, 403, 404, 409) } } }, (req) =>
    units.merge(req.params.id, req.body.successorId),
  );
};
