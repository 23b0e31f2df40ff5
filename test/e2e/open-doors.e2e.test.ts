// Issue 20 end to end, on one app start: the Facebook Page (Messenger) against a local fake Graph
// API, the Open311 GeoReport v2 API driven by a client written from the spec, and outbound event
// webhooks received by a local receiver that checks signatures and can be taken down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/bootstrap.js';
import { applyCaseAction } from '../../src/cases/case-lifecycle.service.js';
import { getJson, waitFor } from '../helpers/app-process.js';
import { startE2eApp, type E2eApp } from '../helpers/e2e-app.js';
import { Open311Client, xmlText } from '../helpers/open311-client.js';
import { hashOpen311Key } from '../../src/open311/open311.routes.js';
import { insertOpen311Client } from '../../src/open311/open311.repository.js';
import { registerWebhook } from '../../src/feeds/register-webhook.js';
import { recordSatisfaction } from '../../src/cases/record-satisfaction.js';
import { E2E_ORG } from '../helpers/e2e-app.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';
import {
  MessengerConversation,
  messengerEventId,
  startFakeMessengerApi,
  type FakeMessengerApi,
} from '../helpers/fake-messenger-api.js';

let fb: FakeMessengerApi;
let e2e: E2eApp;
let app: RunningApp;
let webhook: string;
let psidSeq = 7_300_000_000_000_000 + Math.floor(Math.random() * 1_000_000);
const person = () => new MessengerConversation(fb, webhook, String(psidSeq++), e2e.handled);
const CODE = /Mã hồ sơ: ([2-9A-Z]{4}-[2-9A-Z]{3}-[2-9A-Z]{3})/;

beforeAll(async () => {
  fb = await startFakeMessengerApi();
  e2e = await startE2eApp('od', {
    MESSENGER_PAGE_ID: fb.pageId,
    MESSENGER_PAGE_ACCESS_TOKEN: fb.pageAccessToken,
    MESSENGER_APP_SECRET: fb.appSecret,
    MESSENGER_VERIFY_TOKEN: fb.verifyToken,
    MESSENGER_GRAPH_URL: fb.url,
    WEBHOOK_POLL_MS: '200',
  });
  app = e2e.app;
  webhook = `${app.url}/webhooks/messenger`;
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  await fb?.close();
});

async function staffActor(organizationId: string) {
  const staff = await app.ctx.db.prisma.staff.create({
    data: { organizationId, fullName: 'Trưởng khoa Nhi' },
  });
  return { type: 'staff' as const, staffId: staff.id };
}

describe('Messenger (Facebook Page), end to end', () => {
  it('answers the verification handshake only with the verify token', async () => {
    const ok = await fetch(
      `${webhook}?hub.mode=subscribe&hub.verify_token=${fb.verifyToken}&hub.challenge=1158201444`,
    );
    expect([ok.status, await ok.text()]).toEqual([200, '1158201444']);
    const wrong = await fetch(`${webhook}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
  });

  it('a person reports from a poster link to a tracking code, and receives the answer — held while the window is closed', async () => {
    const u = person();
    await u.referral('u_ta-knhi');
    expect(u.last()!.quickReplies.length).toBeGreaterThan(3);
    await u.press('menu:report');
    await u.say('Điều dưỡng khoa Nhi nói năng thiếu tôn trọng với mẹ tôi lúc 9 giờ sáng.');
    const got = await u.sendFile(
      fb.addFile(Buffer.from('%PDF-1.4\n% giấy ra viện\n'), 'giay-ra-vien.pdf'),
      'file',
    );
    expect(got.map((m) => m.text).join('\n')).toMatch(/Đã nhận tệp/);
    await u.press('attach:done');
    await u.press('when:today');
    await u.say('Phòng khám số 5, tầng 2');
    await u.say('điều dưỡng trực');
    await u.press('contact:named');
    await u.say('0912 345 678');
    await u.say('Phạm Thị Lan');
    await u.press('consent:agree');
    const replies = await u.press('summary:confirm');
    const receipt = replies.map((r) => r.text).find((t) => CODE.test(t));
    expect(receipt).toBeDefined();
    // Direct answers are RESPONSEs to what the person wrote.
    expect(u.transcript.every((m) => m.messagingType === 'RESPONSE')).toBe(true);
    const code = CODE.exec(receipt!)![1]!;
    const saved = await waitFor(() =>
      app.ctx.db.prisma.case.findUnique({ where: { code }, include: { unit: true, attachments: true } }),
    );
    expect(saved).toMatchObject({ channel: 'messenger', kind: 'report', identityMode: 'named' });
    expect(saved!.unit?.code).toBe('ta-knhi');
    expect(saved!.attachments.map((a) => a.fileName)).toEqual(['giay-ra-vien.pdf']);

    // The routing notice goes out inside the window, as an UPDATE.
    await waitFor(
      async () => fb.sentTo(u.psid).some((m) => m.messagingType === 'UPDATE' && m.text.includes(code)),
      30_000,
    );

    // A day later the window is closed: the answer is held, and shown on tracking.
    fb.closeWindowFor(u.psid);
    const actor = await staffActor(saved!.organizationId);
    await applyCaseAction(app.ctx, {
      caseId: saved!.id,
      action: 'accept',
      actor: { ...actor, role: 'unit_head' },
    });
    await applyCaseAction(app.ctx, {
      caseId: saved!.id,
      action: 'resolve',
      actor: { ...actor, role: 'handler' },
      params: { outcome: 'valid', answer: 'Khoa đã nhắc nhở điều dưỡng và xin lỗi gia đình.' },
    });
    const held = await waitFor(async () => {
      const rows = await app.ctx.db.prisma.notification.findMany({ where: { caseId: saved!.id } });
      const refused = rows.filter((r) => r.status === 'undeliverable');
      return refused.length >= 1 && rows.every((r) => r.status !== 'pending') ? refused : undefined;
    }, 30_000);
    for (const row of held) expect(row.lastError).toMatch(/24 giờ.*giữ lại/);
    expect(fb.sentTo(u.psid).some((m) => m.text.includes('xin lỗi gia đình'))).toBe(false);
    const status = await getJson(`${app.url}/api/cases/${code}`);
    expect(JSON.stringify(status.json)).toMatch(/xin lỗi gia đình/);

    // The person writes again: the window opens, the held notices go out, once.
    fb.openWindowFor(u.psid);
    await u.say(`/tracuu ${code}`);
    await waitFor(async () => {
      const rows = await app.ctx.db.prisma.notification.findMany({
        where: { id: { in: held.map((h) => h.id) } },
      });
      return rows.every((r) => r.status === 'sent') ? rows : undefined;
    }, 30_000);
    const answers = fb
      .sentTo(u.psid)
      .filter((m) => /xin lỗi gia đình/.test(m.text) && m.messagingType === 'UPDATE');
    expect(answers).toHaveLength(1);
  });

  it('refuses a forged or unsigned call with 403 and no side effect; a repeat is handled once', async () => {
    const u = person();
    const event = {
      sender: { id: u.psid },
      recipient: { id: fb.pageId },
      timestamp: Date.now(),
      message: { mid: `m_forged_${u.psid}`, text: '/start' },
    };
    const signed = fb.sign([event]);
    const forged = await fb.post(webhook, [event], { signature: `sha256=${'0'.repeat(64)}` });
    const unsigned = await fb.post(webhook, [event], { signature: null });
    const tampered = await fb.post(webhook, [event], {
      signature: signed.signature,
      rawBody: signed.body.replace('/start', '/help'),
    });
    expect([forged.status, unsigned.status, tampered.status]).toEqual([403, 403, 403]);
    expect(fb.sentTo(u.psid)).toEqual([]);
    // Nothing was stored or remembered: the same event, properly signed, is handled — once.
    const first = await u.send(event, `m:${event.message.mid}`);
    expect(first.length).toBeGreaterThan(0);
    expect((await fb.post(webhook, [event])).status).toBe(200);
    await u.say('/start');
    expect(e2e.handled.timesHandled(messengerEventId(`m:${event.message.mid}`))).toBe(1);
  });
});

describe('Open311 GeoReport v2, end to end', () => {
  it('a client lists services, posts a request with its api_key and follows it to closed', async () => {
    // What `npx langnghe open311:key "Cổng dịch vụ công"` does.
    const key = 'o311-test-key-' + Math.random().toString(36).slice(2);
    await insertOpen311Client(app.ctx.db.prisma, { name: 'Cổng dịch vụ công', keyHash: hashOpen311Key(key) });
    const client = new Open311Client(`${app.url}/open311/v2`, key);

    const services = await client.services();
    expect(services.map((s) => s.service_code)).toContain('report');
    const definition = await client.definition('report');
    const unit = definition.attributes.find((a) => a.code === 'unit')!;
    expect(unit.values!.map((v) => v.key)).toContain('ta-kkb');
    const xml = await client.xml('/services.xml');
    expect(xml.type).toMatch(/text\/xml/);
    expect(xml.text).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?><services><service><service_code>/);

    // Refused: a wrong key, and a request without a description — nothing is stored for either.
    const submissionsBefore = await app.ctx.db.prisma.intakeSubmission.count();
    const wrongKey = await client.post(
      { service_code: 'report', description: 'Không có nước.' },
      'wrong-key',
    );
    expect(wrongKey.status).toBe(403);
    const noText = await client.post({ service_code: 'report', description: '  ' });
    expect(noText.status).toBe(400);
    expect(noText.errors![0]!.description).toMatch(/Nội dung/);
    expect(await app.ctx.db.prisma.intakeSubmission.count()).toBe(submissionsBefore);

    const fields = {
      service_code: 'report',
      description: 'Nhà vệ sinh tầng 3 khu khám bệnh không có nước từ sáng.',
      'attribute[unit]': 'ta-kkb',
      address_string: 'Khu khám bệnh, tầng 3',
      email: 'nguoidan@example.vn',
      first_name: 'Lan',
    };
    const posted = await client.post(fields);
    expect(posted.status).toBe(200);
    const token = posted.posted!.token!;
    expect(posted.posted!.service_notice).toMatch(CODE);
    // Sent again (a client retrying after a timeout): the same token, no second case.
    expect((await client.post(fields)).posted!.token).toBe(token);

    const id = await waitFor(async () => (await client.token(token)).service_request_id, 30_000);
    const open = await client.request(id!);
    expect(open).toMatchObject({ service_request_id: id, status: 'open', service_code: 'report' });
    expect(open.expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:59\+07:00$/);
    expect(open.status_notes).toBeTruthy();
    // Nothing the person wrote or gave is published.
    const listed = JSON.stringify(await client.requests({ service_code: 'report' }));
    expect(listed).toContain(id);
    expect(listed).not.toMatch(/nguoidan|Lan|vệ sinh|tầng 3/);
    expect(listed).not.toMatch(CODE);

    const saved = await app.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: id! } });
    expect(saved).toMatchObject({ channel: 'api', kind: 'report', identityMode: 'named' });
    const actor = await staffActor(saved.organizationId);
    await applyCaseAction(app.ctx, {
      caseId: saved.id,
      action: 'accept',
      actor: { ...actor, role: 'unit_head' },
    });
    await applyCaseAction(app.ctx, {
      caseId: saved.id,
      action: 'resolve',
      actor: { ...actor, role: 'handler' },
      params: { outcome: 'valid', answer: 'Đã sửa đường ống và cấp nước lại.' },
    });
    const closed = await client.request(id!);
    expect(closed.status).toBe('closed');
    expect(closed.status_notes).toMatch(/Đã giải quyết/);
    expect((await client.requests({ status: 'closed' })).map((r) => r.service_request_id)).toContain(id);
    expect((await client.requests({ status: 'open' })).map((r) => r.service_request_id)).not.toContain(id);
    const asXml = await client.xml(`/requests/${id}.xml`);
    expect(xmlText(asXml.text, 'status')).toBe('closed');
    expect(xmlText(asXml.text, 'service_request_id')).toBe(id);
  });
});

describe('Event webhooks, end to end', () => {
  it('a receiver gets each event once, signed, in order per case, and an outage is retried', async () => {
    const receiver = await startWebhookReceiver('whsec-of-the-portal-' + Math.random().toString(36).slice(2));
    try {
      // What `npx langnghe webhook:add --org … --url … --secret …` does.
      const hook = await registerWebhook(
        { db: app.ctx.db.prisma, sealedBox: app.ctx.sealedBox },
        { organizationCode: E2E_ORG, url: receiver.url, secret: receiver.secret },
      );
      receiver.setDown(true);
      const res = await fetch(`${app.url}/api/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          submissionId: `wh-${Date.now()}`,
          channel: 'web',
          kind: 'petition',
          unitCode: 'ta-kkb',
          text: 'Đề nghị bố trí thêm ghế chờ ở khu khám bệnh.',
          contact: { phone: '0912 000 111' },
        }),
      });
      const { code } = (await res.json()) as { code: string };
      const saved = await waitFor(() => app.ctx.db.prisma.case.findUnique({ where: { code } }), 30_000);
      // The receiver is down: the first event is tried, refused, and retried with backoff.
      await waitFor(async () => (receiver.refusedCount() >= 2 ? true : undefined), 30_000);
      const actor = await staffActor(saved!.organizationId);
      await applyCaseAction(app.ctx, {
        caseId: saved!.id,
        action: 'accept',
        actor: { ...actor, role: 'unit_head' },
      });
      await applyCaseAction(app.ctx, {
        caseId: saved!.id,
        action: 'resolve',
        actor: { ...actor, role: 'handler' },
        params: { outcome: 'valid', answer: 'Khoa đã bố trí thêm 20 ghế chờ.' },
      });
      await recordSatisfaction(app.ctx, { code, score: 5, trackingPage: {} });
      const expected = await app.ctx.db.prisma.caseFeedEvent.count({ where: { caseId: saved!.id } });
      expect(expected).toBeGreaterThanOrEqual(5);
      receiver.setDown(false);

      const mine = () => receiver.accepted.filter((e) => e.body.case.id === saved!.id);
      await waitFor(async () => (mine().length >= expected ? true : undefined), 60_000);
      const got = mine();
      expect(got.map((e) => e.body.sequence)).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
      expect(new Set(got.map((e) => e.delivery)).size).toBe(got.length);
      expect(got.every((e) => e.signatureValid && e.type === e.body.type)).toBe(true);
      const types = got.map((e) => e.type);
      expect(types[0]).toBe('case.created');
      expect(types).toContain('case.status_changed');
      expect(types.indexOf('case.resolved')).toBeLessThan(types.indexOf('case.satisfaction'));
      expect(got.at(-1)!.body.case).toMatchObject({ satisfaction: 5, status: 'resolved' });
      // Nothing personal, and not the tracking code either.
      expect(JSON.stringify(got)).not.toMatch(/0912|ghế chờ|Khoa đã|Trưởng khoa/);
      expect(JSON.stringify(got)).not.toContain(code);
      // The delivery log shows the retried first event.
      const log = await app.ctx.db.prisma.webhookDelivery.findMany({
        where: { webhookId: hook.id, caseId: saved!.id },
        orderBy: { sequence: 'asc' },
      });
      expect(log.every((d) => d.status === 'delivered')).toBe(true);
      expect(log[0]!.attempts).toBeGreaterThanOrEqual(3);
      expect(log[0]!.lastStatusCode).toBe(204);
    } finally {
      await receiver.close();
    }
  });
});
