// The report page's own words, Vietnamese first. The figures' labels are the report's own
// (src/reports/periodic/report-figures.ts): a report is a Vietnamese document in either language.
import type { ConsoleLang } from '../console-texts.js';

const vi = {
  title: 'Báo cáo định kỳ',
  organization: 'Tổ chức',
  period: 'Kỳ báo cáo',
  periodHint: 'Ví dụ: 2026-06 (tháng), 2026-Q3 (quý), 2026-H1, 2026-9M, 2026, hoặc 2026-01-01..2026-03-31',
  show: 'Xem',
  download: 'Tải về',
  figure: 'Chỉ tiêu',
  thisPeriod: 'Kỳ này',
  previousPeriod: 'Kỳ trước',
  change: 'Tăng, giảm',
  byUnit: 'Theo khoa, phòng',
  byOrganization: 'Theo tổ chức trực thuộc',
  overdue: 'Hồ sơ quá hạn',
  noOverdue: 'Không có hồ sơ quá hạn.',
  charts: 'Biểu đồ',
  notes: 'Ghi chú',
  asOf: (day: string) => `Số liệu tính đến ngày ${day}.`,
  noAccess: 'Bạn không có quyền xem báo cáo của tổ chức này.',
  noReportRole:
    'Chỉ lãnh đạo, quản trị viên, cán bộ tiếp nhận hoặc thanh tra nhân dân của tổ chức mới xem được báo cáo.',
};

const en: typeof vi = {
  title: 'Periodic reports',
  organization: 'Organisation',
  period: 'Period',
  periodHint: 'E.g. 2026-06 (month), 2026-Q3 (quarter), 2026-H1, 2026-9M, 2026, or 2026-01-01..2026-03-31',
  show: 'Show',
  download: 'Download',
  figure: 'Figure',
  thisPeriod: 'This period',
  previousPeriod: 'Previous period',
  change: 'Change',
  byUnit: 'By unit',
  byOrganization: 'By subordinate organisation',
  overdue: 'Overdue cases',
  noOverdue: 'No overdue cases.',
  charts: 'Charts',
  notes: 'Notes',
  asOf: (day: string) => `Figures as of ${day}.`,
  noAccess: 'You may not see this organisation’s reports.',
  noReportRole:
    'Only an organisation’s leaders, administrators, receiving officers or inspection board see its reports.',
};

export const REPORT_TEXTS = { vi, en } as const satisfies Record<ConsoleLang, typeof vi>;
export const reportTexts = (lang: ConsoleLang) => REPORT_TEXTS[lang];
