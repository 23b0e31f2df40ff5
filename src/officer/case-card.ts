// The card an officer sees for a case (a new-case post in a unit group, /xem): code, kind, unit,
// status, due date, the redacted summary, attachment count, and buttons for the next legal moves.
// Pure. Identity is never on it: the view is redactedCaseView.
import { formatVietnameseDate, type LocalDate } from '../calendar/local-date.js';
import { CASE_ACTION_LABELS, type CaseAction } from '../cases/case-transitions.js';
import {
  AUDIENCE_LABELS,
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  OUTCOME_LABELS,
} from '../cases/case-vocabulary.js';
import type { RedactedCaseView } from '../cases/redacted-case-view.js';
import type { Button, Outbound } from '../dialog/dialog-types.js';
import { cardButtonValue } from './officer-commands.js';

export const SUMMARY_CHARS = 600;

/** Actions that are not offered as buttons on a card (they need a person's decision elsewhere). */
const NO_BUTTON: readonly CaseAction[] = ['withdraw', 'close', 'note'];

export interface CardFacts {
  unitName: string | null;
  organizationName: string;
  dueOn: LocalDate | null;
  attachmentCount: number;
  actions: readonly CaseAction[];
  /** First line, e.g. "🆕 Hồ sơ mới" or "🚨 Hồ sơ KHẨN". */
  headline?: string;
}

export function buildCaseCard(view: RedactedCaseView, facts: CardFacts): Outbound {
  const summary =
    view.description.length > SUMMARY_CHARS
      ? `${view.description.slice(0, SUMMARY_CHARS)}…`
      : view.description;
  const lines = [
    ...(facts.headline ? [facts.headline] : []),
    `Mã hồ sơ: ${view.code}${view.urgent ? ' — KHẨN' : ''}`,
    `Loại: ${CASE_KIND_LABELS[view.kind].vi}${view.audience === 'staff' ? ` (${AUDIENCE_LABELS.staff.vi})` : ''} · Kênh: ${CHANNEL_LABELS[view.channel].vi}`,
    `Khoa/phòng: ${facts.unitName ?? 'chưa phân công (bộ phận tiếp nhận)'} · ${facts.organizationName}`,
    `Trạng thái: ${CASE_STATUS_LABELS[view.status].vi}${view.paused ? ' (tạm dừng)' : ''}${
      view.outcome ? ` · Kết luận: ${OUTCOME_LABELS[view.outcome].vi}` : ''
    }`,
    `Hạn: ${facts.dueOn ? formatVietnameseDate(facts.dueOn) : '—'}`,
    ...(view.kind === 'complaint' || view.kind === 'denunciation'
      ? [
          view.petitionRecorded
            ? 'Đơn có chữ ký: đã ghi nhận'
            : 'Đơn có chữ ký: chưa có (/nhandon khi nhận đơn)',
        ]
      : []),
    `Người gửi: ${view.senderNamed ? 'có để lại liên hệ (được bảo mật)' : 'ẩn danh'}`,
    `Tệp đính kèm: ${facts.attachmentCount}`,
    '',
    `Nội dung: ${summary}`,
    ...(view.place ? [`Nơi xảy ra: ${view.place}`] : []),
    ...(view.occurredAt ? [`Thời gian: ${view.occurredAt}`] : []),
    ...(view.involved ? [`Người liên quan: ${view.involved}`] : []),
  ];
  const buttons = cardButtons(view.code, facts.actions);
  return { text: lines.join('\n'), ...(buttons.length ? { buttons } : {}) };
}

export function cardButtons(code: string, actions: readonly CaseAction[]): Button[][] {
  const shown: Button[] = actions
    .filter((a) => !NO_BUTTON.includes(a))
    .map((a) => ({ label: CASE_ACTION_LABELS[a].vi, value: cardButtonValue(a, code) }));
  shown.push({ label: 'Xem', value: cardButtonValue('view', code) });
  const rows: Button[][] = [];
  for (let i = 0; i < shown.length; i += 3) rows.push(shown.slice(i, i + 3));
  return rows;
}
