// The policy keys of Organization.settings that the directory, routing and identity rules read.
// Other modules read their own keys (internalLimits: deadlines). A key with a wrong value falls back
// to the default and is reported, so one typo in an admin's JSON never opens identities up.
import { z } from 'zod';
import { ZRoleSchema, type Role } from '../cases/case-vocabulary.js';

/** Who may reveal a sender's identity when the organisation says nothing (DOMAIN.md §2.3). */
export const DEFAULT_IDENTITY_REVEAL_ROLES: readonly Role[] = ['leader'];

export interface OrganizationPolicy {
  /** Roles allowed to reveal a sender's identity, on an explicit command with a reason. */
  identityRevealRoles: readonly Role[];
  /** Replaces the default urgent keywords when set (see routing/urgency.ts). */
  urgentKeywords: readonly string[] | null;
}

const ZPolicySchema = {
  identityRevealRoles: z.array(ZRoleSchema).max(7),
  urgentKeywords: z.array(z.string().trim().min(2).max(60)).max(200),
};

export interface ParsedPolicy {
  policy: OrganizationPolicy;
  /** Keys present with a value that could not be used (they fell back to the default). */
  invalidKeys: string[];
}

export function parseOrganizationPolicy(settings: unknown): ParsedPolicy {
  const raw = settings !== null && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
  const invalidKeys: string[] = [];
  const read = <T>(key: keyof typeof ZPolicySchema, schema: z.ZodType<T>): T | undefined => {
    if (raw[key] === undefined) return undefined;
    const parsed = schema.safeParse(raw[key]);
    if (parsed.success) return parsed.data;
    invalidKeys.push(key);
    return undefined;
  };
  const identityRevealRoles = read('identityRevealRoles', ZPolicySchema.identityRevealRoles);
  const urgentKeywords = read('urgentKeywords', ZPolicySchema.urgentKeywords);
  return {
    policy: {
      identityRevealRoles: identityRevealRoles ?? DEFAULT_IDENTITY_REVEAL_ROLES,
      urgentKeywords: urgentKeywords ?? null,
    },
    invalidKeys,
  };
}

/** The rungs above the case's handler that an overdue case climbs (the handler is told first). */
export const ESCALATION_LEVELS = ['unit_head', 'leaders'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export interface EscalationStep {
  level: EscalationLevel;
  /** Working days after the first overdue day (0: that same morning). */
  afterOverdueWorkingDays: number;
}

/** When reminders go out and how far an overdue case climbs; keys `deadlineReminders`, `escalationLadder`. */
export interface DeadlinePolicy {
  /** Due-soon reminders, in working days before the due date (largest first). */
  dueSoonWorkingDays: readonly number[];
  /** Local (Vietnam) time of day for every milestone, 'HH:MM'. */
  remindAt: string;
  /** Ask the head, one working day before the due date, whether to send an apology with a new date. */
  apologyPrompt: boolean;
  escalation: readonly EscalationStep[];
}

/**
 * Product defaults, not legal numbers: two reminders (2 and 1 working days before, matching the
 * "due soon" state of clock.ts), every milestone at 08:00, the head on the first overdue morning and
 * the leaders two working days later.
 */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  dueSoonWorkingDays: [2, 1],
  remindAt: '08:00',
  apologyPrompt: true,
  escalation: [
    { level: 'unit_head', afterOverdueWorkingDays: 0 },
    { level: 'leaders', afterOverdueWorkingDays: 2 },
  ],
};

export const ZDeadlineRemindersSchema = z
  .object({
    dueSoonWorkingDays: z.array(z.number().int().min(1).max(20)).max(5),
    remindAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    apologyPrompt: z.boolean(),
  })
  .partial()
  .strict();

export const ZEscalationLadderSchema = z
  .array(
    z
      .object({
        level: z.enum(ESCALATION_LEVELS),
        afterOverdueWorkingDays: z.number().int().min(0).max(60),
      })
      .strict(),
  )
  .max(ESCALATION_LEVELS.length)
  .refine((steps) => new Set(steps.map((s) => s.level)).size === steps.length, 'each level once');

export function parseDeadlinePolicy(settings: unknown): { policy: DeadlinePolicy; invalidKeys: string[] } {
  const raw = settings !== null && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
  const invalidKeys: string[] = [];
  let policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY;
  if (raw.deadlineReminders !== undefined) {
    const parsed = ZDeadlineRemindersSchema.safeParse(raw.deadlineReminders);
    if (parsed.success) {
      const r = parsed.data;
      policy = {
        ...policy,
        ...(r.dueSoonWorkingDays && {
          dueSoonWorkingDays: [...new Set(r.dueSoonWorkingDays)].sort((a, b) => b - a),
        }),
        ...(r.remindAt && { remindAt: r.remindAt }),
        ...(r.apologyPrompt !== undefined && { apologyPrompt: r.apologyPrompt }),
      };
    } else invalidKeys.push('deadlineReminders');
  }
  if (raw.escalationLadder !== undefined) {
    const parsed = ZEscalationLadderSchema.safeParse(raw.escalationLadder);
    if (parsed.success) policy = { ...policy, escalation: parsed.data };
    else invalidKeys.push('escalationLadder');
  }
  return { policy, invalidKeys };
}
