import type { FastifyInstance } from 'fastify';
import { NOT_RATE_LIMITED } from '../rate-limits.js';

export interface ReadinessProbe {
  name: string;
  check(): Promise<void>;
}

export function registerHealthRoutes(app: FastifyInstance, probes: ReadinessProbe[]): void {
  // Load balancers and orchestrators probe from a few addresses, often: never limited.
  const probe = { config: { rateLimit: NOT_RATE_LIMITED } };
  app.get('/healthz', probe, async () => ({ status: 'ok' }));
  app.get('/readyz', probe, async (_request, reply) => {
    const results = await Promise.all(
      probes.map(async (p) => {
        try {
          await withTimeout(p.check(), 2000);
          return [p.name, 'ok'] as const;
        } catch {
          return [p.name, 'unavailable'] as const;
        }
      }),
    );
    const ready = results.every(([, s]) => s === 'ok');
    return reply
      .status(ready ? 200 : 503)
      .send({ status: ready ? 'ok' : 'unavailable', checks: Object.fromEntries(results) });
  });
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}
