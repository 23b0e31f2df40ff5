// Routes a new case: decides its unit (route-decision.ts), flags it urgent when its words say so
// (urgency.ts), records both with their reasons as audit events, then hands the case to the unit
// through the lifecycle (`assign` by the system). Safe to run again: a case already routed is not
// routed twice, and an assignment interrupted by a crash is completed.
import type { AppContext } from '../app-context.js';
import { AppError, isAppError } from '../core/app-error.js';
import { isUuid } from '../core/ids.js';
import type { Prisma } from '../db/generated/client.js';
import {
  applyCaseAction,
  type ApplyCaseActionInput,
  type ApplyCaseActionResult,
} from '../cases/case-lifecycle.service.js';
import { findLatestCaseEvent } from '../cases/case.repository.js';
import { ZRouteEventDataSchema, type RouteEventData } from '../cases/case-scope.js';
import type { CaseEffect } from '../cases/case-transitions.js';
import type { EventFacts } from '../cases/run-case-effects.js';
import { directoryCache } from '../directory/directory-cache.js';
import { parseOrganizationPolicy } from '../directory/organization-settings.js';
import { decideRoute, type RouteDecision } from './route-decision.js';
import {
  findCaseForRouting,
  findOrganizationForRouting,
  listRoutingRules,
  listUnitsOfOrganization,
  recordRouting,
  routingColumnsOf,
  type RoutingRecord,
} from './routing.repository.js';
import { DEFAULT_URGENT_KEYWORDS, detectUrgency } from './urgency.js';

export interface RouteCaseResult {
  caseId: string;
  /**
   * routed: decided now; already_routed: decided before (the decision in force is returned);
   * skipped: an officer took the case out of `received` before routing ran, so it is left alone.
   */
  status: 'routed' | 'already_routed' | 'skipped';
  decision: RouteEventData | null;
  /** True when this call flagged the case urgent (notify the officer on duty and the head). */
  flaggedUrgent: boolean;
  urgentKeywords: string[];
  /** True when the case was handed to a unit by this call. */
  assigned: boolean;
  /** Effects of the assignment for the caller to act on (notify the unit). */
  effects: readonly CaseEffect[];
  /** The assignment's audit event as written, when this call assigned the case. */
  assignmentEvent?: EventFacts;
  /** The case as the assignment left it, when this call assigned it in one statement (decision 0099). */
  caseRow?: CaseRow;
}

export interface RouteCaseOptions {
  /**
   * The caller posts the case's cards itself once routing is done (the intake worker, after
   * triage): the assignment's job then does not post the same cards again (decision 0074).
   */
  callerPostsCards?: boolean;
  /**
   * The caller runs the assignment's after-commit effects itself (runCaseEffects with
   * `assignmentEvent`) instead of a `cases.run-effects` job: the intake worker (decision 0085).
   */
  callerRunsEffects?: boolean;
  /**
   * The case as the caller made it in this very call (the intake job's first run, decision 0084):
   * it is not read again, and while it is still `received` it has no route event, so none is looked
   * for. Were the case moved or routed meanwhile (a router racing between its route event and its
   * assignment), the version-guarded write below fails and the routing in force is reported, as
   * for any concurrent move.
   */
  justMade?: CaseRow;
}

type CaseRow = NonNullable<ApplyCaseActionInput['current']>;

export async function routeCase(
  ctx: AppContext,
  caseId: string,
  options: RouteCaseOptions = {},
): Promise<RouteCaseResult> {
  const { prisma } = ctx.db;
  const subject =
    options.justMade?.id === caseId
      ? options.justMade
      : isUuid(caseId)
        ? await findCaseForRouting(prisma, caseId)
        : null;
  if (!subject) throw new AppError('not_found', 'Không tìm thấy hồ sơ.');

  // A new case still in the inbox has no route event; one already moved may have been routed by
  // another caller (reception, hotline) meanwhile, so that one is looked for.
  const previous =
    options.justMade && subject.status === 'received'
      ? null
      : await findLatestCaseEvent(prisma, subject.id, 'route');
  if (previous) return completePrevious(ctx, subject, previous.data, options);
  if (subject.status !== 'received') return result(subject.id, 'skipped', null);

  // What routing reads of the organisation changes rarely: from memory (decision 0041).
  const directory = await directoryCache(ctx).read(`routing:${subject.organizationId}`, async () => {
    const organization = await findOrganizationForRouting(prisma, subject.organizationId);
    if (!organization) return null;
    const [units, rules] = await Promise.all([
      listUnitsOfOrganization(prisma, organization.id),
      listRoutingRules(prisma, organization.id),
    ]);
    return { org: organization, units, rules };
  });
  if (!directory) throw new AppError('internal', 'Hồ sơ không gắn với đơn vị nào.');
  const { org, units, rules } = directory;
  const { policy, invalidKeys } = parseOrganizationPolicy(org.settings);
  if (invalidKeys.length) {
    ctx.logger.warn({ organizationId: org.id, invalidKeys }, 'organisation settings: invalid keys ignored');
  }
  const decision = decideRoute(subject, { organization: org, units, rules });
  const urgency = detectUrgency(subject.description, policy.urgentKeywords ?? DEFAULT_URGENT_KEYWORDS);
  const flagUrgent = urgency.urgent && subject.urgency !== 'urgent';

  const data = routeEventData(decision);
  const record: RoutingRecord = {
    caseId: subject.id,
    version: subject.version,
    requireReceived: true,
    route: { data: data as Prisma.InputJsonValue, reason: decision.reason },
    urgentKeywords: flagUrgent ? urgency.keywords : null,
    at: ctx.clock.now(),
  };
  const written = await recordRouting(prisma, record);
  if (!written) {
    // Someone else routed or moved the case meanwhile; report what is in force now.
    const now = await findCaseForRouting(prisma, subject.id);
    const theirs = now ? await findLatestCaseEvent(prisma, subject.id, 'route') : null;
    if (now && theirs) return completePrevious(ctx, now, theirs.data, options);
    return result(subject.id, 'skipped', null);
  }
  ctx.logger.info(
    { caseId: subject.id, rule: decision.rule, unitId: decision.unitId, urgent: flagUrgent },
    'case routed',
  );
  // The decision bumped the version by one; anyone moving the case after that wins over us. A case
  // in hand is not read again by the assignment: it is as routing left it (decision 0093).
  const routed: CaseRow | undefined = options.justMade && {
    ...options.justMade,
    ...routingColumnsOf(record),
    version: written.version,
    updatedAt: written.updatedAt,
  };
  const assignment = decision.unitId
    ? await assign(ctx, subject.id, decision.unitId, decision.reason, written.version, options, routed)
    : null;
  return {
    ...result(subject.id, 'routed', data),
    flaggedUrgent: flagUrgent,
    urgentKeywords: flagUrgent ? urgency.keywords : [],
    assigned: !!assignment,
    effects: assignment?.effects ?? [],
    ...(assignment && { assignmentEvent: assignment.event }),
    ...(assignment?.caseRow && { caseRow: assignment.caseRow }),
  };
}

/** The event data of a decision: its rule and reason, and ids only (no text of the case). */
export function routeEventData(decision: RouteDecision): RouteEventData {
  return {
    rule: decision.rule,
    reason: decision.reason,
    unitId: decision.unitId,
    ...(decision.routingRuleId ? { routingRuleId: decision.routingRuleId } : {}),
    ...(decision.matchedKeywords?.length ? { matchedKeywords: decision.matchedKeywords } : {}),
    ...(decision.competence ? { competence: decision.competence } : {}),
  };
}

async function completePrevious(
  ctx: AppContext,
  subject: { id: string; status: string; version: number },
  raw: unknown,
  options: RouteCaseOptions,
): Promise<RouteCaseResult> {
  const parsed = ZRouteEventDataSchema.safeParse(raw);
  const decision = parsed.success ? parsed.data : null;
  // Decided, but the process stopped before the assignment (or another worker is assigning right
  // now): finish it, unless the case moved meanwhile.
  if (decision?.unitId && subject.status === 'received') {
    const assignment = await assign(
      ctx,
      subject.id,
      decision.unitId,
      decision.reason,
      subject.version,
      options,
    );
    if (assignment) {
      return {
        ...result(subject.id, 'already_routed', decision),
        assigned: true,
        effects: assignment.effects,
        assignmentEvent: assignment.event,
      };
    }
  }
  return result(subject.id, 'already_routed', decision);
}

/**
 * Assigns by the system at a known version; null when someone else moved the case first. `written`:
 * the case as routing just wrote it, so the move need not read it again.
 */
async function assign(
  ctx: AppContext,
  caseId: string,
  unitId: string,
  reason: string,
  expectedVersion: number,
  options: RouteCaseOptions,
  written?: ApplyCaseActionInput['current'],
): Promise<ApplyCaseActionResult | null> {
  try {
    return await applyCaseAction(ctx, {
      caseId,
      action: 'assign',
      actor: { type: 'system' },
      params: { unitId, reason },
      expectedVersion,
      ...(written && { current: written }),
      ...(options.callerPostsCards && { effectsByCaller: ['notify_assignee'] }),
      ...(options.callerRunsEffects && { callerRunsEffects: true }),
    });
  } catch (err) {
    if (isAppError(err) && err.code === 'conflict') return null;
    throw err;
  }
}

function result(
  caseId: string,
  status: RouteCaseResult['status'],
  decision: RouteEventData | null,
): RouteCaseResult {
  return { caseId, status, decision, flaggedUrgent: false, urgentKeywords: [], assigned: false, effects: [] };
}
