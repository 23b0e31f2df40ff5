// A busy department's inbox end to end: 2,000 open cases in one unit, the oldest of them the most
// overdue. The unit's handler sends /hopthu through the real bot (the app as bootstrap builds it,
// long polling a local fake Bot API) and sees that case first, then pages on by button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/bootstrap.js';
import {
  addDays,
  formatVietnameseDate,
  toDbDate,
  toVietnamDate,
  type LocalDate,
} from '../../src/calendar/local-date.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { issueStaffInvite } from '../../src/directory/staff-invite.js';
import { E2E_ORG as ORG, startTelegramE2eApp, type TelegramE2eApp } from '../helpers/e2e-app.js';
import type { TelegramConversation, BotReply } from '../helpers/telegram-conversation.js';

const UNIT = 'ta-knhi';
const COUNT = 2000;

let e2e: TelegramE2eApp;
let app: RunningApp;
let handler: TelegramConversation;
let today: LocalDate;
/** The codes in inbox order (due date ascending, then id), as the test inserted them. */
let expectedOrder: string[] = [];

beforeAll(async () => {
  e2e = await startTelegramE2eApp('tgx');
  app = e2e.app;
  const { prisma } = app.ctx.db;

  const staff = await createStaff(app.ctx, {
    organizationCode: ORG,
    fullName: 'Điều dưỡng khoa Nhi',
    roles: [{ role: 'handler', unitCode: UNIT }] as never,
  });
  const { code } = await issueStaffInvite(app.ctx, { staffId: staff.id });
  handler = e2e.chat();
  expect(textOf(await handler.say(`/thamgia ${code}`))).toMatch(/đã được gắn với cán bộ/);

  // The cases, oldest first. Due dates spread over four months around today, so about half are
  // overdue; the very first (the oldest received) is due earliest of all, far behind the newest 500.
  const org = await prisma.organization.findUniqueOrThrow({ where: { code: ORG } });
  const unit = await prisma.unit.findUniqueOrThrow({ where: { code: UNIT } });
  today = toVietnamDate(app.ctx.clock.now());
  const start = Date.now() - COUNT * 60_000;
  const rows = Array.from({ length: COUNT }, (_, i) => ({
    code: `BN${String(i).padStart(5, '0')}`,
    organizationId: org.id,
    unitId: unit.id,
    kind: 'report' as const,
    channel: 'web' as const,
    identityMode: 'anonymous' as const,
    description: 'Phản ánh thử',
    status: i % 3 === 0 ? ('in_progress' as const) : ('assigned' as const),
    receivedAt: new Date(start + i * 60_000),
    governingClockKind: 'internal_answer',
    governingDueOn: toDbDate(addDays(today, i === 0 ? -90 : ((i * 7919) % 120) - 60)),
  }));
  await prisma.case.createMany({ data: rows });
  const saved = await prisma.case.findMany({
    where: { code: { startsWith: 'BN' } },
    select: { code: true },
    orderBy: [{ governingDueOn: 'asc' }, { id: 'asc' }],
  });
  expectedOrder = saved.map((c) => c.code);
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

const textOf = (replies: BotReply[]) => replies.map((r) => r.text).join('\n');
const codesIn = (text: string) => [...text.matchAll(/^• (BN\d{5})/gm)].map((m) => m[1]!);

describe('a busy department’s inbox', () => {
  it('shows the unit’s handler the most overdue case first, and pages on by button', async () => {
    const first = textOf(await handler.say('/hopthu'));
    expect(first).toMatch(/Hộp thư \(đang mở\): 2000 hồ sơ, hạn gần nhất trước\./);
    const lines = first.split('\n').filter((l) => l.startsWith('• '));
    expect(lines).toHaveLength(20);
    expect(lines[0]).toContain('BN00000');
    expect(lines[0]).toContain(`hạn ${formatVietnameseDate(addDays(today, -90))} ⚠️ quá hạn`);
    expect(codesIn(first)).toEqual(expectedOrder.slice(0, 20));

    const second = textOf(await handler.press('Trang sau ▶'));
    expect(codesIn(second)).toEqual(expectedOrder.slice(20, 40));
    const back = textOf(await handler.press('◀ Trang trước'));
    expect(codesIn(back)).toEqual(expectedOrder.slice(0, 20));

    // Overdue only, and a typed page number, still in due-date order.
    const overdue = textOf(await handler.say('/hopthu quahan trang 2'));
    const overdueLines = overdue.split('\n').filter((l) => l.startsWith('• '));
    expect(overdueLines.length).toBe(20);
    for (const line of overdueLines) expect(line).toContain('⚠️ quá hạn');
    expect(codesIn(overdue)).toEqual(expectedOrder.slice(20, 40));
  }, 120_000);
});
