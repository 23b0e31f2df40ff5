import { describe, expect, it } from 'vitest';
import { DEFAULT_IDENTITY_REVEAL_ROLES, parseOrganizationPolicy } from './organization-settings.js';

describe('parseOrganizationPolicy', () => {
  it('defaults to leaders revealing identities and the built-in urgent words', () => {
    expect(parseOrganizationPolicy({})).toEqual({
      policy: { identityRevealRoles: DEFAULT_IDENTITY_REVEAL_ROLES, urgentKeywords: null },
      invalidKeys: [],
    });
    expect(parseOrganizationPolicy(null).policy.identityRevealRoles).toEqual(['leader']);
  });

  it('reads the organisation’s own lists', () => {
    const parsed = parseOrganizationPolicy({
      identityRevealRoles: ['leader', 'inspector'],
      urgentKeywords: ['ngất xỉu'],
      internalLimits: [],
    });
    expect(parsed.policy).toEqual({
      identityRevealRoles: ['leader', 'inspector'],
      urgentKeywords: ['ngất xỉu'],
    });
  });

  it('an empty list means nobody may reveal', () => {
    expect(parseOrganizationPolicy({ identityRevealRoles: [] }).policy.identityRevealRoles).toEqual([]);
  });

  it('falls back to the default on a wrong value and reports the key', () => {
    const parsed = parseOrganizationPolicy({ identityRevealRoles: ['everyone'], urgentKeywords: 'cấp cứu' });
    expect(parsed.policy.identityRevealRoles).toEqual(['leader']);
    expect(parsed.policy.urgentKeywords).toBeNull();
    expect(parsed.invalidKeys).toEqual(['identityRevealRoles', 'urgentKeywords']);
  });
});
