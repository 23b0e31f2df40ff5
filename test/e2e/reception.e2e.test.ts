// Citizen reception end to end, on one app start with a fake clock: two sessions posted for the
// organisation; a person books through the web chat and another through Telegram; a third finds
// the session full and is offered the next free slot, and takes it; the Telegram booking is
// cancelled; the day before, the web chat gets its reminder and the cancelled booking none; the
// officer's /lichtiep lists the day; the public page shows the schedule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { issueStaffInvite } from '../../src/directory/staff-invite.js';
import { addReceptionSession } from '../../src/reception/reception-sessions.js';
import { E2E_ORG as ORG, startTelegramE2eApp, type TelegramE2eApp } from '../helpers/e2e-app.js';
import type { BotReply } from '../helpers/telegram-conversation.js';

// Monday 02/03/2026, 09:00 in Việt Nam: five working days ahead is Monday 09/03.
const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));

interface ChatMessage {
  id?: string;
  text: string;
  buttons?: { label: string; value: string }[][];
}

let e2e: TelegramE2eApp;
let url: string;
let web: { say(event: unknown): Promise<ChatMessage[]>; poll(): Promise<ChatMessage[]> };
const REFERENCE = /Mã lịch hẹn: (LH-[2-9A-Z]{6})/;

beforeAll(async () => {
  e2e = await startTelegramE2eApp('reception', { RECEPTION_REMINDER_SWEEP_MS: '200' }, { clock });
  url = e2e.app.url!;
  const ctx = e2e.app.ctx;
  const settings = { noticeWorkingDays: 5 };
  const base = { organizationCode: ORG, mode: 'in_person', urgent: false };
  // Two people, half an hour each, with the director on Tuesday 10/03.
  await addReceptionSession(
    ctx,
    {
      ...base,
      receiverRole: 'head',
      receiverName: 'Giám đốc Nguyễn Văn An',
      place: 'Phòng Tiếp công dân, tầng 1, nhà A',
      rule: {
        recurrence: 'once',
        startsOn: '2026-03-10',
        startTime: '08:00',
        endTime: '09:00',
        slotMinutes: 30,
        capacityPerSlot: 1,
      },
    },
    settings,
  );
  // Every Thursday afternoon with the reception officer, five people per session.
  await addReceptionSession(
    ctx,
    {
      ...base,
      receiverRole: 'officer',
      receiverName: 'Chuyên viên Trần Thị Bình',
      place: 'Phòng Tiếp công dân, tầng 1, nhà A',
      rule: {
        recurrence: 'weekly',
        weekday: 4,
        startsOn: '2026-03-12',
        startTime: '14:00',
        endTime: '16:00',
        capacityPerSlot: 5,
      },
    },
    settings,
  );

  const session = (
    (await (await fetch(`${url}/api/chat/session`, { method: 'POST' })).json()) as { session: string }
  ).session;
  let seq = 0;
  const headers = { 'content-type': 'application/json', 'x-chat-session': session };
  web = {
    async say(event) {
      const res = await fetch(`${url}/api/chat/events`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ eventId: `reception-${++seq}`, lang: 'vi', event }),
      });
      expect(res.status).toBe(200);
      return ((await res.json()) as { messages: ChatMessage[] }).messages;
    },
    async poll() {
      const res = await fetch(`${url}/api/chat/messages`, { headers: { 'x-chat-session': session } });
      return ((await res.json()) as { messages: ChatMessage[] }).messages;
    },
  };
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

const texts = (messages: { text: string }[]) => messages.map((m) => m.text).join('\n');
const tgText = (replies: BotReply[]) => replies.map((r) => r.text).join('\n');

describe('citizen reception: book, refuse when full, cancel, remind', () => {
  let webReference = '';
  let tgReference = '';

  it('books the 08:00 slot through the web chat, from the main menu, with what to bring', async () => {
    await web.say({ type: 'command', command: 'start', args: '' });
    const offers = await web.say({ type: 'choice', value: 'menu:booking' });
    expect(texts(offers)).toMatch(/Đặt lịch gặp trực tiếp/);
    const labels = offers.flatMap((m) => m.buttons?.flat() ?? []).map((b) => b.label);
    expect(labels[0]).toMatch(/Thứ Ba, 10\/03\/2026 · 08:00–09:00 · Giám đốc Nguyễn Văn An/);
    expect(labels[1]).toMatch(/Thứ Năm, 12\/03\/2026 · 14:00–16:00/);

    const slots = await web.say({ type: 'choice', value: 'bookSession:0' });
    expect(slots.flatMap((m) => m.buttons?.flat() ?? []).map((b) => b.label)).toEqual(['08:00', '08:30']);
    await web.say({ type: 'choice', value: 'bookSlot:0800' });
    await web.say({ type: 'text', text: 'Lê Văn Cường' });
    await web.say({ type: 'text', text: '0912 000 111' });
    const confirmed = texts(await web.say({ type: 'choice', value: 'bookConsent:agree' }));
    expect(confirmed).toMatch(/Đã đặt lịch gặp trực tiếp/);
    expect(confirmed).toMatch(/Thứ Ba, 10\/03\/2026, 08:00–08:30/);
    expect(confirmed).toMatch(/Phòng Tiếp công dân, tầng 1, nhà A/);
    expect(confirmed).toMatch(/căn cước công dân \(CCCD\)/);
    webReference = REFERENCE.exec(confirmed)![1]!;
  });

  it('books the last slot through Telegram with /datlich and cancels it from the confirmation', async () => {
    const c = e2e.chat();
    await c.say('/datlich');
    await c.press('Giám đốc Nguyễn Văn An');
    expect(c.last()!.buttons.map((b) => b.text)).toEqual(['08:30']);
    await c.press('08:30');
    await c.say('Phạm Thị Dung');
    await c.say('0987 654 321');
    const confirmed = tgText(await c.press('Đồng ý'));
    expect(confirmed).toMatch(/Thứ Ba, 10\/03\/2026, 08:30–09:00/);
    tgReference = REFERENCE.exec(confirmed)![1]!;

    // A third person finds the director's session full and is offered the next free slot.
    const third = e2e.chat();
    await third.say('/datlich');
    expect(third.last()!.buttons[0]!.text).toMatch(/đã đủ người/);
    const refused = tgText(await third.press('đã đủ người'));
    expect(refused).toMatch(/buổi này đã đủ người/);
    expect(refused).toMatch(/Lịch trống gần nhất: Thứ Năm, 12\/03\/2026, 14:00/);
    await third.press('Đặt lịch trống gần nhất');
    await third.say('Võ Minh Em');
    await third.say('0909 123 456');
    expect(tgText(await third.press('Đồng ý'))).toMatch(/Thứ Năm, 12\/03\/2026, 14:00–16:00/);

    // The second person cancels; the seat is free again.
    await c.press('Hủy lịch hẹn');
    expect(tgText(await c.press('Đúng, hủy lịch'))).toMatch(new RegExp(`Đã hủy lịch hẹn ${tgReference}`));
    const again = e2e.chat();
    await again.say('/datlich');
    expect(again.last()!.buttons[0]!.text).not.toMatch(/đã đủ người/);
  });

  it('reminds the web chat the day before at the configured hour, and not the cancelled booking', async () => {
    // Monday 09/03/2026, 17:05 in Việt Nam: the sweep finds the web booking's reminder due.
    clock.set(new Date('2026-03-09T10:05:00Z'));
    let reminder: ChatMessage | undefined;
    for (let i = 0; i < 100 && !reminder; i++) {
      reminder = (await web.poll()).find((m) => m.text.includes('Nhắc lịch'));
      if (!reminder) await new Promise((r) => setTimeout(r, 100));
    }
    expect(reminder?.text).toMatch(new RegExp(`ngày mai bạn có lịch gặp trực tiếp \\(mã ${webReference}\\)`));
    const { prisma } = e2e.app.ctx.db;
    const cancelled = await prisma.receptionBooking.findUniqueOrThrow({ where: { reference: tgReference } });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.remindedAt).toBeNull();
    const events = await prisma.receptionEvent.findMany({ where: { bookingId: cancelled.id } });
    expect(events.map((e) => e.action)).toEqual(['booked', 'cancelled']);
  });

  it('a complaint whose sender asks to meet the reception officer carries its code to the booking', async () => {
    const c = e2e.chat();
    await c.say('/start');
    await c.pressValue('menu:complaint');
    await c.pressValue('petition:appointment');
    let replies = await c.say(
      'Tôi khiếu nại quyết định từ chối thanh toán bảo hiểm y tế cho đợt điều trị tháng 2.',
    );
    const answers: Record<string, () => Promise<BotReply[]>> = {
      'contact:named': () => c.pressValue('contact:named'),
      'consent:agree': () => c.pressValue('consent:agree'),
      'summary:confirm': () => c.pressValue('summary:confirm'),
    };
    for (let i = 0; i < 15 && !replies.some((r) => /Mã hồ sơ:/.test(r.text)); i++) {
      const last = replies.at(-1)!;
      const values = last.buttons.map((b) => b.data);
      const known = Object.keys(answers).find((v) => values.includes(v));
      if (known) replies = await answers[known]!();
      else if (/số điện thoại/i.test(last.text)) replies = await c.say('0933 222 111');
      else if (/tên của bạn/i.test(last.text)) replies = await c.say('Ngô Thị Hoa');
      else
        replies = await c.pressValue(
          values.find((v) => v.endsWith(':skip') || v.endsWith(':none')) ?? values[0]!,
        );
    }
    const code = /Mã hồ sơ: ([2-9A-Z-]{12})/.exec(tgText(replies))![1]!;
    expect(tgText(replies)).toMatch(new RegExp(`Lịch hẹn sẽ gắn với hồ sơ ${code}`));
    await c.press('Chuyên viên Trần Thị Bình');
    // Name and phone came with the complaint: only the consent for the booking is asked.
    const confirmed = tgText(await c.press('Đồng ý'));
    expect(confirmed).toMatch(new RegExp(`Hồ sơ liên quan: ${code}`));
    const { prisma } = e2e.app.ctx.db;
    const booking = await prisma.receptionBooking.findFirstOrThrow({ where: { caseCode: code } });
    expect(booking.caseId).toBeTruthy();
    const events = await prisma.caseEvent.findMany({
      where: { caseId: booking.caseId!, action: 'reception_booked' },
    });
    expect(events).toHaveLength(1);

    // The person moves it a week later from the confirmation's button; the case records that too.
    await c.press('Đổi lịch');
    const moved = tgText(await c.press('Thứ Năm, 19/03/2026'));
    expect(moved).toMatch(/Đã đổi lịch hẹn LH-[2-9A-Z]{6} sang Thứ Năm, 19\/03\/2026, 14:00–16:00/);
    const after = await prisma.caseEvent.findMany({
      where: { caseId: booking.caseId!, action: 'reception_moved' },
    });
    expect(after).toHaveLength(1);
  });

  it("lists the day's bookings to the receiving officer and the schedule on the public page", async () => {
    const staff = await createStaff(e2e.app.ctx, {
      organizationCode: ORG,
      fullName: 'Cán bộ Tiếp công dân',
      roles: [{ role: 'receiver' }] as never,
    });
    const { code } = await issueStaffInvite(e2e.app.ctx, { staffId: staff.id });
    const officer = e2e.chat();
    await officer.say(`/thamgia ${code}`);
    const list = tgText(await officer.say('/lichtiep 10/03/2026'));
    expect(list).toMatch(/08:00–08:30 Lê Văn Cường — 0912 000 111/);
    expect(list).not.toMatch(/Phạm Thị Dung/);

    const page = await (await fetch(`${url}/lich-tiep/${ORG}`)).text();
    expect(page).toContain('Lịch tiếp công dân');
    expect(page).toContain('Giám đốc Nguyễn Văn An');
    expect(page).toContain('Chuyên viên Trần Thị Bình');
  });
});
