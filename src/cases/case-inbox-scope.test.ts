import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLocalDate } from '../calendar/local-date.js';
import {
  caseVisibilityBranches,
  caseVisibilityWhere,
  decodeInboxCursor,
  encodeInboxCursor,
  mergeInboxParts,
} from './case-inbox-scope.js';

describe('inbox cursor', () => {
  it('round-trips a due date and id in 24 URL-safe characters', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.option(fc.date({ min: new Date('2020-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })),
        (id, date) => {
          const dueOn = date ? parseLocalDate(date.toISOString().slice(0, 10)) : null;
          const token = encodeInboxCursor({ id, dueOn });
          expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
          expect(decodeInboxCursor(token)).toEqual({ id: id.toLowerCase(), dueOn });
        },
      ),
    );
  });

  it('reads anything else as no cursor', () => {
    for (const token of ['', 'abc', 'x'.repeat(25), '!'.repeat(24)])
      expect(decodeInboxCursor(token)).toBeNull();
  });
});

describe('caseVisibilityWhere', () => {
  it('matches nothing for a staff member whose roles reach no case', () => {
    expect(
      caseVisibilityWhere({ id: 's', organizationId: 'o', roles: [{ role: 'handler', unitId: null }] }),
    ).toEqual({ id: { in: [] } });
  });

  it('reaches the whole organisation for an org-wide receiver outside any unit', () => {
    expect(
      caseVisibilityWhere({ id: 's', organizationId: 'o', roles: [{ role: 'receiver', unitId: null }] }),
    ).toEqual({ organizationId: 'o' });
  });
});

describe('caseVisibilityBranches: oversight (decision 0069)', () => {
  it('adds one branch, the organisations below, for an org-wide inspector', () => {
    expect(
      caseVisibilityBranches({
        id: 's',
        organizationId: 'so',
        organizationsBelow: ['p', 'h'],
        roles: [{ role: 'inspector', unitId: null }],
      }),
    ).toEqual([{ organizationId: 'so' }, { organizationId: { in: ['p', 'h'] } }]);
  });

  it('leaves out, for a leader, what the referral branch lists, NULL columns included', () => {
    const branches = caseVisibilityBranches({
      id: 's',
      organizationId: 'so',
      organizationsBelow: ['p'],
      roles: [{ role: 'leader', unitId: null }],
    });
    expect(branches).toHaveLength(3);
    expect(branches[2]).toEqual({
      organizationId: { in: ['p'] },
      AND: [
        {
          OR: [
            { competenceLevel: null },
            { NOT: { competenceLevel: 'managing_body' } },
            { referredToOrganizationId: null },
            { NOT: { referredToOrganizationId: 'so' } },
          ],
        },
      ],
    });
  });

  it('adds nothing for roles that do not oversee, nor for an oversight role held for a unit', () => {
    for (const roles of [[{ role: 'receiver', unitId: null }], [{ role: 'leader', unitId: 'u' }]] as const) {
      const branches = caseVisibilityBranches({
        id: 's',
        organizationId: 'so',
        organizationsBelow: ['p'],
        roles,
      });
      expect(JSON.stringify(branches)).not.toContain('"p"');
    }
  });
});

describe('mergeInboxParts', () => {
  const row = (id: string, day: string | null) => ({
    id,
    governingDueOn: day ? new Date(`${day}T00:00:00Z`) : null,
  });
  const a = row('00000000-0000-4000-8000-00000000000a', '2026-03-01');
  const b = row('00000000-0000-4000-8000-00000000000b', '2026-03-01');
  const c = row('00000000-0000-4000-8000-00000000000c', '2026-02-01');
  const none = row('00000000-0000-4000-8000-000000000001', null);

  it('merges the parts by due date, then id, cases without a due date last, up to `take`', () => {
    expect(
      mergeInboxParts(
        [
          [c, b],
          [a, none],
        ],
        'after',
        4,
      ),
    ).toEqual([c, a, b, none]);
    expect(
      mergeInboxParts(
        [
          [c, b],
          [a, none],
        ],
        'after',
        2,
      ),
    ).toEqual([c, a]);
  });

  it('merges pages read backwards nearest first', () => {
    expect(
      mergeInboxParts(
        [
          [none, b],
          [a, c],
        ],
        'before',
        3,
      ),
    ).toEqual([none, b, a]);
  });
});
