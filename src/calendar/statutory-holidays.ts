/**
 * Public holidays of Bộ luật Lao động 2019, Điều 112 (in force 01/01/2021), as data. The code in
 * holidays.ts turns these rules into dates for any year; each year's official notice (see
 * official-overrides.ts) then corrects what a rule cannot know.
 *
 * Every holiday is a block of consecutive days placed around an anchor (a solar or lunar date).
 * Where the law leaves the placement open — which 5 days make up Tết, which neighbour of 2/9 is the
 * second National Day — `daysBeforeAnchorOptions` lists the placements allowed and holidays.ts picks
 * the one the Government has chosen in practice (see `choosePlacement` there).
 */
export type HolidayKey = 'new_year' | 'tet' | 'hung_kings' | 'victory_day' | 'labour_day' | 'national_day';

export type HolidayAnchor =
  { calendar: 'solar'; month: number; day: number } | { calendar: 'lunar'; month: number; day: number };

export interface HolidayRule {
  key: HolidayKey;
  name: string;
  anchor: HolidayAnchor;
  /** Number of consecutive days off. */
  length: number;
  /** Allowed offsets of the first day before the anchor, in order of preference on a tie. */
  daysBeforeAnchorOptions: readonly number[];
  /** Where the block starts by custom when no placement avoids the weekly rest days. */
  preferredFirstDay?: HolidayAnchor;
  /** How each day of a multi-day block is labelled: by its lunar date, or as the adjacent day. */
  dayLabel: 'none' | 'lunar_date' | 'adjacent_day';
  source: string;
}

export interface HolidayRuleSet {
  /** First Gregorian year these rules describe; earlier years are computed with them too (see holidays.ts). */
  effectiveFromYear: number;
  rules: readonly HolidayRule[];
  compensatory: { namePrefix: string; source: string };
}

const LABOUR_CODE = 'Bộ luật Lao động 2019, Điều 112';

export const STATUTORY_HOLIDAYS: HolidayRuleSet = {
  effectiveFromYear: 2021,
  rules: [
    {
      key: 'new_year',
      name: 'Tết Dương lịch',
      anchor: { calendar: 'solar', month: 1, day: 1 },
      length: 1,
      daysBeforeAnchorOptions: [0],
      dayLabel: 'none',
      source: `${LABOUR_CODE} khoản 1 điểm a`,
    },
    {
      // 5 days; the law does not say which. Public bodies have been given 1–3 days before mùng 1
      // (MOLISA/MOHA offer the same three options to employers), so those are the candidates, and
      // the block has started on 29 tháng Chạp every year 2020–2026 except when another start
      // kept all five days off the weekend (2025).
      key: 'tet',
      name: 'Tết Nguyên đán',
      anchor: { calendar: 'lunar', month: 1, day: 1 },
      length: 5,
      daysBeforeAnchorOptions: [1, 2, 3],
      preferredFirstDay: { calendar: 'lunar', month: 12, day: 29 },
      dayLabel: 'lunar_date',
      source: `${LABOUR_CODE} khoản 1 điểm b`,
    },
    {
      key: 'victory_day',
      name: 'Ngày Chiến thắng',
      anchor: { calendar: 'solar', month: 4, day: 30 },
      length: 1,
      daysBeforeAnchorOptions: [0],
      dayLabel: 'none',
      source: `${LABOUR_CODE} khoản 1 điểm c`,
    },
    {
      key: 'labour_day',
      name: 'Quốc tế Lao động',
      anchor: { calendar: 'solar', month: 5, day: 1 },
      length: 1,
      daysBeforeAnchorOptions: [0],
      dayLabel: 'none',
      source: `${LABOUR_CODE} khoản 1 điểm d`,
    },
    {
      // 2/9 and "01 ngày liền kề trước hoặc sau": the day before is listed first because the
      // Government chose it when nothing else separated the two neighbours (2026).
      key: 'national_day',
      name: 'Quốc khánh',
      anchor: { calendar: 'solar', month: 9, day: 2 },
      length: 2,
      daysBeforeAnchorOptions: [1, 0],
      dayLabel: 'adjacent_day',
      source: `${LABOUR_CODE} khoản 1 điểm đ`,
    },
    {
      key: 'hung_kings',
      name: 'Giỗ Tổ Hùng Vương',
      anchor: { calendar: 'lunar', month: 3, day: 10 },
      length: 1,
      daysBeforeAnchorOptions: [0],
      dayLabel: 'none',
      source: `${LABOUR_CODE} khoản 1 điểm e`,
    },
  ],
  compensatory: {
    namePrefix: 'Nghỉ bù',
    // "Nếu ngày nghỉ hằng tuần trùng với ngày nghỉ lễ, tết … thì người lao động được nghỉ bù
    // ngày nghỉ hằng tuần vào ngày làm việc kế tiếp."
    source: 'Bộ luật Lao động 2019, Điều 111 khoản 3',
  },
};
