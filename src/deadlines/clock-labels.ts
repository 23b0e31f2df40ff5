// What a sender reads next to a due date on the tracking page: the name of the clock, in plain words.
import type { Label } from '../cases/case-vocabulary.js';
import type { ClockKind } from './time-limit.js';

export const CLOCK_KIND_LABELS: Readonly<Record<ClockKind, Label>> = {
  internal_answer: { vi: 'Hạn trả lời', en: 'Answer due' },
  reception_answer: { vi: 'Hạn trả lời đơn', en: 'Answer to the petition due' },
  forward_out: { vi: 'Hạn chuyển đơn', en: 'Forwarding due' },
  complaint_acceptance: { vi: 'Hạn thụ lý khiếu nại', en: 'Acceptance of the complaint due' },
  complaint_resolution_first: { vi: 'Hạn giải quyết khiếu nại', en: 'Complaint decision due' },
  complaint_decision_send: { vi: 'Hạn gửi quyết định giải quyết', en: 'Sending of the decision due' },
  complaint_resolution_second: { vi: 'Hạn giải quyết khiếu nại lần hai', en: 'Second decision due' },
  denunciation_initial: { vi: 'Hạn xử lý ban đầu đơn tố cáo', en: 'Initial handling due' },
  denunciation_forward: { vi: 'Hạn chuyển đơn tố cáo', en: 'Forwarding due' },
  denunciation_resolution: { vi: 'Hạn giải quyết tố cáo', en: 'Denunciation decision due' },
  denunciation_conclusion_send: { vi: 'Hạn gửi kết luận', en: 'Sending of the conclusion due' },
  denunciation_conclusion_action: { vi: 'Hạn xử lý theo kết luận', en: 'Action on the conclusion due' },
  denunciation_conclusion_publish: { vi: 'Hạn công khai kết luận', en: 'Publication of the conclusion due' },
  staff_feedback_answer: { vi: 'Hạn trả lời', en: 'Answer due' },
};

export function clockKindLabel(kind: string): Label {
  return CLOCK_KIND_LABELS[kind as ClockKind] ?? { vi: 'Hạn xử lý', en: 'Due' };
}
