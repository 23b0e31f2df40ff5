// A periodic report's schedule end to end on a fake clock: drafted once, on the working day N
// working days before its due date (a due date right after Tết), not again on a second run or a day
// off; delivered to the leaders through the outbox; signed and numbered once in the register;
// filed to the recipients; and escalated up the ladder when it is late.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLocalDate as d } from '../../src/calendar/local-date.js';
import { fixedClock } from '../../src/core/clock.js';
import { saveReportDefinition } from '../../src/reports/periodic/report-definitions.js';
import { signPeriodicReport } from '../../src/reports/periodic/periodic-report-filing.js';
import { PERIODIC_REPORT_DEPS } from '../../src/reports/periodic/report-documents.js';
import { runReportSchedules } from '../../src/reports/periodic/run-report-schedules.js';
import { readStoredFile } from '../../src/files/file-store.js';
import { handleReportInput } from '../../src/officer/report-actions.js';
import { pdfText } from '../helpers/pdf-inspect.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-02-12T01:00:00Z'));
const deps = PERIODIC_REPORT_DEPS;
let t: TestContext;
let leader: { id: string };
let parentLeader: { id: string };
let officer: { id: string };
let unitId: string;

beforeAll(async () => {
  t = await createTestContext({ clock });
  const { prisma } = t.ctx.db;
  // Only this test's schedule runs: the sample plans' schedules are switched off.
  await prisma.reportDefinition.updateMany({ data: { active: false } });
  const org = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  const parent = await prisma.organization.findUniqueOrThrow({ where: { code: 'syt-hcm' } });
  unitId = (await prisma.unit.update({ where: { code: 'ta-tchc' }, data: { telegramChatId: '-100555' } })).id;
  const mk = (organizationId: string, fullName: string, telegramUserId: string, role: 'leader' | 'handler') =>
    prisma.staff.create({
      data: {
        organizationId,
        fullName,
        title: role === 'leader' ? 'Giám đốc' : null,
        telegramUserId,
        roles: { create: [{ organizationId, role, unitId: null }] },
      },
    });
  leader = await mk(org.id, 'Nguyễn Văn Giám', '7001', 'leader');
  parentLeader = await mk(parent.id, 'Trần Thị Sở', '7002', 'leader');
  officer = await mk(org.id, 'Lê Văn Cán', '7003', 'handler');
  // Due Monday 23/2/2026, the first working day after Tết (14–22/2): drafted one working day before.
  await saveReportDefinition(prisma, 'ttyt-thuan-an', {
    code: 'thang-thu',
    title: 'Báo cáo tháng thử nghiệm',
    periodKind: 'month',
    dueMonths: [2],
    dueDay: 23,
    draftWorkingDaysBefore: 1,
    recipients: [{ kind: 'unit', unitCode: 'ta-tchc' }],
  });
});
afterAll(async () => {
  await t?.cleanup();
});

const filings = () => t.ctx.db.prisma.periodicReportFiling.findMany();
const notes = (prefix: string) =>
  t.ctx.db.prisma.notification.findMany({
    where: { dedupeKey: { startsWith: prefix } },
    orderBy: { dedupeKey: 'asc' },
  });

describe('report schedule', () => {
  it('refuses a schedule with a bad due day, writing nothing', async () => {
    await expect(
      saveReportDefinition(t.ctx.db.prisma, 'ttyt-thuan-an', {
        code: 'sai',
        title: 'Sai',
        periodKind: 'month',
        dueMonths: [],
        dueDay: 40,
        draftWorkingDaysBefore: 1,
        recipients: [{ kind: 'unit', unitCode: 'ta-tchc' }],
      }),
    ).rejects.toThrow(/Ngày đến hạn/);
    expect(await t.ctx.db.prisma.reportDefinition.count({ where: { code: 'sai' } })).toBe(0);
  });

  it('drafts once, on the working day before the holiday, and sends the draft to the leaders', async () => {
    expect((await runReportSchedules(t.ctx, deps, d('2026-02-12'))).drafted).toEqual([]);
    const first = await runReportSchedules(t.ctx, deps, d('2026-02-13'));
    expect(first.drafted).toHaveLength(1);
    expect((await runReportSchedules(t.ctx, deps, d('2026-02-13'))).drafted).toEqual([]);
    // During Tết (a day off) nothing runs; the next run finds the report made.
    expect((await runReportSchedules(t.ctx, deps, d('2026-02-16'))).drafted).toEqual([]);
    const rows = await filings();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ periodCode: '2026-01', status: 'draft', ref: first.drafted[0] });
    expect(rows[0]!.dueOn.toISOString().slice(0, 10)).toBe('2026-02-23');
    const drafts = await notes(`report:${rows[0]!.id}:draft:`);
    expect(drafts.map((n) => n.dedupeKey)).toEqual([`report:${rows[0]!.id}:draft:staff:${leader.id}`]);
    const content = drafts[0]!.content as { text: string; file: { key: string } };
    expect(content.text).toContain(`/kybaocao ${rows[0]!.ref}`);
    const pdf = await readStoredFile(t.ctx, content.file.key);
    expect(pdf?.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('escalates a late report up the ladder, each rung once', async () => {
    const [filing] = await filings();
    await runReportSchedules(t.ctx, deps, d('2026-02-20'));
    expect(await notes(`report:${filing!.id}:late:`)).toHaveLength(0);
    // Late from the due date: the organisation's leaders that morning …
    await runReportSchedules(t.ctx, deps, d('2026-02-23'));
    expect((await notes(`report:${filing!.id}:late:`)).map((n) => n.dedupeKey)).toEqual([
      `report:${filing!.id}:late:unit_head:staff:${leader.id}`,
    ]);
    // … the managing body's leaders two working days later.
    await runReportSchedules(t.ctx, deps, d('2026-02-25'));
    await runReportSchedules(t.ctx, deps, d('2026-02-26'));
    expect((await notes(`report:${filing!.id}:late:`)).map((n) => n.dedupeKey)).toEqual([
      `report:${filing!.id}:late:leaders:staff:${parentLeader.id}`,
      `report:${filing!.id}:late:unit_head:staff:${leader.id}`,
    ]);
  });

  it('lists the reports to the leaders in the bot and keeps the commands out of groups', async () => {
    const [filing] = await filings();
    const say = async (userId: string, text: string, group = false) => {
      const [command, ...rest] = text.slice(1).split(' ');
      const out = await handleReportInput(
        t.ctx,
        deps,
        {
          conversation: { channel: 'telegram', conversationId: group ? '-100555' : userId, userId },
          event: { type: 'command', command: command!, args: rest.join(' ') },
          eventId: `tg:${Math.random()}`,
          receivedAt: new Date(),
        },
        { inGroup: group },
      );
      return (out ?? []).map((o) => o.text).join('\n');
    };
    const list = await say('7001', '/baocao');
    expect(list).toContain(
      `${filing!.ref} — Báo cáo tháng thử nghiệm, kỳ 2026-01, hạn trước 23/02/2026: dự thảo, chờ ký`,
    );
    expect(await say('7003', '/baocao')).toContain('Chỉ lãnh đạo và quản trị viên');
    expect(await say('7001', `/kybaocao ${filing!.ref}`, true)).toContain('chỉ dùng trong tin nhắn riêng');
    expect(await say('7003', `/kybaocao ${filing!.ref}`)).toContain('Chỉ lãnh đạo đơn vị được ký báo cáo');
    expect(await say('7001', '/kybaocao 123')).toContain('Cú pháp: /kybaocao');
    const row = await t.ctx.db.prisma.periodicReportFiling.findUniqueOrThrow({ where: { id: filing!.id } });
    expect(row.status).toBe('draft');
  });

  it('is signed by a leader only, numbered once in the register, and filed to the recipients', async () => {
    const [filing] = await filings();
    clock.set(new Date('2026-02-26T02:00:00Z'));
    await expect(signPeriodicReport(t.ctx, deps, { ref: filing!.ref, staffId: officer.id })).rejects.toThrow(
      /lãnh đạo/,
    );
    const signed = await signPeriodicReport(t.ctx, deps, {
      ref: filing!.ref.toLowerCase(),
      staffId: leader.id,
    });
    expect(signed).toMatchObject({ signedNow: true, numberText: '1/BC-TTYT-THUAN-AN', recipients: 1 });
    const again = await signPeriodicReport(t.ctx, deps, { ref: filing!.ref, staffId: leader.id });
    expect(again).toMatchObject({ signedNow: false, numberText: '1/BC-TTYT-THUAN-AN' });
    const row = await t.ctx.db.prisma.periodicReportFiling.findUniqueOrThrow({ where: { id: filing!.id } });
    expect(row).toMatchObject({ status: 'filed', number: 1, year: 2026, signerName: 'Nguyễn Văn Giám' });
    expect((row.events as { action: string }[]).map((e) => e.action)).toEqual([
      'report_draft',
      'report_escalate',
      'report_escalate',
      'report_sign',
      'report_store',
      'report_file',
    ]);
    const sent = await notes(`report:${filing!.id}:`);
    expect(
      sent
        .filter((n) => n.dedupeKey.includes(':file:') || n.dedupeKey.includes(':xlsx:'))
        .map((n) => n.dedupeKey),
    ).toEqual([`report:${filing!.id}:file:unit:${unitId}`, `report:${filing!.id}:xlsx:unit:${unitId}`]);
    const file = (sent.find((n) => n.dedupeKey.includes(':file:'))!.content as { file: { key: string } })
      .file;
    const signedPdf = (await readStoredFile(t.ctx, file.key))!;
    const text = (await pdfText(signedPdf)).normalize('NFC');
    expect(text).toContain('1/BC-TTYT-THUAN-AN');
    expect(text).toContain('Nguyễn Văn Giám');
    // Filed: no more escalation.
    const before = (await notes(`report:${filing!.id}:late:`)).length;
    await runReportSchedules(t.ctx, deps, d('2026-03-10'));
    expect((await notes(`report:${filing!.id}:late:`)).length).toBe(before);
  });
});
