// What an officer reads when a milestone fires. Pure; the case is the redacted view, never the sender.
import { formatVietnameseDate, type LocalDate } from '../calendar/local-date.js';
import { CASE_KIND_LABELS } from '../cases/case-vocabulary.js';
import type { RedactedCaseView } from '../cases/redacted-case-view.js';
import type { Outbound } from '../dialog/dialog-types.js';
import { cardButtonValue } from '../officer/officer-commands.js';
import type { Milestone } from './milestone-plan.js';
import type { ClockKind } from './time-limit.js';

/** How officers name a clock in reminders and digests (senders see clock-labels.ts). */
export const OFFICER_CLOCK_LABELS: Readonly<Record<ClockKind, string>> = {
  internal_answer: 'trả lời người gửi (thời hạn nội bộ)',
  reception_answer: 'trả lời việc tiếp nhận',
  forward_out: 'chuyển đơn không thuộc thẩm quyền',
  complaint_acceptance: 'thụ lý khiếu nại',
  complaint_resolution_first: 'giải quyết khiếu nại lần đầu',
  complaint_decision_send: 'gửi quyết định giải quyết khiếu nại',
  complaint_resolution_second: 'giải quyết khiếu nại lần hai',
  denunciation_initial: 'xử lý ban đầu đơn tố cáo',
  denunciation_forward: 'chuyển đơn tố cáo',
  denunciation_resolution: 'giải quyết tố cáo',
  denunciation_conclusion_send: 'gửi kết luận nội dung tố cáo',
  denunciation_conclusion_action: 'xử lý kết luận nội dung tố cáo',
  denunciation_conclusion_publish: 'công khai kết luận nội dung tố cáo',
  staff_feedback_answer: 'trả lời ý kiến của nhân viên',
};

export const officerClockLabel = (kind: string): string =>
  OFFICER_CLOCK_LABELS[kind as ClockKind] ?? kind.replaceAll('_', ' ');

const SUMMARY_CHARS = 200;

export const viewCaseButton = (code: string) => [
  [{ label: 'Xem hồ sơ', value: cardButtonValue('view', code) }],
];

export function buildMilestoneMessage(
  view: RedactedCaseView,
  facts: {
    milestone: Milestone;
    clockKind: string;
    dueOn: LocalDate;
    unitName: string | null;
    assigned: boolean;
  },
): Outbound {
  const { milestone: m } = facts;
  const due = formatVietnameseDate(facts.dueOn);
  const what = `hạn ${officerClockLabel(facts.clockKind)}`;
  let headline: string;
  if (m.action === 'apology')
    headline = `📝 Hồ sơ ${view.code} đến ${what} vào ${due}. Nếu không kịp, thủ trưởng cần gửi người gửi thư xin lỗi nêu lý do và hẹn ngày mới (chỉ được hẹn lại một lần) ngay trong hôm nay.`;
  else if (m.name === 'due') headline = `⏰ Hôm nay (${due}) là ${what} của hồ sơ ${view.code}.`;
  else if (m.action === 'remind')
    headline = `⏰ Nhắc hạn: hồ sơ ${view.code} còn ${m.workingDays} ngày làm việc đến ${what} (${due}).`;
  else if (m.audience === 'handler')
    headline = `⚠️ Hồ sơ ${view.code} đã QUÁ HẠN: ${what} là ${due}. Vui lòng xử lý ngay hoặc báo lãnh đạo.`;
  else
    headline = `🔺 Báo cáo vượt cấp: hồ sơ ${view.code} quá ${what} (${due}) đến nay là ${m.workingDays} ngày làm việc.`;
  const summary =
    view.description.length > SUMMARY_CHARS
      ? `${view.description.slice(0, SUMMARY_CHARS)}…`
      : view.description;
  const lines = [
    headline,
    `Loại: ${CASE_KIND_LABELS[view.kind].vi}${view.urgent ? ' — KHẨN' : ''}`,
    `Khoa/phòng: ${facts.unitName ?? 'chưa phân công'} · ${facts.assigned ? 'đã giao cán bộ xử lý' : 'chưa giao cán bộ xử lý'}`,
    `Nội dung: ${summary}`,
  ];
  return { text: lines.join('\n'), buttons: viewCaseButton(view.code) };
}
