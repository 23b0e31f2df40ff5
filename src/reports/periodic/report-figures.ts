// The report's figures as labelled lines, in the order a reader meets them: one list that the
// XLSX summary, the CSV, the PDF tables and the console page all print, so a figure has one name
// everywhere and adding one is one line here.
import {
  REPORT_OUTCOMES,
  SATISFACTION_LABELS,
  SATISFACTION_SCORES,
  averageSatisfaction,
  channelLabel,
  kindLabel,
  CASE_KINDS,
  CHANNELS,
  type ReportCounts,
} from './report-model.js';

export const FIGURE_SECTIONS = [
  'received',
  'channel',
  'kind',
  'handling',
  'outcome',
  'satisfaction',
  'hotline',
  'staff_feedback',
  'conduct',
] as const;
export type FigureSection = (typeof FIGURE_SECTIONS)[number];

export const FIGURE_SECTION_LABELS: Readonly<Record<FigureSection, string>> = {
  received: 'Tiếp nhận',
  channel: 'Tiếp nhận theo kênh',
  kind: 'Tiếp nhận theo loại',
  handling: 'Tình hình giải quyết',
  outcome: 'Kết quả giải quyết',
  satisfaction: 'Mức độ hài lòng',
  hotline: 'Đường dây nóng',
  staff_feedback: 'Góp ý của nhân viên',
  conduct: 'Khen ngợi và phản ánh đúng',
};

export interface FigureLine {
  section: FigureSection;
  /** Stable key for machines (CSV, tests): "channel.web", "handling.resolved_on_time". */
  key: string;
  label: string;
  /** Null where the figure has no value (an average with nobody answering). */
  value: number | null;
}

/** Every figure of one scope, labelled. */
export function figureLines(c: ReportCounts): FigureLine[] {
  const line = (section: FigureSection, key: string, label: string, value: number | null): FigureLine => ({
    section,
    key: `${section}.${key}`,
    label,
    value,
  });
  return [
    line('received', 'total', 'Tổng số hồ sơ tiếp nhận', c.received),
    ...CHANNELS.map((ch) => line('channel', ch, channelLabel(ch), c.byChannel[ch])),
    ...CASE_KINDS.map((k) => line('kind', k, kindLabel(k), c.byKind[k])),
    line('handling', 'resolved', 'Đã giải quyết', c.resolved),
    line('handling', 'resolved_on_time', 'Giải quyết đúng hạn', c.resolvedOnTime),
    line('handling', 'resolved_late', 'Giải quyết quá hạn', c.resolvedLate),
    line('handling', 'open', 'Đang giải quyết', c.open),
    line('handling', 'open_overdue', 'Đang giải quyết, đã quá hạn', c.openOverdue),
    ...REPORT_OUTCOMES.map((o) => line('outcome', o.key, o.label, c.outcomes[o.key])),
    line('satisfaction', 'answered', 'Số lượt đánh giá', c.satisfaction.answered),
    ...SATISFACTION_SCORES.map((s) =>
      line('satisfaction', `score_${s}`, `${s} · ${SATISFACTION_LABELS[s]}`, c.satisfaction.byScore[`${s}`]),
    ),
    line('satisfaction', 'average', 'Điểm trung bình (thang 5)', averageSatisfaction(c)),
    line('hotline', 'calls', 'Cuộc gọi được ghi nhận', c.hotline.calls),
    line('hotline', 'urgent', 'Trong đó khẩn cấp', c.hotline.urgent),
    line('hotline', 'in_shift', 'Nhận trong ca trực', c.hotline.inShift),
    line('hotline', 'outside_shift', 'Nhận ngoài ca trực', c.hotline.outsideShift),
    line('staff_feedback', 'count', 'Góp ý của nhân viên', c.staffFeedback.count),
    line('staff_feedback', 'answered', 'Đã trả lời', c.staffFeedback.answered),
    line('staff_feedback', 'answered_on_time', 'Trả lời đúng hạn', c.staffFeedback.answeredOnTime),
    line(
      'staff_feedback',
      'taken_on_board',
      'Được tiếp thu (đúng, đúng một phần)',
      c.staffFeedback.takenOnBoard,
    ),
    line('conduct', 'praise', 'Khen ngợi', c.praise),
    line('conduct', 'upheld', 'Phản ánh, khiếu nại, tố cáo đúng hoặc đúng một phần', c.upheld),
  ];
}
