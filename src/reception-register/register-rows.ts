// The reception register's rows, laid out as the official sổ tiếp công dân (Thông tư 04/2021/TT-TTCP,
// Mẫu số 03): one row per visit, columns 1–12, "hướng xử lý" split in three ticked columns. Pure: the
// visits come in with their visitor already unsealed; PDF and XLSX both print these rows and these
// headings, so the two files always say the same thing.
import { formatVietnameseDate, fromDbDate } from '../calendar/local-date.js';
import { formatVietnamTime } from '../hotline/duty-shift.js';
import {
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  type CaseKind,
  type CaseStatus,
} from '../cases/case-vocabulary.js';
import type { Visitor } from './reception-visit.schema.js';
import { RECEPTION_HANDLING_LABELS, type ReceptionHandling } from './reception-vocabulary.js';

export const REGISTER_TITLE = 'SỔ TIẾP CÔNG DÂN';

/** The three ticked columns under "Hướng xử lý", and the handling each one ticks. */
export const HANDLING_COLUMNS = [
  { handling: 'accepted_petition', title: 'Thụ lý để giải quyết' },
  { handling: 'guided', title: 'Trả lại đơn và hướng dẫn' },
  { handling: 'forwarded', title: 'Chuyển đơn đến cơ quan, tổ chức, đơn vị có thẩm quyền' },
] as const satisfies readonly { handling: ReceptionHandling; title: string }[];

/** The header of columns 1–12, in order; the three handling columns share "Hướng xử lý". */
export const REGISTER_COLUMNS = [
  'STT',
  'Ngày tiếp',
  'Họ tên - Địa chỉ',
  'CCCD/CMND/Hộ chiếu của công dân',
  'Nội dung vụ việc',
  'Phân loại đơn/Số người',
  'Cơ quan đã giải quyết',
  ...HANDLING_COLUMNS.map((c) => c.title),
  'Theo dõi kết quả giải quyết',
  'Ghi chú',
] as const;
export const HANDLING_GROUP_TITLE = 'Hướng xử lý';
/** Index of the first handling column in REGISTER_COLUMNS. */
export const FIRST_HANDLING_COLUMN = 7;

export interface RegisterVisit {
  visitedAt: Date;
  visitor: Visitor;
  summary: string;
  handling: ReceptionHandling;
  priorBody: string | null;
  bookingReference: string | null;
  petitionReceivedOn: Date | null;
  officerName: string;
  cases: { code: string; kind: CaseKind; status: CaseStatus; governingDueOn: Date | null }[];
}

/** One printed row: 12 cells of text, in REGISTER_COLUMNS order. */
export type RegisterRow = readonly string[];

const TICK = 'x';

export function registerRows(visits: readonly RegisterVisit[]): RegisterRow[] {
  return visits.map((v, i) => {
    const kinds = [...new Set(v.cases.map((c) => CASE_KIND_LABELS[c.kind].vi))];
    const followUp = v.cases.map(
      (c) =>
        `${c.code}: ${CASE_STATUS_LABELS[c.status].vi}${
          c.governingDueOn ? `, hạn ${formatVietnameseDate(fromDbDate(c.governingDueOn))}` : ''
        }`,
    );
    const notes = [
      ...(v.handling === 'answered' ? [RECEPTION_HANDLING_LABELS.answered.vi] : []),
      ...(v.petitionReceivedOn ? [`Đơn ngày ${formatVietnameseDate(fromDbDate(v.petitionReceivedOn))}`] : []),
      ...(v.bookingReference ? [`Lịch hẹn/mã hồ sơ mang đến: ${v.bookingReference}`] : []),
      `Cán bộ tiếp: ${v.officerName}`,
    ];
    return [
      String(i + 1),
      formatVietnamTime(v.visitedAt),
      [v.visitor.name, v.visitor.address, v.visitor.phone ? `ĐT: ${v.visitor.phone}` : undefined]
        .filter(Boolean)
        .join(' - '),
      v.visitor.idNumber ?? '',
      v.summary,
      `${kinds.join(', ')} / 1 người`,
      v.priorBody ?? '',
      ...HANDLING_COLUMNS.map((c) => (c.handling === v.handling ? TICK : '')),
      followUp.join('; '),
      notes.join('; '),
    ];
  });
}
