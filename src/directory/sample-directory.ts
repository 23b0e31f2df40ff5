// Sample organisations and units named in the seed plans (shared/DOMAIN.md §6). Hotline numbers
// other than the national line are placeholders to be replaced by each unit's real numbers.
import type { OrganizationKind, UnitKind } from '../db/generated/enums.js';
import type { ReportRecipient, ReportSchedule } from '../reports/periodic/report-schedule.js';

export interface SampleUnit {
  code: string;
  name: string;
  /** What English-speaking senders read and may type (the dialog matches both names). */
  nameEn?: string;
  kind: UnitKind;
}

export interface SampleOrganization {
  code: string;
  name: string;
  kind: OrganizationKind;
  parentCode?: string;
  place: string;
  hotlineNumbers: string[];
  units: SampleUnit[];
  /** The periodic reports the seed plans ask of it (shared/DOMAIN.md §5). */
  reportSchedules?: SampleReportSchedule[];
}

export interface SampleReportSchedule extends ReportSchedule {
  code: string;
  title: string;
  recipients: ReportRecipient[];
}

/** Drafts a week of work before the due date: time to check the figures and sign. */
const DRAFT_DAYS = 5;

/** TTYT Hoài Nhơn plan (2026): departments report to the Organisation–Administration office. */
const hoaiNhonSchedules = (tchc: string): SampleReportSchedule[] =>
  (
    [
      ['3-thang', 'Báo cáo 3 tháng', 'quarter', 3],
      ['6-thang', 'Báo cáo 6 tháng', 'half', 6],
      ['9-thang', 'Báo cáo 9 tháng', 'nine_months', 9],
      ['nam', 'Báo cáo năm', 'year', 11],
    ] as const
  ).map(([code, title, periodKind, month]) => ({
    code,
    title,
    periodKind,
    dueMonths: [month],
    dueDay: 1,
    draftWorkingDaysBefore: DRAFT_DAYS,
    recipients: [{ kind: 'unit', unitCode: tchc }],
  }));

/** Sở Y tế TP.HCM plan 2815/KH-SYT (2026): units report to the Sở before 25/4 and 25/10. */
const toHealthDepartment: SampleReportSchedule[] = [
  {
    code: '6-thang-syt',
    title: 'Báo cáo 6 tháng gửi Sở Y tế',
    periodKind: 'half',
    dueMonths: [4],
    dueDay: 25,
    draftWorkingDaysBefore: DRAFT_DAYS,
    recipients: [{ kind: 'organization', organizationCode: 'syt-hcm' }],
  },
  {
    code: 'nam-syt',
    title: 'Báo cáo năm gửi Sở Y tế',
    periodKind: 'year',
    dueMonths: [10],
    dueDay: 25,
    draftWorkingDaysBefore: DRAFT_DAYS,
    recipients: [{ kind: 'organization', organizationCode: 'syt-hcm' }],
  },
];

/**
 * Sở Y tế 2024 plan: monthly, quarterly, 6-monthly and yearly reports. The plan names no day: these
 * due days are sample values, compiled by the Sở's office.
 */
const healthDepartmentSchedules: SampleReportSchedule[] = (
  [
    ['thang', 'Báo cáo tháng', 'month', [], 5],
    ['quy', 'Báo cáo quý', 'quarter', [1, 4, 7, 10], 10],
    ['6-thang', 'Báo cáo 6 tháng', 'half', [7], 10],
    ['nam', 'Báo cáo năm', 'year', [1], 15],
  ] as const
).map(([code, title, periodKind, dueMonths, dueDay]) => ({
  code,
  title,
  periodKind,
  dueMonths: [...dueMonths],
  dueDay,
  draftWorkingDaysBefore: DRAFT_DAYS,
  recipients: [{ kind: 'unit', unitCode: 'syt-vp' }],
}));

const NATIONAL_HOTLINE = '1900 9095';

const hospitalUnits = (prefix: string): SampleUnit[] => [
  { code: `${prefix}-bgd`, name: 'Ban Giám đốc', nameEn: 'Board of Directors', kind: 'board' },
  {
    code: `${prefix}-bcd`,
    name: 'Ban Chỉ đạo Quy chế dân chủ',
    nameEn: 'Grassroots Democracy Steering Board',
    kind: 'board',
  },
  {
    code: `${prefix}-tchc`,
    name: 'Phòng Tổ chức – Hành chính',
    nameEn: 'Personnel and Administration Office',
    kind: 'office',
  },
  { code: `${prefix}-khnv`, name: 'Phòng Kế hoạch – Nghiệp vụ', nameEn: 'Planning Office', kind: 'office' },
  { code: `${prefix}-dd`, name: 'Phòng Điều dưỡng', nameEn: 'Nursing Office', kind: 'office' },
  {
    code: `${prefix}-tckt`,
    name: 'Phòng Tài chính – Kế toán',
    nameEn: 'Finance and Accounting Office',
    kind: 'office',
  },
  { code: `${prefix}-kkb`, name: 'Khoa Khám bệnh', nameEn: 'Outpatient Department', kind: 'department' },
  { code: `${prefix}-kcc`, name: 'Khoa Cấp cứu', nameEn: 'Emergency Department', kind: 'department' },
  { code: `${prefix}-knoi`, name: 'Khoa Nội', nameEn: 'Internal Medicine', kind: 'department' },
  { code: `${prefix}-kngoai`, name: 'Khoa Ngoại', nameEn: 'Surgery', kind: 'department' },
  { code: `${prefix}-ksan`, name: 'Khoa Sản', nameEn: 'Obstetrics', kind: 'department' },
  { code: `${prefix}-knhi`, name: 'Khoa Nhi', nameEn: 'Paediatrics', kind: 'department' },
  { code: `${prefix}-kduoc`, name: 'Khoa Dược', nameEn: 'Pharmacy', kind: 'department' },
  {
    code: `${prefix}-pkdkkv`,
    name: 'Phòng khám Đa khoa khu vực',
    nameEn: 'Area General Clinic',
    kind: 'clinic',
  },
  { code: `${prefix}-tyt`, name: 'Trạm Y tế phường', nameEn: 'Ward Health Station', kind: 'station' },
  { code: `${prefix}-cd`, name: 'Công đoàn cơ sở', nameEn: 'Trade Union', kind: 'union' },
  {
    code: `${prefix}-bttnd`,
    name: 'Ban Thanh tra nhân dân',
    nameEn: "People's Inspection Board",
    kind: 'board',
  },
];

export const SAMPLE_ORGANIZATIONS: SampleOrganization[] = [
  {
    code: 'syt-hcm',
    name: 'Sở Y tế TP.HCM',
    kind: 'health_department',
    place: 'TP. Hồ Chí Minh',
    hotlineNumbers: [NATIONAL_HOTLINE, '0900 000 100'],
    units: [
      { code: 'syt-vp', name: 'Văn phòng Sở', kind: 'office' },
      { code: 'syt-tt', name: 'Thanh tra Sở', kind: 'office' },
    ],
    reportSchedules: healthDepartmentSchedules,
  },
  {
    code: 'ttyt-thuan-an',
    name: 'Trung tâm Y tế khu vực Thuận An',
    kind: 'health_centre',
    parentCode: 'syt-hcm',
    place: 'TP. Hồ Chí Minh',
    hotlineNumbers: [NATIONAL_HOTLINE, '0900 000 200'],
    units: hospitalUnits('ta'),
    reportSchedules: toHealthDepartment,
  },
  {
    code: 'ttyt-hoai-nhon',
    name: 'Trung tâm Y tế Hoài Nhơn',
    kind: 'health_centre',
    place: 'Hoài Nhơn',
    hotlineNumbers: [NATIONAL_HOTLINE, '0900 000 300'],
    units: hospitalUnits('hn'),
    reportSchedules: hoaiNhonSchedules('hn-tchc'),
  },
  {
    code: 'ubnd-hong-an',
    name: 'UBND phường Hồng An',
    kind: 'ward_committee',
    place: 'Hồng An',
    hotlineNumbers: ['0900 000 400'],
    units: [
      { code: 'ha-tyt', name: 'Trạm Y tế phường', kind: 'station' },
      { code: 'ha-bttnd', name: 'Ban Thanh tra nhân dân', kind: 'board' },
    ],
  },
];

/** Where submissions without a unit go when DEFAULT_ORG_CODE is unset in the embedded default. */
export const SAMPLE_DEFAULT_ORG_CODE = 'ttyt-thuan-an';
