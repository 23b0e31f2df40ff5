// The `notify_assignee` effect: whoever must now work the case hears of it on every path (a
// command, a button, the CLI, a sender's reopen). A person named in an assignment gets the card in
// their private chat; a unit gets it in its group (or, without one, the receiving office); a
// reopened case goes back to the person who had it, else to its unit. Keyed by the event, so a
// retried job sends nothing twice.
import type { AppContext } from '../app-context.js';
import { findCaseById } from '../cases/case.repository.js';
import type { CaseAction } from '../cases/case-transitions.js';
import { postCaseCardToStaff, postCaseCards } from './post-case-cards.js';

export interface AssigneeNotice {
  caseId: string;
  eventId: string;
  action: CaseAction;
  unitId?: string;
  assigneeId?: string;
  /** The move was the routing worker's: the unit's card is the new-case card itself. */
  byRouting?: boolean;
}

export async function notifyAssignee(ctx: AppContext, input: AssigneeNotice): Promise<void> {
  // Same dedupe keys as the intake worker's own post: the unit sees one "new case" card, not two.
  if (input.byRouting && !input.assigneeId) {
    await postCaseCards(ctx, input.caseId);
    return;
  }
  const occasion = `event:${input.eventId}`;
  const reopened = input.action === 'reopen';
  const headline = reopened
    ? '🔁 Hồ sơ được mở lại — cần xem xét tiếp'
    : input.assigneeId
      ? '📌 Hồ sơ được giao cho bạn xử lý'
      : '📌 Hồ sơ được giao cho khoa/phòng';
  let reached = false;
  if (input.assigneeId) {
    reached = await postCaseCardToStaff(ctx, input.caseId, input.assigneeId, { occasion, headline });
  }
  if (input.unitId) {
    const posted = await postCaseCards(ctx, input.caseId, { occasion, headline });
    reached ||= posted.unitGroup || posted.staff > 0;
  }
  if (reached) return;
  // Nobody named (a reopen) or the named person cannot be reached: the one on it, else the unit.
  const c = await findCaseById(ctx.db.prisma, input.caseId);
  if (!c) return;
  if (c.assigneeId && c.assigneeId !== input.assigneeId) {
    if (await postCaseCardToStaff(ctx, c.id, c.assigneeId, { occasion, headline })) return;
  }
  await postCaseCards(ctx, c.id, { occasion, headline });
}
