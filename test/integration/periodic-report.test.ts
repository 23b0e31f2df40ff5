// The periodic report's figures against counts made here, independently, over generated cases:
// across the sample directory's units, every kind, channel, audience, status, outcome and
// satisfaction score, received on both sides of the period's Vietnamese-day boundaries, answered
// before and after their governing due date (with the clocks that decide it), still open and
// overdue. Then: a managing body's report sums its organisations; the PDF (read by pdftotext) and
// the XLSX (read back by exceljs) carry the same figures, the heading and the diacritics.
import { readdirSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  toDbDate,
  toVietnamDate,
  vietnamDayStart,
  type LocalDate,
} from '../../src/calendar/local-date.js';
import { CASE_KINDS, CASE_STATUSES, CHANNELS as ALL_CHANNELS } from '../../src/cases/case-vocabulary.js';
import { fixedClock } from '../../src/core/clock.js';
import { dueOnInForceAt, type AnswerClock } from '../../src/deadlines/governing-clock.js';
import { buildPeriodicReport } from '../../src/reports/periodic/build-report.js';
import {
  renderReportCsv,
  renderReportPdf,
  renderReportXlsx,
} from '../../src/reports/periodic/render-report.js';
import type { PeriodicReport, ReportCounts } from '../../src/reports/periodic/report-model.js';
import { parseReportPeriod } from '../../src/reports/periodic/report-period.js';
import { pdfText } from '../helpers/pdf-inspect.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

// What to generate: every kind, channel and status the vocabulary has. What each figure counts
// (OPEN, ANSWERED and the rest) is stated below on its own, not taken from the report's code.
const KINDS = CASE_KINDS;
const CHANNELS = ALL_CHANNELS;
const STATUSES = CASE_STATUSES;
const OPEN = ['received', 'accepted', 'assigned', 'in_progress'];
const ANSWERED = ['resolved', 'closed'];

/** The report is built on 15/10/2026 (Vietnam) for the third quarter. */
const NOW = new Date('2026-10-15T03:00:00Z');
const TODAY = '2026-10-15' as LocalDate;
const PERIOD = '2026-Q3';

interface Generated {
  org: string;
  unitId: string | null;
  kind: (typeof KINDS)[number];
  channel: (typeof CHANNELS)[number];
  audience: 'citizen' | 'staff';
  status: (typeof STATUSES)[number];
  outcome: 'valid' | 'partly_valid' | 'not_valid' | 'not_applicable' | null;
  satisfaction: number | null;
  urgent: boolean;
  receivedAt: Date;
  /** Answered cases: the governing due date and whether it was met, as this test decides it. */
  answeredLate: boolean | null;
  /** Open cases: the governing due date on the row. */
  dueOn: LocalDate | null;
  inShift: boolean;
}

function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let t: TestContext;
const cases: Generated[] = [];
const orgIds = new Map<string, string>();
let shiftStart: Date;
let shiftEnd: Date;

beforeAll(async () => {
  t = await createTestContext({ clock: fixedClock(NOW) });
  const prisma = t.ctx.db.prisma;
  for (const o of await prisma.organization.findMany()) orgIds.set(o.code, o.id);
  const units = await prisma.unit.findMany({ where: { organizationId: { in: [...orgIds.values()] } } });
  const unitsOf = (org: string) => units.filter((u) => u.organizationId === orgIds.get(org));
  const thuanAn = orgIds.get('ttyt-thuan-an')!;
  // One duty shift in the period: 1–8 August, Vietnam time.
  shiftStart = new Date('2026-08-01T00:00:00+07:00');
  shiftEnd = new Date('2026-08-08T00:00:00+07:00');
  const hotliner = await prisma.staff.create({ data: { organizationId: thuanAn, fullName: 'Trực ban' } });
  await prisma.dutyShift.create({
    data: { organizationId: thuanAn, staffId: hotliner.id, startsAt: shiftStart, endsAt: shiftEnd },
  });
  // A shift of another organisation recorded the wrong way round (ends before it starts): it holds
  // no instant, and must not stop its organisation's report.
  const otherHotliner = await prisma.staff.create({
    data: { organizationId: orgIds.get('ttyt-hoai-nhon')!, fullName: 'Trực ban' },
  });
  await prisma.dutyShift.create({
    data: {
      organizationId: orgIds.get('ttyt-hoai-nhon')!,
      staffId: otherHotliner.id,
      startsAt: shiftEnd,
      endsAt: shiftStart,
    },
  });
  // Two leaders reviewed the same week (counts once), and another week.
  for (const [week, leader] of [
    ['2026-08-03', 'a'],
    ['2026-08-03', 'b'],
    ['2026-08-10', 'a'],
  ] as const) {
    await prisma.notification.create({
      data: {
        channel: 'telegram',
        recipientCiphertext: Buffer.from([1]),
        content: {},
        dedupeKey: `hotline-review:${thuanAn}:${week}:leader:${leader}`,
        status: 'sent',
        createdAt: new Date(`${week}T01:00:00Z`),
      },
    });
  }

  const rnd = prng(20260915);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const q3Start = vietnamDayStart('2026-07-01' as LocalDate).getTime();
  const q2Start = vietnamDayStart('2026-04-01' as LocalDate).getTime();
  const q4Start = vietnamDayStart('2026-10-01' as LocalDate).getTime();
  let n = 0;
  for (let i = 0; i < 220; i++) {
    // 3–6: hotline calls at the duty shift's edges (its start is in it, its end is not) and one in
    // the shift's time at another organisation, which the shift does not cover.
    const org =
      i >= 3 && i <= 5
        ? 'ttyt-thuan-an'
        : i === 6
          ? 'ttyt-hoai-nhon'
          : pick(['ttyt-thuan-an', 'ttyt-thuan-an', 'ttyt-hoai-nhon', 'syt-hcm']);
    const orgUnits = unitsOf(org);
    const unitId = rnd() < 0.1 ? null : pick(orgUnits).id;
    // Mostly Q3, some Q2 (the trend), a few after; and the boundary minutes in Vietnam time.
    const r = rnd();
    let receivedAt: Date;
    if (i === 0)
      receivedAt = new Date('2026-06-30T17:30:00Z'); // 00:30 on 1/7 in Vietnam: in Q3
    else if (i === 1)
      receivedAt = new Date('2026-06-30T16:30:00Z'); // 23:30 on 30/6: in Q2
    else if (i === 2)
      receivedAt = new Date('2026-09-30T17:30:00Z'); // 00:30 on 1/10: not in Q3
    else if (i === 3 || i === 6)
      receivedAt = new Date('2026-08-02T03:00:00Z'); // in the duty shift('s time)
    else if (i === 4) receivedAt = shiftStart;
    else if (i === 5) receivedAt = shiftEnd;
    else if (r < 0.7) receivedAt = new Date(q3Start + rnd() * (q4Start - q3Start));
    else if (r < 0.93) receivedAt = new Date(q2Start + rnd() * (q3Start - q2Start));
    else receivedAt = new Date(q4Start + rnd() * (NOW.getTime() - q4Start));
    const kind = pick(KINDS);
    const channel = i >= 3 && i <= 6 ? 'hotline' : pick(CHANNELS);
    const audience = rnd() < 0.2 ? 'staff' : 'citizen';
    const status = pick(STATUSES);
    const answered = ANSWERED.includes(status);
    const outcome = answered ? pick(['valid', 'partly_valid', 'not_valid', 'not_applicable'] as const) : null;
    const satisfaction = answered && rnd() < 0.6 ? 1 + Math.floor(rnd() * 5) : null;
    const urgent = rnd() < 0.2;
    const receivedOn = toVietnamDate(receivedAt);
    const resolvedAt = answered ? new Date(receivedAt.getTime() + (1 + rnd() * 40) * 86_400_000) : null;
    const code = `RP-${String(++n).padStart(4, '0')}`;
    const open = OPEN.includes(status);
    // Open: a governing due date around today (some past, some ahead), or none.
    const dueOn = open && rnd() < 0.85 ? addDays(TODAY, Math.floor(rnd() * 30) - 20) : null;
    const row = await prisma.case.create({
      data: {
        code,
        organizationId: orgIds.get(org)!,
        unitId,
        kind,
        channel,
        audience,
        status,
        outcome,
        satisfaction,
        urgency: urgent ? 'urgent' : 'normal',
        identityMode: 'anonymous',
        description: 'Nội dung thử',
        receivedAt,
        resolvedAt: status === 'resolved' || (status === 'closed' && rnd() < 0.8) ? resolvedAt : null,
        closedAt: status === 'closed' ? resolvedAt : null,
        governingDueOn: dueOn ? toDbDate(dueOn) : null,
        governingClockKind: dueOn ? 'internal_answer' : null,
      },
    });
    let answeredLate: boolean | null = null;
    if (answered) {
      const answeredOn = toVietnamDate(resolvedAt!);
      const shape = pick(['none', 'internal', 'both', 'early_stopped'] as const);
      const internalDue = addDays(answeredOn, Math.floor(rnd() * 10) - 5);
      const statutoryDue = addDays(answeredOn, Math.floor(rnd() * 10) - 5);
      const made: AnswerClock[] = [];
      const clock = (kind: string, due: LocalDate, stoppedAt: Date, startedOn: LocalDate = receivedOn) => {
        made.push({ kind, startedOn, dueOn: due, stoppedAt });
        return prisma.clock.create({
          data: {
            caseId: row.id,
            kind,
            ruleSetCode: 'test',
            dayType: 'working',
            days: 10,
            startedOn: toDbDate(startedOn),
            dueOn: toDbDate(due),
            originalDueOn: toDbDate(due),
            status: 'stopped',
            stoppedAt,
          },
        });
      };
      if (shape === 'none') answeredLate = false;
      if (shape === 'internal' || shape === 'early_stopped') {
        await clock('internal_answer', internalDue, resolvedAt!);
        answeredLate = answeredOn > internalDue;
      }
      if (shape === 'early_stopped') {
        // A statutory clock stopped the day after receipt, long past due by the answer: it no
        // longer counted when the case was answered, so it does not decide.
        await clock('complaint_acceptance', receivedOn, new Date(receivedAt.getTime() + 86_400_000));
      }
      if (shape === 'both') {
        // The statutory clock governs, whatever the internal target says.
        await clock('internal_answer', internalDue, resolvedAt!);
        await clock('complaint_resolution_first', statutoryDue, resolvedAt!);
        answeredLate = answeredOn > statutoryDue;
      }
      // A clock started after the answer (sending the decision) never decides it.
      if (rnd() < 0.3)
        await clock('complaint_decision_send', addDays(answeredOn, -30), resolvedAt!, addDays(answeredOn, 1));
      // The due date in force at the answer, kept on the case as the lifecycle keeps it when the
      // case is answered (case-lifecycle.service.ts); the expected lateness above is worked out
      // independently, from the shape.
      const inForce = dueOnInForceAt(made, resolvedAt!);
      await prisma.case.update({
        where: { id: row.id },
        data: { answeredDueOn: inForce === null ? null : toDbDate(inForce) },
      });
    }
    cases.push({
      org,
      unitId,
      kind,
      channel,
      audience,
      status,
      outcome,
      satisfaction,
      urgent,
      receivedAt,
      answeredLate,
      dueOn,
      inShift:
        org === 'ttyt-thuan-an' &&
        receivedAt.getTime() >= shiftStart.getTime() &&
        receivedAt.getTime() < shiftEnd.getTime(),
    });
  }
}, 300_000);

afterAll(async () => {
  await t?.cleanup();
});

/** The counts of the report, made here from the generated list. */
function expectedCounts(list: Generated[]): ReportCounts {
  const count = (p: (c: Generated) => boolean) => list.filter(p).length;
  const answered = (c: Generated) => ANSWERED.includes(c.status);
  const upheld = (c: Generated) => c.outcome === 'valid' || c.outcome === 'partly_valid';
  const rated = list.filter((c) => c.satisfaction !== null);
  return {
    received: list.length,
    byChannel: Object.fromEntries(
      CHANNELS.map((ch) => [ch, count((c) => c.channel === ch)]),
    ) as ReportCounts['byChannel'],
    byKind: Object.fromEntries(KINDS.map((k) => [k, count((c) => c.kind === k)])) as ReportCounts['byKind'],
    resolved: count(answered),
    resolvedOnTime: count((c) => answered(c) && c.answeredLate === false),
    resolvedLate: count((c) => answered(c) && c.answeredLate === true),
    open: count((c) => OPEN.includes(c.status)),
    openOverdue: count((c) => OPEN.includes(c.status) && c.dueOn !== null && c.dueOn < TODAY),
    outcomes: {
      valid: count((c) => c.outcome === 'valid'),
      partly: count((c) => c.outcome === 'partly_valid'),
      unfounded: count((c) => c.outcome === 'not_valid'),
      withdrawn: count((c) => c.status === 'withdrawn'),
      forwarded: count((c) => c.status === 'forwarded'),
      guided: count((c) => c.status === 'guided'),
    },
    satisfaction: {
      answered: rated.length,
      sum: rated.reduce((s, c) => s + c.satisfaction!, 0),
      byScore: Object.fromEntries(
        [1, 2, 3, 4, 5].map((s) => [String(s), count((c) => c.satisfaction === s)]),
      ) as ReportCounts['satisfaction']['byScore'],
    },
    hotline: {
      calls: count((c) => c.channel === 'hotline'),
      urgent: count((c) => c.channel === 'hotline' && c.urgent),
      inShift: count((c) => c.channel === 'hotline' && c.inShift),
      outsideShift: count((c) => c.channel === 'hotline' && !c.inShift),
    },
    staffFeedback: {
      count: count((c) => c.audience === 'staff'),
      answered: count((c) => c.audience === 'staff' && answered(c)),
      answeredOnTime: count((c) => c.audience === 'staff' && answered(c) && c.answeredLate === false),
      takenOnBoard: count((c) => c.audience === 'staff' && upheld(c)),
    },
    praise: count((c) => c.kind === 'praise'),
    upheld: count((c) => ['report', 'complaint', 'denunciation'].includes(c.kind) && upheld(c)),
  };
}

const inPeriod = (from: string, to: string) => (c: Generated) =>
  c.receivedAt.getTime() >= vietnamDayStart(from as LocalDate).getTime() &&
  c.receivedAt.getTime() < vietnamDayStart(to as LocalDate).getTime();
const q3 = inPeriod('2026-07-01', '2026-10-01');
const q2 = inPeriod('2026-04-01', '2026-07-01');

describe('periodic report figures', () => {
  let hospital: PeriodicReport;
  let body: PeriodicReport;
  beforeAll(async () => {
    hospital = await buildPeriodicReport(t.ctx, {
      organizationCode: 'ttyt-thuan-an',
      period: parseReportPeriod(PERIOD),
    });
    body = await buildPeriodicReport(t.ctx, {
      organizationCode: 'syt-hcm',
      period: parseReportPeriod(PERIOD),
    });
  }, 120_000);

  it('counts every figure of a hospital as the cases say, and the previous quarter for the trend', () => {
    const own = cases.filter((c) => c.org === 'ttyt-thuan-an');
    expect(own.filter(q3).length).toBeGreaterThan(20);
    expect(hospital.totals).toEqual(expectedCounts(own.filter(q3)));
    expect(hospital.previousTotals).toEqual(expectedCounts(own.filter(q2)));
    expect(hospital.previousPeriod.code).toBe('2026-Q2');
    expect(hospital.organizations).toHaveLength(1);
    expect(hospital.dutyShifts).toBe(1);
    expect(hospital.hotlineReviews).toBe(2);
    expect(hospital.totals.hotline.inShift).toBeGreaterThan(0);
  });

  it('counts each unit, and cases without a unit on a line of their own', async () => {
    const own = cases.filter((c) => c.org === 'ttyt-thuan-an' && q3(c));
    const units = await t.ctx.db.prisma.unit.findMany({
      where: { organizationId: orgIds.get('ttyt-thuan-an') },
    });
    for (const u of hospital.organizations[0]!.units) {
      const id = u.unitCode === null ? null : units.find((x) => x.code === u.unitCode)!.id;
      expect(u.counts, u.unitName).toEqual(expectedCounts(own.filter((c) => c.unitId === id)));
    }
    expect(hospital.organizations[0]!.units.reduce((s, u) => s + u.counts.received, 0)).toBe(own.length);
  });

  it('sums a managing body from its organisations and shows each, and no organisation outside it', () => {
    // In the sample directory Thuận An is under the Sở; Hoài Nhơn is not.
    const tree = ['syt-hcm', 'ttyt-thuan-an'];
    expect(body.organizations.map((o) => o.code)).toEqual(tree);
    expect(cases.filter((c) => c.org === 'ttyt-hoai-nhon' && q3(c)).length).toBeGreaterThan(0);
    expect(body.totals).toEqual(expectedCounts(cases.filter((c) => tree.includes(c.org) && q3(c))));
    for (const o of body.organizations)
      expect(o.counts, o.code).toEqual(expectedCounts(cases.filter((c) => c.org === o.code && q3(c))));
    expect(body.organizations.find((o) => o.code === 'ttyt-thuan-an')!.counts).toEqual(hospital.totals);
  });

  it('lists the overdue cases with their days late and no text', () => {
    const expected = cases.filter(
      (c) => c.org === 'ttyt-thuan-an' && q3(c) && OPEN.includes(c.status) && c.dueOn && c.dueOn < TODAY,
    );
    expect(hospital.overdueCases).toHaveLength(expected.length);
    for (const o of hospital.overdueCases) {
      expect(o.daysLate).toBeGreaterThan(0);
      expect(addDays(o.dueOn as LocalDate, o.daysLate)).toBe(TODAY);
    }
    expect(JSON.stringify(hospital)).not.toContain('Nội dung thử');
  });

  it('writes a PDF whose text has the heading, the figures and the diacritics', async () => {
    const pdf = await renderReportPdf(body, {
      number: '15/BC-SYT',
      signer: { title: 'Giám đốc', name: 'Nguyễn Văn Ân' },
      signed: true,
    });
    const text = (await pdfText(pdf)).normalize('NFC');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Số: 15/BC-SYT');
    expect(text).toContain('Quý III năm 2026');
    expect(text).toContain('Tổng số hồ sơ tiếp nhận');
    expect(text).toContain('Giải quyết đúng hạn');
    expect(text).toContain('Nguyễn Văn Ân');
    expect(text).toContain(`tiếp nhận ${body.totals.received} hồ sơ`);
    // The charts are vector graphics: their labels are text in the PDF.
    expect(text).toContain('Số lượt đánh giá');
    const draft = (await pdfText(await renderReportPdf(hospital))).normalize('NFC');
    expect(draft).toContain('Dự thảo');
  }, 60_000);

  it('writes an XLSX that reads back with the same figures, formulas and cached results', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderReportXlsx(body)) as unknown as ArrayBuffer);
    const channels = book.getWorksheet('Theo kênh')!;
    const total = channels.getRow(channels.rowCount).getCell(2).value as { formula: string; result: number };
    expect(total.formula).toMatch(/^SUM\(/);
    expect(total.result).toBe(body.totals.received);
    const summary = book.getWorksheet('Tổng hợp')!;
    const rowOf = (label: string) => {
      for (let r = 2; r <= summary.rowCount; r++)
        if (summary.getRow(r).getCell(2).value === label) return summary.getRow(r);
      throw new Error(label);
    };
    expect(rowOf('Tổng số hồ sơ tiếp nhận').getCell(3).value).toBe(body.totals.received);
    expect(rowOf('Tổng số hồ sơ tiếp nhận').getCell(4).value).toBe(body.previousTotals.received);
    expect((rowOf('Giải quyết đúng hạn').getCell(5).value as { result: number }).result).toBe(
      body.totals.resolvedOnTime - body.previousTotals.resolvedOnTime,
    );
    const units = book.getWorksheet('Theo tổ chức')!;
    const last = units.getRow(units.rowCount);
    expect((last.getCell(3).value as { result: number }).result).toBe(body.totals.received);
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('writes a CSV with a BOM, one figure a line', () => {
    const csv = renderReportCsv(hospital);
    expect(csv.startsWith('\uFEFFMục,')).toBe(true);
    const line = csv.split('\r\n').find((l) => l.includes(',received.total,'))!;
    expect(line.split(',').slice(-2)).toEqual([
      String(hospital.totals.received),
      String(hospital.previousTotals.received),
    ]);
  });
});

describe('the answered_due_on migration', () => {
  it("backfills each answered case's due date in force as the lifecycle's rule does", async () => {
    const { prisma } = t.ctx.db;
    const dir = readdirSync('prisma/migrations').find((d) => d.endsWith('_answered_due_on'))!;
    const sql = readFileSync(`prisma/migrations/${dir}/migration.sql`, 'utf8');
    const backfill = sql.slice(sql.indexOf('UPDATE "cases"'));
    const read = async () =>
      (await prisma.case.findMany({ select: { id: true, answeredDueOn: true }, orderBy: { id: 'asc' } })).map(
        (c) => [c.id, c.answeredDueOn?.toISOString() ?? null],
      );
    const kept = await read();
    expect(kept.filter(([, due]) => due !== null).length).toBeGreaterThan(10);
    await prisma.case.updateMany({ data: { answeredDueOn: null } });
    await prisma.$executeRawUnsafe(backfill);
    expect(await read()).toEqual(kept);
  });
});
