// The intake dialog on real Redis and a real database: drafts survive a restart, a confirmed draft
// becomes one case with its files and the right identity for each mode, repeats are ignored, the
// sender alone answers the satisfaction question, and a silent draft is reminded once.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { createDialogDeps, createDialogDraftStore } from '../../src/dialog/create-dialog-deps.js';
import type { ConversationRef, Inbound, InboundFile, Outbound } from '../../src/dialog/dialog-types.js';
import { draftKey, legacyDraftKey } from '../../src/dialog/draft.store.js';
import { createConversationHash } from '../../src/core/keyed-hash.js';
import { createIntakeDialog } from '../../src/dialog/intake-dialog.js';
import { remindSilentDraft } from '../../src/dialog/remind-silent-draft.js';
import {
  issueStaffAccessCode,
  verifyStaffAccessCode,
} from '../../src/directory/staff-access-code.service.js';
import { readStoredFile } from '../../src/files/file-store.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { connectRedis } from '../../src/queue/redis-connection.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { testRedisUrl } from '../helpers/test-redis.js';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Monday 02/03/2026, 9:00 in Hà Nội
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('ảnh hóa đơn')]);
let t: TestContext;
let dataDir: string;
let conversationCounter = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-dialog-'));
  t = await createTestContext({ clock, env: { DATA_DIR: dataDir } });
});
afterAll(async () => {
  await t.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

function chat(redis = t.redis, ctx = t.ctx) {
  // No 0 or 1 in the id: it cannot appear by chance inside a code, a secret or a hash.
  const conversation: ConversationRef = {
    channel: 'telegram',
    conversationId: `chat-${Date.now()}${++conversationCounter}`.replace(/[01]/g, '7'),
  };
  let dialog = createIntakeDialog(createDialogDeps(ctx, { redis }));
  let n = 0;
  let last: Outbound[] = [];
  // The event id names the conversation on purpose: no key may keep it for a no-trace sender.
  const send = async (event: Inbound, eventId = `tg:${conversation.conversationId}:${++n}`) => {
    last = await dialog.handle({ conversation, event, eventId, receivedAt: clock.now() });
    return last;
  };
  return {
    conversation,
    send,
    text: (text: string) => send({ type: 'text', text }),
    press: (value: string) => send({ type: 'choice', value }),
    said: () => last.map((m) => m.text).join('\n'),
    /** A new process: new connection, new deps, new dialog; only Redis and the database remain. */
    restart(newRedis: typeof redis) {
      dialog = createIntakeDialog(createDialogDeps(t.ctx, { redis: newRedis }));
    },
  };
}

function photo(): InboundFile {
  return { kind: 'photo', channelFileId: 'p1', sizeBytes: JPEG.length, download: async () => JPEG };
}

async function caseOf(submissionId: string) {
  const { caseId } = await processSubmission(t.ctx, submissionId);
  return t.ctx.db.prisma.case.findUniqueOrThrow({
    where: { id: caseId },
    include: { identity: true, attachments: true, events: true },
  });
}

/** Every key of this test's prefix (SCAN, as an operator would list them) containing `text`. */
async function keysNaming(text: string): Promise<string[]> {
  const found: string[] = [];
  const scan = t.redis.scanStream({ match: `${t.prefix}:*`, count: 500 });
  for await (const keys of scan as AsyncIterable<string[]>)
    found.push(...keys.filter((k) => k.includes(text)));
  return found;
}

const lastSubmissionId = async () =>
  (await t.ctx.db.prisma.intakeSubmission.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).id;

describe('dialog on Redis and the database', () => {
  it('keeps a draft across a restart, encrypted at rest', async () => {
    const c = chat();
    await c.send({ type: 'command', command: 'start', args: 'u_ta-knhi' });
    await c.press('menu:report');
    await c.text('Điều dưỡng khoa Nhi nói năng thiếu tôn trọng, số của tôi 0912 345 678');

    const key = draftKey(t.prefix, createConversationHash(t.ctx.sealedBox), c.conversation);
    const raw = await t.redis.getBuffer(key);
    expect(raw).not.toBeNull();
    expect(raw!.toString('latin1')).not.toContain('0912');
    expect(await t.redis.ttl(key)).toBeGreaterThan(23 * 3600);

    const other = connectRedis(await testRedisUrl(), 'test-restarted');
    try {
      c.restart(other);
      await c.press('attach:none');
      expect(c.said()).toMatch(/Sự việc xảy ra khi nào/);
    } finally {
      await other.quit();
    }
  });

  it('turns a named draft into one case with its file linked and contact + reply handle sealed', async () => {
    const c = chat();
    await c.send({ type: 'command', command: 'start', args: 'u_ta-knhi' });
    await c.press('menu:complaint');
    await c.press('petition:form');
    await c.text('Bị thu tiền xét nghiệm hai lần trong cùng một ngày.');
    await c.send({ type: 'file', file: photo() });
    expect(c.said()).toMatch(/Đã nhận tệp «anh\.jpg»/);
    await c.press('attach:done');
    await c.press('when:today');
    await c.press('where:skip');
    await c.text('Quầy thu ngân số 2');
    await c.press('contact:named');
    await c.text('0912 345 678');
    await c.text('Phạm Thị Lan');
    await c.press('consent:agree');
    await c.press('summary:confirm');
    expect(c.said()).toMatch(/Mã hồ sơ: (\S+)/);
    expect(c.said()).toMatch(/Hạn trả lời: .+\/2026/);
    const code = /Mã hồ sơ: (\S+)/.exec(c.said())![1]!;

    const submissionId = await lastSubmissionId();
    const pending = await t.ctx.db.prisma.attachment.findMany({ where: { submissionId } });
    expect(pending).toHaveLength(1);
    expect(pending[0]!.caseId).toBeNull();

    const made = await caseOf(submissionId);
    expect(made.code).toBe(code);
    expect(made).toMatchObject({
      kind: 'complaint',
      audience: 'citizen',
      identityMode: 'named',
      channel: 'telegram',
    });
    expect(made.involved).toBe('Quầy thu ngân số 2');
    expect(made.attachments).toHaveLength(1);
    const file = made.attachments[0]!;
    expect(file).toMatchObject({
      mimeType: 'image/jpeg',
      sizeBytes: JPEG.length,
      storagePath: `files/${file.sha256}`,
    });
    expect(await readStoredFile(t.ctx, file.storagePath)).toEqual(JPEG);
    expect(made.identity!.revealable).toBe(true);
    expect(t.ctx.sealedBox.openJson(made.identity!.ciphertext)).toEqual({
      contact: { phone: '0912 345 678', name: 'Phạm Thị Lan' },
      replyTo: { channel: 'telegram', conversationId: c.conversation.conversationId },
    });
    expect(made.events[0]!.data).toMatchObject({
      attachments: 1,
      petitionDocument: 'form',
      audience: 'citizen',
    });
  });

  it('staff, sealed: a reply handle nobody may reveal, and nothing else', async () => {
    const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    const { code: accessCode } = await issueStaffAccessCode(t.ctx, org.id);
    const c = chat();
    await c.send({ type: 'command', command: 'start', args: '' });
    await c.press('menu:staff');
    await c.text(accessCode);
    await c.press('staffMode:sealed');
    await c.press('staffKind:feedback');
    await c.text('Lịch trực Tết chia không đều giữa các khoa.');
    await c.press('attach:none');
    await c.press('unit:skip');
    await c.press('when:skip');
    await c.press('where:skip');
    await c.press('involved:skip');
    await c.press('consent:agree');
    await c.press('summary:confirm');
    const made = await caseOf(await lastSubmissionId());
    expect(made).toMatchObject({ audience: 'staff', identityMode: 'sealed', kind: 'feedback' });
    expect(made.identity!.revealable).toBe(false);
    expect(t.ctx.sealedBox.openJson(made.identity!.ciphertext)).toEqual({
      replyTo: { channel: 'telegram', conversationId: c.conversation.conversationId },
    });
    expect(made.followUpSecretHash).not.toBeNull();
  });

  it('staff, no trace: no identity, and the conversation appears nowhere', async () => {
    const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    const { code: accessCode } = await issueStaffAccessCode(t.ctx, org.id);
    const c = chat();
    await c.send({ type: 'command', command: 'start', args: '' });
    await c.press('menu:staff');
    await c.text(accessCode);
    await c.press('staffMode:no_trace');
    await c.press('staffKind:petition');
    await c.text('Đề nghị công khai tiêu chí xét thi đua cuối năm.');
    await c.send({ type: 'file', file: photo() });
    await c.press('attach:done');
    await c.press('unit:skip');
    await c.press('when:skip');
    await c.press('where:skip');
    await c.press('involved:skip');
    await c.press('summary:confirm');
    expect(c.said()).toMatch(/Mã bí mật: \S+/);
    // Acknowledged once durably queued, and released to intake only after a random delay (0029).
    const submissionId = await lastSubmissionId();
    const job = await t.ctx.queues.queue('intake').getJob(`submission-${submissionId}`);
    expect(await job?.getState()).toBe('delayed');
    const { min, max } = t.ctx.config.noTraceReleaseDelayMs;
    expect(job!.opts.delay).toBeGreaterThanOrEqual(min);
    expect(job!.opts.delay).toBeLessThanOrEqual(max);
    const made = await caseOf(submissionId);
    expect(made).toMatchObject({ audience: 'staff', identityMode: 'no_trace' });
    expect(made.identity).toBeNull();
    expect(made.attachments).toHaveLength(1);

    const id = c.conversation.conversationId;
    const prisma = t.ctx.db.prisma;
    const everything = JSON.stringify(
      await Promise.all([
        prisma.case.findMany(),
        prisma.caseEvent.findMany(),
        prisma.intakeSubmission.findMany({ select: { id: true, trackingCode: true, caseId: true } }),
        prisma.attachment.findMany(),
        prisma.notification.findMany({ select: { dedupeKey: true, content: true } }),
      ]),
    );
    expect(everything).not.toContain(id);
    // Redis: no key names the conversation any more (the draft and its index are gone).
    const keys = await t.redis.keys(`${t.prefix}:*`);
    expect(keys.filter((k) => k.includes(id))).toEqual([]);
  });

  it('names no conversation in any Redis key while a draft is open', async () => {
    const c = chat();
    await c.send({ type: 'command', command: 'start', args: 'u_ta-knhi' });
    await c.press('menu:report');
    await c.text('Nhà vệ sinh khoa Nhi không có nước từ sáng.');
    expect(await createDialogDraftStore(t.ctx).load(c.conversation)).not.toBeNull();
    expect(await keysNaming(c.conversation.conversationId)).toEqual([]);
  });

  it('moves a draft kept under the old key layout on its first use, keeping its expiry', async () => {
    const c = chat();
    await c.send({ type: 'command', command: 'start', args: 'u_ta-knhi' });
    await c.press('menu:report');
    await c.text('Điều dưỡng trực đêm không trả lời chuông gọi.');
    const drafts = createDialogDraftStore(t.ctx);
    const draft = (await drafts.load(c.conversation))!;
    const key = draftKey(t.prefix, createConversationHash(t.ctx.sealedBox), c.conversation);
    const legacy = legacyDraftKey(t.prefix, c.conversation);
    const idKey = `${t.prefix}:dialog:draft-id:${draft.id}`;
    const sealed = (await t.redis.getBuffer(key))!;
    // What the previous release wrote: the draft under the chat id, its id pointing there.
    const writeOldLayout = () =>
      t.redis.multi().del(key).set(legacy, sealed, 'EX', 3600).set(idKey, legacy, 'EX', 3600).exec();

    // The reminder job comes first: it finds the draft by id and moves it.
    await writeOldLayout();
    expect(await drafts.loadById(draft.id)).toMatchObject({ id: draft.id });
    expect(await t.redis.exists(legacy)).toBe(0);
    expect(await t.redis.get(idKey)).toBe(key);
    const ttl = await t.redis.ttl(key);
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);

    // The person writes first: the dialog goes on where it was.
    await writeOldLayout();
    await c.press('attach:none');
    expect(c.said()).toMatch(/Sự việc xảy ra khi nào/);
    expect(await t.redis.exists(legacy)).toBe(0);
    expect(await t.redis.get(idKey)).toBe(key);
    expect(await keysNaming(c.conversation.conversationId)).toEqual([]);
  });

  it('caps new cases from one Telegram chat per unit like one address, says why, and keeps the draft', async () => {
    const limits = { ...t.ctx.config.limits, newCasesPerUnitPerHour: 1 };
    const capped = { ...t.ctx, config: { ...t.ctx.config, limits } };
    const report = async (c: ReturnType<typeof chat>, text: string) => {
      await c.send({ type: 'command', command: 'start', args: 'u_ta-kkb' });
      await c.press('menu:report');
      await c.text(text);
      for (const step of ['attach:none', 'when:skip', 'where:skip', 'involved:skip', 'contact:anonymous']) {
        await c.press(step);
      }
      await c.press('summary:confirm');
      return c.said();
    };
    const c = chat(t.redis, capped);
    expect(await report(c, 'Phòng chờ khoa Khám bệnh quá nóng, lần 1.')).toMatch(/Mã hồ sơ: \S+/);
    const before = await t.ctx.db.prisma.intakeSubmission.count();
    const refused = await report(c, 'Phòng chờ khoa Khám bệnh quá nóng, lần 2.');
    expect(refused).toContain('Chưa gửi được ý kiến');
    expect(refused).not.toMatch(/Mã hồ sơ/);
    expect(await t.ctx.db.prisma.intakeSubmission.count()).toBe(before);
    // The draft is still there: confirming again is refused again, not "nothing to send".
    await c.press('summary:confirm');
    expect(c.said()).toContain('Chưa gửi được ý kiến');
    // Another chat writes to the same unit; the counters name no chat.
    expect(await report(chat(t.redis, capped), 'Phòng chờ khoa Khám bệnh quá nóng.')).toMatch(
      /Mã hồ sơ: \S+/,
    );
    expect(await keysNaming(c.conversation.conversationId)).toEqual([]);
  });

  it('verifies only the staff code in force', async () => {
    const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-hoai-nhon' } });
    const first = await issueStaffAccessCode(t.ctx, org.id);
    const second = await issueStaffAccessCode(t.ctx, org.id);
    expect(await verifyStaffAccessCode(t.ctx, first.code)).toBeNull();
    expect(await verifyStaffAccessCode(t.ctx, second.code.toLowerCase().replace(/-/g, ' '))).toMatchObject({
      organizationCode: 'ttyt-hoai-nhon',
    });
    const rows = await t.ctx.db.prisma.staffAccessCode.findMany({ where: { organizationId: org.id } });
    expect(JSON.stringify(rows)).not.toContain(second.code.slice(0, 4) + '-');
  });

  it('keeps the staff-code lockout across /start, in a key with an expiry that names no chat', async () => {
    const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    const { code: accessCode } = await issueStaffAccessCode(t.ctx, org.id);
    const c = chat();
    await c.send({ type: 'command', command: 'start', args: '' });
    await c.press('menu:staff');
    for (let i = 0; i < 5; i++) await c.text(`SAIX-MAXX-${i}${i}${i}`);
    expect(c.said()).toMatch(/sai mã truy cập quá nhiều lần/);
    await c.send({ type: 'command', command: 'start', args: '' });
    await c.press('menu:staff');
    expect(c.said()).toMatch(/sai mã truy cập quá nhiều lần/);
    await c.text(accessCode);
    expect(c.said()).not.toMatch(/Mã hợp lệ/);

    const [key, ...more] = await t.redis.keys(`${t.prefix}:dialog:staff-code-failures:*`);
    expect(more).toEqual([]);
    expect(key).toMatch(/:telegram:h:[\w-]{22}$/);
    expect(await t.redis.ttl(key!)).toBeGreaterThan(0);
    expect(await keysNaming(c.conversation.conversationId)).toEqual([]);
    // Once the window ends, the right code is taken again.
    await t.redis.del(key!);
    await c.press('menu:staff');
    await c.text(accessCode);
    expect(c.said()).toMatch(/Mã hợp lệ/);
  });

  it('ignores a repeated event id', async () => {
    const c = chat();
    await c.send({ type: 'command', command: 'start', args: '' }, 'tg:repeat-1');
    await c.send({ type: 'choice', value: 'menu:praise' }, 'tg:repeat-2');
    await c.send({ type: 'text', text: 'Cảm ơn các bác sĩ khoa Sản đã tận tình.' }, 'tg:repeat-3');
    expect(
      await c.send({ type: 'text', text: 'Cảm ơn các bác sĩ khoa Sản đã tận tình.' }, 'tg:repeat-3'),
    ).toEqual([]);
    expect(await c.send({ type: 'choice', value: 'menu:praise' }, 'tg:repeat-2')).toEqual([]);
    await c.press('attach:none');
    expect(c.said()).toMatch(/khoa\/phòng nào/);
  });

  it('lets the sender alone rate a resolved case, once, and reopen it', async () => {
    const c = chat();
    await c.send({ type: 'command', command: 'start', args: 'u_ta-kkb' });
    await c.press('menu:report');
    await c.text('Chờ lấy số khám từ 5 giờ sáng, không có chỗ ngồi.');
    await c.press('attach:none');
    await c.press('when:skip');
    await c.press('where:skip');
    await c.press('involved:skip');
    await c.press('contact:sealed');
    await c.press('consent:agree');
    await c.press('summary:confirm');
    const code = /Mã hồ sơ: (\S+)/.exec(c.said())![1]!;
    const made = await caseOf(await lastSubmissionId());
    await t.ctx.db.prisma.case.update({
      where: { id: made.id },
      data: { status: 'resolved', resolvedAt: clock.now() },
    });

    const stranger = chat();
    await stranger.press(`sat:${code}:1`);
    expect(stranger.said()).toMatch(/Chỉ người đã gửi hồ sơ/);

    await c.press(`sat:${code}:2`);
    expect(c.said()).toMatch(/\(2\/5\)/);
    await c.text('Chưa thấy thay đổi gì.');
    await c.press(`sat:${code}:2`);
    const rated = await t.ctx.db.prisma.case.findUniqueOrThrow({
      where: { id: made.id },
      include: { events: true },
    });
    expect(rated).toMatchObject({ satisfaction: 2, satisfactionComment: 'Chưa thấy thay đổi gì.' });
    expect(rated.events.filter((e) => e.action === 'satisfaction')).toHaveLength(2);

    await c.press(`reopen:${code}`);
    await c.text('Khoa hứa bổ sung ghế chờ nhưng chưa làm.');
    expect(c.said()).toMatch(/Đã mở lại hồ sơ/);
    const reopened = await t.ctx.db.prisma.case.findUniqueOrThrow({
      where: { id: made.id },
      include: { events: true },
    });
    expect(reopened.status).toBe('in_progress');
    expect(reopened.events.map((e) => e.action)).toContain('reopen');

    // The sender follows their sealed case without the secret; anyone else needs it.
    await c.send({ type: 'command', command: 'tracuu', args: code });
    expect(c.said()).toMatch(/Trạng thái: Đang xử lý/);
    expect(c.said()).not.toMatch(/mã bí mật/i);
    await stranger.send({ type: 'command', command: 'tracuu', args: code });
    expect(stranger.said()).toMatch(/nhập mã bí mật/i);
  });

  it('reminds a silent draft once, through the notify outbox, with only ids in the job', async () => {
    clock.set(new Date('2026-03-02T02:00:00Z'));
    const c = chat();
    await c.send({ type: 'command', command: 'start', args: '' });
    await c.press('menu:report');
    await c.text('Thang máy khu B hỏng cả tuần nay.');
    const jobs = await t.ctx.queues.queue('intake').getJobs(['delayed']);
    const job = jobs.find((j) => j.name === 'dialog.remind-draft');
    expect(job).toBeDefined();
    expect(Object.keys(job!.data as object).sort()).toEqual(['draftId', 'dueAt']);
    expect(JSON.stringify(job!.data)).not.toContain(c.conversation.conversationId);
    const { draftId } = job!.data as { draftId: string };

    // Through the queues' own connection, as the worker does.
    const drafts = createDialogDraftStore(t.ctx);
    clock.advance(10 * 60 * 1000);
    await c.press('attach:none');
    clock.advance(25 * 60 * 1000);
    expect(await remindSilentDraft(t.ctx, drafts, draftId)).toBe('rescheduled');
    clock.advance(10 * 60 * 1000);
    expect(await remindSilentDraft(t.ctx, drafts, draftId)).toBe('sent');
    expect(await remindSilentDraft(t.ctx, drafts, draftId)).toBe('skipped');
    const sent = await t.ctx.db.prisma.notification.findMany({
      where: { dedupeKey: `dialog-reminder:${draftId}` },
    });
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.content)).toMatch(/chưa gửi xong/);
    // The person can still go on where they were.
    await c.press('resume');
    expect(c.said()).toMatch(/khoa\/phòng nào|Sự việc xảy ra khi nào/);
  });
});
