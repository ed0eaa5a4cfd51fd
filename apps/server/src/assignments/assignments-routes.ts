import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { inArray } from 'drizzle-orm';
import { Type } from 'typebox';
import { type Assignment, AssignmentCreateSchema, AssignmentListQuerySchema, AssignmentSchema, IdParamsSchema } from '@xk/contract';
import { schema } from '@xk/db';
import { type Access, seesUnit, unitLookups } from '../auth/access';
import { type Actor, scopesOf, unitPaths } from '../auth/scope';
import { errorReplies } from '../http-schemas';

const idOf = (req: FastifyRequest) => (req.params as { id: number }).id;
type ListQuery = { personId?: number; stationId?: number; teamId?: number };
type CreateBody = { personId: number; stationId?: number; teamId?: number };

/** Placing a person: a coordinator over the person's units and over the station's and the team's. */
const create: Access = {
  role: 'coordinator',
  units: async (req, u) => {
    const body = req.body as CreateBody;
    return [...(await u.person(body.personId)), await u.station(body.stationId), await u.team(body.teamId)];
  },
};
/** Who is placed where: coordinators (of the units named by the filters), narrowed to the people and places they coordinate; a person their own. */
const list: Access = {
  role: 'coordinator',
  overlaps: async (req, u) => [await u.campaign(idOf(req))],
  units: async (req, u) => {
    const q = req.query as ListQuery;
    return [...(await u.person(q.personId)), await u.station(q.stationId), await u.team(q.teamId)];
  },
  self: (req) => (req.query as ListQuery).personId,
  filtered: 'placements of people in the units the caller coordinates, or at stations and in teams of those units',
};

export const assignmentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const assignments = app.services.assignments;
  const db = app.database.db;
  const lookups = unitLookups(db);
  const tags = ['assignments'];

  async function narrow(actor: Actor, rows: Assignment[]): Promise<Assignment[]> {
    if (scopesOf(actor, 'coordinator').includes(null) || rows.length === 0) return rows;
    const stationIds = [...new Set(rows.flatMap((r) => (r.stationId ? [r.stationId] : [])))];
    const teamIds = [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
    const [people, stations, teams] = await Promise.all([
      lookups.people([...new Set(rows.map((r) => r.personId))]),
      stationIds.length ? db.select({ id: schema.stations.id, unitId: schema.stations.unitId }).from(schema.stations).where(inArray(schema.stations.id, stationIds)) : [],
      teamIds.length ? db.select({ id: schema.teams.id, unitId: schema.teams.unitId }).from(schema.teams).where(inArray(schema.teams.id, teamIds)) : [],
    ]);
    const stationUnit = new Map(stations.map((s) => [s.id, s.unitId]));
    const teamUnit = new Map(teams.map((s) => [s.id, s.unitId]));
    const paths = await unitPaths(db, [...[...people.values()].flat(), ...stationUnit.values(), ...teamUnit.values()]);
    const sees = (unitId: number | null | undefined) => {
      const path = unitId ? paths.get(unitId) : undefined;
      return path !== undefined && seesUnit(actor, 'coordinator', path);
    };
    return rows.filter((r) => (people.get(r.personId) ?? []).some(sees) || (r.stationId !== null && sees(stationUnit.get(r.stationId))) || (r.teamId !== null && sees(teamUnit.get(r.teamId))));
  }

  app.get('/campaigns/:id/assignments', { config: { access: list }, schema: { tags, summary: 'Who is placed where (history=true for ended placements too)', params: IdParamsSchema, querystring: AssignmentListQuerySchema, response: { 200: Type.Array(AssignmentSchema), ...errorReplies(400, 401, 403, 404) } } }, async (req) => {
    const actor = req.actor!;
    const rows = await assignments.list(req.params.id, req.query);
    const self = actor.kind === 'person' && req.query.personId === actor.personId;
    return self ? rows : narrow(actor, rows);
  });
  app.post('/campaigns/:id/assignments', { config: { access: create }, schema: { tags, summary: "Place a person at a station and/or team; ends the person's open placement", params: IdParamsSchema, body: AssignmentCreateSchema, response: { 201: AssignmentSchema, ...errorReplies(400, 401, 403, 404) } } }, async (req, reply) => {
    const assignment = await assignments.create(req.params.id, req.body);
    await app.auth.audit(req.actor, 'assignment.create', `person:${assignment.personId}`, { campaignId: req.params.id, id: assignment.id, stationId: assignment.stationId, teamId: assignment.teamId }, { ip: req.ip, userAgent: req.headers['user-agent'] });
    return reply.status(201).send(assignment);
  });
};
