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
