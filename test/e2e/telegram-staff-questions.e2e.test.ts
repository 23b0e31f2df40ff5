// Issue 19 (staff questions for the staff conference) end to end: the app as bootstrap builds it,
// its bot long polling the local fake Bot API. Three staff members ask through /cauhoi with the
// staff access code (sealed or without trace); the board (a receiver) lists them, merges the
// duplicates the list suggests, assigns a group to a leader, who answers; the board publishes: the
// unit group gets the answers, the Q&A page shows them behind the staff code, the sealed asker reads
// theirs by code. Then: no stored row or audit event of the feature holds anything of the askers'
// chats, and the annex prints with every diacritic (pdftotext).
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/bootstrap.js';
import {
  addDays,
  formatVietnameseDate,
  toVietnamDate,
  vietnamDayStart,
} from '../../src/calendar/local-date.js';
import { createConversationHash } from '../../src/core/keyed-hash.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { issueStaffAccessCode } from '../../src/directory/staff-access-code.service.js';
import { issueStaffInvite } from '../../src/directory/staff-invite.js';
import { printStaffQaAnnex } from '../../src/staff-questions/print-staff-qa-annex.js';
import { E2E_ORG as ORG, startTelegramE2eApp, type TelegramE2eApp } from '../helpers/e2e-app.js';
import type { FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import type { BotReply, TelegramConversation } from '../helpers/telegram-conversation.js';

const run = promisify(execFile);
const UNIT_GROUP = -100_777_000_19;

let e2e: TelegramE2eApp;
let fake: FakeTelegramApi;
let app: RunningApp;
let staffCode: string;
let board: TelegramConversation;
let leader: TelegramConversation;

const textOf = (replies: BotReply[]) => replies.map((r) => r.text).join('\n');

beforeAll(async () => {
  e2e = await startTelegramE2eApp('tgq');
  ({ fake, app } = e2e);
  const org = await app.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: ORG } });
  ({ code: staffCode } = await issueStaffAccessCode(app.ctx, org.id));
  await app.ctx.db.prisma.unit.update({
    where: { code: 'ta-knhi' },
    data: { telegramChatId: String(UNIT_GROUP) },
  });
  const join = async (fullName: string, role: string, title?: string) => {
    const staff = await createStaff(app.ctx, {
      organizationCode: ORG,
      fullName,
      ...(title ? { title } : {}),
      roles: [{ role }] as never,
    });
    const { code } = await issueStaffInvite(app.ctx, { staffId: staff.id });
    const c = e2e.chat();
    expect(textOf(await c.say(`/thamgia ${code}`))).toMatch(/đã được gắn với cán bộ/);
    return c;
  };
  board = await join('Trần Thị Tiếp Nhận', 'receiver');
  leader = await join('Lê Văn Tâm', 'leader', 'Phó Giám đốc');
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

async function ask(mode: 'sealed' | 'no_trace', question: string) {
  const c = e2e.chat();
  expect(textOf(await c.say('/cauhoi'))).toMatch(/mã truy cập góp ý nội bộ/);
  expect(textOf(await c.say(staffCode.toLowerCase()))).toMatch(/Hội nghị viên chức/);
  await c.pressValue(`qaMode:${mode}`);
  expect(textOf(await c.say(question))).toMatch(/Gửi đi\?/);
  const sent = textOf(await c.pressValue('qaConfirm:send'));
  expect(sent).toMatch(/Đã nhận câu hỏi \(CH-[2-9A-Z]{4}\)/);
  return { chat: c, code: /HD-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/.exec(sent)?.[0] };
}

describe('Staff questions for the staff conference, end to end', () => {
  it('collected with the staff code, grouped, assigned, answered, published — and no trace of who asked', async () => {
    const today = toVietnamDate(app.ctx.clock.now());
    const opened = await board.say(
      `/hoimo ${formatVietnameseDate(today)} ${formatVietnameseDate(addDays(today, 10))} Hội nghị viên chức, người lao động năm 2027`,
    );
    expect(textOf(opened)).toMatch(/Đã mở đợt 1: Hội nghị viên chức, người lao động năm 2027/);

    const askers = [
      await ask('sealed', 'Khi nào đơn vị chi trả tiền làm thêm giờ trực đêm cho điều dưỡng?'),
      await ask('no_trace', 'Tiền làm thêm giờ trực đêm của điều dưỡng bao giờ được chi trả?'),
      await ask('no_trace', 'Đơn vị có kế hoạch mở rộng bãi giữ xe cho nhân viên không?'),
    ];
    const sealedCode = askers[0]!.code!;
    expect(sealedCode).toBeDefined();

    // The list suggests the two night-shift questions as duplicates, with the command to merge them.
    const listed = textOf(await board.say('/hoids'));
    expect(listed).toMatch(/3 câu hỏi, 0 nhóm/);
    const suggestion = /→ (\/hoigop CH-[2-9A-Z]{4} CH-[2-9A-Z]{4})/.exec(listed);
    expect(suggestion, listed).not.toBeNull();
    const merged = await board.say(`${suggestion![1]} | Khi nào chi trả tiền làm thêm giờ trực đêm?`);
    expect(textOf(merged)).toMatch(/Nhóm N1 \(2 câu hỏi vừa gộp\)/);
    const parking = /Chưa gộp:\n(CH-[2-9A-Z]{4}): Đơn vị có kế hoạch/.exec(textOf(await board.say('/hoids')));
    expect(textOf(await board.say(`/hoigop ${parking![1]}`))).toMatch(/Nhóm N2/);

    const before = leader.sent().length;
    expect(textOf(await board.say('/hoigiao N1 le van tam'))).toMatch(
      /Đã giao nhóm N1 cho Lê Văn Tâm; đã nhắn/,
    );
    await leader.waitForMessage((m) => m.text.includes('phân công trả lời câu hỏi N1'), before);
    expect(
      textOf(
        await leader.say('/hoitraloi N1 Đơn vị chi trả vào ngày 10 hằng tháng, bắt đầu từ tháng Giêng.'),
      ),
    ).toMatch(/Đã ghi câu trả lời nhóm N1/);
    expect(
      textOf(await leader.say('/hoitraloi N2 Bãi xe phía sau khoa Dược sẽ mở rộng trong quý II.')),
    ).toMatch(/nhóm N2/);
    expect(textOf(await board.say('/hoicongbo'))).toMatch(/Đã công bố 2 câu trả lời; đã gửi 1 nhóm/);

    const group = await fake.waitForCall(
      'sendMessage',
      (c) => String(c.params.chat_id) === String(UNIT_GROUP),
    );
    expect(String(group.params.text)).toContain('Đơn vị chi trả vào ngày 10 hằng tháng');
    expect(String(group.params.text)).toContain('Khi nào chi trả tiền làm thêm giờ trực đêm?');

    // The sealed asker reads their own answer by the code, in the bot…
    expect(textOf(await askers[0]!.chat.say(`/cauhoi ${sealedCode}`))).toMatch(
      /Trả lời: Đơn vị chi trả vào ngày 10/,
    );

    // …and on the page behind the staff code (CSRF cookie and token from the form).
    const form = await fetch(`${app.url!}/hoi-dap`);
    const cookie = form.headers.get('set-cookie')!.split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
    const post = (body: Record<string, string>) =>
      fetch(`${app.url!}/hoi-dap`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, ...body }).toString(),
      });
    const shown = await post({ staffCode, questionCode: sealedCode });
    const pageText = await shown.text();
    expect(shown.status).toBe(200);
    expect(pageText).toContain('Bãi xe phía sau khoa Dược sẽ mở rộng trong quý II.');
    expect(pageText).toContain('Câu hỏi của bạn');
    expect(pageText).toContain('Phó Giám đốc Lê Văn Tâm');
    expect((await post({ staffCode: 'AAAA-BBBB-CCCC' })).status).toBe(403);

    // Nothing stored by the feature holds anything of the askers' chats.
    const prisma = app.ctx.db.prisma;
    const rows = JSON.stringify([
      await prisma.staffQaCollection.findMany(),
      await prisma.staffQuestion.findMany(),
      await prisma.staffQuestionGroup.findMany(),
      await prisma.staffQaEvent.findMany(),
    ]);
    const chatKey = createConversationHash(app.ctx.sealedBox);
    for (const { chat } of askers) {
      expect(rows).not.toContain(String(chat.chatId));
      expect(rows).not.toContain(chatKey({ channel: 'telegram', conversationId: String(chat.chatId) }));
    }
    const questions = await prisma.staffQuestion.findMany();
    expect(questions).toHaveLength(3);
    for (const q of questions) expect(q.id[14]).toBe('4'); // random ids: a v7 id would carry the instant
    const asks = await prisma.staffQaEvent.findMany({ where: { action: 'ask' } });
    expect(asks).toHaveLength(3);
    for (const e of asks) {
      expect(e.actorStaffId).toBeNull();
      expect(e.at).toEqual(vietnamDayStart(today));
    }
    const actions = (await prisma.staffQaEvent.findMany({ orderBy: { at: 'asc' } })).map((e) => e.action);
    expect(new Set(actions)).toEqual(new Set(['open', 'ask', 'group', 'assign', 'answer', 'publish']));

    // The annex, as `langnghe staffqa:annex` writes it, reads with every diacritic.
    const annex = await printStaffQaAnnex(app.ctx, { organizationCode: ORG });
    const file = path.join(e2e.dataDir, 'phu-luc-hoi-dap.pdf');
    await writeFile(file, annex.pdf);
    const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
    const text = stdout.normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('CÂU HỎI CỦA VIÊN CHỨC, NGƯỜI LAO ĐỘNG VÀ TRẢ LỜI CỦA LÃNH ĐẠO');
    expect(text).toContain('Câu 1. Khi nào chi trả tiền làm thêm giờ trực đêm?');
    expect(text).toContain('Gộp từ 2 câu hỏi có cùng nội dung');
    expect(text).toContain('Bãi xe phía sau khoa Dược sẽ mở rộng trong quý II.');
  }, 180_000);
});
