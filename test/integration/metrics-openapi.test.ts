// The operators' doors over real HTTP on real Redis and a real database: GET /metrics behind its
// token (404 without the setting, 401 with a wrong token) with queue depths, stuck work, outbox and
// open/overdue cases per organisation; the OpenAPI document and the docs page built from the zod
// schemas, and a real tracking response checked against the documented schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZPublicCaseStatusSchema } from '../../src/cases/public-case-status.schema.js';
import { fixedClock } from '../../src/core/clock.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { createMetricsRoutes } from '../../src/http/routes/metrics.routes.js';
import { createJobFailureCounts } from '../../src/metrics/job-failures.js';
import { JOB_NAMES } from '../../src/queue/job-registry.js';
import { startWorkers, type JobHandlers } from '../../src/queue/worker-host.js';
import { enqueueNotification } from '../../src/notify/enqueue-notification.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { parseInput } from '../../src/core/validation.js';
import { ZSubmissionReceiptSchema, ZSubmissionSchema } from '../../src/intake/submission.schema.js';
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
  app = await buildHttpServer(t.ctx, t.redis, [], () => url, [
    createMetricsRoutes(t.ctx, { redis: t.redis }),
  ]);
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
    const bare = await buildHttpServer(ctx, t.redis, [], () => '', [
      createMetricsRoutes(ctx, { redis: t.redis }),
    ]);
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

describe('OpenAPI', () => {
  type Doc = {
    openapi: string;
    paths: Record<
      string,
      Record<
        string,
        { responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }
      >
    >;
    components: { schemas: Record<string, Record<string, unknown>> };
  };
  let doc: Doc;
  beforeAll(async () => {
    const res = await fetch(`${url}/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    doc = (await res.json()) as Doc;
  });
  /** The documented JSON Schema of a response, its $ref followed. */
  const responseSchema = (path: string, method: string, status: string) => {
    const ref = doc.paths[path]![method]!.responses[status]!.content!['application/json']!.schema.$ref!;
    return doc.components.schemas[ref.replace('#/components/schemas/', '')]!;
  };
  const withoutDialect = (schema: Record<string, unknown>) => {
    const { $schema: _dialect, ...rest } = schema;
    return rest;
  };

  it('is an OpenAPI 3.1 document with the public endpoints and their components', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const [path, method] of [
      ['/api/submissions', 'post'],
      ['/api/cases/{code}', 'get'],
      ['/api/chat/session', 'post'],
      ['/api/chat/events', 'post'],
      ['/api/chat/upload', 'post'],
      ['/api/chat/messages', 'get'],
    ] as const)
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'SubmissionRequest',
        'SubmissionReceipt',
        'PublicCaseStatus',
        'Error',
        'ChatMessages',
      ]),
    );
    expect(
      doc.paths['/api/submissions']!.post!.responses['400']!.content!['application/json']!.schema.$ref,
    ).toBe('#/components/schemas/Error');
  });

  it('documents the submission exactly as the zod schema the route parses with', () => {
    expect(doc.components.schemas.SubmissionRequest).toEqual(
      withoutDialect(z.toJSONSchema(ZSubmissionSchema, { io: 'input' })),
    );
    expect(responseSchema('/api/submissions', 'post', '202')).toEqual(
      withoutDialect(z.toJSONSchema(ZSubmissionReceiptSchema, { io: 'output' })),
    );
  });

  it('a real submission receipt and a real GET /api/cases/:code answer validate against the documented schemas', async () => {
    const post = await fetch(`${url}/api/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        submissionId: `oa-${Date.now()}`,
        channel: 'api',
        kind: 'report',
        unitCode: 'ta-kkb',
        text: 'Phòng chờ quá nóng',
        anonymous: true,
      }),
    });
    expect(post.status).toBe(202);
    const receipt = (await post.json()) as { code: string };
    z.fromJSONSchema(responseSchema('/api/submissions', 'post', '202')).parse(receipt);

    const documented = z.fromJSONSchema(responseSchema('/api/cases/{code}', 'get', '200'));
    // Not yet processed (pending submission), then a processed case with a governing deadline.
    const pending = await (await fetch(`${url}/api/cases/${receipt.code}`)).json();
    documented.parse(pending);
    ZPublicCaseStatusSchema.parse(pending);
    const { code } = await createCase(t);
    const res = await fetch(`${url}/api/cases/${code}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { dueDates: unknown[] };
    expect(body.dueDates.length).toBe(1);
    documented.parse(body);
    ZPublicCaseStatusSchema.parse(body);
    // A field the documentation does not know fails: the doc cannot silently fall behind.
    expect(() => documented.parse({ ...body, extra: 1 })).toThrow();

    const missing = await (await fetch(`${url}/api/cases/AAAA-AAA-AAA`)).json();
    z.fromJSONSchema(doc.components.schemas.Error!).parse(missing);
  });

  it('renders the docs page from the document, with no inline script', async () => {
    const res = await fetch(`${url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const body = await res.text();
    expect(body.match(/<script/g)).toBeNull();
    expect(body).toContain('POST /api/submissions');
    expect(body).toContain('GET /api/cases/{code}');
    expect(body).toContain('&quot;submissionId&quot;');
    expect(body).toContain('href="/openapi.json"');
  });
});

describe('job failures', () => {
  it('are counted into Redis by the worker that saw them, where /metrics reads them', async () => {
    const failures = createJobFailureCounts(t.redis, t.prefix);
    const before = (await failures.read()).cases;
    const failing = async () => {
      throw new Error('handler down');
    };
    const host = startWorkers(
      Object.fromEntries(JOB_NAMES.map((n) => [n, failing])) as unknown as JobHandlers,
      {
        connection: t.redis,
        prefix: t.prefix,
        concurrency: 1,
        lockDurationMs: 30_000,
        logger: t.ctx.logger,
        onFailed: failures.record,
      },
    );
    try {
      await t.ctx.queues.add('cases.run-effects', { eventId: '0190a6c0-0000-7000-8000-000000000001' });
      await expect
        .poll(async () => (await failures.read()).cases, { timeout: 10_000 })
        .toBeGreaterThan(before);
    } finally {
      await host.close();
    }
  });
});
