// Sample organisations and units named in the seed plans (shared/DOMAIN.md §6). Hotline numbers
// other than the national line are placeholders to be replaced by each unit's real numbers.
import type { OrganizationKind, UnitKind } from '../db/generated/enums.js';

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
}

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
  },
  {
    code: 'ttyt-thuan-an',
    name: 'Trung tâm Y tế khu vực Thuận An',
    kind: 'health_centre',
    parentCode: 'syt-hcm',
    place: 'TP. Hồ Chí Minh',
    hotlineNumbers: [NATIONAL_HOTLINE, '0900 000 200'],
    units: hospitalUnits('ta'),
  },
  {
    code: 'ttyt-hoai-nhon',
    name: 'Trung tâm Y tế Hoài Nhơn',
    kind: 'health_centre',
    place: 'Hoài Nhơn',
    hotlineNumbers: [NATIONAL_HOTLINE, '0900 000 300'],
    units: hospitalUnits('hn'),
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
