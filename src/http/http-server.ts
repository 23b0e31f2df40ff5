// The one Fastify server: API, health, and later webhooks and pages.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { installErrorHandler } from './error-handler.js';
import { registerApiDocsRoutes } from './routes/api-docs.routes.js';
import { registerHealthRoutes, type ReadinessProbe } from './routes/health.routes.js';
import { registerSubmissionRoutes } from './routes/submission.routes.js';
import { registerPublicPages, type PublicPagesOptions } from './routes/public-pages.routes.js';
import { installSecurityHeaders } from './security-headers.js';

/** Enough for a 5 000-character description in any script; anything larger is refused with 413. */
export const JSON_BODY_LIMIT = 64 * 1024;

/**
 * `publicUrl` is asked for lazily: with PORT=0 it is known only once the server listens.
 * `mountRoutes` adds routes that belong to adapters started by bootstrap (the Telegram webhook).
 */
export async function buildHttpServer(
  ctx: AppContext,
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
  installSecurityHeaders(app);
  if (pages) registerPublicPages(app, ctx, { ...pages, publicUrl });
  registerHealthRoutes(app, probes);
  registerSubmissionRoutes(app, ctx, publicUrl);
  registerApiDocsRoutes(app);
  for (const mount of mountRoutes) mount(app);
  return app;
}
