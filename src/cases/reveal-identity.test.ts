import { describe, expect, it } from 'vitest';
import type { CaseScope, StaffPrincipal } from './case-permissions.js';
import { checkIdentityReveal, type RevealCheckInput } from './reveal-identity.js';

const ORG = 'org';
const leader: StaffPrincipal = { id: 'l', organizationId: ORG, roles: [{ role: 'leader', unitId: null }] };
const scope: CaseScope = { organizationId: ORG, unitId: 'u1' };

const check = (over: Partial<RevealCheckInput>) =>
  checkIdentityReveal({
    staff: leader,
    scope,
    kind: 'complaint',
    identityMode: 'named',
    identity: { revealable: true },
    allowedRoles: ['leader'],
    reason: 'Cần liên hệ xác minh nội dung khiếu nại',
    ...over,
  });

describe('checkIdentityReveal', () => {
  it('allows a role in the policy, with a reason', () => {
    expect(check({})).toEqual({ ok: true, role: 'leader' });
  });

  it.each(['sealed', 'no_trace'] as const)('never reveals a %s sender, whoever asks', (identityMode) => {
    expect(check({ identityMode })).toMatchObject({ ok: false, code: 'not_revealable' });
  });

  it('never reveals an identity stored as not revealable', () => {
    expect(check({ identity: { revealable: false } })).toMatchObject({ ok: false, code: 'not_revealable' });
  });

  it('says when there is no identity to reveal', () => {
    expect(check({ identityMode: 'anonymous', identity: null })).toMatchObject({
      ok: false,
      code: 'no_identity',
    });
  });

  it('refuses roles outside the policy, naming who may', () => {
    const receiver: StaffPrincipal = { ...leader, roles: [{ role: 'receiver', unitId: null }] };
    const refused = check({ staff: receiver });
    expect(refused).toMatchObject({ ok: false, code: 'role_not_allowed' });
    if (!refused.ok) expect(refused.message).toContain('Lãnh đạo');
    expect(check({ staff: receiver, allowedRoles: ['leader', 'receiver'] })).toEqual({
      ok: true,
      role: 'receiver',
    });
    expect(check({ allowedRoles: [] })).toMatchObject({ ok: false, code: 'role_not_allowed' });
  });

  it('refuses anyone the case is out of scope for, even in the policy', () => {
    const other: StaffPrincipal = {
      id: 'o',
      organizationId: 'other',
      roles: [{ role: 'leader', unitId: null }],
    };
    expect(check({ staff: other })).toMatchObject({ ok: false, code: 'out_of_scope' });
  });

  it('needs a real reason', () => {
    expect(check({ reason: '   ' })).toMatchObject({ ok: false, code: 'reason_required' });
    expect(check({ reason: 'xem' })).toMatchObject({ ok: false, code: 'reason_required' });
  });

  describe('a denunciation', () => {
    const head: StaffPrincipal = {
      id: 'h',
      organizationId: ORG,
      roles: [
        { role: 'unit_head', unitId: 'u1' },
        { role: 'leader', unitId: null },
      ],
    };

    it('is never revealed to anyone holding a role in the unit it is about', () => {
      expect(check({ kind: 'denunciation', staff: head })).toMatchObject({ ok: false, code: 'accused_unit' });
      expect(check({ kind: 'complaint', staff: head })).toEqual({ ok: true, role: 'leader' });
    });

    it('nor in the unit routing found accused', () => {
      const accused: CaseScope = { organizationId: ORG, unitId: null, accusedUnitId: 'u1' };
      const inUnit: StaffPrincipal = {
        ...leader,
        roles: [...leader.roles, { role: 'handler', unitId: 'u1' }],
      };
      expect(check({ kind: 'denunciation', scope: accused, staff: inUnit }).ok).toBe(false);
    });

    it('nor to anyone of an organisation whose head it is about, but to the managing body’s leader', () => {
      const referred: CaseScope = {
        organizationId: ORG,
        unitId: null,
        managingBody: { organizationId: 'parent' },
      };
      const ownReceiver: StaffPrincipal = {
        id: 'r',
        organizationId: ORG,
        roles: [{ role: 'receiver', unitId: null }],
      };
      expect(
        check({ kind: 'denunciation', scope: referred, staff: ownReceiver, allowedRoles: ['receiver'] }),
      ).toMatchObject({
        ok: false,
        code: 'accused_unit',
      });
      const parentLeader: StaffPrincipal = {
        id: 'p',
        organizationId: 'parent',
        roles: [{ role: 'leader', unitId: null }],
      };
      expect(check({ kind: 'denunciation', scope: referred, staff: parentLeader })).toEqual({
        ok: true,
        role: 'leader',
      });
    });

    it('is revealed to a leader outside the unit', () => {
      expect(check({ kind: 'denunciation' })).toEqual({ ok: true, role: 'leader' });
    });
  });
});
