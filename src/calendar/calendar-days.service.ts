// Official calendar overrides kept in the database: days off and swapped working days of a year's
// notice, for the whole installation (the CLI only) or for one organisation. `calendar:load` and
// the console both set days through here, so both validate and audit the same way.
import { z } from 'zod';
import { AppError } from '../core/app-error.js';
import { isUuid } from '../core/ids.js';
import type { DirectoryContext } from '../directory/directory-context.js';
import {
  CLI_ACTOR,
  recordDirectoryEvent,
  requireDirectoryAdmin,
  type DirectoryActor,
} from '../directory/directory-audit.js';
import { ZCodeSchema, parseDirectoryInput } from '../directory/directory-input.js';
import { findOrganizationByCode } from '../directory/directory.repository.js';
import { ZCalendarOverrideSchema } from './calendar-override.js';
import {
  deleteCalendarDay,
  findCalendarDay,
  listCalendarDays,
  upsertCalendarDays,
} from './calendar-days.repository.js';
import { fromDbDate } from './local-date.js';

export const ZSetCalendarDaysSchema = z
  .object({
    /** Absent: the national calendar (every organisation's). */
    organizationCode: ZCodeSchema.optional(),
    days: z.array(ZCalendarOverrideSchema).min(1, 'cần ít nhất một ngày').max(400),
  })
  .strict();
export type SetCalendarDaysInput = z.input<typeof ZSetCalendarDaysSchema>;

async function calendarOwner(ctx: DirectoryContext, organizationCode: string | undefined) {
  if (!organizationCode) return null;
  const org = await findOrganizationByCode(ctx.db.prisma, organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${organizationCode}".`);
  return org;
}

/** Sets the days (a date already set in that calendar is replaced); returns how many. */
export async function setCalendarDays(
  ctx: DirectoryContext,
  raw: SetCalendarDaysInput,
  actor: DirectoryActor = CLI_ACTOR,
): Promise<{ organizationId: string | null; count: number }> {
  const input = parseDirectoryInput(ZSetCalendarDaysSchema, raw);
  const org = await calendarOwner(ctx, input.organizationCode);
  await requireDirectoryAdmin(ctx, actor, org?.id ?? null);
  const saved = await upsertCalendarDays(ctx.db.prisma, org?.id ?? null, input.days);
  for (const row of saved) {
    await recordDirectoryEvent(ctx, actor, {
      organizationId: org?.id ?? null,
      action: 'calendar_day_set',
      subjectType: 'calendar_day',
      subjectId: row.id,
      data: { date: fromDbDate(row.date), type: row.type },
    });
  }
  ctx.logger.info({ organizationId: org?.id ?? null, days: saved.length }, 'calendar days set');
  return { organizationId: org?.id ?? null, count: saved.length };
}

export async function removeCalendarDay(
  ctx: DirectoryContext,
  input: { dayId: string },
  actor: DirectoryActor = CLI_ACTOR,
): Promise<void> {
  const day = isUuid(input.dayId) ? await findCalendarDay(ctx.db.prisma, input.dayId) : null;
  if (!day) throw new AppError('not_found', 'Không tìm thấy ngày này trong lịch.');
  await requireDirectoryAdmin(ctx, actor, day.organizationId);
  await deleteCalendarDay(ctx.db.prisma, day.id);
  await recordDirectoryEvent(ctx, actor, {
    organizationId: day.organizationId,
    action: 'calendar_day_removed',
    subjectType: 'calendar_day',
    subjectId: day.id,
    data: { date: fromDbDate(day.date), type: day.type },
  });
  ctx.logger.info({ organizationId: day.organizationId }, 'calendar day removed');
}

export interface StoredCalendarDay {
  id: string;
  date: string;
  type: 'day_off' | 'working_day';
  name: string;
  source: string;
}

export async function listOrganizationCalendarDays(
  ctx: Pick<DirectoryContext, 'db'>,
  organizationId: string | null,
): Promise<StoredCalendarDay[]> {
  const rows = await listCalendarDays(ctx.db.prisma, organizationId);
  return rows.map((r) => ({
    id: r.id,
    date: fromDbDate(r.date),
    type: r.type,
    name: r.name,
    source: r.source,
  }));
}
