// The console's case page on a real database and Redis, through the HTTP server with a real
// console session: the same scope as the bot (403 on the page and its API), moves through forms,
// CSRF, and the identity reveal with its audit in the timeline.
import type { FastifyInstance } from 'fastify';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, fromDbDate } from '../../src/calendar/local-date.js';
import { createWorkingCalendar } from '../../src/calendar/working-calendar.js';
import { parseInput } from '../../src/core/validation.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { storeAttachment } from '../../src/intake/store-attachment.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { routeCase } from '../../src/routing/route-case.js';
import { suggestCaseTriage } from '../../src/triage/suggest-case-triage.js';
import { consoleCookieFor } from '../helpers/console-session.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
let app: FastifyInstance;
const staff: Record<string, string> = {};
const REASON = 'Cần gọi lại người gửi để xác minh thời điểm sự việc';

beforeAll(async () => {
  t = await createTestContext({ clock: 'fixed' });
  const mk = async (
    key: string,
    roles: { role: 'leader' | 'handler' | 'unit_head' | 'inspector'; unitCode?: string }[],
  ) => {
    staff[key] = (await createStaff(t.ctx, { organizationCode: 'ttyt-thuan-an', fullName: key, roles })).id;
  };
  await mk('leader', [{ role: 'leader' }]);
  await mk('headNoi', [{ role: 'unit_head', unitCode: 'ta-knoi' }]);
  await mk('handlerNoi', [{ role: 'handler', unitCode: 'ta-knoi' }]);
  await mk('handlerNgoai', [{ role: 'handler', unitCode: 'ta-kngoai' }]);
  await mk('inspector', [{ role: 'inspector' }]);
  app = await buildHttpServer(t.ctx, t.redis, [], () => 'http://127.0.0.1', [], {});
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
});

let n = 0;
async function newCase(photo?: Buffer, kind = 'report'): Promise<{ id: string; code: string }> {
  const submissionId = `cc-${Date.now()}-${n++}`;
  const attachmentIds: string[] = [];
  if (photo) {
    const stored = await storeAttachment(t.ctx, {
      submissionId,
      bytes: photo,
      fileName: 'anh-hanh-lang.png',
      mimeType: 'image/png',
      fallbackName: 'anh',
    });
    if (!stored.ok) throw new Error('attachment refused');
    attachmentIds.push(stored.attachment.id);
  }
  const s = parseInput(ZSubmissionSchema, {
    submissionId,
    channel: 'web',
    kind,
    text: 'Điều dưỡng nói trống không với mẹ tôi ở phòng 305',
    unitCode: 'ta-knoi',
    contact: { name: 'Nguyễn Thị Hoa', phone: '0903 123 456' },
  });
  await submitSubmission(t.ctx, s);
  const { caseId } = await processSubmission(t.ctx, s.submissionId);
  await routeCase(t.ctx, caseId);
  // The web API takes no files; a channel's intake links them like this (linkAttachmentsToCase).
  if (attachmentIds.length) {
    await t.ctx.db.prisma.attachment.updateMany({ where: { id: { in: attachmentIds } }, data: { caseId } });
  }
  const row = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  return { id: caseId, code: row.code };
}

async function as(who: string) {
  const { cookie, csrfToken } = await consoleCookieFor(t.ctx, staff[who]!);
  const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const post = (url: string, form: Record<string, string>, withCsrf = true) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...form, ...(withCsrf ? { _csrf: csrfToken } : {}) }).toString(),
    });
  return { get, post };
}

const statusOf = async (id: string) =>
  (await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } })).status;

describe('console case page', () => {
  it('refuses a handler of another unit on the page and on its API, with the reason', async () => {
    const c = await newCase();
    const other = await as('handlerNgoai');
    const page = await other.get(`/console/ho-so/${c.code}`);
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Hồ sơ này không thuộc phạm vi khoa/phòng hoặc đơn vị của bạn.');
    expect(page.body).not.toContain('Điều dưỡng');
    const api = await other.get(`/console/api/ho-so/${c.code}`);
    expect(api.statusCode).toBe(403);
    expect(api.json()).toMatchObject({
      error: {
        code: 'forbidden',
        reason: 'out_of_scope',
        message: 'Hồ sơ này không thuộc phạm vi khoa/phòng hoặc đơn vị của bạn.',
      },
    });
    const unknown = await other.get('/console/ho-so/ZZZZ-ZZZ-ZZZ');
    expect(unknown.statusCode).toBe(404);
  });

  it('shows the redacted case, its routing reason and its timeline, and the actions of the role', async () => {
    const c = await newCase();
    const head = await as('headNoi');
    const page = await head.get(`/console/ho-so/${c.code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Điều dưỡng nói trống không');
    expect(page.body).not.toContain('0903 123 456');
    expect(page.body).not.toContain('Nguyễn Thị Hoa');
    expect(page.body).toContain('Tiếp nhận hồ sơ');
    expect(page.body).toContain(`/console/ho-so/${c.code}/thao-tac/accept`);
    const api = (await head.get(`/console/api/ho-so/${c.code}`)).json();
    expect(api.actions).toContain('accept');
    expect(api.routing).toMatchObject({ rule: expect.any(String) });
  });

  it('accepts, replies and resolves through the forms, each back to the page (303) and audited', async () => {
    const c = await newCase();
    const head = await as('headNoi');
    const handler = await as('handlerNoi');
    const accepted = await head.post(`/console/ho-so/${c.code}/thao-tac/accept`, {});
    expect(accepted.statusCode).toBe(303);
    expect(accepted.headers.location).toMatch(new RegExp(`^/console/ho-so/${c.code}\\?ok=`));
    expect(await statusOf(c.id)).toBe('accepted');

    const replied = await handler.post(`/console/ho-so/${c.code}/tra-loi`, {
      text: 'Khoa đã nhắc nhở điều dưỡng.',
    });
    expect(replied.statusCode).toBe(303);
    const message = await t.ctx.db.prisma.message.findFirstOrThrow({
      where: { caseId: c.id, visibility: 'public' },
    });
    expect(message.body).toBe('Khoa đã nhắc nhở điều dưỡng.');

    const missing = await handler.post(`/console/ho-so/${c.code}/thao-tac/resolve`, { outcome: 'valid' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Cần nhập nội dung trả lời người gửi.');
    expect(await statusOf(c.id)).toBe('accepted');

    const resolved = await handler.post(`/console/ho-so/${c.code}/thao-tac/resolve`, {
      outcome: 'valid',
      answer: 'Phản ánh đúng; khoa đã chấn chỉnh.',
    });
    expect(resolved.statusCode).toBe(303);
    expect(await statusOf(c.id)).toBe('resolved');
    const events = await t.ctx.db.prisma.caseEvent.findMany({
      where: { caseId: c.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(events.map((e) => [e.action, e.actorRole])).toEqual(
      expect.arrayContaining([
        ['accept', 'unit_head'],
        ['reply', 'handler'],
        ['resolve', 'handler'],
      ]),
    );
    const page = await handler.get(`/console/ho-so/${c.code}`);
    expect(page.body).toContain('Khoa đã nhắc nhở điều dưỡng.');
    expect(page.body).toContain('Đã thụ lý → Đã giải quyết');
  });

  it('refuses a move the role may not take with the Vietnamese reason (403), and changes nothing', async () => {
    const c = await newCase();
    const handler = await as('handlerNoi');
    const before = await statusOf(c.id);
    const res = await handler.post(`/console/ho-so/${c.code}/thao-tac/refuse`, { groundId: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('bạn không có quyền từ chối thụ lý hồ sơ này');
    expect(await statusOf(c.id)).toBe(before);
  });

  it('refuses a form without the CSRF token (403) and changes nothing', async () => {
    const c = await newCase();
    const head = await as('headNoi');
    const before = await statusOf(c.id);
    const res = await head.post(`/console/ho-so/${c.code}/thao-tac/accept`, {}, false);
    expect(res.statusCode).toBe(403);
    expect(await statusOf(c.id)).toBe(before);
  });

  it('reveals the sender to a leader with a reason, audits it and shows it in the timeline', async () => {
    const c = await newCase();
    const leader = await as('leader');
    const res = await leader.post(`/console/ho-so/${c.code}/danh-tinh`, { reason: REASON });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('Nguyễn Thị Hoa');
    expect(res.body).toContain('0903 123 456');
    const logs = await t.ctx.db.prisma.accessLog.findMany({ where: { caseId: c.id } });
    expect(logs).toEqual([expect.objectContaining({ staffId: staff.leader, reason: REASON })]);
    const page = await leader.get(`/console/ho-so/${c.code}`);
    expect(page.body).toContain('Xem danh tính người gửi');
    expect(page.body).toContain(REASON);
    expect(page.body).not.toContain('0903 123 456');
  });

  it('refuses a handler’s reveal with the policy’s reason and logs nothing', async () => {
    const c = await newCase();
    const handler = await as('handlerNoi');
    const page = await handler.get(`/console/ho-so/${c.code}`);
    expect(page.body).toContain('chỉ Lãnh đạo mới được xem danh tính người gửi');
    const res = await handler.post(`/console/ho-so/${c.code}/danh-tinh`, { reason: REASON });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Theo quy định của đơn vị, chỉ Lãnh đạo mới được xem danh tính người gửi.');
    expect(res.body).not.toContain('0903 123 456');
    expect(await t.ctx.db.prisma.accessLog.count({ where: { caseId: c.id } })).toBe(0);
  });
});

describe('console urgency (the triage card’s choice)', () => {
  const urgencyOf = async (id: string) =>
    (await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } })).urgency;
  const urgencyEvents = (caseId: string) =>
    t.ctx.db.prisma.caseEvent.findMany({ where: { caseId, action: 'set_urgency' } });

  it('shows the suggestion and sets the urgency through the card’s use case, audited', async () => {
    const c = await newCase();
    await suggestCaseTriage(t.ctx, c.id);
    const head = await as('headNoi');
    const page = await head.get(`/console/ho-so/${c.code}`);
    expect(page.body).toContain('Mức độ khẩn và gợi ý phân loại');
    expect(page.body).toContain('Gợi ý của mô hình tại chỗ');
    expect(page.body).toContain(`action="/console/ho-so/${c.code}/phan-loai"`);
    expect(await urgencyOf(c.id)).toBe('normal');

    const res = await head.post(`/console/ho-so/${c.code}/phan-loai`, { field: 'urgency', value: 'urgent' });
    expect(res.statusCode).toBe(303);
    expect(decodeURIComponent(res.headers.location as string)).toContain('Mức độ hiện tại — Khẩn');
    expect(await urgencyOf(c.id)).toBe('urgent');
    expect(await urgencyEvents(c.id)).toEqual([
      expect.objectContaining({
        actorType: 'staff',
        actorRole: 'unit_head',
        data: { urgency: 'urgent', source: 'triage' },
      }),
    ]);
    const choice = await t.ctx.db.prisma.triageChoice.findUniqueOrThrow({
      where: { caseId_field: { caseId: c.id, field: 'urgency' } },
    });
    expect(choice).toMatchObject({ chosen: 'urgent', staffId: staff.headNoi });
    const after = await head.get(`/console/ho-so/${c.code}`);
    expect(after.body).toContain('Cán bộ đã chọn mức độ: Khẩn');
    expect(after.body).toContain('Đổi mức khẩn');
    expect(after.body).toMatch(/value="urgent"\s+checked/);

    const bad = await head.post(`/console/ho-so/${c.code}/phan-loai`, { field: 'urgency', value: 'very' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Lựa chọn không hợp lệ.');
  });

  it('refuses the inspection board (read-only) with the Vietnamese reason and changes nothing', async () => {
    const c = await newCase();
    await suggestCaseTriage(t.ctx, c.id);
    const inspector = await as('inspector');
    const page = await inspector.get(`/console/ho-so/${c.code}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('name="value" value="urgent"');
    const reason = 'Với vai trò Thanh tra nhân dân, bạn không có quyền đổi mức độ khẩn của hồ sơ này.';
    expect(page.body).toContain(reason);
    const res = await inspector.post(`/console/ho-so/${c.code}/phan-loai`, {
      field: 'urgency',
      value: 'urgent',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain(reason);
    expect(await urgencyOf(c.id)).toBe('normal');
    expect(await urgencyEvents(c.id)).toEqual([]);
    expect(await t.ctx.db.prisma.triageChoice.count({ where: { caseId: c.id } })).toBe(0);
    // Out of scope is refused as on the page itself.
    const other = await (
      await as('handlerNgoai')
    ).post(`/console/ho-so/${c.code}/phan-loai`, {
      field: 'urgency',
      value: 'urgent',
    });
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('Hồ sơ này không thuộc phạm vi khoa/phòng hoặc đơn vị của bạn.');
    expect(await urgencyOf(c.id)).toBe('normal');
  });

  it('offers no urgency form on a case without a suggestion, as the card offers no button', async () => {
    const c = await newCase();
    const head = await as('headNoi');
    const page = await head.get(`/console/ho-so/${c.code}`);
    expect(page.body).toContain('Hồ sơ này không có gợi ý phân loại');
    const res = await head.post(`/console/ho-so/${c.code}/phan-loai`, { field: 'urgency', value: 'urgent' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Hồ sơ này chưa có gợi ý phân loại.');
    expect(await urgencyOf(c.id)).toBe('normal');
  });
});

function png(): Buffer {
  const image = new PNG({ width: 8, height: 8 });
  image.data.fill(200);
  return PNG.sync.write(image);
}

describe('console attachments', () => {
  it('shows an image inline to whoever may see the case, and refuses it out of scope', async () => {
    const c = await newCase(png());
    const head = await as('headNoi');
    const page = await head.get(`/console/ho-so/${c.code}`);
    const src = /<img src="(\/console\/tep\/[0-9a-f-]{36})"/.exec(page.body)?.[1];
    expect(src).toBeDefined();
    const image = await head.get(src!);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.headers['content-disposition']).toMatch(/^inline;/);
    expect(image.rawPayload.equals(png())).toBe(true);
    const download = await head.get(`${src!}?tai=1`);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    const other = await (await as('handlerNgoai')).get(src!);
    expect(other.statusCode).toBe(403);
    expect(other.rawPayload.equals(png())).toBe(false);
  });
});

describe('console letters', () => {
  it('drafts a letter on a resolved case, previews its PDF, lets the head sign it and lists it in the register', async () => {
    const c = await newCase();
    const head = await as('headNoi');
    const handler = await as('handlerNoi');
    expect((await head.post(`/console/ho-so/${c.code}/thao-tac/accept`, {})).statusCode).toBe(303);
    const resolved = await handler.post(`/console/ho-so/${c.code}/thao-tac/resolve`, {
      outcome: 'valid',
      answer: 'Phản ánh đúng; khoa đã chấn chỉnh.',
    });
    expect(resolved.statusCode).toBe(303);

    const drafted = await handler.post(`/console/ho-so/${c.code}/thu`, {
      kind: 'apology',
      note: 'Khoa sẽ rút kinh nghiệm toàn khoa.',
    });
    expect(drafted.statusCode).toBe(303);
    const letter = await t.ctx.db.prisma.letter.findFirstOrThrow({
      where: { caseId: c.id, kind: 'apology' },
    });
    expect(letter.status).toBe('draft');

    const pdf = await handler.get(`/console/thu/${letter.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    // A handler may not sign; the head of the unit may.
    const refused = await handler.post(`/console/thu/${letter.id}/ky`, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain(
      'Chỉ trưởng khoa/phòng phụ trách hoặc lãnh đạo đơn vị được duyệt và ký thư.',
    );
    const signed = await head.post(`/console/thu/${letter.id}/ky`, {});
    expect(signed.statusCode).toBe(303);
    const after = await t.ctx.db.prisma.letter.findUniqueOrThrow({ where: { id: letter.id } });
    expect(after.number).toEqual(expect.any(Number));
    expect(after.status).not.toBe('draft');

    const register = await head.get(`/console/so-cong-van?nam=${after.year}`);
    expect(register.statusCode).toBe(200);
    expect(register.body).toContain(c.code);
    // The register keeps to one's scope: a handler of another unit does not see this letter.
    const other = await (await as('handlerNgoai')).get(`/console/so-cong-van?nam=${after.year}`);
    expect(other.body).not.toContain(c.code);
    const page = await head.get(`/console/ho-so/${c.code}`);
    expect(page.body).toContain('Ký thư');
    expect(page.body).toContain(`/console/thu/${letter.id}/pdf`);
  });
});

describe('console letter actions of the bot (/maudon, /xinloi, ↩️ Trả lại)', () => {
  it('returns a draft to its drafter for a signer only, through returnLetter', async () => {
    const c = await newCase();
    const head = await as('headNoi');
    const handler = await as('handlerNoi');
    expect((await head.post(`/console/ho-so/${c.code}/thao-tac/accept`, {})).statusCode).toBe(303);
    expect(
      (
        await handler.post(`/console/ho-so/${c.code}/thao-tac/resolve`, {
          outcome: 'valid',
          answer: 'Phản ánh đúng; khoa đã chấn chỉnh.',
        })
      ).statusCode,
    ).toBe(303);
    expect((await handler.post(`/console/ho-so/${c.code}/thu`, { kind: 'apology' })).statusCode).toBe(303);
    const letter = await t.ctx.db.prisma.letter.findFirstOrThrow({
      where: { caseId: c.id, kind: 'apology' },
    });
    const path = `/console/thu/${letter.id}/tra-lai`;
    expect((await handler.get(`/console/ho-so/${c.code}`)).body).not.toContain(path);
    const refused = await handler.post(path, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Chỉ người có thẩm quyền ký mới được trả lại dự thảo.');
    expect(await t.ctx.db.prisma.letter.count({ where: { id: letter.id } })).toBe(1);

    expect((await head.get(`/console/ho-so/${c.code}`)).body).toContain(path);
    const returned = await head.post(path, {});
    expect(returned.statusCode).toBe(303);
    expect(await t.ctx.db.prisma.letter.count({ where: { id: letter.id } })).toBe(0);
    expect(
      await t.ctx.db.prisma.caseEvent.findFirstOrThrow({ where: { caseId: c.id, action: 'letter_return' } }),
    ).toMatchObject({ actorRole: 'unit_head', actorStaffId: staff.headNoi });
  });

  it('sends the pre-filled đơn of a complaint through sendPetitionForm, not out of scope', async () => {
    const c = await newCase(undefined, 'complaint');
    const head = await as('headNoi');
    expect((await head.get(`/console/ho-so/${c.code}`)).body).toContain(`/console/ho-so/${c.code}/mau-don`);
    const other = await (await as('handlerNgoai')).post(`/console/ho-so/${c.code}/mau-don`, {});
    expect(other.statusCode).toBe(403);
    expect(await t.ctx.db.prisma.letter.count({ where: { caseId: c.id } })).toBe(0);
    const sent = await head.post(`/console/ho-so/${c.code}/mau-don`, {});
    expect(sent.statusCode).toBe(303);
    expect(await t.ctx.db.prisma.letter.findFirstOrThrow({ where: { caseId: c.id } })).toMatchObject({
      kind: 'petition_form',
    });
    // A report has no đơn: no form.
    const r = await newCase();
    expect((await head.get(`/console/ho-so/${r.code}`)).body).not.toContain('/mau-don');
  });

  it('sets a new due date once with the signed apology through issueApologyWithNewDate', async () => {
    const c = await newCase();
    const head = await as('headNoi');
    const handler = await as('handlerNoi');
    const path = `/console/ho-so/${c.code}/hen-ngay-moi`;
    expect((await handler.get(`/console/ho-so/${c.code}`)).body).not.toContain(path);
    expect((await head.get(`/console/ho-so/${c.code}`)).body).toContain(path);
    const clock = await t.ctx.db.prisma.clock.findFirstOrThrow({ where: { caseId: c.id } });
    const calendar = createWorkingCalendar();
    let newDate = addDays(fromDbDate(clock.dueOn), 7);
    while (!calendar.isWorkingDay(newDate)) newDate = addDays(newDate, 1);
    const form = { newDate, reason: 'Cần thêm thời gian xác minh với khoa liên quan' };

    const refused = await handler.post(path, form);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain(
      'Chỉ trưởng khoa/phòng phụ trách hoặc lãnh đạo đơn vị được ký thư xin lỗi',
    );
    const done = await head.post(path, form);
    expect(done.statusCode).toBe(303);
    const after = await t.ctx.db.prisma.clock.findUniqueOrThrow({ where: { id: clock.id } });
    expect(after.dueResetOn?.toISOString().slice(0, 10)).toBe(newDate);
    expect(
      await t.ctx.db.prisma.letter.findFirstOrThrow({ where: { caseId: c.id, kind: 'apology_new_date' } }),
    ).toMatchObject({ number: expect.any(Number) });
    // Once per clock: the form is gone and a second post is refused with the reason.
    expect((await head.get(`/console/ho-so/${c.code}`)).body).not.toContain(path);
    const again = await head.post(path, form);
    expect(again.statusCode).toBe(422);
    expect(again.body).toContain('đã được hẹn lại một lần');
  });
});
