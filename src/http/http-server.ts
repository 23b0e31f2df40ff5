// The one Fastify server: API, health, and later webhooks and pages.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { installErrorHandler } from './error-handler.js';
import { registerHealthRoutes, type ReadinessProbe } from './routes/health.routes.js';
import { registerSubmissionRoutes } from './routes/submission.routes.js';

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
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger.child({ component: 'http' }) as FastifyBaseLogger,
    bodyLimit: JSON_BODY_LIMIT,
    // Fastify's own request log carries client addresses; ours carries the route pattern only.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: true,
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
  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(landingPage(publicUrl())),
  );
  registerHealthRoutes(app, probes);
  registerSubmissionRoutes(app, ctx, publicUrl);
  for (const mount of mountRoutes) mount(app);
  return app;
}

function landingPage(publicUrl: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Lắng Nghe</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<h1>Lắng Nghe</h1><p>Hệ thống tiếp nhận phản ánh, góp ý, khiếu nại, tố cáo và khen ngợi.</p>
<ul><li>Gửi ý kiến: <code>POST ${publicUrl}/api/submissions</code></li>
<li>Tra cứu hồ sơ: <code>GET ${publicUrl}/api/cases/&lt;mã hồ sơ&gt;</code></li>
<li>Tình trạng hệ thống: <a href="/readyz">/readyz</a></li></ul></body></html>`;
}
