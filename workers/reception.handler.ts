// Thin: the payload was validated by the worker host; one use case does the work.
import type { AppContext } from '../src/app-context.js';
import { remindBooking, sweepBookingReminders } from '../src/reception/remind-booking.js';
import type { JobHandler } from '../src/queue/worker-host.js';

export const createBookingReminderHandler =
  (ctx: AppContext): JobHandler<'reception.remind-booking'> =>
  async ({ bookingId }) =>
    remindBooking(ctx, bookingId);

export const createBookingReminderSweepHandler =
  (ctx: AppContext): JobHandler<'reception.sweep-reminders'> =>
  async () =>
    sweepBookingReminders(ctx);
