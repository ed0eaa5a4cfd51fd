import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Database } from '@xk/db';
import authPlugin from './auth/auth-plugin';
import { authRoutes } from './auth/auth-routes';
import { screensRoutes } from './auth/screens-routes';
import { volunteerRoutes } from './auth/volunteer-routes';
import { healthRoutes } from './health/health-routes';
import { importRoutes } from './imports/import-routes';
import errorHandler from './plugins/error-handler';
import openapi from './plugins/openapi';
import webApp from './plugins/web-app';
import { type Cluster, type ClusterOptions, startCluster } from './cluster/cluster';
import { createServices, type Services } from './services';
import { activityStreamRoute } from './live/activity-stream-route';
import { createLiveService, type LiveService } from './live/live-service';
import { registerLiveSockets } from './live/live-socket';
import socketIo from './plugins/socket-io';
import { activityRoutes } from './activity/activity-routes';
import { assignmentsRoutes } from './assignments/assignments-routes';
import { campaignsRoutes } from './campaigns/campaigns-routes';
import { messagesRoutes } from './messages/messages-routes';
import { movesRoutes } from './moves/moves-routes';
import { peopleRoutes } from './people/people-routes';
import { phoneRoutes } from './phone/phone-routes';
import { phoneStatusRoutes } from './phone-status/phone-status-routes';
import { stationsRoutes } from './stations/stations-routes';
import { teamsRoutes } from './teams/teams-routes';
import { totalsRoutes } from './totals/totals-routes';
import { reportRoutes } from './reports/report-routes';
import { unitsRoutes } from './units/units-routes';
import { validatorCompiler } from './validator';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    services: Services;
    live: LiveService;
    /** The Redis link between hub processes, when REDIS_URL is set. */
    cluster: Cluster | undefined;
    /** The name of the transport that sends PIN reset codes. */
    codeTransportName: string;
    /** The address people open (`XK_PUBLIC_URL`), for links the hub makes; undefined: the request's own. */
    publicUrl: string | undefined;
  }
}

export interface AppOptions {
  database: Database;
  /** Several hub processes over Redis (needs a shared PostgreSQL). */
  cluster?: ClusterOptions | undefined;
  logger?: FastifyServerOptions['logger'];
  /**
   * Behind a proxy that terminates TLS: trust its X-Forwarded-For/-Proto, so the audit log names
   * the client's address and cookies get `Secure`. Never when the hub faces the network directly.
   */
  trustProxy?: boolean | undefined;
  /** How PIN reset codes are sent (`XK_CODE_TRANSPORT`; default `log`, for development). */
  codeTransport?: string | undefined;
  /** Folder of the built web app to serve at `/`; not served when absent. */
  webDist?: string | undefined;
  /** The address people open (`XK_PUBLIC_URL`, no trailing slash): links the hub makes (poster QR codes); default: the request's own. */
  publicUrl?: string | undefined;
  /** Serve HTTPS with this certificate and key (PEM; `XK_TLS_CERT`, `XK_TLS_KEY`); Socket.IO rides the same server. */
  https?: { cert: Buffer | string; key: Buffer | string } | undefined;
}

/**
 * The hub as a Fastify instance, without a port: tests call `app.inject()`, server.ts listens.
 * Plugins first (errors, OpenAPI), then services, then routes.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.https ? { https: options.https } : {}),
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
    // Bodies are validated strictly as sent; only params and query strings are converted from text.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);

  app.decorate('database', options.database);
  app.decorate('codeTransportName', options.codeTransport ?? 'log');
  app.decorate('publicUrl', options.publicUrl?.replace(/\/+$/, '') || undefined);
  const services = createServices(options.database.db);
  app.decorate('services', services);
  app.decorate('live', createLiveService(options.database.db, services, { log: app.log }));
  // Writes still in the group commit are finished (and answered) before the database closes.
  app.addHook('preClose', async () => services.activity.idle());
  app.addHook('onClose', async () => app.live.close());

  await app.register(errorHandler);
  await app.register(openapi);
  await app.register(socketIo);
  await app.register(authPlugin);
  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      for (const routes of [authRoutes, screensRoutes, volunteerRoutes, unitsRoutes, peopleRoutes, teamsRoutes, campaignsRoutes, stationsRoutes, assignmentsRoutes, activityRoutes, totalsRoutes, reportRoutes, movesRoutes, messagesRoutes, phoneStatusRoutes, phoneRoutes, importRoutes]) {
        await api.register(routes);
      }
      await api.register(activityStreamRoute);
    },
    { prefix: '/api/v1' },
  );
  await app.register(webApp, { root: options.webDist });
  app.decorate('cluster', options.cluster ? startCluster(app, options.cluster) : undefined);
  if (app.cluster) app.addHook('onClose', async () => app.cluster!.close());
  registerLiveSockets(app);
  return app;
}
