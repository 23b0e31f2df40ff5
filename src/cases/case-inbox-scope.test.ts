import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLocalDate } from '../calendar/local-date.js';
import { caseVisibilityWhere, decodeInboxCursor, encodeInboxCursor } from './case-inbox-scope.js';

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
