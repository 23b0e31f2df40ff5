import { z } from 'zod';
import { isLocalDate, type LocalDate } from './local-date.js';

/**
 * One day whose status differs from what the statutory rules compute: a day off added by an
 * official notice or an organisation (`day_off`), or a day made a working day (`working_day`) — a
 * Saturday swapped in as a make-up day, or a computed holiday that the notice placed elsewhere.
 * Same shape as the `calendar_days` table.
 */
export interface CalendarOverride {
  date: LocalDate;
  type: 'day_off' | 'working_day';
  /** Vietnamese, shown as the reason for the day. */
  name: string;
  /** The document the day comes from, e.g. 'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ'. */
  source: string;
}

export const ZCalendarOverrideSchema = z.object({
  date: z
    .string()
    .refine(isLocalDate, 'Ngày phải có dạng YYYY-MM-DD')
    .transform((d) => d as LocalDate),
  type: z.enum(['day_off', 'working_day']),
  name: z.string().trim().min(1),
  source: z.string().trim().min(1),
});
