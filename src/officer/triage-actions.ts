// The triage buttons of a case card (triage-card.ts): accept the suggested kind or unit with one
// tap, or open the list of kinds or units and pick another. The choice goes to
// recordTriageChoice (lifecycle move + audit event + training example); the card is then rewritten
// for everyone, like any move. A refusal (a handler may not reclassify) is the presser's alone.
import type { AppContext } from '../app-context.js';
import { CASE_KIND_LABELS } from '../cases/case-vocabulary.js';
import { caseIdFromCode } from '../cases/view-case-for-staff.js';
import { isAppError } from '../core/app-error.js';
import type { InboundAnswer, InboundEnvelope } from '../dialog/dialog-types.js';
import { resolveStaffByTelegramUser } from '../directory/resolve-staff.js';
import { recordTriageChoice } from '../triage/record-triage-choice.js';
import { listActiveUnitsOfCase } from '../triage/triage.repository.js';
import { cardKept, cardRewritten, refusedPress } from './press-answer.js';
import { refreshedCaseCard } from './refresh-case-card.js';
import {
  otherKindButtons,
  otherUnitButtons,
  parseTriageButton,
  TRIAGE_BUTTON_PREFIX,
} from './triage-card.js';

const NOT_STAFF =
  'Tài khoản Telegram này chưa được gắn với cán bộ nào. Nếu bạn là cán bộ, hãy gửi /thamgia <mã mời> do quản trị viên cấp.';

/** The bot router's hook: a triage button → its answer; undefined for anything else. */
export async function handleTriageInput(
  ctx: AppContext,
  env: InboundEnvelope,
  options: { inGroup: boolean },
): Promise<InboundAnswer | undefined> {
  const ev = env.event;
  if (ev.type !== 'choice' || !ev.value.startsWith(TRIAGE_BUTTON_PREFIX)) return undefined;
  const button = parseTriageButton(ev.value);
  const userId = env.conversation.userId ?? env.conversation.conversationId;
  const staff = await resolveStaffByTelegramUser(ctx, userId);
  const place = { inGroup: options.inGroup, staff: staff !== null };
  if (!button) return refusedPress('Nút này không còn dùng được.', place);
  if (!staff) return refusedPress(NOT_STAFF, place);
  try {
    const caseId = await caseIdFromCode(ctx, button.code);
    switch (button.type) {
      case 'other_kinds':
        return cardKept([
          { text: `Chọn loại cho hồ sơ ${button.code}:`, buttons: otherKindButtons(button.code) },
        ]);
      case 'other_units': {
        const units = await listActiveUnitsOfCase(ctx.db.prisma, caseId);
        return cardKept([
          {
            text: `Chọn khoa/phòng cho hồ sơ ${button.code}:`,
            buttons: otherUnitButtons(button.code, units),
          },
        ]);
      }
      case 'kind':
      case 'unit':
      case 'urgency': {
        const choice =
          button.type === 'kind'
            ? { field: 'kind', value: button.kind }
            : button.type === 'unit'
              ? { field: 'unit', value: button.unitId }
              : { field: 'urgency', value: button.urgency };
        const done = await recordTriageChoice(ctx, { caseId, staffId: staff.id, choice });
        const what =
          button.type === 'kind'
            ? CASE_KIND_LABELS[button.kind].vi
            : button.type === 'unit'
              ? 'khoa/phòng'
              : `mức độ ${button.urgency === 'urgent' ? 'khẩn' : 'không khẩn'}`;
        const headline = `✅ ${done.accepted ? 'Đồng ý gợi ý' : 'Đã chọn'} ${what} — ${staff.fullName}`;
        const card = await refreshedCaseCard(
          ctx,
          caseId,
          { conversationId: env.conversation.conversationId, inGroup: options.inGroup, staff },
          headline,
        );
        return cardRewritten({ text: `${headline}: hồ sơ ${button.code}.` }, card, place);
      }
      default:
        throw new Error(`Unhandled triage button: ${JSON.stringify(button satisfies never)}`);
    }
  } catch (err) {
    if (isAppError(err) && !err.retryable) return refusedPress(err.message, place);
    throw err;
  }
}
