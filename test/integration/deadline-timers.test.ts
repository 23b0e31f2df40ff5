// Deadline milestones on a real database and real Redis, with a fake clock stepped day by day
// across Tết 2026 (14–22/02 off): reminders and escalations fire once each on the right working
// day, each delayed job scheduling the next (decision 0080); a pause moves them, an extension
// reschedules them, and the sweep fires a milestone whose delayed job was deleted and restarts
// the chain.
import { DelayedError, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { parseInput } from '../../src/core/validation.js';
import { toVietnamDate, type LocalDate } from '../../src/calendar/local-date.js';
import { applyCaseAction } from '../../src/cases/case-lifecycle.service.js';
import { fireMilestone, type MilestoneDeps } from '../../src/deadlines/fire-milestone.js';
import { scheduleDeadlineJobs } from '../../src/deadlines/deadline-schedulers.js';
import { scheduleCaseMilestones } from '../../src/deadlines/schedule-milestones.js';
import { sweepDeadlineMilestones } from '../../src/deadlines/sweep-milestones.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { sendDailyDigests } from '../../src/reports/send-daily-digests.js';
import { sendHotlineReviews } from '../../src/reports/send-hotline-review.js';
import { createDeadlineMilestoneHandler } from '../../workers/deadlines.handler.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-01-29T03:00:00Z')); // Thursday 29/01/2026, 10:00 in Việt Nam
let t: TestContext;
let unitId: string;
let head: { id: string };
let leader: { id: string };
const onApologyDue = vi.fn<NonNullable<MilestoneDeps['onApologyDue']>>(async () => undefined);
const deps: MilestoneDeps = { onApologyDue };

beforeAll(async () => {
  t = await createTestContext({ clock });
  recordScheduling();
  const { prisma } = t.ctx.db;
  const org = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  const unit = await prisma.unit.update({ where: { code: 'ta-knoi' }, data: { telegramChatId: '-100777' } });
  unitId = unit.id;
  const mk = (
    fullName: string,
    telegramUserId: string,
    role: 'unit_head' | 'leader',
    forUnit: string | null,
  ) =>
    prisma.staff.create({
      data: {
        organizationId: org.id,
        fullName,
        telegramUserId,
        roles: { create: [{ organizationId: org.id, role, unitId: forUnit }] },
      },
    });
  head = await mk('Trưởng khoa Nội', '9001', 'unit_head', unit.id);
  leader = await mk('Giám đốc', '9002', 'leader', null);
});
afterAll(async () => {
  await t.cleanup();
});

let n = 0;
async function newCase(kind: string, at: string, channel = 'web'): Promise<string> {
  clock.set(new Date(at));
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `dl-${Date.now()}-${n++}`,
    channel,
    kind,
    text: 'Bệnh nhân chờ khám quá lâu, gọi 0901234567 không ai nghe',
    unitCode: 'ta-knoi',
  });
  await submitSubmission(t.ctx, s);
  return (await processSubmission(t.ctx, s.submissionId)).caseId;
}

const clockOf = (caseId: string, kind: string) =>
  t.ctx.db.prisma.clock.findUniqueOrThrow({ where: { caseId_kind: { caseId, kind } } });

const delayedIds = async () => (await t.ctx.queues.queue('deadlines').getDelayed()).map((j) => j.id!);

/** Milestone events of a case as [milestone, dueOn, Vietnamese day it was written]. */
async function firedOf(caseId: string) {
  const rows = await t.ctx.db.prisma.caseEvent.findMany({
    where: { caseId, action: { in: ['deadline_reminder', 'escalated'] } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => {
    const data = r.data as { milestone: string; dueOn: string };
    return [r.action, data.milestone, data.dueOn, toVietnamDate(r.createdAt)];
  });
}

async function deadlineMessages(caseId: string) {
  const rows = await t.ctx.db.prisma.notification.findMany({
    where: { caseId, dedupeKey: { startsWith: 'deadline:' } },
    select: { dedupeKey: true },
  });
  // deadline:<clockId>:<milestone>:<dueOn>:<recipient>
  return rows.map((r) => r.dedupeKey.split(':').slice(2).join(':')).sort();
}

/** The milestones of a clock waiting in the delayed set, by name, sorted. */
async function pendingOf(clockId: string, dueOn: string): Promise<string[]> {
  const prefix = `milestone-${clockId}-`;
  return (await delayedIds())
    .filter((id) => id.startsWith(prefix) && id.endsWith(`-${dueOn}`))
    .map((id) => id.slice(prefix.length, -dueOn.length - 1))
    .sort();
}

const handler = () => createDeadlineMilestoneHandler(t.ctx, deps);

/**
 * Fake time at which each delayed job was added, whoever added it (a case action, a milestone
 * job's handler, the sweep): BullMQ keeps the first add of an id, so does this.
 */
const scheduledAt = new Map<string, number>();
function recordScheduling(): void {
  const { queues } = t.ctx;
  const addMany = queues.addMany.bind(queues);
  queues.addMany = async (jobs) => {
    const ids = await addMany(jobs);
    for (const id of ids) if (!scheduledAt.has(id)) scheduledAt.set(id, clock.now().getTime());
    return ids;
  };
}

/**
 * Plays the part of BullMQ for the delayed jobs: each job whose instant (fake time when it was
 * scheduled + its delay) has come is handed to the handler, in time order, then removed, as a
 * worker would; again until none is due, so the jobs the handler schedules run too.
 */
async function runDueDelayedJobs(): Promise<number> {
  let ran = 0;
  for (;;) {
    const due = (await t.ctx.queues.queue('deadlines').getDelayed())
      .map((job) => ({ job, at: (scheduledAt.get(job.id!) ?? Infinity) + (job.opts.delay ?? 0) }))
      .filter(({ at }) => at <= clock.now().getTime())
      .sort((a, b) => a.at - b.at);
    if (due.length === 0) return ran;
    for (const { job } of due) {
      await handler()(job.data as never, job as Job);
      await job.remove();
      scheduledAt.delete(job.id!);
      ran++;
    }
  }
}

const schedule = (caseId: string) => scheduleCaseMilestones(t.ctx, caseId);

function* days(from: string, to: string): Generator<LocalDate> {
  for (
    let d = new Date(`${from}T02:00:00Z`);
    d <= new Date(`${to}T02:00:00Z`);
    d = new Date(d.getTime() + 86_400_000)
  )
    yield toVietnamDate(d);
}
const nineAm = (day: string) => new Date(`${day}T02:00:00Z`); // 09:00 in Việt Nam

describe('deadline timers', () => {
  it('walks a case through due-soon, due and overdue across Tết, each milestone’s job scheduling the next; each fires once', async () => {
    const caseId = await newCase('report', '2026-01-29T03:00:00Z');
    const c = await clockOf(caseId, 'internal_answer');
    // 10 working days from Thursday 29/01: due Thursday 12/02, the day before Tết's run of days off.
    expect(c.dueOn.toISOString().slice(0, 10)).toBe('2026-02-12');
    // Only the first milestone waits in Redis, not all seven.
    expect(await schedule(caseId)).toEqual([`milestone-${c.id}-due_soon_2-2026-02-12`]);
    expect(await pendingOf(c.id, '2026-02-12')).toEqual(['due_soon_2']);
    // Scheduling again (a retried worker, a second action) adds nothing.
    await schedule(caseId);
    expect(await delayedIds()).toHaveLength(1);

    let sweepFired = 0;
    const pending: Record<string, string[]> = {};
    for (const day of days('2026-01-29', '2026-02-27')) {
      clock.set(nineAm(day));
      await runDueDelayedJobs();
      sweepFired += (await sweepDeadlineMilestones(t.ctx, deps)).fired;
      if (day >= '2026-02-10') {
        // A late duplicate of a job that already ran (BullMQ retry, or a race with the sweep); from
        // the next reminder on, it has lapsed. Either way it only re-adds the jobs already there.
        expect(
          await handler()({ clockId: c.id, milestone: 'due_soon_2', dueOn: '2026-02-12' }, {} as Job),
        ).toMatchObject(
          day === '2026-02-10' ? { status: 'already_fired' } : { status: 'skipped', reason: 'lapsed' },
        );
      }
      pending[day] = await pendingOf(c.id, '2026-02-12');
    }
    // Each job, once run, left the next in the delayed set: the sweep had nothing to fire.
    expect(sweepFired).toBe(0);
    expect(pending['2026-02-09']).toEqual(['due_soon_2']);
    expect(pending['2026-02-10']).toEqual(['apology_prompt', 'due_soon_1']);
    expect(pending['2026-02-11']).toEqual(['due']);
    expect(pending['2026-02-12']).toEqual(['escalate_unit_head', 'overdue']);
    expect(pending['2026-02-13']).toEqual(['escalate_leaders']);
    expect(pending['2026-02-23']).toEqual(['escalate_leaders']);
    expect(pending['2026-02-24']).toEqual([]);
    expect(await firedOf(caseId)).toEqual([
      ['deadline_reminder', 'due_soon_2', '2026-02-12', '2026-02-10'],
      ['deadline_reminder', 'due_soon_1', '2026-02-12', '2026-02-11'],
      ['deadline_reminder', 'apology_prompt', '2026-02-12', '2026-02-11'],
      ['deadline_reminder', 'due', '2026-02-12', '2026-02-12'],
      ['escalated', 'overdue', '2026-02-12', '2026-02-13'],
      ['escalated', 'escalate_unit_head', '2026-02-12', '2026-02-13'],
      // Two working days after Friday 13/02 is Tuesday 24/02: nothing fired during Tết.
      ['escalated', 'escalate_leaders', '2026-02-12', '2026-02-24'],
    ]);
    expect(onApologyDue).toHaveBeenCalledTimes(1);
    expect(onApologyDue).toHaveBeenCalledWith(t.ctx, { caseId, clockId: c.id, dueOn: '2026-02-12' });
    // Unassigned: the unit's group hears the reminders; the head, then the leaders, the escalation.
    expect(await deadlineMessages(caseId)).toEqual(
      [
        `due_soon_2:2026-02-12:unit:${unitId}`,
        `due_soon_1:2026-02-12:unit:${unitId}`,
        `due:2026-02-12:unit:${unitId}`,
        `overdue:2026-02-12:unit:${unitId}`,
        `escalate_unit_head:2026-02-12:staff:${head.id}`,
        `escalate_leaders:2026-02-12:staff:${leader.id}`,
      ].sort(),
    );
    const escalation = await t.ctx.db.prisma.notification.findFirstOrThrow({
      where: { dedupeKey: `deadline:${c.id}:escalate_leaders:2026-02-12:staff:${leader.id}` },
    });
    const content = escalation.content as { text: string; buttons: { value: string }[][] };
    expect(content.text).toContain('quá hạn trả lời người gửi (thời hạn nội bộ) (12/02/2026)');
    expect(content.text).not.toContain('0901234567'); // the redacted view
    expect(content.buttons[0]![0]!.value).toMatch(/^oc:view:/);
  });

  it('schedules a new case’s milestones from the clocks its intake run wrote, as from the clocks read back', async () => {
    clock.set(new Date('2026-03-02T03:00:00Z'));
    const s = parseInput(ZSubmissionSchema, {
      submissionId: `dl-written-${Date.now()}`,
      channel: 'web',
      kind: 'complaint',
      text: 'Khiếu nại về việc thu tiền khám không đúng quy định',
      unitCode: 'ta-knoi',
    });
    await submitSubmission(t.ctx, s);
    const made = await processSubmission(t.ctx, s.submissionId);
    expect(made.made?.clocks.length).toBeGreaterThan(0);

    let clockReads = 0;
    const clocks = new Proxy(t.ctx.db.prisma.clock, {
      get(target, key, receiver) {
        if (typeof key === 'string' && key.startsWith('find')) clockReads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const prisma = new Proxy(t.ctx.db.prisma, {
      get: (target, key, receiver) => (key === 'clock' ? clocks : Reflect.get(target, key, receiver)),
    });
    const fromWritten = await scheduleCaseMilestones(
      { ...t.ctx, db: { ...t.ctx.db, prisma } },
      made.caseId,
      made.made,
    );
    expect(clockReads).toBe(0);
    expect(fromWritten).not.toEqual([]);
    expect(await scheduleCaseMilestones(t.ctx, made.caseId)).toEqual(fromWritten);
    // A second run finds the case made: it has nothing in hand, and its caller reads the clocks.
    expect((await processSubmission(t.ctx, s.submissionId)).made).toBeUndefined();
  });

  it('sends the daily digest on working days only, once per day', async () => {
    await t.ctx.db.prisma.notification.deleteMany({ where: { dedupeKey: { startsWith: 'digest:' } } });
    const tet = await sendDailyDigests(t.ctx, '2026-02-17' as LocalDate);
    expect(tet.organizations).toBe(0);
    expect(tet.messages).toBe(0);
    clock.set(nineAm('2026-02-24'));
    const first = await sendDailyDigests(t.ctx);
    expect(first.messages).toBe(2); // the unit's group and the leader
    expect((await sendDailyDigests(t.ctx)).messages).toBe(0);
    const rows = await t.ctx.db.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: 'digest:' } },
    });
    const texts = rows.map((r) => (r.content as { text: string }).text).join('\n');
    expect(texts).toContain('Tổng hợp thời hạn ngày 24/02/2026 — Khoa Nội');
    expect(texts).toContain('Hồ sơ quá hạn ngày 24/02/2026');
    expect(texts).not.toContain('0901234567');
  });

  it('a job run before its instant waits for it; the sweep fires a lost job’s milestone and restarts the chain', async () => {
    const caseId = await newCase('report', '2026-02-24T03:00:00Z'); // Tuesday after Tết; due 10/03
    const c = await clockOf(caseId, 'internal_answer');
    const dueOn = c.dueOn.toISOString().slice(0, 10) as LocalDate;
    expect(dueOn).toBe('2026-03-10');
    await schedule(caseId);
    expect(await pendingOf(c.id, dueOn)).toEqual(['due_soon_2']);

    // Run early (another host's clock ahead): put back to its instant, 08:00 on Friday 06/03,
    // without spending an attempt, and nothing scheduled after it.
    const early = { token: 'worker-token', moveToDelayed: vi.fn(async () => undefined) };
    await expect(
      handler()({ clockId: c.id, milestone: 'due_soon_2', dueOn }, early as unknown as Job),
    ).rejects.toBeInstanceOf(DelayedError);
    expect(early.moveToDelayed).toHaveBeenCalledWith(
      new Date('2026-03-06T01:00:00Z').getTime(),
      'worker-token',
    );
    expect(await pendingOf(c.id, dueOn)).toEqual(['due_soon_2']);

    // Redis lost the job: only the sweep can fire the first milestone, and it schedules the next.
    await (await t.ctx.queues.queue('deadlines').getJob(`milestone-${c.id}-due_soon_2-${dueOn}`))!.remove();
    expect(await pendingOf(c.id, dueOn)).toEqual([]);
    clock.set(nineAm('2026-03-06'));
    await sweepDeadlineMilestones(t.ctx, deps);
    expect(await pendingOf(c.id, dueOn)).toEqual(['apology_prompt', 'due_soon_1']);

    // From here the jobs alone (no sweep) fire the rest, each on its day.
    for (const day of days('2026-03-07', '2026-03-16')) {
      clock.set(nineAm(day));
      await runDueDelayedJobs();
    }
    expect(await pendingOf(c.id, dueOn)).toEqual([]);
    const fired = (await firedOf(caseId)).map(([, m, , on]) => `${m}@${on}`);
    expect(fired).toEqual([
      'due_soon_2@2026-03-06',
      'due_soon_1@2026-03-09',
      'apology_prompt@2026-03-09',
      'due@2026-03-10',
      'overdue@2026-03-11',
      'escalate_unit_head@2026-03-11',
      'escalate_leaders@2026-03-13',
    ]);
  });

  it('sends the leaders the week’s hotline cases on Monday, once, and not the other channels', async () => {
    const call = await newCase('report', '2026-03-04T03:00:00Z', 'hotline'); // Wednesday 04/03/2026
    const web = await newCase('report', '2026-03-05T03:00:00Z');
    const codeOf = async (id: string) =>
      (await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id } })).code;
    clock.set(nineAm('2026-03-09')); // the Monday after
    const first = await sendHotlineReviews(t.ctx);
    expect(first).toMatchObject({ weekOf: '2026-03-09', messages: 1 });
    expect((await sendHotlineReviews(t.ctx)).messages).toBe(0);
    const row = await t.ctx.db.prisma.notification.findFirstOrThrow({
      where: { dedupeKey: { startsWith: 'hotline-review:' } },
    });
    const text = (row.content as { text: string }).text;
    expect(text).toContain('Rà soát đường dây nóng tuần 02/03/2026–08/03/2026');
    expect(text).toContain(`${await codeOf(call)} (Phản ánh, nhận 04/03/2026) — Đã tiếp nhận`);
    expect(text).not.toContain(await codeOf(web));
    expect(text).not.toContain('0901234567');
  });

  it('a pause moves the milestones: nothing while paused, then the resumed dates', async () => {
    const caseId = await newCase('report', '2026-03-02T03:00:00Z'); // Monday
    const c = await clockOf(caseId, 'internal_answer');
    await schedule(caseId);
    expect(await pendingOf(c.id, '2026-03-16')).toEqual(['due_soon_2']);
    const officer = { type: 'staff' as const, staffId: head.id, role: 'unit_head' as const };

    clock.set(new Date('2026-03-05T03:00:00Z')); // Thursday
    await applyCaseAction(t.ctx, {
      caseId,
      action: 'pause',
      actor: officer,
      params: { reason: 'Chờ hồ sơ bệnh án' },
    });
    for (const day of days('2026-03-05', '2026-03-08')) {
      clock.set(nineAm(day));
      await runDueDelayedJobs();
      await sweepDeadlineMilestones(t.ctx, deps);
    }
    clock.set(new Date('2026-03-09T03:00:00Z')); // Monday: Thursday and Friday did not count
    await applyCaseAction(t.ctx, { caseId, action: 'resume', actor: officer });
    expect((await clockOf(caseId, 'internal_answer')).dueOn.toISOString().slice(0, 10)).toBe('2026-03-18');
    // applyCaseAction scheduled the new plan itself; the old job is still there and will find
    // nothing, nor carry its chain on.
    expect(await pendingOf(c.id, '2026-03-18')).toEqual(['due_soon_2']);
    expect(await pendingOf(c.id, '2026-03-16')).toEqual(['due_soon_2']);

    for (const day of days('2026-03-09', '2026-03-20')) {
      clock.set(nineAm(day));
      await runDueDelayedJobs();
      await sweepDeadlineMilestones(t.ctx, deps);
    }
    expect(await pendingOf(c.id, '2026-03-16')).toEqual([]);
    const fired = (await firedOf(caseId)).map(([, m, due, on]) => `${m}@${on} (due ${due})`);
    expect(fired).toEqual([
      'due_soon_2@2026-03-16 (due 2026-03-18)',
      'due_soon_1@2026-03-17 (due 2026-03-18)',
      'apology_prompt@2026-03-17 (due 2026-03-18)',
      'due@2026-03-18 (due 2026-03-18)',
      'overdue@2026-03-19 (due 2026-03-18)',
      'escalate_unit_head@2026-03-19 (due 2026-03-18)',
    ]);
  });

  it('an extension reschedules: new job ids with the new due date, the old ones do nothing', async () => {
    const caseId = await newCase('complaint', '2026-03-02T03:00:00Z');
    const officer = { type: 'staff' as const, staffId: leader.id, role: 'leader' as const };
    await applyCaseAction(t.ctx, {
      caseId,
      action: 'record_petition_document',
      actor: { type: 'staff', staffId: leader.id, role: 'receiver' },
      params: { receivedOn: '2026-03-02' },
    });
    clock.set(new Date('2026-03-03T03:00:00Z'));
    await applyCaseAction(t.ctx, { caseId, action: 'accept', actor: officer });
    const before = await clockOf(caseId, 'complaint_resolution_first');
    // 30 days from 03/03: Thursday 02/04/2026.
    expect(before.dueOn.toISOString().slice(0, 10)).toBe('2026-04-02');
    expect(await pendingOf(before.id, '2026-04-02')).toEqual(['due_soon_2']);

    clock.set(new Date('2026-03-20T03:00:00Z'));
    await applyCaseAction(t.ctx, {
      caseId,
      action: 'extend',
      actor: officer,
      params: { reason: 'Vụ việc phức tạp', clockKind: 'complaint_resolution_first', days: 15 },
    });
    const after = await clockOf(caseId, 'complaint_resolution_first');
    expect(after.dueOn.toISOString().slice(0, 10)).toBe('2026-04-17');
    expect(await pendingOf(after.id, '2026-04-17')).toEqual(['due_soon_2']);

    // The old due-day job fires on 02/04 and finds its date gone.
    clock.set(nineAm('2026-04-02'));
    expect(await handler()({ clockId: before.id, milestone: 'due', dueOn: '2026-04-02' }, {} as Job)).toEqual(
      {
        status: 'skipped',
        reason: 'stale',
        caseId,
      },
    );
    await sweepDeadlineMilestones(t.ctx, deps);
    expect((await firedOf(caseId)).filter(([, , due]) => due === '2026-04-02')).toEqual([]);
    // The new one fires on the new date.
    clock.set(nineAm('2026-04-17'));
    expect(
      await handler()({ clockId: after.id, milestone: 'due', dueOn: '2026-04-17' }, {} as Job),
    ).toMatchObject({
      status: 'fired',
    });
    expect(await handler()({ clockId: after.id, milestone: 'due', dueOn: '2026-04-17' }, {} as Job)).toEqual({
      status: 'already_fired',
      caseId,
    });
  });

  it('fires once when the delayed job and the sweep race', async () => {
    const caseId = await newCase('report', '2026-04-20T03:00:00Z'); // Monday; due Thursday 07/05
    const c = await clockOf(caseId, 'internal_answer');
    const dueOn = c.dueOn.toISOString().slice(0, 10) as LocalDate;
    clock.set(nineAm(dueOn));
    const [a, b, sweep] = await Promise.all([
      fireMilestone(t.ctx, deps, { clockId: c.id, milestone: 'due', dueOn }),
      fireMilestone(t.ctx, deps, { clockId: c.id, milestone: 'due', dueOn }),
      sweepDeadlineMilestones(t.ctx, deps),
    ]);
    // Whichever won, the others found the firing done (the sweep also fires other cases' milestones).
    expect(sweep.failed).toBe(0);
    for (const r of [a, b]) expect(['fired', 'already_fired']).toContain(r.status);
    expect((await firedOf(caseId)).filter(([, m]) => m === 'due')).toHaveLength(1);
    expect((await deadlineMessages(caseId)).filter((k) => k.startsWith('due:'))).toHaveLength(1);
  });

  it('the sweep fires a case’s milestone that another case with the same clock and due date fired already', async () => {
    // Two cases written the same day: same clock kind, same due date.
    const first = await newCase('report', '2026-06-01T03:00:00Z');
    const second = await newCase('report', '2026-06-01T03:00:00Z');
    const [a, b] = [await clockOf(first, 'internal_answer'), await clockOf(second, 'internal_answer')];
    const dueOn = a.dueOn.toISOString().slice(0, 10) as LocalDate;
    expect(b.dueOn.toISOString().slice(0, 10)).toBe(dueOn);
    clock.set(nineAm(dueOn));
    // The first case's due-day job ran; the second one's was lost: only the sweep can fire it.
    expect(await fireMilestone(t.ctx, deps, { clockId: a.id, milestone: 'due', dueOn })).toMatchObject({
      status: 'fired',
    });
    await sweepDeadlineMilestones(t.ctx, deps);
    const dueFired = async (caseId: string) => (await firedOf(caseId)).filter(([, m]) => m === 'due');
    expect(await dueFired(first)).toHaveLength(1);
    expect(await dueFired(second)).toEqual([['deadline_reminder', 'due', dueOn, dueOn]]);
  });

  it('re-counts a running clock when days off are loaded after it started, and reschedules it', async () => {
    const caseId = await newCase('report', '2026-05-11T03:00:00Z'); // Monday; 10 working days → 25/05
    const c = await clockOf(caseId, 'internal_answer');
    expect(c.dueOn.toISOString().slice(0, 10)).toBe('2026-05-25');
    await t.ctx.db.prisma.calendarDay.create({
      data: {
        organizationId: (await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } }))
          .organizationId,
        date: new Date('2026-05-13T00:00:00Z'),
        type: 'day_off',
        name: 'Nghỉ đột xuất (thử nghiệm)',
        source: 'test',
      },
    });
    clock.set(nineAm('2026-05-12'));
    expect((await sweepDeadlineMilestones(t.ctx, deps)).recounted).toBe(1);
    expect((await clockOf(caseId, 'internal_answer')).dueOn.toISOString().slice(0, 10)).toBe('2026-05-26');
    const event = await t.ctx.db.prisma.caseEvent.findFirstOrThrow({
      where: { caseId, action: 'clock_recounted' },
    });
    expect(event.data).toEqual({ clockKind: 'internal_answer', from: '2026-05-25', to: '2026-05-26' });
    expect(await pendingOf(c.id, '2026-05-26')).toEqual(['due_soon_2']);
    expect((await sweepDeadlineMilestones(t.ctx, deps)).recounted).toBe(0);
  });

  it('registers the sweeps, the daily digest, the early warning and the weekly review as job schedulers once', async () => {
    await scheduleDeadlineJobs(t.ctx);
    await scheduleDeadlineJobs(t.ctx);
    const deadlines = await t.ctx.queues.queue('deadlines').getJobSchedulers();
    const reports = await t.ctx.queues.queue('reports').getJobSchedulers();
    expect(deadlines.map((s) => [s.key, s.every]).sort()).toEqual([
      ['deadlines-sweep', 15 * 60 * 1000],
      ['reception-reminders', t.ctx.config.reception.reminderSweepMs],
    ]);
    expect(reports.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
      ['daily-digest', '30 7 * * *', 'Asia/Ho_Chi_Minh'],
      ['early-warning', '15 7 * * *', 'Asia/Ho_Chi_Minh'],
      ['hotline-review', '0 8 * * 1', 'Asia/Ho_Chi_Minh'],
      ['periodic-reports', '0 7 * * *', 'Asia/Ho_Chi_Minh'],
    ]);
  });
});
