// Issue 5 end to end: the app as bootstrap builds it (HTTP with the Zalo webhook, workers) talking
// to a local fake of Zalo's OAuth and OA OpenAPI, driven by signed webhook calls as Zalo would make
// them for a patient writing to the health unit's Official Account.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeZaloTokenFromRefreshToken, zaloUserKey } from '../../bots/zalo/index.js';
import type { RunningApp } from '../../src/bootstrap.js';
import { applyCaseAction } from '../../src/cases/case-lifecycle.service.js';
import type { Config } from '../../src/config/config.js';
import { repliesOf } from '../../src/dialog/dialog-types.js';
import { loadActiveStaff } from '../../src/directory/resolve-staff.js';
import { createOfficerHandler } from '../../src/officer/officer-handler.js';
import { getJson, waitFor } from '../helpers/app-process.js';
import { startE2eApp, type E2eApp } from '../helpers/e2e-app.js';
import {
  startFakeZaloApi,
  zaloEvents,
  ZaloConversation,
  type FakeZaloApi,
} from '../helpers/fake-zalo-api.js';

let fake: FakeZaloApi;
let e2e: E2eApp;
let config: Config;
let app: RunningApp;
let webhook: string;
let userSeq = 8_100_000_000_000_000 + Math.floor(Math.random() * 1_000_000);
const user = () => new ZaloConversation(fake, webhook, String(userSeq++), e2e.handled);
const CODE = /Mã hồ sơ: ([2-9A-Z]{4}-[2-9A-Z]{3}-[2-9A-Z]{3})/;

beforeAll(async () => {
  fake = await startFakeZaloApi();
  e2e = await startE2eApp('zl', {
    ZALO_APP_ID: fake.appId,
    ZALO_APP_SECRET: fake.appSecret,
    ZALO_OA_SECRET_KEY: fake.oaSecretKey,
    ZALO_API_BASE: fake.url,
    ZALO_OAUTH_BASE: fake.url,
    ZALO_ZNS_BASE: fake.url,
  });
  ({ config, app } = e2e);
  // What `npx langnghe zalo:token <refresh-token>` does.
  await storeZaloTokenFromRefreshToken(
    { db: app.ctx.db, sealedBox: app.ctx.sealedBox },
    config.zalo!,
    fake.issueRefreshToken(),
  );
  webhook = `${app.url}/webhooks/zalo`;
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  await fake?.close();
});

async function waitForCase(code: string) {
  return waitFor(() =>
    app.ctx.db.prisma.case.findUnique({
      where: { code },
      include: { unit: true, identity: true, attachments: true },
    }),
  ).then((c) => c!);
}

/** A citizen's whole intake through the OA, from following it to the receipt; returns the code. */
async function citizenIntake(u: ZaloConversation): Promise<string> {
  // A follow has no message to reply to: the OA's own welcome greets, the app sends nothing.
  expect(await u.send(zaloEvents.follow(u.userId))).toEqual([]);
  await u.say('Xin chào');
  // Zalo shows at most 5 buttons a message: the menu continues in a second message.
  expect(u.transcript.flatMap((m) => m.buttons).length).toBeGreaterThan(3);
  await u.press('menu:report');
  await u.say('Điều dưỡng khoa Nhi nói năng thiếu tôn trọng với mẹ tôi lúc 9 giờ sáng.');
  const pdf = fake.addFile(Buffer.from('%PDF-1.4\n% giấy ra viện\n'));
  const got = await u.send(zaloEvents.file(u.userId, pdf, 'giay-ra-vien.pdf', 24));
  expect(got.map((m) => m.text).join('\n')).toMatch(/Đã nhận tệp/);
  await u.press('attach:done');
  await u.pressValue('unit:ta-knhi');
  await u.pressValue('when:today');
  await u.say('Phòng khám số 5, tầng 2');
  await u.say('điều dưỡng trực');
  const [phoneQuestion] = await u.press('contact:named');
  // Zalo has no share-my-number button: the question asks the person to type it.
  expect(phoneQuestion!.text).toMatch(/gõ số điện thoại/);
  expect(phoneQuestion!.text).not.toMatch(/bấm nút/);
  await u.say('0912 345 678');
  await u.say('Phạm Thị Lan');
  expect(u.last()!.text).toMatch(/Nghị định 13\/2023/);
  await u.press('consent:agree');
  const replies = await u.press('summary:confirm');
  const receipt = replies.map((r) => r.text).find((t) => CODE.test(t));
  expect(receipt).toMatch(/Hạn trả lời: /);
  return CODE.exec(receipt!)![1]!;
}

describe('Zalo OA intake, end to end', () => {
  it('signed webhook calls drive a full intake to a case, and the replies reach the OA API', async () => {
    const u = user();
    const code = await citizenIntake(u);
    const saved = await waitForCase(code);
    expect(saved).toMatchObject({
      kind: 'report',
      channel: 'zalo',
      audience: 'citizen',
      identityMode: 'named',
    });
    expect(saved.unit?.code).toBe('ta-knhi');
    expect(saved.attachments.map((a) => a.fileName)).toEqual(['giay-ra-vien.pdf']);
    const identity = app.ctx.sealedBox.openJson<{ replyTo: { channel: string; conversationId: string } }>(
      saved.identity!.ciphertext,
    );
    expect(identity.replyTo).toMatchObject({ channel: 'zalo', conversationId: u.userId });
    const status = await getJson(`${app.url}/api/cases/${code}`);
    expect(status.status).toBe(200);
    expect(JSON.stringify(status.json)).toContain(code);
    // Every reply went to the v3 customer-service endpoint, none to the shut-down v2 one.
    expect(fake.calls.every((c) => !c.path.startsWith('/v2.0/oa/message'))).toBe(true);

    // Zalo's rules (decision 0027): the routing notice comes while the window is open; the whole
    // conversation, start to tracking code and that notice, is replies, each carrying the
    // message_id it answers, never more than 8 to one message — nothing spends the OA's quota.
    await waitFor(async () => fake.sentTo(u.userId).some((m) => /được chuyển đến/.test(m.text)), 30_000);
    const count = fake.conversationCount(u.userId);
    expect(count).toMatchObject({ withoutMessageId: 0, proactive: 0 });
    expect(count.mostRepliesToOneMessage).toBeLessThanOrEqual(8);
    // The figure for the README and decision 0027.
    console.info(
      `zalo conversation: ${count.total} OA messages, at most ${count.mostRepliesToOneMessage} to one message`,
    );
  });

  it('after the window a notice follows the policy: proactive where verified, else ZNS, and quotas are tracked', async () => {
    const u = user();
    const code = await citizenIntake(u);
    const saved = await waitForCase(code);
    await waitFor(async () => fake.sentTo(u.userId).some((m) => /được chuyển đến/.test(m.text)), 30_000);
    // 49 hours later, for Zalo and for the app's record of the window.
    fake.ageMessagesOf(u.userId, 49 * 3600_000);
    const redis = new Redis(config.redisUrl!);
    try {
      await redis.del(`${config.queuePrefix}:zalo:window:${zaloUserKey(fake.oaSecretKey, u.userId)}`);
    } finally {
      redis.disconnect();
    }
    const org = { id: saved.organizationId };
    const settings = (await app.ctx.db.prisma.organization.findUniqueOrThrow({ where: org })).settings;
    const setPolicy = (zaloNotices: object) =>
      app.ctx.db.prisma.organization.update({
        where: org,
        data: { settings: { ...(settings as object), zaloNotices } },
      });
    const handler = await app.ctx.db.prisma.staff.create({
      data: { organizationId: saved.organizationId, fullName: 'Trưởng khoa Nhi' },
    });
    const actor = { type: 'staff' as const, staffId: handler.id };
    try {
      // (a) A verified OA: the notice is a proactive message, on the OA's quota.
      await setPolicy({ oaVerified: true });
      await applyCaseAction(app.ctx, {
        caseId: saved.id,
        action: 'accept',
        actor: { ...actor, role: 'unit_head' },
      });
      const accepted = await waitFor(
        async () => fake.sentTo(u.userId).find((m) => /đã được tiếp nhận xử lý/.test(m.text)),
        30_000,
      );
      expect(accepted).toMatchObject({ replyTo: undefined, counted: 'proactive' });

      // (b) Not verified, a ZNS template: the answer goes to the phone the person gave.
      await setPolicy({ oaVerified: false, znsTemplateId: '246810' });
      const before = fake.sentTo(u.userId).length;
      await applyCaseAction(app.ctx, {
        caseId: saved.id,
        action: 'resolve',
        actor: { ...actor, role: 'handler' },
        params: { outcome: 'valid', answer: 'Khoa đã nhắc nhở điều dưỡng.' },
      });
      const zns = await waitFor(async () => fake.zns.find((z) => z.templateData.case_code === code), 30_000);
      expect(zns).toMatchObject({ phone: '84912345678', templateId: '246810' });
      expect(zns!.templateData.status).toMatch(/đã có kết quả giải quyết/);
      // Nothing went through the OA chat after the window without the policy saying so.
      expect(
        fake
          .sentTo(u.userId)
          .slice(before)
          .filter((m) => m.counted === 'proactive'),
      ).toEqual([]);
      // The tracking page shows the answer whatever route the notice took.
      expect(JSON.stringify((await getJson(`${app.url}/api/cases/${code}`)).json)).toMatch(
        /nhắc nhở điều dưỡng/,
      );
    } finally {
      await app.ctx.db.prisma.organization.update({ where: org, data: { settings: settings ?? {} } });
    }
  });

  it('no Redis key names the Zalo user while their draft is open; an over-long text is answered', async () => {
    const u = user();
    await u.say('Xin chào');
    await u.press('menu:report');
    // A text over Zalo's old 10 000-character cap is answered, not dropped.
    const tooLong = await u.say('Phòng chờ quá nóng và đông. '.repeat(400));
    expect(tooLong.map((m) => m.text).join('\n')).toMatch(/Nội dung dài tối đa 5000 ký tự/);
    await u.say('Nhà vệ sinh tầng 3 khoa Nội không có nước từ sáng.');
    const redis = new Redis(config.redisUrl!);
    try {
      const names: string[] = [];
      const scan = redis.scanStream({ match: `${config.queuePrefix}:*`, count: 1000 });
      for await (const keys of scan as AsyncIterable<string[]>) names.push(...keys);
      expect(names.some((k) => k.includes(':dialog:zalo:h:'))).toBe(true);
      expect(names.filter((k) => k.includes(u.userId))).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('a QR keyword presets the unit, and a location is taken', async () => {
    const u = user();
    await u.say('#u_ta-kkb');
    await u.press('menu:report');
    await u.say('Phòng chờ quá nóng, quạt hỏng cả tuần.');
    await u.press('attach:none');
    expect(u.transcript.flatMap((m) => m.buttons).map((b) => b.payload)).not.toContain('#ln:unit:ta-kkb');
    await u.pressValue('when:skip');
    await u.send(zaloEvents.location(u.userId, 10.9, 106.7));
    await u.pressValue('involved:skip');
    await u.press('contact:anonymous');
    await u.press('summary:confirm');
    const receipt = u.last()!.text;
    expect(receipt).toMatch(/Khoa Khám bệnh/);
    const saved = await waitForCase(CODE.exec(receipt)![1]!);
    expect(saved.unit?.code).toBe('ta-kkb');
  });

  it('refuses forged, unsigned and stale calls with 401 and no effect; a repeat is ignored', async () => {
    const u = user();
    const event = zaloEvents.text(u.userId, '/start');
    const forged = await fake.postEvent(webhook, event, { signature: `mac=${'0'.repeat(64)}` });
    const unsigned = await fake.postEvent(webhook, event, { signature: null });
    const stale = await fake.postEvent(webhook, event, { timestampMs: Date.now() - 60 * 60_000 });
    // A signed body altered on the way: the mac no longer matches.
    const signed = fake.signEvent(event);
    const tampered = await fake.postEvent(webhook, event, {
      signature: signed.signature,
      rawBody: signed.body.replace('/start', '/help'),
    });
    expect([forged.status, unsigned.status, stale.status, tampered.status]).toEqual([401, 401, 401, 401]);

    // Nothing was stored or remembered: the same event, properly signed, is handled, and what the
    // OA sent this user is its answer alone.
    const first = await u.send(event);
    expect(first.length).toBeGreaterThan(0);
    expect(fake.sentTo(u.userId)).toHaveLength(first.length);
    const repeat = await fake.postEvent(webhook, event);
    expect(repeat.status).toBe(200);
    // A user's events are handled in order: once a later one is handled, a stored repeat would
    // have been handled too. It was not, and it sent nothing.
    const sentBefore = fake.sentTo(u.userId).length;
    const later = await u.say('/start');
    expect(e2e.handled.timesHandled(`zalo:${event.message.msg_id}`)).toBe(1);
    expect(fake.sentTo(u.userId)).toHaveLength(sentBefore + later.length);
  });

  it('refreshes an expired token once, mid-conversation, and the reply still goes out', async () => {
    const u = user();
    await u.say('/start');
    fake.expireAccessTokens();
    const oauthBefore = fake.oauthCalls().length;
    const rejectedBefore = fake.calls.filter((c) => c.error === -216).length;
    const replies = await u.press('menu:petition');
    expect(replies.length).toBeGreaterThan(0);
    expect(fake.oauthCalls().length - oauthBefore).toBe(1);
    expect(fake.calls.filter((c) => c.error === -216).length - rejectedBefore).toBe(1);
    // The new pair is what is stored now (the spent refresh token would be refused).
    const row = await app.ctx.db.prisma.channelCredential.findUniqueOrThrow({ where: { channel: 'zalo' } });
    expect(row.version).toBeGreaterThanOrEqual(2);
  });

  it('holds a notice Zalo refuses (-230), shows why, and delivers it on the next message', async () => {
    const u = user();
    const code = await citizenIntake(u);
    const saved = await waitForCase(code);
    // Let the notice of the intake itself (routing to the unit) go out first.
    await waitFor(
      async () =>
        fake.sentTo(u.userId).some((m) => m.text.includes(`Hồ sơ ${code}`) && /được chuyển đến/.test(m.text)),
      30_000,
    );
    fake.closeWindowFor(u.userId);
    const handler = await app.ctx.db.prisma.staff.create({
      data: { organizationId: saved.organizationId, fullName: 'Điều dưỡng trưởng khoa Nhi' },
    });
    const actor = { type: 'staff' as const, staffId: handler.id };
    await applyCaseAction(app.ctx, {
      caseId: saved.id,
      action: 'accept',
      actor: { ...actor, role: 'unit_head' },
    });
    await applyCaseAction(app.ctx, {
      caseId: saved.id,
      action: 'resolve',
      actor: { ...actor, role: 'handler' },
      params: { outcome: 'valid', answer: 'Khoa đã nhắc nhở điều dưỡng và xin lỗi gia đình.' },
    });

    // Officers see it was not delivered, and why.
    const held = await waitFor(async () => {
      const rows = await app.ctx.db.prisma.notification.findMany({
        where: { caseId: saved.id },
        orderBy: { createdAt: 'asc' },
      });
      const refused = rows.filter((r) => r.status === 'undeliverable');
      return refused.length >= 2 && rows.every((r) => r.status !== 'pending') ? refused : undefined;
    }, 30_000);
    for (const row of held) expect(row.lastError).toMatch(/chưa nhắn lại cho OA.*giữ lại/);
    // …in the case view an officer opens with /xem.
    await app.ctx.db.prisma.staffRole.create({
      data: { staffId: handler.id, organizationId: saved.organizationId, role: 'leader' },
    });
    const seen = await createOfficerHandler(app.ctx)(
      {
        conversation: { channel: 'telegram', conversationId: '700001' },
        event: { type: 'command', command: 'xem', args: code },
        eventId: 'tg:view-1',
        receivedAt: new Date(),
      },
      { staff: await loadActiveStaff(app.ctx, handler.id), inGroup: false },
      { type: 'command', name: 'xem', args: code },
    );
    expect(
      repliesOf(seen)
        .map((m) => m.text)
        .join('\n'),
    ).toMatch(/tin nhắn chưa gửi được:\n• .*chưa nhắn lại cho OA/);
    expect(fake.sentTo(u.userId).some((m) => m.text.includes('xin lỗi gia đình'))).toBe(false);
    const redis = new Redis(config.redisUrl!);
    try {
      // Held under a hash of the recipient, never the clear Zalo id.
      const heldKeys = await redis.keys(`${config.queuePrefix}:notify:held:*`);
      expect(heldKeys.length).toBeGreaterThan(0);
      expect(heldKeys.filter((k) => k.includes(u.userId))).toEqual([]);
    } finally {
      redis.disconnect();
    }
    // The case keeps the answer: tracking shows it.
    const status = await getJson(`${app.url}/api/cases/${code}`);
    expect(JSON.stringify(status.json)).toMatch(/xin lỗi gia đình/);

    // The person writes again: the window is open, the held notices go out, once.
    fake.openWindowFor(u.userId);
    await u.say(`/tracuu ${code}`);
    const delivered = await waitFor(async () => {
      const rows = await app.ctx.db.prisma.notification.findMany({
        where: { id: { in: held.map((h) => h.id) } },
      });
      return rows.every((r) => r.status === 'sent') ? rows : undefined;
    }, 30_000);
    expect(delivered).toHaveLength(held.length);
    const texts = fake.sentTo(u.userId).map((m) => m.text);
    expect(texts.filter((t) => /đã có kết quả giải quyết[\s\S]*xin lỗi gia đình/.test(t))).toHaveLength(1);
  });
});
