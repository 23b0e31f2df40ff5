// What the sender is told when their case moves, in Vietnamese or, for those who wrote in English,
// in English (names of units and organisations stay as the directory has them). Pure: the service
// fills in the facts (code, unit, outcome, answer, new due date).
import { formatVietnameseDate, type LocalDate } from '../calendar/local-date.js';
import { governingDeadlineText, type GoverningDeadline } from '../deadlines/governing-deadline.js';
import type { Locale } from '../dialog/dialog-types.js';
import type { CaseAction } from './case-transitions.js';
import { CASE_KIND_LABELS, OUTCOME_LABELS, type CaseKind, type Outcome } from './case-vocabulary.js';

export interface NoticeFacts {
  code: string;
  unitName?: string | null;
  organizationName: string;
  /** The case's kind after the move (a reclassification names the new one). */
  kind?: CaseKind | null;
  outcome?: Outcome | null;
  answer?: string | null;
  reason?: string | null;
  /** The governing deadline after the move: statutory when one runs, else the unit's own. */
  deadline?: GoverningDeadline | null;
  /** The date of the signed đơn, once recorded. */
  receivedOn?: LocalDate | null;
  targetBody?: string | null;
}

/** What the sender is told of this move, in their language; undefined: nothing (internal moves). */
export function senderNotice(action: CaseAction, f: NoticeFacts, locale: Locale = 'vi'): string | undefined {
  return locale === 'en' ? englishNotice(action, f) : vietnameseNotice(action, f);
}

/** Under a notice to the sender of a duplicate merged into the case. */
export function mergedFollowerNote(code: string, locale: Locale): string {
  return locale === 'en'
    ? `(Your case ${code} was merged into this one.)`
    : `(Hồ sơ ${code} của bạn đã được gộp vào hồ sơ này.)`;
}

/** An officer's public reply to the sender (the body is the officer's own words, as written). */
export function senderReplyNotice(code: string, body: string, locale: Locale): string {
  return locale === 'en'
    ? `Case ${code}: the unit replies:\n\n${body}`
    : `Hồ sơ ${code}: đơn vị trả lời bạn:\n\n${body}`;
}

function vietnameseNotice(action: CaseAction, f: NoticeFacts): string | undefined {
  const head = `Hồ sơ ${f.code} (${f.organizationName})`;
  const due = f.deadline ? ` ${governingDeadlineText(f.deadline)}.` : '';
  switch (action) {
    case 'accept':
      return `${head} đã được tiếp nhận xử lý.${due}`;
    case 'assign':
      return f.unitName ? `${head} đã được chuyển đến ${f.unitName} để xử lý.${due}` : undefined;
    case 'resolve': {
      const outcome = f.outcome ? ` Kết luận: ${OUTCOME_LABELS[f.outcome].vi}.` : '';
      return `${head} đã có kết quả giải quyết.${outcome}${f.answer ? `\n\nTrả lời của đơn vị:\n${f.answer}` : ''}`;
    }
    case 'extend':
      return `Thời hạn giải quyết ${head.charAt(0).toLowerCase()}${head.slice(1)} được gia hạn.${f.reason ? ` Lý do: ${f.reason}.` : ''}${due}`;
    case 'refuse':
      return `${head} không được thụ lý.${f.reason ? ` Lý do: ${f.reason}.` : ''} Nếu cần, bạn có thể liên hệ bộ phận tiếp nhận để được hướng dẫn.`;
    case 'forward':
      return `${head} không thuộc thẩm quyền giải quyết của đơn vị và đã được chuyển đến ${f.targetBody ?? 'cơ quan có thẩm quyền'}.`;
    case 'guide':
      return `${head}: đơn vị hướng dẫn bạn như sau: ${f.reason ?? ''}`.trim();
    case 'merge':
      return `${head} trùng nội dung với một hồ sơ khác đang được xử lý và đã được gộp lại. Bạn sẽ tiếp tục nhận thông báo về kết quả.`;
    case 'reopen':
      return `${head} đã được mở lại để xem xét tiếp.${due}`;
    case 'record_petition_document':
      return `${head}: đơn vị đã nhận được đơn có chữ ký của bạn${f.receivedOn ? ` (ngày nhận đơn ${formatVietnameseDate(f.receivedOn)})` : ''}. Thời hạn theo luật được tính từ ngày nhận đơn.${due}`;
    case 'correct_petition_date':
      return `${head}: ngày nhận đơn của bạn được đính chính thành ${f.receivedOn ? formatVietnameseDate(f.receivedOn) : '—'}.${f.reason ? ` Lý do: ${f.reason}.` : ''}${due}`;
    case 'reclassify':
      return `${head} được xác định lại là ${f.kind ? CASE_KIND_LABELS[f.kind].vi.toLowerCase() : 'loại khác'}; hồ sơ được giải quyết theo thủ tục và thời hạn của loại này.${due}`;
    case 'pause':
      // The reason is the officers' own words and may name people: the sender is told the fact.
      return `Việc giải quyết ${head.charAt(0).toLowerCase()}${head.slice(1)} tạm dừng; thời gian tạm dừng không tính vào thời hạn giải quyết. Bạn sẽ được báo khi hồ sơ được xử lý tiếp.`;
    case 'resume':
      return `${head} được tiếp tục giải quyết.${due}`;
    case 'withdraw':
      return `${head} đã được rút theo đề nghị của bạn; đơn vị dừng giải quyết hồ sơ này.`;
    // Internal moves: the sender hears nothing of them.
    case 'close':
    case 'note':
    case 'start':
      return undefined;
  }
}

function englishNotice(action: CaseAction, f: NoticeFacts): string | undefined {
  const head = `Case ${f.code} (${f.organizationName})`;
  const due = f.deadline ? ` ${governingDeadlineText(f.deadline, 'en')}.` : '';
  switch (action) {
    case 'accept':
      return `${head} has been accepted for handling.${due}`;
    case 'assign':
      return f.unitName ? `${head} has been passed to ${f.unitName} for handling.${due}` : undefined;
    case 'resolve': {
      const outcome = f.outcome ? ` Conclusion: ${OUTCOME_LABELS[f.outcome].en}.` : '';
      return `${head} has been resolved.${outcome}${f.answer ? `\n\nThe unit's answer:\n${f.answer}` : ''}`;
    }
    case 'extend':
      return `The time limit of ${head.charAt(0).toLowerCase()}${head.slice(1)} has been extended.${f.reason ? ` Reason: ${f.reason}.` : ''}${due}`;
    case 'refuse':
      return `${head} was not accepted.${f.reason ? ` Reason: ${f.reason}.` : ''} If needed, you may contact the reception desk for guidance.`;
    case 'forward':
      return `${head} is outside the unit's competence and has been forwarded to ${f.targetBody ?? 'the competent body'}.`;
    case 'guide':
      return `${head}: the unit advises you as follows: ${f.reason ?? ''}`.trim();
    case 'merge':
      return `${head} repeats another case already being handled and has been merged into it. You will keep being told of the outcome.`;
    case 'reopen':
      return `${head} has been reopened for further review.${due}`;
    case 'record_petition_document':
      return `${head}: the unit has received your signed petition${f.receivedOn ? ` (received on ${formatVietnameseDate(f.receivedOn)})` : ''}. The legal time limit runs from that date.${due}`;
    case 'correct_petition_date':
      return `${head}: the date your petition was received is corrected to ${f.receivedOn ? formatVietnameseDate(f.receivedOn) : '—'}.${f.reason ? ` Reason: ${f.reason}.` : ''}${due}`;
    case 'reclassify':
      return `${head} has been reclassified as ${f.kind ? CASE_KIND_LABELS[f.kind].en.toLowerCase() : 'another kind'}; it is handled under that kind's procedure and time limits.${due}`;
    case 'pause':
      return `Handling of ${head.charAt(0).toLowerCase()}${head.slice(1)} is paused; the pause does not count against the time limit. You will be told when it resumes.`;
    case 'resume':
      return `Handling of ${head.charAt(0).toLowerCase()}${head.slice(1)} has resumed.${due}`;
    case 'withdraw':
      return `${head} has been withdrawn at your request; the unit has stopped handling it.`;
    case 'close':
    case 'note':
    case 'start':
      return undefined;
  }
}
