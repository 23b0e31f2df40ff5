// Posts a case's card where officers will see it, through the notify outbox:
// - to the Telegram group of the case's unit, with the moves a handler or the head of that unit
//   could make; or, when the case has no unit (or its unit may not see it: competence), to the
//   receiving officers (organisation-wide `receiver` with a bound Telegram account);
// - an urgent case also to the hotline officers on duty and the heads of the unit.
// Every recipient is checked with canViewCase first; dedupe keys make a second call a no-op.
import type { AppContext } from '../app-context.js';
import type { ClockRow } from '../deadlines/clock.repository.js';
import { governingDeadlineOf, loadGoverningDeadline } from '../deadlines/governing-deadline.js';
import { availableStaffActions, canViewCase, type StaffPrincipal } from '../cases/case-permissions.js';
import { caseScopeOfRow } from '../cases/case-scope.js';
import { redactedCaseView } from '../cases/redacted-case-view.js';
import type { ConversationRef, Outbound } from '../dialog/dialog-types.js';
import { findStaff, listStaffOnTelegramWithRole } from '../directory/resolve-staff.js';
import { whoIsOnDuty } from '../hotline/duty-roster.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { cardTriageFactsOf, loadCardTriageFacts } from '../triage/card-triage-facts.js';
import type { NewTriageSuggestion } from '../triage/triage.repository.js';
import { buildCaseCard } from './case-card.js';
import { directoryCache } from '../directory/directory-cache.js';
import { findCaseRowForCard, findOrganizationForCard, findUnitForCard } from './officer.repository.js';

export interface PostedCards {
  unitGroup: boolean;
  staff: number;
  urgentStaff: number;
}

export interface PostCardsOptions {
  /** Distinguishes a later card (after a re-assignment) from the first one; absent for a new case. */
  occasion?: string;
  headline?: string;
  /**
   * What the intake job wrote of the case it made in this run (decision 0084): its clocks, and the
   * suggestion it stored (null: none). A new case has no officer's choice yet. Not read back.
   */
  justMade?: {
    clocks: readonly ClockRow[];
    suggestion: NewTriageSuggestion | null;
    /** The case as routing's assignment left it, with its files counted (decision 0099). */
    case?: CaseRowForCard;
  };
}

type CaseRowForCard = NonNullable<Awaited<ReturnType<typeof findCaseRowForCard>>>;

const tg = (conversationId: string): ConversationRef => ({ channel: 'telegram', conversationId });

/** A unit's group as a principal: what a handler and the head of that unit may see and do. */
export const unitPrincipal = (organizationId: string, unitId: string): StaffPrincipal => ({
  id: `unit:${unitId}`,
  organizationId,
  roles: [
    { role: 'handler', unitId },
    { role: 'unit_head', unitId },
  ],
});

/**
 * The case as findCaseForCard gives it, with its unit (and group) and organisation from memory
 * (decision 0041): binding a group (`/ganphong`) drops this process's cache at once, another
 * process's change is seen within DIRECTORY_CACHE_CHECK_MS.
 */
async function readCaseForCard(ctx: AppContext, caseId: string, inHand?: CaseRowForCard) {
  const { prisma } = ctx.db;
  const row = inHand?.id === caseId ? inHand : await findCaseRowForCard(prisma, caseId);
  if (!row) return null;
  const { unit, organization } = await unitAndOrganizationOf(ctx, row);
  // The foreign key keeps the organisation; a case whose rows vanished meanwhile has no card.
  if (!organization) return null;
  return { ...row, unit, organization };
}

/** A case's unit and organisation as its card shows them, from memory (decision 0041). */
export async function unitAndOrganizationOf(
  ctx: AppContext,
  row: { unitId: string | null; organizationId: string },
) {
  const { prisma } = ctx.db;
  const cache = directoryCache(ctx);
  const unitId = row.unitId;
  const [unit, organization] = await Promise.all([
    unitId ? cache.read(`card-unit:${unitId}`, () => findUnitForCard(prisma, unitId)) : null,
    cache.read(`card-organization:${row.organizationId}`, () =>
      findOrganizationForCard(prisma, row.organizationId),
    ),
  ]);
  return { unit, organization };
}

/** What posting a case's card needs: the case, its scope, and the card a principal should see. */
async function prepareCards(ctx: AppContext, caseId: string, options: PostCardsOptions) {
  const c = await readCaseForCard(ctx, caseId, options.justMade?.case);
  if (!c) return null;
  const subject = c;
  const scope = caseScopeOfRow(c);
  const view = redactedCaseView(subject);
  const urgent = c.urgency === 'urgent';
  const headline = options.headline ?? (urgent ? '🚨 Hồ sơ KHẨN' : '🆕 Hồ sơ mới');
  const made = options.justMade;
  const deadline = made
    ? governingDeadlineOf(made.clocks)
    : await loadGoverningDeadline(ctx.db.prisma, caseId);
  const triage = made
    ? made.suggestion
      ? await cardTriageFactsOf(ctx, made.suggestion, null)
      : undefined
    : await loadCardTriageFacts(ctx, caseId);
  const cardFor = (principal: StaffPrincipal): Outbound =>
    buildCaseCard(view, {
      unitName: c.unit?.name ?? null,
      organizationName: c.organization.name,
      deadline,
      attachmentCount: c._count.attachments,
      actions: availableStaffActions(principal, scope, subject),
      headline,
      ...(triage && { triage }),
    });
  const post = (recipient: ConversationRef, content: Outbound, key: string) =>
    enqueueNotification(ctx, { caseId: c.id, channel: 'telegram', recipient, content, dedupeKey: key });
  return { c, scope, urgent, cardFor, post };
}

/**
 * The card of a case sent to one staff member in their private chat (a case assigned to them by
 * name, or reopened while it was theirs); false when they cannot be reached or may not see it.
 */
export async function postCaseCardToStaff(
  ctx: AppContext,
  caseId: string,
  staffId: string,
  options: PostCardsOptions & { occasion: string },
): Promise<boolean> {
  const prepared = await prepareCards(ctx, caseId, options);
  const staff = await findStaff(ctx, staffId);
  if (!prepared || !staff?.active || !staff.telegramUserId || !canViewCase(staff, prepared.scope))
    return false;
  await prepared.post(
    tg(staff.telegramUserId),
    prepared.cardFor(staff),
    `case:${caseId}:card:staff:${staff.id}:${options.occasion}`,
  );
  return true;
}

export async function postCaseCards(
  ctx: AppContext,
  caseId: string,
  options: PostCardsOptions = {},
): Promise<PostedCards> {
  const prepared = await prepareCards(ctx, caseId, options);
  if (!prepared) return { unitGroup: false, staff: 0, urgentStaff: 0 };
  const { c, scope, urgent, cardFor, post } = prepared;
  const suffix = options.occasion ? `:${options.occasion}` : '';
  const result: PostedCards = { unitGroup: false, staff: 0, urgentStaff: 0 };
  const notified = new Set<string>();

  const unitGroup =
    c.unit?.telegramChatId && c.unit.active ? unitPrincipal(c.organizationId, c.unit.id) : null;
  if (unitGroup && canViewCase(unitGroup, scope)) {
    await post(
      tg(c.unit!.telegramChatId!),
      cardFor(unitGroup),
      `case:${c.id}:card:unit:${c.unit!.id}${suffix}`,
    );
    result.unitGroup = true;
  } else {
    // No unit group that may see it: the receiving office triages it.
    const receivers = await listStaffOnTelegramWithRole(ctx, {
      organizationId: c.organizationId,
      role: 'receiver',
      unitId: null,
    });
    for (const staff of receivers) {
      if (!canViewCase(staff, scope)) continue;
      await post(tg(staff.telegramUserId!), cardFor(staff), `case:${c.id}:card:staff:${staff.id}${suffix}`);
      notified.add(staff.id);
      result.staff++;
    }
  }

  if (urgent && !options.occasion) {
    const onDuty = await whoIsOnDuty(ctx, c.organizationId);
    const heads = c.unit
      ? await listStaffOnTelegramWithRole(ctx, {
          organizationId: c.organizationId,
          role: 'unit_head',
          unitId: c.unit.id,
        })
      : [];
    const targets = [
      ...onDuty
        .filter((o) => o.telegramUserId)
        .map((o) => ({ id: o.staffId, telegramUserId: o.telegramUserId!, member: undefined })),
      ...heads.map((h) => ({ id: h.id, telegramUserId: h.telegramUserId!, member: h })),
    ];
    for (const t of targets) {
      if (notified.has(t.id)) continue;
      notified.add(t.id);
      const staff = t.member ?? (await findStaff(ctx, t.id));
      if (!staff || !canViewCase(staff, scope)) continue;
      await post(tg(t.telegramUserId), cardFor(staff), `case:${c.id}:urgent:staff:${t.id}`);
      result.urgentStaff++;
    }
  }
  ctx.logger.info({ caseId: c.id, ...result }, 'case cards queued');
  return result;
}
