// Issue 4 end to end: the app as bootstrap builds it (HTTP, workers, the Telegram bot by long
// polling) talking to a local fake Bot API, driven as a patient or a staff member would.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/bootstrap.js';
import { applyCaseAction } from '../../src/cases/case-lifecycle.service.js';
import { issueStaffAccessCode } from '../../src/directory/staff-access-code.service.js';
import { startTelegramE2eApp, type TelegramE2eApp } from '../helpers/e2e-app.js';
import type { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { TelegramConversation } from '../helpers/telegram-conversation.js';

let e2e: TelegramE2eApp;
let fake: FakeTelegramApi;
let app: RunningApp;
const chat = () => e2e.chat();
const CODE = /Mã hồ sơ: ([2-9A-Z]{4}-[2-9A-Z]{3}-[2-9A-Z]{3})/;
const RELEASE_DELAY_MIN_MS = 1500;

beforeAll(async () => {
  // No-trace feedback is released to intake 1.5–2.5 s after its receipt (decision 0029).
  e2e = await startTelegramE2eApp('tgi', {
    NO_TRACE_RELEASE_DELAY_MIN_MS: String(RELEASE_DELAY_MIN_MS),
    NO_TRACE_RELEASE_DELAY_MAX_MS: '2500',
  });
  ({ fake, app } = e2e);
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

async function caseByCode(code: string) {
  return app.ctx.db.prisma.case.findUniqueOrThrow({
    where: { code },
    include: { unit: true, identity: true, attachments: true, events: true },
  });
}

async function waitForCase(code: string) {
  for (let i = 0; i < 100; i++) {
    const c = await app.ctx.db.prisma.case.findUnique({ where: { code } });
    if (c) return caseByCode(code);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`case ${code} was never made`);
}

/** A citizen's whole intake from /start to the receipt; returns the tracking code. */
async function citizenIntake(c: TelegramConversation, kind: string): Promise<string> {
  await c.say('/start');
  expect(c.last()!.buttons.length).toBeGreaterThan(3);
  await c.pressValue(`menu:${kind}`);
  if (kind === 'complaint' || kind === 'denunciation') {
    expect(c.allText()).toMatch(/chưa phải là đơn/);
    await c.pressValue('petition:form');
  }
  await c.say(
    kind === 'praise'
      ? 'Các cô ở khoa Nhi chăm sóc con tôi rất chu đáo.'
      : 'Điều dưỡng khoa Nhi nói năng thiếu tôn trọng với mẹ tôi lúc 9 giờ sáng.',
  );
  const fileId = fake.addFile(Buffer.from('%PDF-1.4\n% giấy ra viện\n'), 'giay-ra-vien.pdf');
  await c.sendDocument(fileId, 'giay-ra-vien.pdf', 'application/pdf', 24);
  expect(c.last()!.text).toMatch(/Đã nhận tệp/);
  await c.pressValue('attach:done');
  await c.pressValue('unit:ta-knhi');
  if (kind !== 'praise') {
    await c.pressValue('when:today');
    await c.say('Phòng khám số 5, tầng 2');
  }
  await c.say(kind === 'praise' ? 'Bác sĩ Nguyễn Văn An' : 'điều dưỡng trực');
  await c.pressValue('contact:named');
  await c.say('0912 345 678');
  await c.say('Phạm Thị Lan');
  expect(c.last()!.text).toMatch(/Nghị định 13\/2023/);
  await c.pressValue('consent:agree');
  expect(c.last()!.text).toMatch(/Khoa Nhi/);
  // Routing hands the case to the unit right away, so the notice that it went to Khoa Nhi may
  // follow the receipt within the same exchange: pick the receipt by its code line.
  const replies = await c.pressValue('summary:confirm');
  const receipt = replies.map((r) => r.text).find((t) => CODE.test(t));
  expect(receipt).toMatch(/Hạn trả lời: /);
  return CODE.exec(receipt!)![1]!;
}

describe('Telegram intake, end to end', () => {
  it.each(['report', 'petition', 'complaint', 'denunciation', 'praise'])(
    'a full %s becomes a case with its file and a sealed way back to the sender',
    async (kind) => {
      const c = chat();
      const code = await citizenIntake(c, kind);
      const saved = await waitForCase(code);
      expect(saved).toMatchObject({ kind, channel: 'telegram', audience: 'citizen', identityMode: 'named' });
      expect(saved.unit?.code).toBe('ta-knhi');
      expect(saved.attachments).toHaveLength(1);
      expect(saved.attachments[0]!.fileName).toBe('giay-ra-vien.pdf');
      const identity = app.ctx.sealedBox.openJson<{
        contact: { phone: string };
        replyTo: { conversationId: string };
      }>(saved.identity!.ciphertext);
      expect(identity.contact.phone).toBe('0912 345 678');
      expect(identity.replyTo.conversationId).toBe(String(c.chatId));
      // The case row itself carries no contact.
      expect(JSON.stringify({ ...saved, identity: null })).not.toContain('0912 345 678');
    },
  );

  it('a QR deep link presets the unit', async () => {
    const c = chat();
    await c.say('/start u_ta-kkb');
    await c.pressValue('menu:report');
    await c.say('Phòng chờ quá nóng, quạt hỏng cả tuần.');
    await c.pressValue('attach:none');
    // No unit question: the QR code said where.
    expect(c.last()!.buttons.map((b) => b.data)).not.toContain('unit:ta-kkb');
    await c.pressValue('when:skip');
    await c.pressValue('where:skip');
    await c.pressValue('involved:skip');
    await c.pressValue('contact:anonymous');
    await c.pressValue('summary:confirm');
    const receipt = c.last()!.text;
    expect(receipt).toMatch(/Khoa Khám bệnh/);
    expect(receipt).toMatch(/Mã bí mật: /);
    const saved = await waitForCase(CODE.exec(receipt)![1]!);
    expect(saved.unit?.code).toBe('ta-kkb');
    expect(saved.identity).toBeNull();
  });

  it('staff feedback: sealed keeps an unrevealable reply handle, no-trace keeps nothing', async () => {
    const org = await app.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    const { code: staffCode } = await issueStaffAccessCode(app.ctx, org.id);

    const run = async (mode: 'sealed' | 'no_trace') => {
      const c = chat();
      await c.say('/start');
      await c.pressValue('menu:staff');
      const accepted = await c.say(staffCode.toLowerCase());
      expect(accepted.map((r) => r.text).join('\n')).toMatch(/Mã hợp lệ/);
      await c.pressValue(`staffMode:${mode}`);
      await c.pressValue('staffKind:petition');
      await c.say('Đề nghị công khai cách chia tiền trực đêm của khoa.');
      await c.pressValue('attach:none');
      await c.pressValue('unit:skip');
      await c.pressValue('when:skip');
      await c.pressValue('where:skip');
      await c.pressValue('involved:skip');
      if (mode === 'sealed') await c.pressValue('consent:agree');
      await c.pressValue('summary:confirm');
      const receipt = c.last()!.text;
      expect(receipt).toMatch(/Đã tiếp nhận góp ý nội bộ/);
      expect(receipt).toMatch(/Mã bí mật: /);
      return { c, saved: await waitForCase(CODE.exec(receipt)![1]!) };
    };

    const sealed = await run('sealed');
    expect(sealed.saved).toMatchObject({ audience: 'staff', identityMode: 'sealed' });
    expect(sealed.saved.identity?.revealable).toBe(false);

    const noTrace = await run('no_trace');
    expect(noTrace.saved).toMatchObject({ audience: 'staff', identityMode: 'no_trace' });
    expect(noTrace.saved.identity).toBeNull();
    const chatId = String(noTrace.c.chatId);
    // Nothing stored anywhere names the conversation: not the case, its events, or any outbox row.
    expect(JSON.stringify(noTrace.saved)).not.toContain(chatId);
    const notes = await app.ctx.db.prisma.notification.findMany({ where: { caseId: noTrace.saved.id } });
    expect(notes).toHaveLength(0);
    const redis = new Redis(e2e.config.redisUrl!);
    try {
      expect(await redis.keys(`${e2e.config.queuePrefix}:*${chatId}*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });

  it('no-trace feedback: no log line pairs the chat with the case, and the case appears only after the delay', async () => {
    const org = await app.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    const { code: staffCode } = await issueStaffAccessCode(app.ctx, org.id);
    const c = chat();
    await c.say('/start');
    await c.pressValue('menu:staff');
    await c.say(staffCode);
    await c.pressValue('staffMode:no_trace');
    await c.pressValue('staffKind:feedback');
    await c.say('Đề nghị bố trí thêm người trực đêm ở khoa Cấp cứu vào cuối tuần.');
    await c.pressValue('attach:none');
    await c.pressValue('unit:skip');
    await c.pressValue('when:skip');
    await c.pressValue('where:skip');
    await c.pressValue('involved:skip');
    const before = e2e.handled.lines().length;
    const replies = await c.pressValue('summary:confirm');
    const receipt = replies.map((r) => r.text).find((t) => CODE.test(t))!;
    // The receipt came after the delayed job was added: the submission is durable, not yet a case.
    const code = CODE.exec(receipt)![1]!;
    const submission = await app.ctx.db.prisma.intakeSubmission.findFirstOrThrow({
      where: { trackingCode: code },
    });
    expect(submission.status).toBe('pending');
    const update = e2e.handled
      .lines()
      .slice(before)
      .find((l) => l.msg === 'telegram update handled')!;
    const chatKey = String(update.chat);
    expect(chatKey.length).toBeGreaterThan(8);

    const saved = await waitForCase(code);
    // Read once the case's own lines are in: it was routed, and its cards were handled.
    await expect
      .poll(() => e2e.handled.lines().some((l) => l.caseId === saved.id && l.msg === 'case routed'), {
        timeout: 10_000,
      })
      .toBe(true);
    const lines = e2e.handled.lines();
    const caseMarks = [code, saved.id, saved.submissionId!];
    for (const line of lines) {
      const text = JSON.stringify(line);
      const namesChat = text.includes(chatKey) || text.includes(String(c.chatId));
      if (namesChat) expect(caseMarks.filter((m) => text.includes(m))).toEqual([]);
    }
    // Timing: every line about the case comes at least the minimum delay after the update's line.
    const updateAt = Date.parse(String(update.time));
    const aboutCase = lines.filter((l) => caseMarks.some((m) => JSON.stringify(l).includes(m)));
    expect(aboutCase.length).toBeGreaterThan(0);
    for (const l of aboutCase) expect(Date.parse(String(l.time)) - updateAt).toBeGreaterThanOrEqual(1000);
    // What officers read as its arrival is the release, not the instant the sender wrote.
    expect(saved.receivedAt.getTime() - updateAt).toBeGreaterThanOrEqual(1000);
  });

  it('tracks a case by code, and tells a mistyped code from an unknown one', async () => {
    const c = chat();
    const code = await citizenIntake(c, 'report');
    await waitForCase(code);
    const t = chat();
    await t.say(`/tracuu ${code}`);
    expect(t.last()!.text).toContain(code);
    expect(t.allText()).toMatch(/Đã tiếp nhận|Khoa Nhi/);
    const typo = code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A');
    await t.say(`/tracuu ${typo}`);
    expect(t.last()!.text).toMatch(/gõ nhầm/);
  });

  it('tells the sender the answer when resolved and records the satisfaction they give', async () => {
    const c = chat();
    const code = await citizenIntake(c, 'report');
    const saved = await waitForCase(code);
    const handler = await app.ctx.db.prisma.staff.create({
      data: { organizationId: saved.organizationId, fullName: 'Điều dưỡng trưởng khoa Nhi' },
    });
    const actor = { type: 'staff' as const, staffId: handler.id };
    await applyCaseAction(app.ctx, {
      caseId: saved.id,
      action: 'accept',
      actor: { ...actor, role: 'unit_head' },
    });
    const from = c.sent().length;
    await applyCaseAction(app.ctx, {
      caseId: saved.id,
      action: 'resolve',
      actor: { ...actor, role: 'handler' },
      params: { outcome: 'valid', answer: 'Khoa đã nhắc nhở điều dưỡng và xin lỗi gia đình.' },
    });
    // The notices are queued jobs, paced at one a second per chat: wait for each by what it says.
    await c.waitForMessage((m) => /đã có kết quả giải quyết[\s\S]*xin lỗi gia đình/.test(m.text), from);
    const question = await c.waitForMessage((m) => m.buttons.some((b) => b.data.startsWith('sat:')), from);
    c.transcript.push(question);
    expect(question.buttons.map((b) => b.text)).toEqual(
      expect.arrayContaining(
        ['Rất không hài lòng', 'Hài lòng', 'Rất hài lòng'].map((l) => expect.stringContaining(l)),
      ),
    );
    await c.press(/^(5|⭐).*Rất hài lòng|Rất hài lòng/);
    const after = await caseByCode(code);
    expect(after.satisfaction).toBe(5);
    expect(after.events.map((e) => e.action)).toContain('satisfaction');
  });

  it('an English speaker: a sticker is answered, a first photo keeps its caption, the unit is found by its English name, and notices come in English', async () => {
    const c = new TelegramConversation(
      fake,
      5_000_000 + Math.floor(Math.random() * 900_000),
      e2e.handled,
      'en',
    );
    const message = (extra: Record<string, unknown>) => ({
      message: {
        message_id: Math.floor(Math.random() * 1e6),
        date: Math.floor(Date.now() / 1000),
        chat: { id: c.chatId, type: 'private' },
        from: { id: c.chatId, is_bot: false, first_name: 'Jane', language_code: 'en' },
        ...extra,
      },
    });
    const sticker = await c.send(message({ sticker: { file_id: 'stk-1', file_unique_id: 'u-stk-1' } }));
    expect(sticker.map((r) => r.text).join('\n')).toMatch(/Thanks for the sticker/);

    const photoId = fake.addFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), 'photo.jpg');
    const caption = 'The toilet on floor 3 of Paediatrics has had no water since this morning';
    const photo = await c.send(
      message({ photo: [{ file_id: photoId, file_unique_id: `u-${photoId}`, file_size: 8 }], caption }),
    );
    expect(photo.map((r) => r.text).join('\n')).toMatch(/Received[\s\S]*kept what you wrote/);
    await c.pressValue('menu:report');
    await c.pressValue('attach:done');
    expect(c.last()!.buttons.map((b) => b.text)).toContain('Paediatrics · Khoa Nhi');
    await c.say('paediatrics');
    await c.pressValue('when:skip');
    await c.pressValue('where:skip');
    await c.pressValue('involved:skip');
    await c.pressValue('contact:sealed');
    await c.pressValue('consent:agree');
    const replies = await c.pressValue('summary:confirm');
    const code = /Case code: ([2-9A-Z]{4}-[2-9A-Z]{3}-[2-9A-Z]{3})/.exec(
      replies.map((r) => r.text).join('\n'),
    )![1]!;
    const saved = await waitForCase(code);
    expect(saved.description).toBe(caption);
    expect(saved.unit?.code).toBe('ta-knhi');
    expect(saved.attachments).toHaveLength(1);

    const officer = await app.ctx.db.prisma.staff.create({
      data: { organizationId: saved.organizationId, fullName: 'Cán bộ tiếp nhận' },
    });
    const from = c.sent().length;
    await applyCaseAction(app.ctx, {
      caseId: saved.id,
      action: 'accept',
      actor: { type: 'staff', staffId: officer.id, role: 'receiver' },
    });
    await c.waitForMessage(
      (m) => m.text.includes(`Case ${code}`) && /accepted for handling/.test(m.text),
      from,
    );
  });

  it('keeps a draft across a restart of the app between two messages', async () => {
    const c = chat();
    await c.say('/start');
    await c.pressValue('menu:petition');
    await c.say('Đề nghị bố trí thêm ghế chờ ở khu lấy máu.');
    app = await e2e.restart();
    await c.pressValue('attach:none');
    await c.pressValue('unit:ta-kkb');
    await c.pressValue('when:skip');
    await c.pressValue('where:skip');
    await c.pressValue('involved:skip');
    await c.pressValue('contact:anonymous');
    expect(c.last()!.text).toContain('Đề nghị bố trí thêm ghế chờ ở khu lấy máu.');
    await c.pressValue('summary:confirm');
    const saved = await waitForCase(CODE.exec(c.last()!.text)![1]!);
    expect(saved.description).toBe('Đề nghị bố trí thêm ghế chờ ở khu lấy máu.');
  });
});
