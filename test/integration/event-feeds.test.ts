// The event feeds on a real database: the outbox rows a case's moves write, the fan-out to the
// webhooks registered before them, a chain delivered in order that waits behind a failed delivery,
// and the portal export. Delivery is driven by hand (the pump and the job handler as the worker
// runs them), with a fetch that stands for the receiver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCaseAction } from '../../src/cases/case-lifecycle.service.js';
import { parseInput } from '../../src/core/validation.js';
import {
  deliverWebhookChain,
  signWebhookBody,
  WebhookDeliveryError,
} from '../../src/feeds/deliver-webhook.js';
import { dispatchFeedEvents } from '../../src/feeds/dispatch-feed-events.js';
import { portalExportLines } from '../../src/feeds/portal-export.js';
import { removeWebhook } from '../../src/feeds/feed.repository.js';
import { registerWebhook } from '../../src/feeds/register-webhook.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.cleanup();
});

async function makeCase(n: number) {
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `feeds-${Date.now()}-${n}`,
    channel: 'web',
    kind: 'report',
    unitCode: 'ta-kkb',
    text: 'Phòng chờ không có nước uống.',
    contact: { phone: '0912 345 678' },
  });
  await submitSubmission(t.ctx, s);
  const { caseId } = await processSubmission(t.ctx, s.submissionId);
  return caseId;
}

describe('event feeds', () => {
  it('refuses a webhook with a bad URL or an unknown event type, and stores nothing', async () => {
    const deps = { db: t.ctx.db.prisma, sealedBox: t.ctx.sealedBox };
    await expect(
      registerWebhook(deps, { organizationCode: 'ttyt-thuan-an', url: 'ftp://x.vn' }),
    ).rejects.toThrow();
    await expect(
      registerWebhook(deps, {
        organizationCode: 'ttyt-thuan-an',
        url: 'https://x.vn',
        events: ['case.deleted' as never],
      }),
    ).rejects.toThrow();
    expect(await t.ctx.db.prisma.eventWebhook.count()).toBe(0);
  });

  it('delivers a case’s events in order, signed; a failure holds the chain and is retried', async () => {
    const before = await makeCase(0);
    const hook = await registerWebhook(
      { db: t.ctx.db.prisma, sealedBox: t.ctx.sealedBox },
      {
        organizationCode: 'ttyt-thuan-an',
        url: 'https://portal.example.vn/hooks',
        secret: 'a-secret-of-sixteen+',
      },
    );
    // Two that hear nothing of case 1's first events: one only of resolutions, one removed.
    const deps = { db: t.ctx.db.prisma, sealedBox: t.ctx.sealedBox };
    const resolvedOnly = await registerWebhook(deps, {
      organizationCode: 'ttyt-thuan-an',
      url: 'https://portal.example.vn/resolved',
      events: ['case.resolved'],
    });
    const removed = await registerWebhook(deps, {
      organizationCode: 'ttyt-thuan-an',
      url: 'https://portal.example.vn/old',
    });
    await removeWebhook(t.ctx.db.prisma, removed.id, new Date());
    const caseId = await makeCase(1);
    const staff = await t.ctx.db.prisma.staff.create({
      data: {
        organizationId: (await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } }))
          .organizationId,
        fullName: 'Trưởng khoa',
      },
    });
    const actor = { type: 'staff' as const, staffId: staff.id };
    await applyCaseAction(t.ctx, { caseId, action: 'accept', actor: { ...actor, role: 'unit_head' } });
    await applyCaseAction(t.ctx, {
      caseId,
      action: 'resolve',
      actor: { ...actor, role: 'handler' },
      params: { outcome: 'valid', answer: 'Đã đặt bình nước.' },
    });
    const feed = await t.ctx.db.prisma.caseFeedEvent.findMany({
      where: { caseId },
      orderBy: { sequence: 'asc' },
    });
    expect(feed.map((f) => f.sequence)).toEqual(feed.map((_, i) => i + 1));
    expect(feed[0]!.type).toBe('case.created');
    expect(feed.at(-1)!.type).toBe('case.resolved');

    expect(await dispatchFeedEvents(t.ctx)).toMatchObject({ fannedOut: feed.length + 1 });
    // A webhook hears only of events after it was registered, of the types it asked for.
    expect(await t.ctx.db.prisma.webhookDelivery.count({ where: { caseId: before } })).toBe(0);
    expect(await t.ctx.db.prisma.webhookDelivery.count({ where: { webhookId: hook.id } })).toBe(feed.length);
    expect(
      await t.ctx.db.prisma.webhookDelivery.findMany({
        where: { webhookId: resolvedOnly.id },
        select: { caseId: true, sequence: true },
      }),
    ).toEqual([{ caseId, sequence: feed.at(-1)!.sequence }]);
    expect(await t.ctx.db.prisma.webhookDelivery.count({ where: { webhookId: removed.id } })).toBe(0);
    expect(await t.ctx.db.prisma.caseFeedEvent.count({ where: { fannedOutAt: null } })).toBe(0);
    // A second pump finds nothing to fan out and makes nothing again.
    expect(await dispatchFeedEvents(t.ctx)).toMatchObject({ fannedOut: 0 });
    expect(await t.ctx.db.prisma.webhookDelivery.count()).toBe(feed.length + 1);

    const calls: { seq: number; ok: boolean; signature: string; body: string }[] = [];
    let failNext = 2;
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      const body = String(init.body);
      const ok = failNext-- <= 0;
      calls.push({
        seq: JSON.parse(body).sequence,
        ok,
        signature: (init.headers as Record<string, string>)['x-langnghe-signature']!,
        body,
      });
      return new Response(null, { status: ok ? 204 : 503 });
    }) as unknown as typeof fetch;
    const chain = { webhookId: hook.id, caseId };
    await expect(deliverWebhookChain(t.ctx, chain, fakeFetch)).rejects.toBeInstanceOf(WebhookDeliveryError);
    await expect(deliverWebhookChain(t.ctx, chain, fakeFetch)).rejects.toBeInstanceOf(WebhookDeliveryError);
    expect(await deliverWebhookChain(t.ctx, chain, fakeFetch)).toBe(feed.length);
    // The first event was tried three times, the others waited behind it, then went in order.
    expect(calls.map((c) => c.seq)).toEqual([1, 1, ...feed.map((f) => f.sequence)]);
    for (const c of calls) {
      const ts = Number(/^t=(\d+),/.exec(c.signature)![1]);
      expect(c.signature).toBe(signWebhookBody('a-secret-of-sixteen+', ts, c.body));
    }
    expect(calls.map((c) => c.body).join()).not.toMatch(/0912|nước uống|bình nước/);
    const log = await t.ctx.db.prisma.webhookDelivery.findMany({
      where: { webhookId: hook.id },
      orderBy: { sequence: 'asc' },
    });
    expect(log.map((d) => [d.status, d.attempts])).toEqual(log.map((_, i) => ['delivered', i === 0 ? 3 : 1]));
    // Nothing left: running the chain again sends nothing.
    expect(await deliverWebhookChain(t.ctx, chain, fakeFetch)).toBe(0);
  });

  it('exports the organisation’s cases as versioned JSONL lines of facts', async () => {
    const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    const lines = [];
    for await (const line of portalExportLines(
      t.ctx.db.prisma,
      org,
      new Date(Date.now() - 3600_000),
      new Date(Date.now() + 3600_000),
    ))
      lines.push(line);
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.find((l) => l.status === 'resolved')).toMatchObject({
      schema: 'langnghe.portal-export',
      version: 1,
      organization: 'ttyt-thuan-an',
      unit: 'ta-kkb',
      kind: 'report',
      channel: 'web',
      outcome: 'valid',
      resolvedAt: expect.any(String),
    });
    expect(JSON.stringify(lines)).not.toMatch(/0912|nước uống/);
  });
});
