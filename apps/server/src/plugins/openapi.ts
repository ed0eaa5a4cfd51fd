import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** OpenAPI built from the routes' TypeBox schemas: the UI at /api/docs, the document at /api/docs/json. */
export default fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        info: {
          title: 'Xung Kích API',
          description: 'Live operations hub for Youth Union digital-transformation drives. Every write carries a client-made UUID: retries are safe.',
          version: '1',
        },
      },
    });
    await app.register(swaggerUi, { routePrefix: '/api/docs' });
  },
  { name: 'openapi' },
);
