// Why a submission cannot become a case, in words (decision 0019 for the codes, 0026 for the
// placeholder case): the operators' CLI, the placeholder's description and the sender's tracking
// read them from here. Pure; a reason code is never personal data.

/** Reason codes of a submission that cannot become a case. */
export type SubmissionFailureReason = 'payload_missing' | 'payload_unreadable' | 'organization_missing';

const REASON_WORDS: Record<SubmissionFailureReason, string> = {
  payload_missing: 'nội dung đã niêm phong bị mất',
  payload_unreadable:
    'không mở được nội dung đã niêm phong (khóa mã hóa ENCRYPTION_KEY đã đổi hoặc dữ liệu bị hỏng)',
  organization_missing: 'đơn vị nhận ý kiến không còn trong hệ thống',
};

/** Vietnamese words for a reason code; an unknown code is named as it is. */
export function submissionFailureWords(reason: string | null | undefined): string {
  if (reason && reason in REASON_WORDS) return REASON_WORDS[reason as SubmissionFailureReason];
  return `lỗi xử lý không khắc phục được (${reason ?? 'không rõ'})`;
}

/** The flag on cards and in /hopthu. */
export const INTAKE_FAILURE_FLAG = '⚠️ cần chú ý: nội dung không đọc được';

/**
 * The placeholder case's description: what happened, why, and what the receiving office can do.
 * Officers read it on the card; it holds nothing the sender wrote.
 */
export function intakeFailureDescription(reason: string, receivedOn: string): string {
  return [
    `Hệ thống đã nhận một ý kiến ngày ${receivedOn} và đã báo mã hồ sơ này cho người gửi, nhưng không đọc được nội dung: ${submissionFailureWords(reason)}.`,
    'Không có nội dung, người gửi hay tệp đính kèm nào để xem; người gửi không được báo tự động.',
    'Đề nghị bộ phận tiếp nhận báo bộ phận kỹ thuật (lệnh `langnghe intake:stuck`), và khi người gửi tra cứu hoặc liên hệ lại bằng mã này, đề nghị họ gửi lại nội dung.',
  ].join(' ');
}

/** What the sender reads when tracking the placeholder case: the truth, without internals. */
export const INTAKE_FAILURE_PUBLIC_NOTICE =
  'Hệ thống đã nhận ý kiến của bạn nhưng gặp sự cố kỹ thuật nên chưa đọc được nội dung. Bộ phận tiếp nhận đã được báo. Vui lòng gửi lại nội dung (hoặc gọi đường dây nóng của đơn vị) và nêu mã hồ sơ này.';
