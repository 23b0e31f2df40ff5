// GET /metrics for Prometheus, behind a bearer token (METRICS_TOKEN). Without the setting nothing is
// mounted — no route, no timing hook — so the endpoint answers 404 like any unknown address.
// Mounted through buildHttpServer's `mountRoutes` on every web process; queue depths, job
// failures and the database gauges are global (Redis, database), the latency histogram is this
// process's own.
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { AppContext } from '../../app-context.js';
import { createAppMetrics, statusClass } from '../../metrics/app-metrics.js';
import { createJobFailureCounts } from '../../metrics/job-failures.js';
import { cacheFor, readOperationsSnapshot } from '../../metrics/operations-snapshot.js';
import { bearerTokenMatches } from '../bearer-token.js';

export const METRICS_PATH = '/metrics';
/** A scrape reads the database at most this often, however tight the scrape loop. */
export const METRICS_CACHE_MS = 10_000;

export function createMetricsRoutes(ctx: AppContext, deps: { redis: Redis }): (app: FastifyInstance) => void {
  return (app) => {
    const token = ctx.config.metricsToken;
    if (!token) return;
    const metrics = createAppMetrics();
    const failures = createJobFailureCounts(deps.redis, ctx.config.queuePrefix);
    const snapshot = cacheFor(METRICS_CACHE_MS, () => readOperationsSnapshot(ctx, failures));

    app.addHook('onResponse', async (request, reply) => {
      metrics.httpRequestDuration.observe(
        {
          method: request.method,
          // The pattern (/api/cases/:code), never the URL: a tracking code must not become a label.
          route: request.routeOptions.url ?? 'unmatched',
          status_class: statusClass(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });

    app.get(METRICS_PATH, async (request, reply) => {
      if (!bearerTokenMatches(request.headers.authorization, token)) {
        return reply
          .status(401)
          .header('www-authenticate', 'Bearer realm="metrics"')
          .send({
            error: { code: 'unauthorized', message: 'Cần mã truy cập (Bearer token) để xem số liệu.' },
          });
      }
      metrics.apply(await snapshot());
      return reply
        .header('cache-control', 'no-store')
        .type(metrics.registry.contentType)
        .send(await metrics.registry.metrics());
    });
  };
}
