import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { IdParamsSchema, type Person, PersonCreateSchema, PersonListQuerySchema, PersonSchema, PersonUpdateSchema } from '@xk/contract';
import { type Access, seesUnit } from '../auth/access';
import { type Actor, covers, scopesOf, unitPaths } from '../auth/scope';
import { forbidden } from '../errors';
import { errorReplies } from '../http-schemas';

const tags = ['people'];
const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;
const membershipUnits = (body: unknown) => ((body as { memberships?: Array<{ unitId: number }> }).memberships ?? []).map((m) => m.unitId);
const wholeTree = (actor: Actor) => scopesOf(actor, 'coordinator').includes(null);

// A volunteer's phone number is personal data: only coordinators of their units (and they themself) read it.
const list: Access = { role: 'coordinator', units: (req) => [(req.query as { unitId?: number }).unitId], filtered: 'people with at least one membership in a unit the caller coordinates' };
const readOne: Access = { role: 'coordinator', units: (req, u) => u.person(idOf(req)), self: idOf, filtered: 'a person without any membership: whole-tree coordinators only' };
const create: Access = { role: 'coordinator', units: (req) => membershipUnits(req.body), filtered: 'a person without memberships: whole-tree coordinators only' };
const update: Access = {
  role: 'coordinator',
  units: async (req, u) => [...(await u.person(idOf(req))), ...membershipUnits(req.body)],
  self: idOf,
  filtered: 'the person themself may change their name and e-mail only; a person without memberships: whole-tree coordinators only',
};

export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const people = app.services.people;
  const db = app.database.db;

  /** Whether the actor coordinates every one of these units (unknown units are left to the service's 400); none: whole-tree only. */
  async function coordinatesAll(actor: Actor, unitIds: number[]): Promise<boolean> {
    const scopes = scopesOf(actor, 'coordinator');
    if (scopes.includes(null)) return true;
    if (unitIds.length === 0 || scopes.length === 0) return false;
    const paths = await unitPaths(db, unitIds);
    return unitIds.every((id) => {
      const path = paths.get(id);
      return path === undefined || covers(scopes, path);
    });
  }

  /** The people of a page the actor sees: any membership in a unit they coordinate. */
  async function visible(actor: Actor, page: Person[]): Promise<Person[]> {
    const paths = await unitPaths(db, page.flatMap((p) => p.memberships.map((m) => m.unitId)));
    return page.filter((p) => p.memberships.some((m) => {
      const path = paths.get(m.unitId);
      return path !== undefined && seesUnit(actor, 'coordinator', path);
    }));
  }

  app.get('/people', { config: { access: list }, schema: { tags, summary: 'List people (by unit, phone, or a diacritic-insensitive name search): those in the units the caller coordinates', querystring: PersonListQuerySchema, response: { 200: Type.Array(PersonSchema), ...errorReplies(400, 401, 403) } } }, async (req) => {
    const actor = req.actor!;
    if (wholeTree(actor)) return people.list(req.query);
    // Narrowed page by page (in id order, as `afterId` pages), until `limit` visible people or the end.
    const limit = req.query.limit ?? 100;
    const pageSize = 1000;
    const out: Person[] = [];
    for (let afterId = req.query.afterId ?? 0; ; ) {
      const page = await people.list({ ...req.query, afterId, limit: pageSize });
      for (const p of await visible(actor, page)) {
        out.push(p);
        if (out.length === limit) return out;
      }
      if (page.length < pageSize) return out;
      afterId = page[page.length - 1]!.id;
    }
  });
  app.get('/people/:id', { config: { access: readOne }, schema: { tags, params: IdParamsSchema, response: { 200: PersonSchema, ...errorReplies(400, 401, 403, 404) } } }, async (req) => {
    const person = await people.get(req.params.id);
    const actor = req.actor!;
    const self = actor.kind === 'person' && actor.personId === person.id;
    if (!self && person.memberships.length === 0 && !wholeTree(actor)) throw forbidden(`Person ${person.id} belongs to no unit: only a whole-tree coordinator sees them`);
    return person;
  });
  app.post('/people', { config: { access: create }, schema: { tags, summary: 'Create a person; the phone is normalised (09…, +849…, 849… are one number)', body: PersonCreateSchema, response: { 201: PersonSchema, ...errorReplies(400, 401, 403, 409) } } }, async (req, reply) => {
    if (!(await coordinatesAll(req.actor!, membershipUnits(req.body)))) throw forbidden('A new person must belong to a unit you coordinate');
    return reply.status(201).send(await people.create(req.body));
  });
  app.patch('/people/:id', { config: { access: update }, schema: { tags, summary: 'Edit a person; they may edit their own name and e-mail', params: IdParamsSchema, body: PersonUpdateSchema, response: { 200: PersonSchema, ...errorReplies(400, 401, 403, 404, 409) } } }, async (req) => {
    const actor = req.actor!;
    const self = actor.kind === 'person' && actor.personId === req.params.id;
    // The policy let the person themself through: a phone or membership change still needs a coordinator.
    // A person without memberships passed the policy with no unit to check: whole-tree coordinators only.
    const needsCoordinator = !self || req.body.phone !== undefined || req.body.memberships !== undefined;
    if (needsCoordinator) {
      const current = (await people.get(req.params.id)).memberships.map((m) => m.unitId);
      if (!(await coordinatesAll(actor, [...current, ...membershipUnits(req.body)]))) {
        throw forbidden(self ? 'You may change your own name and e-mail; your phone and units are changed by a coordinator' : `Person ${req.params.id} is outside your units`);
      }
    }
    return people.update(req.params.id, req.body);
  });
};
