// Where a case sits for permission checks: its organisation and unit, plus what the routing
// decision in force says about competence (DOMAIN.md §2.5). Routing records its decision as a
// `route` case event; the latest one is in force (a later manual re-route supersedes it).
import { z } from 'zod';
import type { CaseScope } from './case-permissions.js';

export const ROUTE_RULES = ['competence', 'qr_unit', 'routing_rule', 'no_match', 'manual'] as const;
export type RouteRule = (typeof ROUTE_RULES)[number];

export const COMPETENCE_LEVELS = ['organization', 'managing_body'] as const;
/**
 * organization: the case is about the head or a deputy of a unit, so the head of the organisation
 * decides; managing_body: about the head or a deputy of the organisation, so the body above does.
 */
export type CompetenceLevel = (typeof COMPETENCE_LEVELS)[number];

export const ZCompetenceReferralSchema = z.object({
  level: z.enum(COMPETENCE_LEVELS),
  /** The unit whose head or deputy the case is about, when known. */
  accusedUnitId: z.string().nullable(),
  /** The managing body when it is in the system (level managing_body only). */
  managingOrganizationId: z.string().nullable(),
  /** The titles found, as configured ("trưởng khoa"); no names, no text of the case. */
  titles: z.array(z.string()),
  /** A denunciation: its sender must never be revealed to the people it is about. */
  senderProtected: z.boolean(),
});
export type CompetenceReferral = z.infer<typeof ZCompetenceReferralSchema>;

/** CaseEvent.data of action `route`. */
export const ZRouteEventDataSchema = z.looseObject({
  rule: z.enum(ROUTE_RULES),
  reason: z.string(),
  unitId: z.string().nullable().optional(),
  competence: ZCompetenceReferralSchema.optional(),
});
export type RouteEventData = z.infer<typeof ZRouteEventDataSchema>;

/** Reads the competence referral out of a route event's data; unreadable data counts as none. */
export function competenceOf(routeEventData: unknown): CompetenceReferral | null {
  const parsed = ZRouteEventDataSchema.safeParse(routeEventData);
  return parsed.success ? (parsed.data.competence ?? null) : null;
}

export function caseScopeOf(
  subject: { organizationId: string; unitId: string | null },
  routeEventData: unknown,
): CaseScope {
  const competence = competenceOf(routeEventData);
  return {
    organizationId: subject.organizationId,
    unitId: subject.unitId,
    accusedUnitId: competence?.accusedUnitId ?? null,
    managingBody:
      competence?.level === 'managing_body' ? { organizationId: competence.managingOrganizationId } : null,
  };
}

/**
 * The scope from the case row alone: its competence columns say what caseScopeOf reads from the
 * route event in force (competenceColumnsOf wrote them with that event, in its statement).
 */
export function caseScopeOfRow(
  row: { organizationId: string; unitId: string | null } & CaseCompetenceColumns,
): CaseScope {
  return {
    organizationId: row.organizationId,
    unitId: row.unitId,
    accusedUnitId: row.accusedUnitId,
    managingBody:
      row.competenceLevel === 'managing_body' ? { organizationId: row.referredToOrganizationId } : null,
  };
}

/** The competence of a routing decision as the case row keeps it, for permission checks in SQL. */
export interface CaseCompetenceColumns {
  accusedUnitId: string | null;
  competenceLevel: CompetenceLevel | null;
  referredToOrganizationId: string | null;
}

/**
 * What a `route` event's data puts on the case row. Read with competenceOf, like caseScopeOf, so
 * the row and the event can never disagree about who may see the case; every field is written,
 * so a later decision without a referral clears an earlier one.
 */
export function competenceColumnsOf(routeEventData: unknown): CaseCompetenceColumns {
  const competence = competenceOf(routeEventData);
  return {
    accusedUnitId: competence?.accusedUnitId ?? null,
    competenceLevel: competence?.level ?? null,
    referredToOrganizationId:
      competence?.level === 'managing_body' ? competence.managingOrganizationId : null,
  };
}
