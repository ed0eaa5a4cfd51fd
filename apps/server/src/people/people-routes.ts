import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParamsSchema, PersonCreateSchema, PersonListQuerySchema, PersonSchema, PersonUpdateSchema } from '@xk/contract';
import { errorReplies } from '../http-schemas';

const tags = ['people'];

export const peopleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const people = app.services.people;
  app.get('/people', { schema: { tags, summary: 'List people (by unit, phone, or a diacritic-insensitive name search)', querystring: PersonListQuerySchema, response: { 200: Type.Array(PersonSchema), ...errorReplies(400) } } }, (req) =>
    people.list(req.query),
  );
  app.get('/people/:id', { schema: { tags, params: IdParamsSchema, response: { 200: PersonSchema, ...errorReplies(400, 404) } } }, (req) => people.get(req.params.id));
  app.post('/people', { schema: { tags, summary: 'Create a person; the phone is normalised (09…, +849…, 849… are one number)', body: PersonCreateSchema, response: { 201: PersonSchema, ...errorReplies(400, 409) } } }, async (req, reply) =>
    reply.status(201).send(await people.create(req.body)),
  );
  app.patch('/people/:id', { schema: { tags, params: IdParamsSchema, body: PersonUpdateSchema, response: { 200: PersonSchema, ...errorReplies(400, 404, 409) } } }, (req) =>
    people.update(req.params.id, req.body),
  );
};
