// Issue 7 (letters) end to end: the app as bootstrap builds it (HTTP, workers, the bot by long
// polling) against the local fake Bot API. A handler drafts a thank-you and an apology letter in
// Telegram, the unit's head signs with the button on the draft PDF, and the citizen receives the
// signed PDF as a document whose text, extracted by pdftotext, reads with every diacritic. A leader's
// forward comes back with the signed forward slip as a document.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/bootstrap.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { issueStaffInvite } from '../../src/directory/staff-invite.js';
import { E2E_ORG as ORG, startTelegramE2eApp, type TelegramE2eApp } from '../helpers/e2e-app.js';
import type { FakeTelegramApi, RecordedCall } from '../helpers/fake-telegram-api.js';
import {
  type TelegramConversation,
  type BotReply,
  reportThroughQrLink,
} from '../helpers/telegram-conversation.js';

const run = promisify(execFile);

let e2e: TelegramE2eApp;
let fake: FakeTelegramApi;
let app: RunningApp;
let dataDir: string;
const chat = () => e2e.chat();

interface Officer {
  id: string;
  chat: TelegramConversation;
}
let head: Officer;
let handler: Officer;
let leader: Officer;

beforeAll(async () => {
  e2e = await startTelegramE2eApp('tgl');
  ({ fake, app, dataDir } = e2e);

  const join = async (
    fullName: string,
    roles: { role: string; unitCode?: string }[],
    title?: string,
  ): Promise<Officer> => {
    const staff = await createStaff(app.ctx, {
      organizationCode: ORG,
      fullName,
      ...(title ? { title } : {}),
      roles: roles as never,
    });
    const { code } = await issueStaffInvite(app.ctx, { staffId: staff.id });
    const c = chat();
    const replies = await c.say(`/thamgia ${code}`);
    expect(replies.map((r) => r.text).join('\n')).toMatch(/đã được gắn với cán bộ/);
    return { id: staff.id, chat: c };
  };
  head = await join('Nguyễn Thị Hồng', [{ role: 'unit_head', unitCode: 'ta-knhi' }], 'Trưởng khoa Nhi');
  handler = await join('Điều dưỡng khoa Nhi', [{ role: 'handler', unitCode: 'ta-knhi' }]);
  leader = await join('Lê Văn Tâm', [{ role: 'leader' }], 'Phó Giám đốc');
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

const textOf = (replies: BotReply[]) => replies.map((r) => r.text).join('\n');

/** The PDF a sendDocument call uploaded, as pdftotext reads it (words, not line breaks). */
async function pdfTextOf(call: RecordedCall): Promise<string> {
  const upload = call.files.document;
  expect(upload).toBeDefined();
  expect(upload!.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const file = path.join(dataDir, `sent-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, upload!.bytes);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.normalize('NFC').replace(/\s+/g, ' ');
}

const documentTo = (chatId: number, timeoutMs = 30_000) =>
  fake.waitForCall('sendDocument', (c) => String(c.params.chat_id) === String(chatId), timeoutMs);

const buttonsOf = (call: RecordedCall) => {
  const markup = call.params.reply_markup as unknown;
  const parsed = (typeof markup === 'string' ? JSON.parse(markup) : markup) as
    { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
  return (parsed?.inline_keyboard ?? []).flat();
};

const citizenIntake = (c: TelegramConversation, text: string) => reportThroughQrLink(c, 'ta-knhi', text);

/** The case once made and routed (acting before routing would race its update of the case). */
async function caseByCode(code: string) {
  for (let i = 0; i < 100; i++) {
    const c = await app.ctx.db.prisma.case.findUnique({ where: { code }, include: { events: true } });
    if (c?.events.some((e) => e.action === 'route')) return c;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`case ${code} was never made and routed`);
}

/** The head gets the draft as a document with its buttons and presses "✍️ Duyệt và ký". */
async function headSignsDraft(code: string): Promise<BotReply[]> {
  const draft = await fake.waitForCall(
    'sendDocument',
    (c) =>
      String(c.params.chat_id) === String(head.chat.chatId) && String(c.params.caption ?? '').includes(code),
    30_000,
  );
  const draftText = await pdfTextOf(draft);
  expect(draftText).toContain('Dự thảo: chưa đánh số, chưa ký');
  expect(draftText).not.toContain('Phạm Thị Lan');
  const sign = buttonsOf(draft).find((b) => b.text === '✍️ Duyệt và ký');
  expect(buttonsOf(draft).map((b) => b.text)).toEqual(['✍️ Duyệt và ký', '↩️ Trả lại']);
  return head.chat.pressValue(sign!.callback_data!);
}

describe('Letters in Telegram, end to end', () => {
  it('an apology: resolved as valid by the handler, drafted, signed by the head, received as a PDF', async () => {
    const citizen = chat();
    const code = await citizenIntake(citizen, 'Điều dưỡng khoa Nhi nói năng thiếu tôn trọng với mẹ tôi.');
    await caseByCode(code);
    expect(textOf(await head.chat.say(`/thuly ${code}`))).toMatch(/Thụ lý/);
    const resolved = await handler.chat.say(
      `/giaiquyet ${code} valid Khoa đã nhắc nhở điều dưỡng và xin lỗi gia đình.`,
    );
    expect(textOf(resolved)).toContain(`/thu ${code} xinloi`);

    const drafted = await handler.chat.say(`/thu ${code} xinloi Khoa sẽ tổ chức rút kinh nghiệm toàn khoa.`);
    // The draft may already exist (resolving drafted it): the officer's words revise it.
    expect(textOf(drafted)).toMatch(
      /Đã (soạn|gửi lại) dự thảo thư xin lỗi .*đã gửi Nguyễn Thị Hồng duyệt và ký/,
    );

    const signed = await headSignsDraft(code);
    expect(textOf(signed)).toMatch(/Đã ký thư xin lỗi số (\d+)\/TTYT-THUAN-AN .*đã được gửi cho người gửi/);
    const number = /số (\d+)\/TTYT-THUAN-AN/.exec(textOf(signed))![1];

    const letter = await documentTo(citizen.chatId);
    expect(String(letter.params.caption)).toMatch(/thư xin lỗi số \d+\/TTYT-THUAN-AN/);
    const text = await pdfTextOf(letter);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain(`Số: ${number}/TTYT-THUAN-AN`);
    expect(text).toMatch(/TP\. Hồ Chí Minh, ngày \d{2} tháng \d{1,2} năm \d{4}/);
    expect(text).toContain('THƯ XIN LỖI');
    expect(text).toContain('Kính gửi: Ông/Bà Phạm Thị Lan');
    expect(text).toContain('chân thành xin lỗi Ông/Bà');
    expect(text).toContain('Khoa đã nhắc nhở điều dưỡng và xin lỗi gia đình.');
    expect(text).toContain('Khoa sẽ tổ chức rút kinh nghiệm toàn khoa.');
    expect(text).toContain('Trung tâm Y tế khu vực Thuận An');
    expect(text).toContain('TL. GIÁM ĐỐC TRƯỞNG KHOA NHI');
    expect(text).toContain('Nguyễn Thị Hồng');

    // Pressing "sign" again changes nothing, so nothing more can be sent: no second signature.
    const again = await head.chat.pressValue(
      buttonsOf(await documentTo(head.chat.chatId)).find((b) => b.text === '✍️ Duyệt và ký')!.callback_data!,
    );
    // It may say again what was signed, under the same number.
    for (const n of textOf(again).matchAll(/số (\d+)\/TTYT-THUAN-AN/g)) expect(n[1]).toBe(number);
    const signatures = await app.ctx.db.prisma.caseEvent.count({
      where: { case: { code }, action: 'letter_sign' },
    });
    expect(signatures).toBe(1);
    expect(
      fake.callsOf('sendDocument', (c) => String(c.params.chat_id) === String(citizen.chatId)),
    ).toHaveLength(1);
  }, 180_000);

  it('a thank-you: drafted by the handler, signed by the head, received as a PDF', async () => {
    const citizen = chat();
    const code = await citizenIntake(
      citizen,
      'Góp ý: nên có thêm ghế chờ cho người nhà ở hành lang khoa Nhi.',
    );
    await caseByCode(code);
    const drafted = await handler.chat.say(`/thu ${code} cảm ơn`);
    expect(textOf(drafted)).toMatch(/Đã soạn dự thảo thư cảm ơn/);
    const signed = await headSignsDraft(code);
    expect(textOf(signed)).toMatch(/Đã ký thư cảm ơn số \d+\/TTYT-THUAN-AN/);
    const letter = await documentTo(citizen.chatId);
    const text = await pdfTextOf(letter);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(text).toContain('THƯ CẢM ƠN');
    expect(text).toContain('trân trọng cảm ơn Ông/Bà đã dành thời gian gửi ý kiến phản ánh');
    expect(text).toContain('Kính chúc Ông/Bà và gia đình luôn mạnh khỏe, hạnh phúc.');
    expect(text).toMatch(/ngày \d{2} tháng \d{1,2} năm \d{4}/);

    const saved = await app.ctx.db.prisma.letter.findFirstOrThrow({
      where: { case: { code }, kind: 'thank_you' },
    });
    expect(saved.status).toBe('sent');
    const events = await app.ctx.db.prisma.caseEvent.findMany({ where: { caseId: saved.caseId } });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['letter_draft', 'letter_sign', 'letter_store', 'letter_send']),
    );
  }, 180_000);

  it('a leader forwards a case out and gets the signed forward slip as a document', async () => {
    const citizen = chat();
    const code = await citizenIntake(citizen, 'Nhà thuốc ngoài cổng bệnh viện bán thuốc không rõ nguồn gốc.');
    await caseByCode(code);
    const since = Date.now();
    const forwarded = await leader.chat.say(`/chuyen ${code} Thanh tra Sở Y tế TP.HCM`);
    expect(textOf(forwarded)).toMatch(/Chuyển/);
    // The slip is made and sent by the forward's effects job, after the command was answered.
    const slip = await fake.waitForCall(
      'sendDocument',
      (c) => String(c.params.chat_id) === String(leader.chat.chatId) && c.at >= since,
      30_000,
    );
    const text = await pdfTextOf(slip);
    expect(text).toContain('PHIẾU CHUYỂN ĐƠN');
    expect(text).toContain('Kính gửi: Thanh tra Sở Y tế TP.HCM');
    expect(text).toMatch(/Số: \d+\/PC-TTYT-THUAN-AN/);
    expect(text).toContain(code);
    expect(text).toContain('KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC');
    expect(text).toContain('Lê Văn Tâm');
    expect(text).not.toContain('Phạm Thị Lan');
  }, 180_000);
});
