// The repeating jobs of deadlines and reports, as BullMQ job schedulers: upserted by every worker
// process at start (same ids, so the schedule exists once however many workers run).
import type { AppContext } from '../app-context.js';

/** Vietnam has no daylight saving; the tz database name keeps the cron lines readable. */
export const REPORTS_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Every day at 07:30; the job itself skips the organisation's days off. */
export const DAILY_DIGEST_CRON = '30 7 * * *';
/** Every day at 07:15, before the digest: spikes of cases per unit and kind (src/triage/early-warning.ts). */
export const EARLY_WARNING_CRON = '15 7 * * *';
/** Monday 08:00: the leaders' weekly hotline review (Chỉ thị 09/CT-BYT). */
export const HOTLINE_REVIEW_CRON = '0 8 * * 1';

/** Every day at 07:00: periodic reports drafted on their draft day, late ones escalated. */
export const PERIODIC_REPORTS_CRON = '0 7 * * *';

export async function scheduleDeadlineJobs(ctx: AppContext): Promise<void> {
  const { queues, config } = ctx;
  await queues.upsertScheduler(
    'deadlines-sweep',
    { every: config.deadlineSweepIntervalMs },
    'deadlines.sweep',
    {},
  );
  // Booking reminders whose delayed job was lost (src/reception/remind-booking.ts).
  await queues.upsertScheduler(
    'reception-reminders',
    { every: config.reception.reminderSweepMs },
    'reception.sweep-reminders',
    {},
  );
  await queues.upsertScheduler(
    'daily-digest',
    { pattern: DAILY_DIGEST_CRON, tz: REPORTS_TIME_ZONE },
    'reports.daily-digest',
    {},
  );
  await queues.upsertScheduler(
    'early-warning',
    { pattern: EARLY_WARNING_CRON, tz: REPORTS_TIME_ZONE },
    'reports.early-warning',
    {},
  );
  await queues.upsertScheduler(
    'hotline-review',
    { pattern: HOTLINE_REVIEW_CRON, tz: REPORTS_TIME_ZONE },
    'reports.hotline-review',
    {},
  );
  await queues.upsertScheduler(
    'periodic-reports',
    { pattern: PERIODIC_REPORTS_CRON, tz: REPORTS_TIME_ZONE },
    'reports.periodic-schedules',
    {},
  );
}
