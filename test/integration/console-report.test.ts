// The console's report page over app.inject on a real database and Redis: a managing body's leader
// sees its tree's figures and charts and downloads the files; a handler, an organisation outside
// the tree and a period that cannot be read are refused in Vietnamese. The scheduled filings: a
// draft made by the schedule is listed, signed from the console exactly as /kybaocao signs (number,
// stored copy, delivery, events), refused to anyone but the organisation's leader, and signed once.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { parseLocalDate as d } from '../../src/calendar/local-date.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { loadActiveStaff } from '../../src/directory/resolve-staff.js';
import { readStoredFile } from '../../src/files/file-store.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { runReportRequest } from '../../src/officer/report-actions.js';
import { saveReportDefinition } from '../../src/reports/periodic/report-definitions.js';
import { PERIODIC_REPORT_DEPS } from '../../src/reports/periodic/report-documents.js';
import { runReportSchedules } from '../../src/reports/periodic/run-report-schedules.js';
import { consoleCookieFor } from '../helpers/console-session.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-10-15T03:00:00Z'));
let t: TestContext;
let app: FastifyInstance;
let leader: string;
let handler: string;

beforeAll(async () => {
  t = await createTestContext({ clock });
  leader = (
    await consoleCookieFor(
      t.ctx,
      (
        await createStaff(t.ctx, {
          organizationCode: 'syt-hcm',
          fullName: 'Lãnh đạo Sở',
          roles: [{ role: 'leader' }],
        })
      ).id,
    )
  ).cookie;
  handler = (
    await consoleCookieFor(
      t.ctx,
      (
        await createStaff(t.ctx, {
          organizationCode: 'ttyt-thuan-an',
          fullName: 'Cán bộ xử lý',
          roles: [{ role: 'handler', unitCode: 'ta-knoi' }],
        })
      ).id,
    )
  ).cookie;
  const prisma = t.ctx.db.prisma;
  const org = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  const unit = await prisma.unit.findUniqueOrThrow({ where: { code: 'ta-knoi' } });
  for (const [i, channel] of (['web', 'web', 'hotline'] as const).entries()) {
    await prisma.case.create({
      data: {
        code: `CR-${i}`,
        organizationId: org.id,
        unitId: unit.id,
        kind: 'praise',
        channel,
        identityMode: 'anonymous',
        description: 'Nội dung không được lên báo cáo',
        receivedAt: new Date(`2026-08-0${i + 1}T03:00:00Z`),
      },
    });
  }
  app = await buildHttpServer(t.ctx, t.redis, [], () => 'https://langnghe.example.vn', [], {});
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
});

const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

describe('console report page', () => {
  it('shows a managing body its tree, the figures, the charts and no case text', async () => {
    const r = await get('/console/bao-cao?org=syt-hcm&period=2026-Q3', leader);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Quý III năm 2026');
    expect(r.body).toMatch(
      /data-key="received.total">\s*<th scope="row">Tổng số hồ sơ tiếp nhận<\/th>\s*<td>3<\/td>/,
    );
    expect(r.body).toMatch(/data-key="channel.hotline">[\s\S]*?<td>1<\/td>/);
    expect(r.body).toContain('Trung tâm Y tế khu vực Thuận An');
    expect(r.body).toContain('<svg');
    expect(r.body).not.toContain('Nội dung không được lên báo cáo');
    // Without a period: the last whole month.
    const plain = await get('/console/bao-cao', leader);
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toContain('Tháng 9 năm 2026');
  }, 60_000);

  it('downloads the report as XLSX, PDF and CSV', async () => {
    for (const [format, type] of [
      ['xlsx', 'spreadsheetml'],
      ['pdf', 'application/pdf'],
      ['csv', 'text/csv'],
    ] as const) {
      const r = await get(
        `/console/bao-cao/tai-ve?org=ttyt-thuan-an&period=2026-Q3&format=${format}`,
        leader,
      );
      expect(r.statusCode, format).toBe(200);
      expect(String(r.headers['content-type'])).toContain(type);
      expect(String(r.headers['content-disposition'])).toContain(`bao-cao-ttyt-thuan-an-2026-Q3.${format}`);
    }
  }, 60_000);

  it('refuses a handler, an organisation outside the tree and a period it cannot read', async () => {
    const h = await get('/console/bao-cao?org=ttyt-thuan-an&period=2026-Q3', handler);
    expect(h.statusCode).toBe(403);
    expect(h.body).toContain('Chỉ lãnh đạo');
    const outside = await get('/console/bao-cao?org=ttyt-hoai-nhon&period=2026-Q3', leader);
    expect(outside.statusCode).toBe(403);
    const bad = await get('/console/bao-cao?org=syt-hcm&period=2026-Q7', leader);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Kỳ báo cáo');
    const format = await get('/console/bao-cao/tai-ve?org=syt-hcm&period=2026&format=docx', leader);
    expect(format.statusCode).toBe(400);
  }, 60_000);
});

describe('console report filings', () => {
  const prisma = () => t.ctx.db.prisma;
  type Who = { id: string; cookie: string; csrfToken: string };
  const people: Record<'leader' | 'receiver' | 'sytLeader', Who> = {} as never;
  const refs: Record<string, string> = {};

  const filing = (ref: string) => prisma().periodicReportFiling.findUniqueOrThrow({ where: { ref } });
  const actionsOf = async (ref: string) =>
    ((await filing(ref)).events as { action: string; staffId?: string }[]).map((e) => e.action);
  const sent = async (ref: string) => {
    const { id } = await filing(ref);
    const rows = await prisma().notification.findMany({
      where: { dedupeKey: { startsWith: `report:${id}:` } },
      orderBy: { dedupeKey: 'asc' },
    });
    return rows.map((n) => n.dedupeKey.replace(id, 'ID'));
  };
  const post = (url: string, who: Who, withCsrf = true) =>
    app.inject({
      method: 'POST',
      url,
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: withCsrf ? new URLSearchParams({ _csrf: who.csrfToken }).toString() : '',
    });
  /** The list's row of one filing. */
  const rowOf = (body: string, ref: string) =>
    new RegExp(`<tr data-ref="${ref}">[\\s\\S]*?</tr>`).exec(body)?.[0] ?? '';

  beforeAll(async () => {
    // Only this block's schedules run: the sample plans' schedules are switched off.
    await prisma().reportDefinition.updateMany({ data: { active: false } });
    await prisma().unit.update({ where: { code: 'ta-tchc' }, data: { telegramChatId: '-100777' } });
    const mk = async (org: string, fullName: string, role: 'leader' | 'receiver', tg: string) => {
      const { id } = await createStaff(t.ctx, { organizationCode: org, fullName, roles: [{ role }] });
      await prisma().staff.update({ where: { id }, data: { telegramUserId: tg } });
      return { id, ...(await consoleCookieFor(t.ctx, id)) };
    };
    people.leader = await mk('ttyt-thuan-an', 'Giám đốc Thuận An', 'leader', '7101');
    people.receiver = await mk('ttyt-thuan-an', 'Tiếp nhận Thuận An', 'receiver', '7102');
    people.sytLeader = await mk('syt-hcm', 'Lãnh đạo Sở ký', 'leader', '7103');
    // Due Tuesday 20/10/2026, drafted three working days before: Thursday 15/10.
    for (const code of ['thang-console', 'thang-bot', 'thang-tre']) {
      await saveReportDefinition(prisma(), 'ttyt-thuan-an', {
        code,
        title: `Báo cáo ${code}`,
        periodKind: 'month',
        dueMonths: [10],
        dueDay: 20,
        draftWorkingDaysBefore: 3,
        recipients: [{ kind: 'unit', unitCode: 'ta-tchc' }],
      });
    }
    const run = await runReportSchedules(t.ctx, PERIODIC_REPORT_DEPS, d('2026-10-15'));
    expect(run.drafted).toHaveLength(3);
    for (const f of await prisma().periodicReportFiling.findMany({ include: { definition: true } }))
      refs[f.definition.code] = f.ref;
  }, 120_000);

  it('lists the scheduled draft with its file and a sign button for the leader only', async () => {
    const ref = refs['thang-console']!;
    const list = await get('/console/bao-cao/da-lap', people.leader.cookie);
    expect(list.statusCode).toBe(200);
    const row = rowOf(list.body, ref);
    expect(row).toContain('Báo cáo thang-console');
    expect(row).toContain('2026-09');
    expect(row).toContain('Dự thảo, chờ ký');
    expect(row).not.toContain('Trễ hạn');
    expect(row).toContain(`action="/console/bao-cao/da-lap/${ref}/ky"`);
    expect(row).toContain(`/console/bao-cao/da-lap/${ref}/du-thao.pdf`);
    const draft = await get(`/console/bao-cao/da-lap/${ref}/du-thao.pdf`, people.receiver.cookie);
    expect(draft.statusCode).toBe(200);
    expect(draft.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    // Readers who may not sign see the row and no button: the receiving office, the Sở's leader.
    for (const who of [people.receiver, people.sytLeader]) {
      const theirs = rowOf((await get('/console/bao-cao/da-lap', who.cookie)).body, ref);
      expect(theirs).toContain('Dự thảo, chờ ký');
      expect(theirs).not.toContain('/ky"');
    }
    expect((await get('/console/bao-cao/da-lap', handler)).statusCode).toBe(403);
    expect(
      (await get('/console/bao-cao/da-lap/BC-ZZZZZZ/du-thao.pdf', people.leader.cookie)).statusCode,
    ).toBe(404);
  }, 60_000);

  it('refuses a non-signer and a form without its token, and changes nothing', async () => {
    const ref = refs['thang-console']!;
    for (const who of [people.receiver, people.sytLeader]) {
      const res = await post(`/console/bao-cao/da-lap/${ref}/ky`, who);
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('Chỉ lãnh đạo đơn vị được ký báo cáo định kỳ.');
    }
    expect((await post(`/console/bao-cao/da-lap/${ref}/ky`, people.leader, false)).statusCode).toBe(403);
    expect(await filing(ref)).toMatchObject({ status: 'draft', number: null, signedFileKey: null });
    expect(await actionsOf(ref)).toEqual(['report_draft']);
    expect((await sent(ref)).filter((k) => k.includes(':file:'))).toEqual([]);
  });

  it('signs from the console exactly as /kybaocao does: numbered, stored, sent, filed', async () => {
    const viaConsole = refs['thang-console']!;
    const viaBot = refs['thang-bot']!;
    const res = await post(`/console/bao-cao/da-lap/${viaConsole}/ky`, people.leader);
    expect(res.statusCode).toBe(303);
    const notice = decodeURIComponent(res.headers.location as string);
    expect(notice).toMatch(
      /^\/console\/bao-cao\/da-lap\?ok=Đã ký Báo cáo thang-console \(kỳ 2026-09\), số \d+\/BC-/,
    );
    expect(notice).toContain('đã gửi 1 nơi nhận');
    const staff = await loadActiveStaff(t.ctx, people.leader.id);
    const answer = await runReportRequest(t.ctx, PERIODIC_REPORT_DEPS, staff, {
      type: 'report_sign',
      ref: viaBot,
    });
    expect(answer).toContain('✅ Đã ký');

    const [a, b] = [await filing(viaConsole), await filing(viaBot)];
    for (const f of [a, b]) {
      expect(f).toMatchObject({ status: 'filed', signedByStaffId: people.leader.id, year: 2026 });
      expect(f.filedAt).not.toBeNull();
      const pdf = await readStoredFile(t.ctx, f.signedFileKey!);
      expect(pdf?.subarray(0, 4).toString()).toBe('%PDF');
    }
    // One register: the bot's signature took the number after the console's.
    expect(b.number).toBe(a.number! + 1);
    expect(await actionsOf(viaConsole)).toEqual(await actionsOf(viaBot));
    expect(await actionsOf(viaConsole)).toEqual([
      'report_draft',
      'report_sign',
      'report_store',
      'report_file',
    ]);
    const signEvent = (a.events as { action: string; staffId?: string }[]).find(
      (e) => e.action === 'report_sign',
    );
    expect(signEvent?.staffId).toBe(people.leader.id);
    expect(await sent(viaConsole)).toEqual(await sent(viaBot));
    const tchc = await prisma().unit.findUniqueOrThrow({ where: { code: 'ta-tchc' } });
    expect((await sent(viaConsole)).filter((k) => !k.includes(':draft:'))).toEqual([
      `report:ID:file:unit:${tchc.id}`,
      `report:ID:xlsx:unit:${tchc.id}`,
    ]);

    const list = await get('/console/bao-cao/da-lap', people.leader.cookie);
    const row = rowOf(list.body, viaConsole);
    expect(row).toContain('Đã gửi');
    expect(row).toContain(`${a.number}/BC-`);
    expect(row).not.toContain('/ky"');
    const signed = await get(`/console/bao-cao/da-lap/${viaConsole}/ban-ky.pdf`, people.receiver.cookie);
    expect(signed.statusCode).toBe(200);
    expect(signed.rawPayload.equals((await readStoredFile(t.ctx, a.signedFileKey!))!)).toBe(true);
    const xlsx = await get(`/console/bao-cao/da-lap/${viaConsole}/so-lieu.xlsx`, people.leader.cookie);
    expect(xlsx.statusCode).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
  }, 120_000);

  it('signs once: a second press reports the number and changes nothing', async () => {
    const ref = refs['thang-console']!;
    const before = await filing(ref);
    const again = await post(`/console/bao-cao/da-lap/${ref}/ky`, people.leader);
    expect(again.statusCode).toBe(303);
    expect(decodeURIComponent(again.headers.location as string)).toContain(
      `Báo cáo ${ref} đã được ký trước đó, số ${before.number}/BC-`,
    );
    const after = await filing(ref);
    expect(after).toMatchObject({
      number: before.number,
      status: 'filed',
      signedFileKey: before.signedFileKey,
    });
    expect(after.events).toEqual(before.events);
    expect(
      await prisma().letterCounter.findMany({ where: { organizationId: after.organizationId } }),
    ).toEqual([expect.objectContaining({ lastNumber: before.number! + 1 })]);
  });

  it('marks an unsigned report late from its due date', async () => {
    const ref = refs['thang-tre']!;
    clock.set(new Date('2026-10-20T01:00:00Z'));
    try {
      // Five days on, yesterday's session has ended: sign in again.
      const { cookie } = await consoleCookieFor(t.ctx, people.leader.id);
      const list = await get('/console/bao-cao/da-lap', cookie);
      expect(rowOf(list.body, ref)).toContain('Trễ hạn');
      // Filed before the due date: not late.
      expect(rowOf(list.body, refs['thang-console']!)).not.toContain('Trễ hạn');
    } finally {
      clock.set(new Date('2026-10-15T03:00:00Z'));
    }
  });
});
