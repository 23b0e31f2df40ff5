// Letters on a real database and Redis with a fake clock: draft → sign → store → send, each once;
// register numbers under concurrent signing; the apology with a new date resets the clock once; the
// PDF's text, extracted by pdftotext (poppler-utils), reads with every diacritic.
import { randomUUID } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDbDate } from '../../src/calendar/local-date.js';
import { applyCaseAction } from '../../src/cases/case-lifecycle.service.js';
import { fixedClock } from '../../src/core/clock.js';
import { parseInput } from '../../src/core/validation.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { issueApologyWithNewDate } from '../../src/letters/apology-new-date.js';
import { recordOnTimeExpected, requestApologyDecision } from '../../src/letters/apology-request.js';
import { completeLetter, draftLetter, returnLetter, signLetter } from '../../src/letters/issue-letter.js';
import { listLettersOfCase, readLetterFile } from '../../src/letters/letter-files.js';
import { sendPetitionForm } from '../../src/letters/petition-form.js';
import { draftResolutionLetter } from '../../src/letters/draft-resolution-letter.js';
import { completeUnfinishedLetters } from '../../src/letters/complete-unfinished-letters.js';
import { issueForwardSlip } from '../../src/letters/forward-slip.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { pdfText as pdfTextOf } from '../helpers/pdf-inspect.js';
import { readStoredFile } from '../../src/files/file-store.js';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Monday 02/03/2026, 09:00 in Hà Nội
let t: TestContext;
let dataDir: string;
const staff: Record<string, string> = {};

/** The text of a PDF in the file store, read as another process would: from the database. */
async function pdfText(key: string): Promise<string> {
  const bytes = await readStoredFile(t.ctx, key);
  expect(bytes, key).not.toBeNull();
  const stdout = await pdfTextOf(bytes!);
  // Lines wrap where the layout wraps them: compare the words, not the line breaks. A tracking
  // code may wrap at one of its hyphens ("G6CM-⏎YGM-FM4"): joined again.
  return stdout
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .replace(/(\S)- /g, '$1-');
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-letters-'));
  t = await createTestContext({ clock, env: { DATA_DIR: dataDir } });
  const mk = async (
    key: string,
    org: string,
    fullName: string,
    roles: { role: string; unitCode?: string }[],
    tg?: string,
    title?: string,
  ) => {
    const s = await createStaff(t.ctx, {
      organizationCode: org,
      fullName,
      ...(title ? { title } : {}),
      roles: roles as never,
    });
    if (tg) await t.ctx.db.prisma.staff.update({ where: { id: s.id }, data: { telegramUserId: tg } });
    staff[key] = s.id;
  };
  await mk(
    'handler',
    'ttyt-thuan-an',
    'Điều dưỡng Khoa Nhi',
    [{ role: 'handler', unitCode: 'ta-knhi' }],
    '7001',
  );
  await mk('head', 'ttyt-thuan-an', 'Nguyễn Thị Hồng', [{ role: 'unit_head', unitCode: 'ta-knhi' }], '7002');
  await mk('leader', 'ttyt-thuan-an', 'Lê Văn Tâm', [{ role: 'leader' }], '7003', 'Phó Giám đốc');
  await mk('receiver', 'ttyt-thuan-an', 'Cán bộ tiếp nhận', [{ role: 'receiver' }], '7004');
  await mk('otherHandler', 'ttyt-thuan-an', 'Cán bộ Khoa Nội', [{ role: 'handler', unitCode: 'ta-knoi' }]);
  await mk('hnHandler', 'ttyt-hoai-nhon', 'Cán bộ xử lý Hoài Nhơn', [
    { role: 'handler', unitCode: 'hn-knoi' },
  ]);
  await mk('hnLeader', 'ttyt-hoai-nhon', 'Trần Quốc Bảo', [{ role: 'leader' }], undefined, 'Giám đốc');
}, 60_000);

afterAll(async () => {
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

let n = 0;
/** A case of Khoa Nhi (or another unit) whose sender may have a Telegram reply handle and a name. */
async function newCase(
  kind: string,
  options: { unitCode?: string; handle?: string | null; name?: string | null } = {},
): Promise<string> {
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `lt-${Date.now()}-${n++}`,
    channel: 'web',
    kind,
    text: 'Điều dưỡng trực đêm nói năng thiếu tôn trọng với người nhà bệnh nhân.',
    unitCode: options.unitCode ?? 'ta-knhi',
  });
  await submitSubmission(t.ctx, s);
  const { caseId } = await processSubmission(t.ctx, s.submissionId);
  const identity = {
    ...(options.name !== null
      ? { contact: { name: options.name ?? 'Phạm Thị Lan', address: '12 Nguyễn Trãi, Thuận An' } }
      : {}),
    ...(options.handle !== null
      ? { replyTo: { channel: 'telegram', conversationId: options.handle ?? String(9_000_000 + n) } }
      : {}),
  };
  const row = await t.ctx.db.prisma.senderIdentity.findUnique({ where: { caseId } });
  const ciphertext = Buffer.from(t.ctx.sealedBox.sealJson(identity));
  if (row) await t.ctx.db.prisma.senderIdentity.update({ where: { caseId }, data: { ciphertext } });
  else await t.ctx.db.prisma.senderIdentity.create({ data: { caseId, ciphertext, keyId: 'test' } });
  return caseId;
}

async function resolveAs(caseId: string, outcome: 'valid' | 'partly_valid' | 'not_valid') {
  await t.ctx.db.prisma.case.update({
    where: { id: caseId },
    data: {
      status: 'resolved',
      outcome,
      answer: 'Khoa đã nhắc nhở điều dưỡng trực và rút kinh nghiệm toàn khoa.',
    },
  });
}

const eventsOf = async (caseId: string, action: string) =>
  t.ctx.db.prisma.caseEvent.findMany({ where: { caseId, action } });
const notificationsLike = (prefix: string) =>
  t.ctx.db.prisma.notification.findMany({ where: { dedupeKey: { startsWith: prefix } } });

describe('letters', () => {
  it('draft → sign → store → send: numbered once, sent once, audited, reads correctly in the PDF', async () => {
    const caseId = await newCase('report', { handle: '9100001' });
    await resolveAs(caseId, 'valid');

    const drafted = await draftLetter(t.ctx, { caseId, staffId: staff.handler!, kind: 'apology' });
    expect(drafted.created).toBe(true);
    expect(drafted.signers).toEqual(['Nguyễn Thị Hồng']);
    const [draftNote] = await notificationsLike(`letter:${drafted.letterId}:draft:`);
    const content = draftNote!.content as { file?: { key: string }; buttons?: { value: string }[][] };
    expect(content.buttons!.flat().map((b) => b.value)).toEqual([
      `lt:sign:${drafted.letterId}`,
      `lt:back:${drafted.letterId}`,
    ]);
    const draftText = await pdfText(content.file!.key);
    expect(draftText).toContain('Dự thảo: chưa đánh số, chưa ký');
    expect(draftText).not.toContain('Phạm Thị Lan');

    // A handler may not sign; a handler of another unit may not even draft.
    await expect(
      signLetter(t.ctx, { letterId: drafted.letterId, staffId: staff.handler! }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      draftLetter(t.ctx, { caseId, staffId: staff.otherHandler!, kind: 'apology' }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    // The head presses "sign" twice at once, then again; the step after signing runs again too.
    const [a, b] = await Promise.all([
      signLetter(t.ctx, { letterId: drafted.letterId, staffId: staff.head! }),
      signLetter(t.ctx, { letterId: drafted.letterId, staffId: staff.head! }),
    ]);
    expect([a.signedNow, b.signedNow].sort()).toEqual([false, true]);
    const again = await signLetter(t.ctx, { letterId: drafted.letterId, staffId: staff.leader! });
    expect(again.signedNow).toBe(false);
    await completeLetter(t.ctx, drafted.letterId);
    expect(a.numberText).toBe('1/TTYT-THUAN-AN');
    expect(a.delivery).toBe('sender');

    const letter = await t.ctx.db.prisma.letter.findUniqueOrThrow({ where: { id: drafted.letterId } });
    expect(letter).toMatchObject({
      status: 'sent',
      number: 1,
      year: 2026,
      signerName: 'Nguyễn Thị Hồng',
      signerTitle: 'Trưởng Khoa Nhi',
    });
    expect(letter.filePath).toBe(`files/letters/${letter.id}.pdf`);
    // In the database every process shares, not on this process's disk (decision 0021).
    const stored = await t.ctx.db.prisma.storedFile.findUniqueOrThrow({ where: { key: letter.filePath! } });
    expect(stored).toMatchObject({ mimeType: 'application/pdf', sizeBytes: stored.bytes.length });
    await expect(access(path.join(dataDir, 'files'))).rejects.toThrow();
    for (const action of ['letter_draft', 'letter_sign', 'letter_store', 'letter_send']) {
      expect(await eventsOf(caseId, action), action).toHaveLength(1);
    }
    const sent = await notificationsLike(`letter:${drafted.letterId}:sender`);
    expect(sent).toHaveLength(1);
    const sentContent = sent[0]!.content as { text: string; file: { key: string; mimeType: string } };
    expect(sentContent.file.mimeType).toBe('application/pdf');
    expect(sentContent.text).toMatch(/thư xin lỗi số 1\/TTYT-THUAN-AN/);

    const text = await pdfText(sentContent.file.key);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('THƯ XIN LỖI');
    expect(text).toContain('xin lỗi');
    expect(text).toContain('Trung tâm Y tế khu vực Thuận An');
    expect(text).toContain('Số: 1/TTYT-THUAN-AN');
    expect(text).toMatch(/TP\. Hồ Chí Minh, ngày 02 tháng 3 năm 2026/);
    expect(text).toContain('Kính gửi: Ông/Bà Phạm Thị Lan');
    expect(text).toContain('TL. GIÁM ĐỐC TRƯỞNG KHOA NHI');
    expect(text).toContain('Nguyễn Thị Hồng');

    // One letter of a kind per case.
    await expect(draftLetter(t.ctx, { caseId, staffId: staff.handler!, kind: 'apology' })).rejects.toThrow(
      /đã có thư xin lỗi số 1\/TTYT-THUAN-AN/,
    );
  }, 60_000);

  it("the draft_letter effect: run twice → one draft in the resolving officer's name, one notice to the head", async () => {
    const caseId = await newCase('report', { handle: '9100050' });
    await resolveAs(caseId, 'valid');
    const effect = { caseId, eventId: randomUUID(), letter: 'apology' as const, staffId: staff.handler! };
    await draftResolutionLetter(t.ctx, effect);
    await draftResolutionLetter(t.ctx, effect);

    const letters = await t.ctx.db.prisma.letter.findMany({ where: { caseId } });
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ kind: 'apology', status: 'draft' });
    expect(letters[0]!.content).toMatchObject({ draftedByStaffId: staff.handler, outcome: 'valid' });
    const drafts = await eventsOf(caseId, 'letter_draft');
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ actorType: 'staff', actorStaffId: staff.handler });
    expect(drafts[0]!.data).toMatchObject({ eventId: effect.eventId, letterId: letters[0]!.id });
    const notices = await notificationsLike(`letter:${letters[0]!.id}:draft:`);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.dedupeKey).toBe(`letter:${letters[0]!.id}:draft:${staff.head}`);
    expect((notices[0]!.content as { text: string }).text).toContain('do Điều dưỡng Khoa Nhi soạn');

    // Signed and sent, then the effect runs once more (a retry): nothing changes, nothing is sent.
    await signLetter(t.ctx, { letterId: letters[0]!.id, staffId: staff.head! });
    await draftResolutionLetter(t.ctx, effect);
    await draftResolutionLetter(t.ctx, { ...effect, eventId: randomUUID() });
    expect(await t.ctx.db.prisma.letter.count({ where: { caseId } })).toBe(1);
    expect(await eventsOf(caseId, 'letter_draft')).toHaveLength(1);
    expect(await notificationsLike(`letter:${letters[0]!.id}:`)).toHaveLength(2); // the draft, the sender's copy
  }, 60_000);

  it('the draft_letter effect after an officer drafted by hand, or a returned draft, adds nothing', async () => {
    const caseId = await newCase('praise');
    await resolveAs(caseId, 'valid');
    const byHand = await draftLetter(t.ctx, { caseId, staffId: staff.handler!, kind: 'thank_you' });
    await draftResolutionLetter(t.ctx, { caseId, eventId: randomUUID(), letter: 'thank_you', staffId: null });
    expect(await t.ctx.db.prisma.letter.count({ where: { caseId } })).toBe(1);
    expect(await notificationsLike(`letter:${byHand.letterId}:draft:`)).toHaveLength(1);

    // No officer behind the move (or one who may not draft): the system drafts; the head returns it,
    // and a retry of the same effect does not draft it again.
    const other = await newCase('feedback');
    await resolveAs(other, 'partly_valid');
    const effect = {
      caseId: other,
      eventId: randomUUID(),
      letter: 'thank_you' as const,
      staffId: staff.otherHandler!,
    };
    await draftResolutionLetter(t.ctx, effect);
    const letter = await t.ctx.db.prisma.letter.findFirstOrThrow({ where: { caseId: other } });
    expect(letter.content).not.toHaveProperty('draftedByStaffId');
    const [event] = await eventsOf(other, 'letter_draft');
    expect(event).toMatchObject({ actorType: 'system', actorStaffId: null });
    const [notice] = await notificationsLike(`letter:${letter.id}:draft:`);
    expect((notice!.content as { text: string }).text).toContain('do hệ thống');
    await returnLetter(t.ctx, { letterId: letter.id, staffId: staff.head! });
    await draftResolutionLetter(t.ctx, effect);
    expect(await t.ctx.db.prisma.letter.count({ where: { caseId: other } })).toBe(0);

    // Two runs of one effect at once (two workers): one draft, one notice.
    const raced = await newCase('petition');
    await resolveAs(raced, 'valid');
    const race = { caseId: raced, eventId: randomUUID(), letter: 'thank_you' as const, staffId: staff.head! };
    await Promise.all([draftResolutionLetter(t.ctx, race), draftResolutionLetter(t.ctx, race)]);
    const racedLetter = await t.ctx.db.prisma.letter.findFirstOrThrow({ where: { caseId: raced } });
    expect(await t.ctx.db.prisma.letter.count({ where: { caseId: raced } })).toBe(1);
    expect(await notificationsLike(`letter:${racedLetter.id}:draft:`)).toHaveLength(1);

    // A case reopened before the effect ran no longer calls for the letter.
    const reopened = await newCase('report');
    await t.ctx.db.prisma.case.update({
      where: { id: reopened },
      data: { status: 'in_progress', outcome: null },
    });
    await draftResolutionLetter(t.ctx, {
      caseId: reopened,
      eventId: randomUUID(),
      letter: 'apology',
      staffId: null,
    });
    expect(await t.ctx.db.prisma.letter.count({ where: { caseId: reopened } })).toBe(0);
  }, 60_000);

  it("an officer's draft that meets the resolution's draft mid-way revises that one", async () => {
    const caseId = await newCase('report', { handle: '9100051' });
    await resolveAs(caseId, 'valid');
    const effect = { caseId, eventId: randomUUID(), letter: 'apology' as const, staffId: null };
    // The effects job inserts its draft just after the officer's command found no letter.
    let raced = false;
    const letterReads = new Proxy(t.ctx.db.prisma.letter, {
      get(target, key, receiver) {
        if (key !== 'findUnique' || raced) return Reflect.get(target, key, receiver);
        return async (args: Parameters<typeof target.findUnique>[0]) => {
          const found = await target.findUnique(args);
          raced = true;
          await draftResolutionLetter(t.ctx, effect);
          return found;
        };
      },
    });
    const prisma = new Proxy(t.ctx.db.prisma, {
      get: (target, key, receiver) => (key === 'letter' ? letterReads : Reflect.get(target, key, receiver)),
    });
    const ctx = { ...t.ctx, db: { ...t.ctx.db, prisma } };

    const drafted = await draftLetter(ctx, {
      caseId,
      staffId: staff.handler!,
      kind: 'apology',
      note: 'Khoa sẽ tổ chức rút kinh nghiệm toàn khoa.',
    });
    expect(raced).toBe(true);
    expect(drafted).toMatchObject({ created: false, signers: ['Nguyễn Thị Hồng'] });
    const letters = await t.ctx.db.prisma.letter.findMany({ where: { caseId } });
    expect(letters).toHaveLength(1);
    expect(letters[0]!.id).toBe(drafted.letterId);
    expect(letters[0]!.content).toMatchObject({ note: 'Khoa sẽ tổ chức rút kinh nghiệm toàn khoa.' });
    expect(await eventsOf(caseId, 'letter_draft')).toHaveLength(1);
    expect(await eventsOf(caseId, 'letter_draft_revised')).toHaveLength(1);
  }, 60_000);

  it('senders of merged duplicates get the signed letter too, each addressed to them under their own code', async () => {
    const master = await newCase('report', { handle: '9100070', name: 'Phạm Thị Lan' });
    const follower = await newCase('report', { handle: '9100071', name: 'Trần Văn Minh' });
    const silent = await newCase('report', { handle: null, name: 'Không Kênh' });
    for (const id of [follower, silent]) {
      await t.ctx.db.prisma.case.update({ where: { id }, data: { status: 'merged', duplicateOfId: master } });
    }
    await resolveAs(master, 'valid');
    const codes = Object.fromEntries(
      (await t.ctx.db.prisma.case.findMany({ where: { id: { in: [master, follower] } } })).map((c) => [
        c.id,
        c.code,
      ]),
    );
    const drafted = await draftLetter(t.ctx, { caseId: master, staffId: staff.handler!, kind: 'apology' });
    const signed = await signLetter(t.ctx, { letterId: drafted.letterId, staffId: staff.head! });
    // Running the steps after the signature again sends nobody anything twice.
    await completeLetter(t.ctx, drafted.letterId);
    await t.ctx.db.prisma.letter.update({ where: { id: drafted.letterId }, data: { status: 'signed' } });
    await completeLetter(t.ctx, drafted.letterId);

    const toFollower = await t.ctx.db.prisma.notification.findMany({ where: { caseId: follower } });
    expect(toFollower).toHaveLength(1);
    expect(toFollower[0]!.dedupeKey).toBe(`case:${master}:letter:${drafted.letterId}:follower:${follower}`);
    const content = toFollower[0]!.content as { text: string; file: { key: string; fileName: string } };
    expect(content.text).toContain(`thư xin lỗi số ${signed.numberText}`);
    expect(content.text).toContain(`về hồ sơ ${codes[follower]}`);
    expect(content.text).not.toContain(codes[master]!);
    expect(content.file.fileName).toContain(codes[follower]!);
    const copy = await pdfText(content.file.key);
    expect(copy).toContain(`Số: ${signed.numberText}`);
    expect(copy).toContain('Kính gửi: Ông/Bà Trần Văn Minh');
    expect(copy).toContain(`mã hồ sơ ${codes[follower]}`);
    expect(copy).not.toContain('Phạm Thị Lan');
    expect(copy).not.toContain(codes[master]!);
    expect(await t.ctx.db.prisma.notification.count({ where: { caseId: silent } })).toBe(0);
    // The master's own sender still gets exactly one, addressed to them.
    const own = await notificationsLike(`letter:${drafted.letterId}:sender`);
    expect(own).toHaveLength(1);
    expect(await pdfText((own[0]!.content as { file: { key: string } }).file.key)).toContain(
      'Kính gửi: Ông/Bà Phạm Thị Lan',
    );
  }, 60_000);

  it('the recovery sweep finishes a letter whose process died after it was signed', async () => {
    const caseId = await newCase('report', { handle: '9100042' });
    await resolveAs(caseId, 'partly_valid');
    const drafted = await draftLetter(t.ctx, { caseId, staffId: staff.handler!, kind: 'apology' });
    await signLetter(t.ctx, { letterId: drafted.letterId, staffId: staff.head! });
    // As if the process had died right after numbering: no file, nothing queued, not sent.
    await t.ctx.db.prisma.letter.update({
      where: { id: drafted.letterId },
      data: { status: 'signed', filePath: null, sentAt: null },
    });
    await t.ctx.db.prisma.notification.deleteMany({
      where: { dedupeKey: `letter:${drafted.letterId}:sender` },
    });

    expect(await completeUnfinishedLetters(t.ctx, 0)).toBeGreaterThanOrEqual(1);
    const letter = await t.ctx.db.prisma.letter.findUniqueOrThrow({ where: { id: drafted.letterId } });
    expect(letter.status).toBe('sent');
    expect(letter.filePath).toBe(`files/letters/${letter.id}.pdf`);
    expect(await notificationsLike(`letter:${drafted.letterId}:sender`)).toHaveLength(1);
    // Once finished, later sweeps leave it alone.
    await completeUnfinishedLetters(t.ctx, 0);
    expect(await notificationsLike(`letter:${drafted.letterId}:sender`)).toHaveLength(1);
  }, 60_000);

  it('refuses an apology for a case not found valid; a returned draft can be drafted again', async () => {
    const caseId = await newCase('report');
    await resolveAs(caseId, 'not_valid');
    await expect(
      draftLetter(t.ctx, { caseId, staffId: staff.handler!, kind: 'apology' }),
    ).rejects.toMatchObject({
      code: 'unprocessable',
    });
    const praise = await newCase('praise');
    const first = await draftLetter(t.ctx, {
      caseId: praise,
      staffId: staff.handler!,
      kind: 'thank_you',
      note: 'Chúc bác mau khỏe.',
    });
    const back = await returnLetter(t.ctx, { letterId: first.letterId, staffId: staff.head! });
    expect(back.returnedNow).toBe(true);
    expect(await eventsOf(praise, 'letter_return')).toHaveLength(1);
    expect(await notificationsLike(`letter:${first.letterId}:returned`)).toHaveLength(1);
    const second = await draftLetter(t.ctx, { caseId: praise, staffId: staff.handler!, kind: 'thank_you' });
    expect(second.letterId).not.toBe(first.letterId);
  }, 60_000);

  it('a sender with no reply handle: issued and stored, offered for download', async () => {
    const caseId = await newCase('praise', { handle: null, name: null });
    const drafted = await draftLetter(t.ctx, { caseId, staffId: staff.handler!, kind: 'thank_you' });
    const signed = await signLetter(t.ctx, { letterId: drafted.letterId, staffId: staff.head! });
    expect(signed.delivery).toBe('stored');
    const listed = await listLettersOfCase(t.ctx, caseId);
    expect(listed).toEqual([
      expect.objectContaining({
        id: drafted.letterId,
        kind: 'thank_you',
        year: 2026,
        number: expect.any(Number),
      }),
    ]);
    const file = await readLetterFile(t.ctx, drafted.letterId);
    expect(file.mimeType).toBe('application/pdf');
    expect(file.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(file.fileName).toMatch(/^thu-cam-on-so-\d+-[A-Z0-9-]+\.pdf$/);
    const text = await pdfText(signed.fileKey);
    expect(text).toContain('THƯ CẢM ƠN');
    expect(text).toContain('Kính gửi: Quý người bệnh/người dân');
  }, 60_000);

  it('register numbers stay consecutive and unique when 20 letters are signed at once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const caseId = await newCase('praise', { unitCode: 'hn-knoi' });
      ids.push((await draftLetter(t.ctx, { caseId, staffId: staff.hnHandler!, kind: 'thank_you' })).letterId);
    }
    const signed = await Promise.all(
      ids.map((letterId) => signLetter(t.ctx, { letterId, staffId: staff.hnLeader! })),
    );
    const numbers = signed.map((s) => Number(s.numberText.split('/')[0])).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-hoai-nhon' } });
    expect(
      await t.ctx.db.prisma.letterCounter.findUnique({
        where: { organizationId_year: { organizationId: org.id, year: 2026 } },
      }),
    ).toMatchObject({ lastNumber: 20 });
    expect(signed.every((s) => s.numberText.endsWith('/TTYT-HOAI-NHON'))).toBe(true);
  }, 120_000);

  it('apology with a new date: asks the head once, resets the clock once, issues the letter', async () => {
    const caseId = await newCase('report', { handle: '9100002' });
    const clockRow = await t.ctx.db.prisma.clock.findFirstOrThrow({ where: { caseId } });
    const dueOn = fromDbDate(clockRow.dueOn);
    expect(dueOn).toBe('2026-03-16');

    const asked = await requestApologyDecision(t.ctx, { caseId, clockId: clockRow.id, dueOn });
    const askedAgain = await requestApologyDecision(t.ctx, { caseId, clockId: clockRow.id, dueOn });
    expect(asked).toEqual({ requested: true, notified: 1 });
    expect(askedAgain.requested).toBe(false);
    expect(await eventsOf(caseId, 'apology_request')).toHaveLength(1);
    const question = await notificationsLike(`apology-request:${clockRow.id}:${dueOn}:`);
    expect(question).toHaveLength(1);
    expect(JSON.stringify(question[0]!.content)).toContain(`lt:ok:${clockRow.id}:20260316`);

    await recordOnTimeExpected(t.ctx, { clockId: clockRow.id, dueOn, staffId: staff.head! });
    await recordOnTimeExpected(t.ctx, { clockId: clockRow.id, dueOn, staffId: staff.head! });
    expect(await eventsOf(caseId, 'apology_not_needed')).toHaveLength(1);

    const done = await issueApologyWithNewDate(t.ctx, {
      caseId,
      staffId: staff.head!,
      newDate: '2026-03-20' as never,
      reason: 'Cần lấy thêm ý kiến của Hội đồng chuyên môn',
    });
    expect(done).toMatchObject({ previousDueOn: '2026-03-16', newDueOn: '2026-03-20', delivery: 'sender' });
    const after = await t.ctx.db.prisma.clock.findUniqueOrThrow({ where: { id: clockRow.id } });
    expect(fromDbDate(after.dueOn)).toBe('2026-03-20');
    expect(fromDbDate(after.dueResetOn!)).toBe('2026-03-20');
    expect(await eventsOf(caseId, 'reset_due_date')).toHaveLength(1);

    await expect(
      issueApologyWithNewDate(t.ctx, {
        caseId,
        staffId: staff.head!,
        newDate: '2026-03-27' as never,
        reason: 'Lần thứ hai thì không được',
      }),
    ).rejects.toThrow(/chỉ được hẹn lại một lần/);
    const still = await t.ctx.db.prisma.clock.findUniqueOrThrow({ where: { id: clockRow.id } });
    expect(fromDbDate(still.dueOn)).toBe('2026-03-20');
    expect(await t.ctx.db.prisma.letter.count({ where: { caseId, kind: 'apology_new_date' } })).toBe(1);
    // Asked again after the reset: nothing to ask.
    expect(
      (await requestApologyDecision(t.ctx, { caseId, clockId: clockRow.id, dueOn: '2026-03-20' })).requested,
    ).toBe(false);

    const text = await pdfText(done.fileKey);
    expect(text).toContain('THƯ XIN LỖI');
    expect(text).toContain(
      'Do cần lấy thêm ý kiến của Hội đồng chuyên môn, đơn vị chưa thể trả kết quả đúng hạn',
    );
    expect(text).toMatch(/thời hạn trả kết quả là ngày 16\/03\/2026/);
    expect(text).toContain('ý kiến phản ánh của Ông/Bà (mã hồ sơ');
    expect(text).toContain('ý kiến gửi ngày 02/03/2026');
    expect(text).toMatch(/thứ sáu, ngày 20\/03\/2026/);
  }, 60_000);

  it('apology with a new date on an accepted complaint: names the đơn date, resets the statutory clock', async () => {
    const caseId = await newCase('complaint', { handle: '9100060' });
    const receiver = { type: 'staff' as const, staffId: staff.receiver!, role: 'receiver' as const };
    // The signed đơn reached the unit on a day other than the chat message (02/03/2026).
    await applyCaseAction(t.ctx, {
      caseId,
      action: 'record_petition_document',
      actor: receiver,
      params: { receivedOn: '2026-02-27', reason: 'Đơn gửi qua bưu điện trước khi nhắn tin' },
    });
    await applyCaseAction(t.ctx, { caseId, action: 'accept', actor: receiver });
    const clocks = async () =>
      Object.fromEntries(
        (await t.ctx.db.prisma.clock.findMany({ where: { caseId, status: { not: 'stopped' } } })).map((c) => [
          c.kind,
          fromDbDate(c.dueOn),
        ]),
      );
    // Both run; the internal one falls due first, the statutory one governs.
    expect(await clocks()).toEqual({
      internal_answer: '2026-03-16',
      complaint_resolution_first: '2026-04-01',
    });

    const done = await issueApologyWithNewDate(t.ctx, {
      caseId,
      staffId: staff.head!,
      newDate: '2026-04-10' as never,
      reason: 'Cần trưng cầu giám định chuyên môn',
    });
    expect(done).toMatchObject({ previousDueOn: '2026-04-01', newDueOn: '2026-04-10' });
    expect(await clocks()).toEqual({
      internal_answer: '2026-03-16',
      complaint_resolution_first: '2026-04-10',
    });
    const c = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(c.governingClockKind).toBe('complaint_resolution_first');
    expect(fromDbDate(c.governingDueOn!)).toBe('2026-04-10');
    const [reset] = await eventsOf(caseId, 'reset_due_date');
    expect(reset!.data).toMatchObject({
      clockKind: 'complaint_resolution_first',
      previousDueOn: '2026-04-01',
    });

    const letter = await t.ctx.db.prisma.letter.findFirstOrThrow({
      where: { caseId, kind: 'apology_new_date' },
    });
    expect(letter.content).toMatchObject({ receivedOn: '2026-03-02', petitionReceivedOn: '2026-02-27' });
    const text = await pdfText(done.fileKey);
    expect(text).toContain('đơn khiếu nại của Ông/Bà');
    expect(text).toContain('đơn nhận ngày 27/02/2026');
    expect(text).not.toContain('02/03/2026)');
    expect(text).toMatch(/thời hạn trả kết quả là ngày 01\/04\/2026/);
    expect(text).toMatch(/thứ sáu, ngày 10\/04\/2026/);
  }, 60_000);

  it('a new date on a day off or not later than the due date is refused and changes nothing', async () => {
    const caseId = await newCase('report');
    await expect(
      issueApologyWithNewDate(t.ctx, {
        caseId,
        staffId: staff.head!,
        newDate: '2026-03-21' as never,
        reason: 'Thứ bảy là ngày nghỉ',
      }),
    ).rejects.toThrow(/ngày nghỉ/);
    await expect(
      issueApologyWithNewDate(t.ctx, {
        caseId,
        staffId: staff.head!,
        newDate: '2026-03-10' as never,
        reason: 'Sớm hơn hạn hiện tại',
      }),
    ).rejects.toThrow(/phải sau hạn hiện tại/);
    expect(await t.ctx.db.prisma.letter.count({ where: { caseId } })).toBe(0);
    expect(await eventsOf(caseId, 'reset_due_date')).toHaveLength(0);
  }, 60_000);

  it('the pre-filled đơn goes to the sender once, filled with what we hold', async () => {
    const caseId = await newCase('complaint', { handle: '9100003' });
    const first = await sendPetitionForm(t.ctx, { caseId, staffId: staff.handler! });
    await sendPetitionForm(t.ctx, { caseId, staffId: staff.handler! });
    expect(first.delivery).toBe('sender');
    expect(await notificationsLike(`letter:${first.letterId}:sender`)).toHaveLength(1);
    const text = await pdfText(first.fileKey);
    expect(text).toContain('ĐƠN KHIẾU NẠI');
    expect(text).toContain('Họ và tên người khiếu nại: Phạm Thị Lan');
    expect(text).toContain('Địa chỉ: 12 Nguyễn Trãi, Thuận An');
    expect(text).toContain('Điều dưỡng trực đêm nói năng thiếu tôn trọng');
    expect(text).toContain('NGƯỜI KHIẾU NẠI');
    const report = await newCase('report');
    await expect(sendPetitionForm(t.ctx, { caseId: report, staffId: staff.handler! })).rejects.toMatchObject({
      code: 'unprocessable',
    });
  }, 60_000);

  it('a forward slip by the receiving office waits for a leader, then comes back to the officer', async () => {
    const caseId = await newCase('complaint');
    const answer = await issueForwardSlip(t.ctx, {
      caseId,
      staffId: staff.receiver!,
      targetBody: 'Thanh tra Sở Y tế',
    });
    expect(answer.file).toBeUndefined();
    expect(answer.text).toMatch(/dự thảo đã gửi Lê Văn Tâm ký/);
    const letter = await t.ctx.db.prisma.letter.findFirstOrThrow({ where: { caseId, kind: 'forward_slip' } });
    const signed = await signLetter(t.ctx, { letterId: letter.id, staffId: staff.leader! });
    expect(signed.delivery).toBe('officer');
    expect(signed.numberText).toMatch(/^\d+\/PC-TTYT-THUAN-AN$/);
    expect(await notificationsLike(`letter:${letter.id}:officer`)).toHaveLength(1);
    const text = await pdfText(signed.fileKey);
    expect(text).toContain('PHIẾU CHUYỂN ĐƠN');
    expect(text).toContain('Kính gửi: Thanh tra Sở Y tế');
    expect(text).toContain('KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC');
    expect(await readStoredFile(t.ctx, signed.fileKey)).toBeTruthy();
  }, 60_000);
});
