// Bookings on a real database: the last seat goes to one of two people pressing at once, the other
// is offered the next free slot; a cancelled seat is free again; reminders are sent once and never
// for a cancelled booking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalDate } from '../../src/calendar/local-date.js';
import { fixedClock } from '../../src/core/clock.js';
import type { ConversationRef } from '../../src/dialog/dialog-types.js';
import { bookReception, cancelBooking } from '../../src/reception/reception-bookings.js';
import { addReceptionSession } from '../../src/reception/reception-sessions.js';
import { remindBooking, sweepBookingReminders } from '../../src/reception/remind-booking.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

// Monday 02/03/2026, 09:00 in Việt Nam.
const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestContext;
let sessionId: string;
const person = (n: number): ConversationRef => ({
  channel: 'telegram',
  conversationId: String(7_100_000 + n),
});
const book = (n: number, date = '2026-03-10') =>
  bookReception(t.ctx, {
    organizationCode: 'ttyt-thuan-an',
    sessionId,
    date: date as LocalDate,
    slot: '08:00',
    name: `Người ${n}`,
    phone: '0912 000 000',
    conversation: person(n),
    locale: 'vi',
  });

beforeAll(async () => {
  t = await createTestContext({ clock });
  const { session } = await addReceptionSession(
    t.ctx,
    {
      organizationCode: 'ttyt-thuan-an',
      receiverRole: 'deputy',
      receiverName: 'Phó Giám đốc Lê Văn Phúc',
      place: 'Phòng Tiếp công dân',
      mode: 'in_person',
      rule: {
        recurrence: 'weekly',
        weekday: 2,
        startsOn: '2026-03-10',
        startTime: '08:00',
        endTime: '09:00',
        capacityPerSlot: 1,
      },
    },
    { noticeWorkingDays: 5 },
  );
  sessionId = session.id;
});

afterAll(async () => {
  await t?.cleanup();
});

describe('reception bookings', () => {
  it('gives the last seat to one of two people at once and offers the other the next free slot', async () => {
    const [a, b] = await Promise.all([book(1), book(2)]);
    const results = [a, b];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({
      ok: false,
      reason: 'full',
      next: { slot: '08:00', offer: { date: '2026-03-17' } },
    });
  });

  it('frees a cancelled seat and reminds only the booking still standing, once', async () => {
    const first = await book(3, '2026-03-17');
    const second = await book(4, '2026-03-24');
    if (!first.ok || !second.ok) throw new Error('not booked');
    expect(
      await cancelBooking(t.ctx, { reference: first.booking.reference, conversation: person(4) }),
    ).toEqual({
      ok: false,
      reason: 'not_yours',
    });
    expect(
      (await cancelBooking(t.ctx, { reference: first.booking.reference, conversation: person(3) })).ok,
    ).toBe(true);
    expect((await book(5, '2026-03-17')).ok).toBe(true);

    // Monday 23/03 17:00: the reminder of the 24/03 booking is due.
    clock.set(new Date('2026-03-23T10:00:00Z'));
    // The 17/03 booking is past: no reminder for it now.
    expect(await sweepBookingReminders(t.ctx)).toBe(1);
    const row = await t.ctx.db.prisma.receptionBooking.findUniqueOrThrow({
      where: { reference: second.booking.reference },
    });
    expect(row.remindedAt).not.toBeNull();
    expect(await remindBooking(t.ctx, row.id)).toBe('skipped');
    const notices = await t.ctx.db.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `reception-reminder:${row.id}:` } },
    });
    expect(notices).toHaveLength(1);
    const cancelled = await t.ctx.db.prisma.receptionBooking.findUniqueOrThrow({
      where: { reference: first.booking.reference },
    });
    expect(cancelled.remindedAt).toBeNull();
  });

  it('lets one chat hold at most RECEPTION_MAX_BOOKINGS_PER_PERSON upcoming bookings', async () => {
    expect((await book(6, '2026-03-31')).ok).toBe(true);
    expect((await book(6, '2026-04-07')).ok).toBe(true);
    expect(await book(6, '2026-04-14')).toEqual({ ok: false, reason: 'limit', max: 2 });
  });
});
