// The card an officer sees for a case (a new-case post in a unit group, /xem): code, kind, unit,
// status, due date, the redacted summary, attachment count, and buttons for the next legal moves.
// Pure. Identity is never on it: the view is redactedCaseView.
import { formatVietnameseDate, type LocalDate } from '../calendar/local-date.js';
import { clockKindLabel } from '../deadlines/clock-labels.js';
import { governingDeadlineText, type GoverningDeadline } from '../deadlines/governing-deadline.js';
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
import { INTAKE_FAILURE_FLAG } from '../intake/submission-failure.js';
import { cardButtonValue } from './officer-commands.js';
import { triageCardSection, type CardTriageFacts } from './triage-card.js';

export const SUMMARY_CHARS = 600;

/** Actions that are not offered as buttons on a card (they need a person's decision elsewhere). */
const NO_BUTTON: readonly CaseAction[] = ['withdraw', 'close', 'note'];

export interface CardFacts {
  unitName: string | null;
  organizationName: string;
  /** The governing deadline (statutory when one runs, else the unit's own), with its basis. */
  deadline: GoverningDeadline | null;
  /** Every clock of the case, for the full view (/xem); the card shows only the governing one. */
  clocks?: readonly CardClock[];
  attachmentCount: number;
  actions: readonly CaseAction[];
  /** First line, e.g. "🆕 Hồ sơ mới" or "🚨 Hồ sơ KHẨN". */
  headline?: string;
  /** The suggestions for the case (src/triage), when there are some. */
  triage?: CardTriageFacts;
}

export interface CardClock {
  kind: string;
  status: 'running' | 'paused' | 'stopped';
  dueOn: LocalDate;
  /** How the due date was counted, e.g. "30 ngày kể từ ngày thụ lý 12/02/2026". */
  explanation?: string;
}

const CLOCK_STATUS_VI = { running: 'đang tính', paused: 'tạm dừng', stopped: 'đã dừng' } as const;

export function buildCaseCard(view: RedactedCaseView, facts: CardFacts): Outbound {
  const summary =
    view.description.length > SUMMARY_CHARS
      ? `${view.description.slice(0, SUMMARY_CHARS)}…`
      : view.description;
  const lines = [
    ...(facts.headline ? [facts.headline] : []),
    `Mã hồ sơ: ${view.code}${view.urgent ? ' — KHẨN' : ''}`,
    ...(view.contentUnreadable ? [INTAKE_FAILURE_FLAG] : []),
    `Loại: ${CASE_KIND_LABELS[view.kind].vi}${view.audience === 'staff' ? ` (${AUDIENCE_LABELS.staff.vi})` : ''} · Kênh: ${CHANNEL_LABELS[view.channel].vi}`,
    `Khoa/phòng: ${facts.unitName ?? 'chưa phân công (bộ phận tiếp nhận)'} · ${facts.organizationName}`,
    `Trạng thái: ${CASE_STATUS_LABELS[view.status].vi}${view.paused ? ' (tạm dừng)' : ''}${
      view.outcome ? ` · Kết luận: ${OUTCOME_LABELS[view.outcome].vi}` : ''
    }`,
    facts.deadline ? `Hạn: ${governingDeadlineText(facts.deadline)}` : 'Hạn: —',
    ...(facts.clocks?.length
      ? [
          'Các thời hạn:',
          ...facts.clocks.map(
            (k) =>
              `• ${clockKindLabel(k.kind).vi}: ${formatVietnameseDate(k.dueOn)} (${CLOCK_STATUS_VI[k.status]})${k.explanation ? ` — ${k.explanation}` : ''}`,
          ),
        ]
      : []),
    ...(view.kind === 'complaint' || view.kind === 'denunciation'
      ? [
          view.petitionRecorded
            ? 'Đơn có chữ ký: đã ghi nhận'
            : 'Đơn có chữ ký: chưa có (/nhandon khi nhận đơn)',
        ]
      : []),
    `Người gửi: ${view.contentUnreadable ? 'không rõ (nằm trong nội dung không đọc được)' : view.senderNamed ? 'có để lại liên hệ (được bảo mật)' : 'ẩn danh'}`,
    `Tệp đính kèm: ${facts.attachmentCount}`,
    '',
    `Nội dung: ${summary}`,
    ...(view.place ? [`Nơi xảy ra: ${view.place}`] : []),
    ...(view.occurredAt ? [`Thời gian: ${view.occurredAt}`] : []),
    ...(view.involved ? [`Người liên quan: ${view.involved}`] : []),
  ];
  const triage = facts.triage ? triageCardSection(facts.triage, view.code) : null;
  if (triage) lines.push('', ...triage.lines);
  const buttons = [...cardButtons(view.code, facts.actions), ...(triage?.buttons ?? [])];
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
