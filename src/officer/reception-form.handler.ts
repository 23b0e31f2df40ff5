// Runs the reception form (src/officer/reception-form.ts) for an officer in a private chat, and logs
// the visit on "Lưu" with the same use case as the one-line `/tiepdan`, keyed by the form's id.
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { toVietnamDate } from '../calendar/local-date.js';
import { isAppError } from '../core/app-error.js';
import type { InboundEnvelope, Outbound } from '../dialog/dialog-types.js';
import type { StaffMember } from '../directory/staff-member.js';
import { findBookingOfVisit } from '../reception-register/booked-visit.js';
import { receptionRoleOf } from '../reception-register/reception-vocabulary.js';
import {
  advanceReceptionForm,
  reaskReceptionStep,
  receptionFormPrompt,
  startReceptionForm,
  type ReceptionFormState,
  type ReceptionFormStep,
} from './reception-form.js';
import type { ReceptionFormStore } from './reception-form.store.js';
import { keepFormTurn } from './officer-chat-state.store.js';
import { logReceptionVisitAndAnswer } from './reception-actions.js';

export interface ReceptionFormHandler {
  open(env: InboundEnvelope, staff: StaffMember): Promise<Outbound[]>;
  /** The officer's open form in this chat, if any. */
  pending(env: InboundEnvelope): Promise<ReceptionFormState | null>;
  continue(env: InboundEnvelope, staff: StaffMember, state: ReceptionFormState): Promise<Outbound[]>;
}

export function createReceptionFormHandler(ctx: AppContext, store: ReceptionFormStore): ReceptionFormHandler {
  /** Saving was refused: the reason, then the step to correct; what was typed is kept. */
  const refused = async (
    env: InboundEnvelope,
    state: ReceptionFormState,
    step: ReceptionFormStep,
    reason: string,
  ): Promise<Outbound[]> => {
    const back = reaskReceptionStep(state, step);
    await store.save(env.conversation, back);
    const ask = receptionFormPrompt(back);
    return [{ ...ask, text: `${reason}\n\n${ask.text}` }];
  };
  return {
    async open(env, staff) {
      // The same rule as the use case's (receptionRoleOf): a refusal now, not after ten answers.
      if (!receptionRoleOf(staff)) {
        return [{ text: 'Chỉ cán bộ tiếp nhận hoặc lãnh đạo của đơn vị mới ghi sổ tiếp công dân.' }];
      }
      const { state, reply } = startReceptionForm(randomBytes(12).toString('base64url'));
      await store.save(env.conversation, state);
      return [reply];
    },
    pending: (env) => store.load(env.conversation),
    async continue(env, staff, state) {
      const turn = advanceReceptionForm(state, env.event, toVietnamDate(ctx.clock.now()));
      if (turn.next !== 'submit') return keepFormTurn(store, env.conversation, turn);
      try {
        // A mistyped booking reference (LH-…) is refused by the use case too; checked first so the
        // officer is sent back to that step rather than to the summary.
        await findBookingOfVisit(
          ctx.db.prisma,
          staff.organizationId,
          turn.visit.bookingReference ?? undefined,
        );
      } catch (err) {
        if (isAppError(err) && err.code === 'validation')
          return refused(env, state, 'reference', err.message);
        throw err;
      }
      try {
        const answer = await logReceptionVisitAndAnswer(ctx, staff, turn.visit, `visit-form-${state.id}`);
        await store.clear(env.conversation);
        return [answer];
      } catch (err) {
        // Any other refusal (e.g. the đơn's date after the visit): the reason, and the summary again.
        if (isAppError(err) && err.code === 'validation') {
          const step: ReceptionFormStep =
            state.petitionDate && /^Ngày đơn/.test(err.message) ? 'petitionDate' : 'confirm';
          return refused(env, state, step, err.message);
        }
        throw err;
      }
    },
  };
}
