// A case's card as it stands now, for the chat that holds it: in a unit's group the moves of that
// unit (the same principal post-case-cards.ts posts with), so the buttons are the same whoever
// pressed; in a private chat the officer's own moves. A unit that may no longer see the case (it
// went elsewhere) keeps only a line saying so.
import type { AppContext } from '../app-context.js';
import { loadGoverningDeadline } from '../deadlines/governing-deadline.js';
import { availableStaffActions, canViewCase, type StaffPrincipal } from '../cases/case-permissions.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import { redactedCaseView } from '../cases/redacted-case-view.js';
import type { Outbound } from '../dialog/dialog-types.js';
import { findUnitByTelegramChat } from '../directory/link-unit-group.js';
import { loadCardTriageFacts } from '../triage/card-triage-facts.js';
import { buildCaseCard } from './case-card.js';
import { findCaseForCard } from './officer.repository.js';
import { unitPrincipal } from './post-case-cards.js';

export interface CardHolder {
  /** The chat of the card; a group is a unit's group or no one's. */
  conversationId: string;
  inGroup: boolean;
  /** The officer who pressed (the reader of a private chat). */
  staff: StaffPrincipal;
}

export async function refreshedCaseCard(
  ctx: AppContext,
  caseId: string,
  holder: CardHolder,
  headline: string,
): Promise<Outbound> {
  const c = await findCaseForCard(ctx.db.prisma, caseId);
  const { case: subject, scope } = await loadCaseWithScope(ctx, caseId);
  let reader: StaffPrincipal | null = holder.staff;
  if (holder.inGroup) {
    const unit = await findUnitByTelegramChat(ctx, holder.conversationId);
    reader = unit ? unitPrincipal(unit.organizationId, unit.unitId) : null;
  }
  if (!c || !reader || !canViewCase(reader, scope)) {
    return { text: `${headline}\nHồ sơ ${subject.code} không còn thuộc phạm vi của nhóm này.` };
  }
  const triage = await loadCardTriageFacts(ctx, caseId);
  return buildCaseCard(redactedCaseView(subject), {
    unitName: c.unit?.name ?? null,
    organizationName: c.organization.name,
    deadline: await loadGoverningDeadline(ctx.db.prisma, caseId),
    attachmentCount: c._count.attachments,
    actions: availableStaffActions(reader, scope, subject),
    headline,
    ...(triage && { triage }),
  });
}
