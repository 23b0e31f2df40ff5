// Runs the hotline form (src/officer/hotline-form.ts) for an officer in a private chat, and logs a
// call — from the form or from the one-line `/nhanduongday kind | unit | text | name | phone` — as a
// case with channel hotline, then answers with the code to read to the caller.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { CASE_KIND_LABELS } from '../cases/case-vocabulary.js';
import { isAppError } from '../core/app-error.js';
import type { InboundEnvelope, Outbound } from '../dialog/dialog-types.js';
import type { StaffMember } from '../directory/staff-member.js';
import { HOTLINE_CALL_LOGGING_ROLES } from '../hotline/hotline-roles.js';
import { logHotlineCall } from '../hotline/log-hotline-call.js';
import { advanceHotlineForm, prompt, startHotlineForm, type HotlineFormState } from './hotline-form.js';
import type { HotlineFormStore } from './hotline-form.store.js';
import { keepFormTurn } from './officer-chat-state.store.js';
import type { HotlineCallForm } from './officer-commands.js';
import { findCaseForCard } from './officer.repository.js';
import { postCaseCards } from './post-case-cards.js';

export interface HotlineFormHandler {
  open(env: InboundEnvelope, staff: StaffMember): Promise<Outbound[]>;
  /** The officer's open form in this chat, if any. */
  pending(env: InboundEnvelope): Promise<HotlineFormState | null>;
  continue(env: InboundEnvelope, staff: StaffMember, state: HotlineFormState): Promise<Outbound[]>;
}

export function createHotlineFormHandler(ctx: AppContext, store: HotlineFormStore): HotlineFormHandler {
  const unitsOf = (organizationId: string) =>
    ctx.db.prisma.unit.findMany({
      where: { organizationId, active: true },
      select: { code: true, name: true },
      orderBy: { name: 'asc' },
    });
  return {
    async open(env, staff) {
      if (!staff.roles.some((r) => (HOTLINE_CALL_LOGGING_ROLES as readonly string[]).includes(r.role))) {
        return [
          { text: 'Chỉ cán bộ trực đường dây nóng hoặc cán bộ tiếp nhận của đơn vị mới ghi nhận cuộc gọi.' },
        ];
      }
      const { state, reply } = startHotlineForm(randomBytes(12).toString('base64url'));
      await store.save(env.conversation, state);
      return [reply];
    },
    pending: (env) => store.load(env.conversation),
    async continue(env, staff, state) {
      const turn = advanceHotlineForm(state, env.event, await unitsOf(staff.organizationId));
      if (turn.next !== 'submit') return keepFormTurn(store, env.conversation, turn);
      try {
        const answer = await logHotlineCallAndAnswer(ctx, staff, turn.call, `hotline-form-${state.id}`);
        await store.clear(env.conversation);
        return [answer];
      } catch (err) {
        // A wrong unit code: go back to that step with the reason, keeping what was typed.
        if (isAppError(err) && err.code === 'unprocessable' && turn.call.unitCode) {
          const back: HotlineFormState = { ...state, step: 'unit', unitCode: null, backToConfirm: true };
          await store.save(env.conversation, back);
          const ask = prompt(back, await unitsOf(staff.organizationId));
          return [
            {
              ...ask,
              text: `${err.message}

${ask.text}`,
            },
          ];
        }
        throw err;
      }
    },
  };
}

export async function logHotlineCallAndAnswer(
  ctx: AppContext,
  staff: StaffMember,
  call: HotlineCallForm,
  callId: string,
): Promise<Outbound> {
  const logged = await logHotlineCall(ctx, {
    officerStaffId: staff.id,
    organizationId: staff.organizationId,
    kind: call.kind,
    text: call.text,
    ...(call.unitCode ? { unitCode: call.unitCode } : {}),
    ...(call.callerName ? { callerName: call.callerName } : {}),
    ...(call.callerPhone ? { callerPhone: call.callerPhone } : {}),
    anonymous: !call.callerName && !call.callerPhone,
    callId,
  });
  if (logged.caseId) await postCaseCards(ctx, logged.caseId);
  const card = logged.caseId ? await findCaseForCard(ctx.db.prisma, logged.caseId) : null;
  return {
    text: [
      `☎️ Đã ghi nhận cuộc gọi: mã hồ sơ ${logged.code}${logged.duplicate ? ' (đã ghi trước đó)' : ''}.`,
      `Loại: ${CASE_KIND_LABELS[call.kind].vi}${card?.unit ? ` · Khoa/phòng: ${card.unit.name}` : ' · Chuyển bộ phận tiếp nhận'}${
        card?.urgency === 'urgent' ? ' · KHẨN' : ''
      }`,
      ...(logged.followUpSecret
        ? [`Đọc cho người gọi mã hồ sơ và mã bí mật để tra cứu: ${logged.followUpSecret}`]
        : ['Đọc cho người gọi mã hồ sơ để tra cứu.']),
    ].join('\n'),
  };
}
