// The one Fastify server: API, health, and later webhooks and pages.
import compress from '@fastify/compress';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppContext } from '../app-context.js';
import { createClientAddressHash } from '../core/keyed-hash.js';
import { createIntakeNewCaseCap } from '../intake/new-case-cap.js';
import { createCaseLookup } from './case-lookup.js';
import { installErrorHandler } from './error-handler.js';
import { registerApiDocsRoutes } from './routes/api-docs.routes.js';
import { registerFaviconRoutes } from './routes/favicon.routes.js';
import { registerHealthRoutes, type ReadinessProbe } from './routes/health.routes.js';
import { registerSubmissionRoutes } from './routes/submission.routes.js';
import { registerPublicPages, type PublicPagesOptions } from './routes/public-pages.routes.js';
import { registerRateLimits } from './rate-limits.js';
import { registerOpen311Routes } from '../open311/open311.routes.js';
import { registerSecurityHeaders } from './security-headers.js';
import { registerConsole } from '../console/console-plugin.js';

/** Enough for a 5 000-character description in any script; anything larger is refused with 413. */
export const JSON_BODY_LIMIT = 64 * 1024;

/**
 * `publicUrl` is asked for lazily: with PORT=0 it is known only once the server listens.
 * `mountRoutes` adds routes that belong to adapters started by bootstrap (the Telegram webhook).
 * `redis` holds the rate-limit counters, shared by every web process on the same QUEUE_PREFIX.
 */
export async function buildHttpServer(
  ctx: AppContext,
  redis: Redis,
  probes: ReadinessProbe[],
  publicUrl: () => string,
  mountRoutes: ((app: FastifyInstance) => void)[] = [],
  /** The public pages (home, tracking, transparency, posters); left out by tests of the API alone. */
  pages?: Omit<PublicPagesOptions, 'publicUrl'>,
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger.child({ component: 'http' }) as FastifyBaseLogger,
    bodyLimit: JSON_BODY_LIMIT,
    // Fastify's own request log carries client addresses; ours carries the route pattern only.
    logController: new LogController({ disableRequestLogging: true }),
    // Trust that many proxy hops from the socket (0: none), never a client-set header beyond them.
    trustProxy: (_address: string, hop: number) => hop < ctx.config.trustProxyHops,
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  installErrorHandler(app);
  // Both before any route: they attach themselves to each route as it is added.
  await registerSecurityHeaders(app, { publicUrl: ctx.config.publicUrl });
  // Pages, scripts and JSON answers shrink to a third or less for a slow phone (decision 0028).
  // Request bodies are never inflated: a small compressed body must not unpack past the body
  // limits, which count bytes as received.
  await app.register(compress, { global: true, globalDecompression: false, threshold: 1024 });
  const clientKey = createClientAddressHash(ctx.sealedBox);
  const { limits } = ctx.config;
  // Counters a request waits for: on their own connection that gives up quickly while Redis is
  // down (one retry, a short timeout; measured ~150 ms), so a Redis outage makes the limits step
  // aside instead of holding every request for the whole outage.
  const counters = redis.duplicate({
    commandTimeout: 500,
    maxRetriesPerRequest: 1,
    connectionName: 'http-counters',
  });
  counters.on('error', () => undefined);
  app.addHook('onClose', async () => {
    counters.disconnect();
  });
  await registerRateLimits(app, {
    redis: counters,
    prefix: ctx.config.queuePrefix,
    clientKey,
    requestsPerMinute: limits.requestsPerMinute,
    // Set by the console's guarded scope before the limit runs (console-guard.ts).
    sessionKeyOf: (request) => request.consoleSession?.sessionId,
    sessionRequestsPerMinute: limits.consoleSessionRequestsPerMinute,
  });
  const lookup = createCaseLookup(ctx, counters);
  if (pages) registerPublicPages(app, ctx, lookup, { ...pages, publicUrl });
  // The officers' web console (/console) is served where the pages are.
  if (pages) registerConsole(app, ctx);
  registerHealthRoutes(app, probes);
  const newCaseCap = createIntakeNewCaseCap(ctx, counters);
  registerSubmissionRoutes(app, ctx, publicUrl, { lookup, clientKey, newCaseCap });
  // Open311 GeoReport v2: the same submissions and limits, spoken as the civic-reporting world does.
  registerOpen311Routes(app, ctx, { clientKey, newCaseCap });
  registerApiDocsRoutes(app);
  registerFaviconRoutes(app);
  for (const mount of mountRoutes) mount(app);
  return app;
}
