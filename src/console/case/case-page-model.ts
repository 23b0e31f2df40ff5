// Everything the console's case page shows, for one signed-in staff member: the same view and
// authorisation as the bot's /xem (viewCaseForStaff: out of scope is refused), every clock with how
// it was counted, the routing reason, duplicates, the timeline, letters, and what this person may
// do (actions from the transition table, reply, reveal, letters) — each still checked again by its
// use case when used.
import type { AppContext } from '../../app-context.js';
import {
  REPLY_ROLES,
  applicableRoles,
  authorizeUrgencyChange,
  type CaseScope,
  type StaffPrincipal,
} from '../../cases/case-permissions.js';
import { findSenderIdentityRow, findLatestCaseEvent } from '../../cases/case.repository.js';
import { ZRouteEventDataSchema } from '../../cases/case-scope.js';
import type { CaseAction } from '../../cases/case-transitions.js';
import { isOpenStatus } from '../../cases/case-vocabulary.js';
import { refusalGroundsFor, type RefusalGround } from '../../cases/refusal-grounds.js';
import { checkIdentityReveal, MIN_REVEAL_REASON_CHARS } from '../../cases/reveal-identity.js';
import { caseIdFromCode, viewCaseForStaff, type StaffCaseView } from '../../cases/view-case-for-staff.js';
import { describeCaseClocksOf, type CaseClockLine } from '../../deadlines/describe-case-clocks.js';
import { loadGoverningDeadline, type GoverningDeadline } from '../../deadlines/governing-deadline.js';
import { findOrganizationById } from '../../directory/directory.repository.js';
import { parseOrganizationPolicy } from '../../directory/organization-settings.js';
import { loadActiveStaff } from '../../directory/resolve-staff.js';
import { mayDraftByHand, type CaseLetter } from '../../letters/letter-rules.js';
import { draftingRole, PETITION_FORM_ROLES, signingRole } from '../../letters/letter-signers.js';
import type { LetterKind, LetterStatus } from '../../letters/letter-vocabulary.js';
import { listNotificationStatusesOfCase } from '../../notify/notification.repository.js';
import type { CardTriageFacts } from '../../officer/triage-card.js';
import { loadCardTriageFacts } from '../../triage/card-triage-facts.js';
import {
  findCaseForConsole,
  listActiveUnits,
  listAssignableStaff,
  listCaseEventsForConsole,
  listCaseLettersForConsole,
  listCaseMessagesForConsole,
  type ConsoleCaseRow,
} from './case-page.repository.js';
import { buildTimeline, type TimelineEntry } from './case-timeline.js';
import type { ConsoleLang } from './case-texts.js';

export interface CasePageLetter {
  id: string;
  kind: LetterKind;
  status: LetterStatus;
  number: number | null;
  year: number | null;
  /** This person may sign it now (a head or leader who reaches the case, the letter not yet signed). */
  canSign: boolean;
  /** A draft this person may send again to the signers. */
  canResend: boolean;
  /** A draft this person may hand back to its drafter unsigned (the bot's "↩️ Trả lại"). */
  canReturn: boolean;
}

/**
 * The triage card's part of the page: the stored suggestion and which of its choices this person
 * may make (recordTriageChoice checks each again). Without a suggestion there is nothing to choose
 * from, in the bot as here: the use case refuses a choice on a case that has none.
 */
export interface CasePageTriage {
  facts: CardTriageFacts;
  /** May set the urgency (URGENCY_ROLES); else why not, in Vietnamese. */
  urgency: { offered: true } | { offered: false; why: string };
  /** The suggested kind, when it differs from the case's and this person may reclassify. */
  acceptKind: boolean;
  /** The suggested unit, when it differs from the case's and this person may assign. */
  acceptUnit: boolean;
}

export interface CasePageModel extends StaffCaseView {
  row: ConsoleCaseRow;
  governing: GoverningDeadline | null;
  clocks: CaseClockLine[];
  routing: { rule: string; reason: string } | null;
  timeline: TimelineEntry[];
  letters: CasePageLetter[];
  triage: CasePageTriage | null;
  canReply: boolean;
  /** Whether the reveal form is offered, or why not (Vietnamese, from the policy check). */
  reveal: { offered: true } | { offered: false; why: string };
  /** Letters this person may draft by hand now. */
  draftable: CaseLetter[];
  /** May send the sender the pre-filled đơn (/maudon): a complaint or denunciation without it. */
  petitionForm: boolean;
  /** May set a new due date with the apology (/xinloi): a signer, a clock still counting, no such letter. */
  newDate: boolean;
  /** Choices for the forms of the actions offered. */
  choices: {
    units: { id: string; code: string; name: string }[];
    staff: { id: string; fullName: string }[];
    grounds: RefusalGround[];
  };
}

const HAND_LETTERS: readonly CaseLetter[] = ['thank_you', 'apology'];

export async function loadCasePageByCode(
  ctx: AppContext,
  input: { staffId: string; code: string; lang: ConsoleLang },
): Promise<CasePageModel> {
  const caseId = await caseIdFromCode(ctx, input.code);
  return loadCasePage(ctx, { staffId: input.staffId, caseId, lang: input.lang });
}

/** Throws AppError 'forbidden' (out of scope, with the reason) or 'not_found', like /xem. */
export async function loadCasePage(
  ctx: AppContext,
  input: { staffId: string; caseId: string; lang: ConsoleLang },
): Promise<CasePageModel> {
  const seen = await viewCaseForStaff(ctx, { staffId: input.staffId, caseId: input.caseId });
  const { prisma } = ctx.db;
  const staff = await loadActiveStaff(ctx, input.staffId);
  const row = (await findCaseForConsole(prisma, input.caseId))!;
  const [governing, clocks, route, events, messages, letters, notifications, identity, org, triage] =
    await Promise.all([
      loadGoverningDeadline(prisma, row.id),
      describeCaseClocksOf(ctx, row.organizationId, row.id),
      findLatestCaseEvent(prisma, row.id, 'route'),
      listCaseEventsForConsole(prisma, row.id),
      listCaseMessagesForConsole(prisma, row.id),
      listCaseLettersForConsole(prisma, row.id),
      listNotificationStatusesOfCase(prisma, row.id),
      findSenderIdentityRow(prisma, row.id),
      findOrganizationById(prisma, row.organizationId),
      loadCardTriageFacts(ctx, row.id),
    ]);
  const routeData = route ? ZRouteEventDataSchema.safeParse(route.data) : null;

  const reach = seen.scope;
  const { policy } = parseOrganizationPolicy(org?.settings ?? {});
  // The same pure decision revealSenderIdentity makes, with a placeholder reason: the form is
  // offered only when the reason is all that is missing.
  const check = checkIdentityReveal({
    staff,
    scope: reach,
    kind: row.kind,
    identityMode: row.identityMode,
    identity: identity ? { revealable: identity.revealable } : null,
    allowedRoles: policy.identityRevealRoles,
    reason: 'x'.repeat(MIN_REVEAL_REASON_CHARS),
  });

  const mayDraft = draftingRole(staff, reach) !== null;
  const draftable = mayDraft ? HAND_LETTERS.filter((k) => mayDraftByHand(row, k).ok) : [];
  const actions: CaseAction[] = seen.actions;
  const open = isOpenStatus(row.status);
  const reaching = applicableRoles(staff, reach);
  const reachingRoles = reaching.ok ? reaching.roles : [];
  const urgency = authorizeUrgencyChange(staff, reach);
  const [units, people] = await Promise.all([
    actions.includes('assign') ? listActiveUnits(prisma, row.organizationId) : Promise.resolve([]),
    actions.includes('assign') ? listAssignableStaff(prisma, row.organizationId) : Promise.resolve([]),
  ]);

  return {
    ...seen,
    row,
    governing,
    clocks,
    routing: routeData?.success ? { rule: routeData.data.rule, reason: routeData.data.reason } : null,
    timeline: buildTimeline(
      {
        events,
        messages,
        notifications,
        letters: letters.map((l) => ({ id: l.id, kind: l.kind as LetterKind })),
      },
      input.lang,
    ),
    letters: letters.map((l) => {
      const kind = l.kind as LetterKind;
      const unsigned = l.status === 'draft' || l.status === 'approved';
      return {
        id: l.id,
        kind,
        status: l.status as LetterStatus,
        number: l.number,
        year: l.year,
        canSign: unsigned && signingRole(staff, reach, kind) !== null,
        canResend: l.status === 'draft' && mayDraft,
        canReturn: l.status === 'draft' && signingRole(staff, reach, kind) !== null,
      };
    }),
    triage: triage
      ? {
          facts: triage,
          urgency: urgency.ok ? { offered: true } : { offered: false, why: urgency.message },
          acceptKind: !!triage.kind && triage.kind !== row.kind && actions.includes('reclassify'),
          acceptUnit: !!triage.unitId && triage.unitId !== row.unitId && actions.includes('assign'),
        }
      : null,
    canReply: (isOpenStatus(row.status) || row.status === 'resolved') && replyReaches(staff, reach),
    reveal: check.ok ? { offered: true } : { offered: false, why: check.message },
    draftable,
    petitionForm:
      open &&
      (row.kind === 'complaint' || row.kind === 'denunciation') &&
      !row.petitionReceivedOn &&
      reachingRoles.some((r) => (PETITION_FORM_ROLES as readonly string[]).includes(r)),
    newDate:
      open &&
      signingRole(staff, reach, 'apology_new_date') !== null &&
      clocks.some((c) => c.status !== 'stopped') &&
      !letters.some((l) => l.kind === 'apology_new_date'),
    choices: { units, staff: people, grounds: actions.includes('refuse') ? refusalGroundsFor(row.kind) : [] },
  };
}

/** Whether one of the roles that reach the case may answer the sender (replyToSender's rule). */
function replyReaches(staff: StaffPrincipal, scope: CaseScope): boolean {
  const reach = applicableRoles(staff, scope);
  return reach.ok && reach.roles.some((r) => REPLY_ROLES.includes(r));
}
