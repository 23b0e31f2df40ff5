import type { CalendarOverride } from './calendar-override.js';
import type { LocalDate } from './local-date.js';

/**
 * Official schedules for public bodies (cơ quan hành chính, đơn vị sự nghiệp công lập), 2025–2026.
 *
 * Only what a notice states is here. The statutory days that the notices name are listed too, so
 * that `langnghe calendar <year>` shows the document each day comes from; they coincide with what
 * holidays.ts computes (a test checks it), so these entries change a day's label, not its status.
 * The entries that change a status are the swaps: a weekday given off, and the Saturday worked in
 * exchange.
 *
 * Days from the rules alone, with no notice found, are not repeated here: 01/01/2025, Giỗ Tổ Hùng
 * Vương 07/04/2025, 30/04 and 01/05/2026, and Giỗ Tổ 26/04/2026 (a Sunday) with its compensatory
 * Monday 27/04/2026.
 *
 * Sources were read as reported by the press (Báo Chính phủ, TTXVN/VietnamPlus, Vietnam News, SGGP,
 * Kiến Thức, Báo Hải Phòng); the document numbers are as those reports give them. An entry whose
 * document number could not be tied to the day carries "(cần đối chiếu — to verify)".
 */

const VPCP_8726_2024 = 'Công văn 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ (ý kiến Thủ tướng)';
const MOLISA_PLAN_2025 = 'Thông báo lịch nghỉ lễ, Tết năm 2025 của Bộ LĐTBXH ngày 03/12/2024';
const MOHA_NATIONAL_DAY_2025 = 'Thông báo của Bộ Nội vụ về nghỉ lễ Quốc khánh 2025 (đưa tin 04/08/2025)';
const VPCP_12729_2025 =
  'Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (ý kiến Phó Thủ tướng)';
const MOHA_9441_2025 =
  'Thông báo 9441/TB-BNV ngày 16/10/2025 của Bộ Nội vụ (theo ý kiến Thủ tướng ngày 13/10/2025)';

const day = (
  date: string,
  type: CalendarOverride['type'],
  name: string,
  source: string,
): CalendarOverride => ({
  date: date as LocalDate,
  type,
  name,
  source,
});

export const OFFICIAL_OVERRIDES_2025: readonly CalendarOverride[] = [
  // Tết Ất Tỵ: nghỉ 25/01–02/02/2025; 5 ngày Tết theo luật là 27–31/01 (28 tháng Chạp – mùng 3).
  day('2025-01-27', 'day_off', 'Tết Nguyên đán (28 tháng Chạp)', `${VPCP_8726_2024}; ${MOLISA_PLAN_2025}`),
  day('2025-01-28', 'day_off', 'Tết Nguyên đán (29 tháng Chạp)', `${VPCP_8726_2024}; ${MOLISA_PLAN_2025}`),
  day('2025-01-29', 'day_off', 'Tết Nguyên đán (mùng 1 Tết)', `${VPCP_8726_2024}; ${MOLISA_PLAN_2025}`),
  day('2025-01-30', 'day_off', 'Tết Nguyên đán (mùng 2 Tết)', `${VPCP_8726_2024}; ${MOLISA_PLAN_2025}`),
  day('2025-01-31', 'day_off', 'Tết Nguyên đán (mùng 3 Tết)', `${VPCP_8726_2024}; ${MOLISA_PLAN_2025}`),
  // 30/4–1/5: nghỉ 30/04–04/05/2025, hoán đổi thứ Sáu 02/05 sang thứ Bảy 26/04.
  day(
    '2025-04-26',
    'working_day',
    'Làm bù cho ngày nghỉ thứ Sáu 02/05/2025',
    `${VPCP_8726_2024} (cần đối chiếu — to verify); ${MOLISA_PLAN_2025}`,
  ),
  day('2025-04-30', 'day_off', 'Ngày Chiến thắng', MOLISA_PLAN_2025),
  day('2025-05-01', 'day_off', 'Quốc tế Lao động', MOLISA_PLAN_2025),
  day(
    '2025-05-02',
    'day_off',
    'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)',
    `${VPCP_8726_2024} (cần đối chiếu — to verify); ${MOLISA_PLAN_2025}`,
  ),
  // Quốc khánh: nghỉ 30/08–02/09/2025; hai ngày lễ là 01/09 và 02/09.
  day(
    '2025-09-01',
    'day_off',
    'Quốc khánh (ngày nghỉ liền kề)',
    `${MOHA_NATIONAL_DAY_2025}; ${MOLISA_PLAN_2025}`,
  ),
  day('2025-09-02', 'day_off', 'Quốc khánh', `${MOHA_NATIONAL_DAY_2025}; ${MOLISA_PLAN_2025}`),
];

export const OFFICIAL_OVERRIDES_2026: readonly CalendarOverride[] = [
  // Tết Dương lịch: nghỉ 01–04/01/2026, hoán đổi thứ Sáu 02/01 sang thứ Bảy 10/01.
  day('2026-01-01', 'day_off', 'Tết Dương lịch', VPCP_12729_2025),
  day('2026-01-02', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)', VPCP_12729_2025),
  day('2026-01-10', 'working_day', 'Làm bù cho ngày nghỉ thứ Sáu 02/01/2026', VPCP_12729_2025),
  // Tết Bính Ngọ: nghỉ 14–22/02/2026; 5 ngày Tết theo luật là 16–20/02 (29 tháng Chạp – mùng 4).
  day('2026-02-16', 'day_off', 'Tết Nguyên đán (29 tháng Chạp)', MOHA_9441_2025),
  day('2026-02-17', 'day_off', 'Tết Nguyên đán (mùng 1 Tết)', MOHA_9441_2025),
  day('2026-02-18', 'day_off', 'Tết Nguyên đán (mùng 2 Tết)', MOHA_9441_2025),
  day('2026-02-19', 'day_off', 'Tết Nguyên đán (mùng 3 Tết)', MOHA_9441_2025),
  day('2026-02-20', 'day_off', 'Tết Nguyên đán (mùng 4 Tết)', MOHA_9441_2025),
  // Quốc khánh: nghỉ 29/08–02/09/2026; lễ 01–02/09, hoán đổi thứ Hai 31/08 sang thứ Bảy 22/08.
  day('2026-08-22', 'working_day', 'Làm bù cho ngày nghỉ thứ Hai 31/08/2026', MOHA_9441_2025),
  day('2026-08-31', 'day_off', 'Nghỉ hoán đổi (làm bù thứ Bảy 22/08/2026)', MOHA_9441_2025),
  day('2026-09-01', 'day_off', 'Quốc khánh (ngày nghỉ liền kề)', MOHA_9441_2025),
  day('2026-09-02', 'day_off', 'Quốc khánh', MOHA_9441_2025),
];

/** All shipped official overrides, oldest first; organisation overrides go after these. */
export const OFFICIAL_OVERRIDES: readonly CalendarOverride[] = [
  ...OFFICIAL_OVERRIDES_2025,
  ...OFFICIAL_OVERRIDES_2026,
];
