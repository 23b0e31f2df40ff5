// The intake edge under bad input and outages: NUL and other control characters are cleaned from
// every free-text field before they reach the database (which refuses U+0000 forever), and
// POST /api/submissions answers 503 with Retry-After within 2 s when it cannot store, 202 when it
// stored but could not queue.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebChatRoutes } from '../../bots/web/index.js';
import type { AppContext } from '../../src/app-context.js';
import type { InboundEnvelope } from '../../src/dialog/dialog-types.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { createJobQueues, type JobQueues } from '../../src/queue/job-queues.js';
import { connectRedis } from '../../src/queue/redis-connection.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
let app: FastifyInstance;
const handled: InboundEnvelope[] = [];
beforeAll(async () => {
  t = await createTestContext();
  app = await buildHttpServer(t.ctx, t.redis, [], () => 'http://localhost', [
    createWebChatRoutes(t.ctx, {
      redis: t.redis,
      handle: async (env) => {
        handled.push(env);
        return [];
      },
    }),
  ]);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

let n = 0;
const body = (over: Record<string, unknown> = {}) => ({
  submissionId: `edge-${Date.now()}-${n++}`,
  channel: 'api',
  kind: 'report',
  unitCode: 'ta-kkb',
  text: 'Phòng chờ quá nóng',
  ...over,
});

async function post(server: FastifyInstance, payload: Record<string, unknown>) {
  const started = Date.now();
  const res = await server.inject({ method: 'POST', url: '/api/submissions', payload });
  return { res, ms: Date.now() - started };
}

describe('NUL and control characters in free text', () => {
  it.each(['text', 'place', 'occurredAt'])(
    'are cleaned from %s, and the case keeps the rest',
    async (field) => {
      const dirty = 'Khoa\u0000 Khám\u0007 bệnh\ttầng 2\nphòng 5\u001B';
      const b = body({ [field]: dirty, ...(field === 'text' ? {} : { text: 'Phòng chờ quá nóng' }) });
      const { res } = await post(app, b);
      expect(res.statusCode).toBe(202);
      const { caseId } = await processSubmission(t.ctx, b.submissionId);
      const c = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
      const stored = { text: c.description, place: c.place, occurredAt: c.occurredAt }[field];
      expect(stored).toBe('Khoa Khám bệnh\ttầng 2\nphòng 5');
    },
  );

  it('cleans the contact name and refuses a text of control characters only, in Vietnamese', async () => {
    const named = body({ contact: { name: 'Lan\u0000', phone: '0912345678' } });
    expect((await post(app, named)).res.statusCode).toBe(202);
    const { res } = await post(app, body({ text: '\u0000\u0000 ' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Nội dung (text): không được để trống');
  });

  it('are cleaned from what the web chat hands to the dialog', async () => {
    const session = (await app.inject({ method: 'POST', url: '/api/chat/session', payload: {} })).json<{
      session: string;
    }>().session;
    const res = await app.inject({
      method: 'POST',
      url: '/api/chat/events',
      headers: { 'x-chat-session': session },
      payload: { eventId: `evt-${Date.now()}`, lang: 'vi', event: { type: 'text', text: 'Nóng\u0000 quá' } },
    });
    expect(res.statusCode).toBe(200);
    const last = handled.at(-1)!.event;
    expect(last).toEqual({ type: 'text', text: 'Nóng quá' });
  });
});

describe('outages', () => {
  async function serverWith(over: Partial<AppContext>, redis = t.redis) {
    const server = await buildHttpServer({ ...t.ctx, ...over }, redis, [], () => 'http://localhost');
    await server.ready();
    return server;
  }

  it('answers 503 with Retry-After within 2 s while Redis is unreachable, and stores nothing', async () => {
    const deadRedis = connectRedis('redis://127.0.0.1:1', 'test-dead');
    deadRedis.on('error', () => {});
    const queues = createJobQueues(deadRedis, t.prefix);
    // The whole Redis is down: the queue and the rate-limit counters alike.
    const server = await serverWith({ queues }, deadRedis);
    try {
      const b = body();
      const { res, ms } = await post(server, b);
      expect(res.statusCode).toBe(503);
      expect(ms).toBeLessThan(2000);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.json().error.message).toContain('Vui lòng gửi lại sau ít phút');
      expect(await t.ctx.db.prisma.intakeSubmission.findUnique({ where: { id: b.submissionId } })).toBeNull();
    } finally {
      await server.close();
      await queues.close().catch(() => {});
      deadRedis.disconnect();
    }
  });

  it('answers 202 within 2 s when the row is stored but Redis stops answering the add', async () => {
    const hanging: JobQueues = { ...t.ctx.queues, add: () => new Promise<string>(() => {}) };
    const server = await serverWith({ queues: hanging });
    try {
      const b = body();
      const { res, ms } = await post(server, b);
      expect(res.statusCode).toBe(202);
      expect(ms).toBeLessThan(2000);
      const row = await t.ctx.db.prisma.intakeSubmission.findUniqueOrThrow({ where: { id: b.submissionId } });
      expect(row.status).toBe('pending');
    } finally {
      await server.close();
    }
  });

  async function expect503(db: Database) {
    const server = await serverWith({ db });
    try {
      const { res, ms } = await post(server, body());
      expect(res.statusCode).toBe(503);
      expect(ms).toBeLessThan(2000);
      expect(res.headers['retry-after']).toBe('30');
      expect(res.json().error).toMatchObject({ code: 'unavailable' });
    } finally {
      await server.close();
    }
  }

  it('answers 503 with Retry-After within 2 s while PostgreSQL is unreachable', async () => {
    const db = await openDatabase({ databaseUrl: 'postgresql://postgres@127.0.0.1:1/none' });
    await expect503(db);
  });

  it('answers 503 with Retry-After within 2 s once the embedded database is gone', async () => {
    const db = await openDatabase({ embeddedDir: 'memory://' });
    await db.close();
    await expect503(db);
  });
});
