// The only code that reads and writes an organisation's (or the national) calendar days.
import type { Db } from '../db/database.js';
import { changingDirectory } from '../directory/directory-cache.js';
import type { CalendarOverride } from './calendar-override.js';
import { toDbDate } from './local-date.js';

/** Sets each day (replacing what that calendar had on that date), all or none. */
export function upsertCalendarDays(db: Db, organizationId: string | null, days: readonly CalendarOverride[]) {
  return changingDirectory(
    db,
    db.$transaction(async (tx) => {
      const saved = [];
      for (const d of days) {
        const where = { organizationId, date: toDbDate(d.date) };
        const existing = await tx.calendarDay.findFirst({ where });
        const data = { type: d.type, name: d.name, source: d.source };
        saved.push(
          existing
            ? await tx.calendarDay.update({ where: { id: existing.id }, data })
            : await tx.calendarDay.create({ data: { ...where, ...data } }),
        );
      }
      return saved;
    }),
  );
}

export function deleteCalendarDay(db: Db, id: string) {
  return changingDirectory(db, db.calendarDay.deleteMany({ where: { id } }));
}

export function findCalendarDay(db: Db, id: string) {
  return db.calendarDay.findUnique({ where: { id } });
}

/** The days of one calendar (an organisation's, or the national one when null), by date. */
export function listCalendarDays(db: Db, organizationId: string | null) {
  return db.calendarDay.findMany({ where: { organizationId }, orderBy: { date: 'asc' } });
}
