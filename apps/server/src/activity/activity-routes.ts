import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ActivityBatchResultSchema,
  ActivityBatchSchema,
  ActivityItemSchema,
  ActivityListQuerySchema,
  ActivityRecordSchema,
  ActivityResultSchema,
  ErrorSchema,
  IdParamsSchema,
} from '@xk/contract';
import { errorReplies } from '../http-schemas';

const tags = ['activity'];
const statusOf = { accepted: 201, duplicate: 200, conflict: 409, rejected: 400 } as const;

export const activityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const activity = app.services.activity;

  app.post(
    '/activity',
    {
      schema: {
        tags,
        summary: 'Record one entry. 201 accepted; 200 duplicate (a retry: the original result); 409 conflict (the id was used for another body); 400 rejected.',
        body: ActivityItemSchema,
        response: { 200: ActivityResultSchema, 201: ActivityResultSchema, 409: Type.Intersect([ErrorSchema, Type.Object({ result: ActivityResultSchema })]), ...errorReplies(400) },
      },
    },
    async (req, reply) => {
      const [result] = await activity.write([req.body]);
      const r = result!;
      if (r.status === 'rejected') return reply.status(400).send({ error: 'validation', message: `body/${r.field} ${r.reason}`, field: `body/${r.field}` });
      if (r.status === 'conflict') return reply.status(409).send({ error: 'conflict', message: r.reason ?? 'id already used', field: 'body/id', result: r });
      return reply.status(statusOf[r.status]).send(r);
    },
  );

  app.post(
    '/activity/batch',
    {
      schema: {
        tags,
        summary: 'Record up to 500 entries (a phone syncing its queue). Each item gets its own result, in order; one bad item never fails the batch. `client`: the phone\'s queue length and last sync, kept as its phone status.',
        body: ActivityBatchSchema,
        response: { 200: ActivityBatchResultSchema, ...errorReplies(400) },
      },
    },
    async (req) => {
      // A phone reports its queue length and last sync with each sync: checked first (a bad report
      // fails the batch whole), kept after the write. Losing a report must not lose the results.
      const { client } = req.body;
      if (client) await app.services.phoneStatus.check(client);
      const results = await activity.write(req.body.items);
      if (client) await app.services.phoneStatus.record(client).catch((err: unknown) => req.log.error({ err }, 'recording the phone status failed'));
      return { results };
    },
  );

  app.get(
    '/campaigns/:id/activity',
    { schema: { tags, summary: 'The activity log in sequence order (afterSeq to catch up)', params: IdParamsSchema, querystring: ActivityListQuerySchema, response: { 200: Type.Array(ActivityRecordSchema), ...errorReplies(400, 404) } } },
    (req) => activity.list(req.params.id, req.query),
  );
};
