// The `draft_letter` effect of a resolution (src/cases/case-transitions.ts): the letter the rule
// calls for (letter-rules.ts) is drafted and sent to the heads to approve and sign, exactly as
// `/thu` does. The effect executor may run it more than once (a retry, a crash half-way), and an
// officer may have drafted or issued that letter already, so every path ends in one letter and one
// notice per head:
// - a `letter_draft` event carrying the resolution's event id marks the effect as done; while its
//   draft is still waiting, running again only re-sends it (the notices have dedupe keys), and a
//   draft the head returned is not drafted again;
// - any letter of that kind on the case (drafted, signed or sent by an officer) means nothing to do;
// - two runs racing to insert meet the unique (case, kind): the loser stops.
// The draft is in the name of the officer who resolved when they may draft the case's letters;
// otherwise it is the system's (no drafter: nobody to tell if the head returns it).
import type { AppContext } from '../app-context.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import { isOpenStatus, type CaseKind, type Outcome } from '../cases/case-vocabulary.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { findStaff } from '../directory/resolve-staff.js';
import { caseLetterContent, letterOnce, sendDraftToSigners, type LetterActor } from './issue-letter.js';
import { letterAfterResolution, type CaseLetter } from './letter-rules.js';
import { draftingRole } from './letter-signers.js';
import { findEventWithData, findLetterById, findLetterOfCase } from './letter.repository.js';

export interface DraftResolutionLetterInput {
  caseId: string;
  /** The `resolve` event whose effect this is: what makes the effect once-only. */
  eventId: string;
  letter: CaseLetter;
  /** The officer who resolved; null when no person did. */
  staffId: string | null;
}

/** How the heads' notice names a draft nobody typed. */
export const SYSTEM_DRAFTER_NAME = 'hệ thống (soạn tự động khi giải quyết hồ sơ)';

export async function draftResolutionLetter(
  ctx: AppContext,
  input: DraftResolutionLetterInput,
): Promise<void> {
  const { prisma } = ctx.db;
  const { case: c, scope } = await loadCaseWithScope(ctx, input.caseId);

  const done = await findEventWithData(prisma, c.id, 'letter_draft', {
    key: 'eventId',
    value: input.eventId,
  });
  if (done) {
    const letterId = (done.data as { letterId?: string } | null)?.letterId;
    const letter = letterId ? await findLetterById(prisma, letterId) : null;
    // Finishes a run that stopped between the draft and the notices; no-op when they went out.
    if (letter?.status === 'draft')
      await sendDraftToSigners(ctx, letter.id, scope, await drafterName(ctx, letter));
    return;
  }
  if (await findLetterOfCase(prisma, c.id, input.letter)) return;
  // Reopened or reclassified since the resolution: the letter it called for no longer fits.
  if (
    isOpenStatus(c.status) ||
    !c.outcome ||
    letterAfterResolution(c.kind as CaseKind, c.outcome as Outcome) !== input.letter
  ) {
    ctx.logger.info({ caseId: c.id, letter: input.letter }, 'resolution letter no longer called for');
    return;
  }

  const staff = input.staffId ? await findStaff(ctx, input.staffId) : null;
  const role = staff?.active ? draftingRole(staff, scope) : null;
  const actor: LetterActor = staff && role ? { staffId: staff.id, role } : 'system';
  let letterId: string;
  try {
    letterId = await letterOnce(ctx, c, null, {
      content: caseLetterContent(
        c,
        input.letter,
        actor === 'system' ? {} : { draftedByStaffId: actor.staffId },
      ),
      status: 'draft',
      actor,
      eventData: { eventId: input.eventId },
    });
  } catch (err) {
    // Another run (or an officer) inserted the case's letter of this kind first.
    if (isUniqueViolation(err)) return;
    throw err;
  }
  await sendDraftToSigners(ctx, letterId, scope, actor === 'system' ? SYSTEM_DRAFTER_NAME : staff!.fullName);
}

async function drafterName(ctx: AppContext, letter: { content: unknown }): Promise<string> {
  const drafter = (letter.content as { draftedByStaffId?: string } | null)?.draftedByStaffId;
  const staff = drafter ? await findStaff(ctx, drafter) : null;
  return staff?.fullName ?? SYSTEM_DRAFTER_NAME;
}
