import { describe, expect, it } from 'vitest';
import {
  applicableRoles,
  authorizeAssignTarget,
  authorizeCaseAction,
  authorizeCaseView,
  authorizeUrgencyChange,
  availableStaffActions,
  canViewCase,
  caseReach,
  reachActs,
  OVERSIGHT_ONLY_MESSAGE,
  type CaseScope,
  type StaffPrincipal,
  type StaffRoleGrant,
} from './case-permissions.js';
import { CASE_ACTIONS, type CaseAction, type CaseState } from './case-transitions.js';
import { ROLES, type Role } from './case-vocabulary.js';

const ORG = 'org-a';
const PARENT = 'org-parent';
const OTHER_ORG = 'org-b';
const U1 = 'unit-1';
const U2 = 'unit-2';

// Written out by hand from the transition table's role choices, so a change to either shows here.
const ALLOWED: Record<Role, readonly CaseAction[]> = {
  admin: ['close', 'reopen', 'note'],
  receiver: [
    'accept',
    'refuse',
    'forward',
    'guide',
    'merge',
    'withdraw',
    'assign',
    'reclassify',
    'record_petition_document',
    'correct_petition_date',
    'note',
  ],
  // Accepting and extending are the handler's only for some kinds (the kind-specific cases below).
  handler: ['start', 'resolve', 'pause', 'resume', 'note'],
  unit_head: [
    'accept',
    'refuse',
    'withdraw',
    'assign',
    'start',
    'resolve',
    'pause',
    'resume',
    'correct_petition_date',
    'extend',
    'note',
  ],
  leader: CASE_ACTIONS,
  inspector: [],
  hotline: ['note'],
};

type ScopeName = 'own unit' | 'other unit' | 'no unit' | 'other org';
const SCOPES: Record<ScopeName, CaseScope> = {
  'own unit': { organizationId: ORG, unitId: U1 },
  'other unit': { organizationId: ORG, unitId: U2 },
  'no unit': { organizationId: ORG, unitId: null },
  'other org': { organizationId: OTHER_ORG, unitId: 'unit-x' },
};

/** Each role held the ordinary way: handler and unit_head for U1, the others org-wide. */
function staffWith(
  role: Role,
  unitId: string | null = role === 'handler' || role === 'unit_head' ? U1 : null,
) {
  return staff(ORG, [{ role, unitId }]);
}

function staff(organizationId: string, roles: StaffRoleGrant[]): StaffPrincipal {
  return { id: `s-${roles.map((r) => r.role).join('-')}`, organizationId, roles };
}

const REACHES: Record<Role, readonly ScopeName[]> = {
  handler: ['own unit'],
  unit_head: ['own unit'],
  receiver: ['own unit', 'other unit', 'no unit'],
  leader: ['own unit', 'other unit', 'no unit'],
  admin: ['own unit', 'other unit', 'no unit'],
  inspector: ['own unit', 'other unit', 'no unit'],
  hotline: ['own unit', 'other unit', 'no unit'],
};

const MATRIX = ROLES.flatMap((role) =>
  CASE_ACTIONS.flatMap((action) =>
    (Object.keys(SCOPES) as ScopeName[]).map((scope) => ({ role, action, scope })),
  ),
);

describe('authorizeCaseAction: every role × action × scope', () => {
  it('covers 7 roles × 18 actions × 4 scopes', () => {
    expect(MATRIX).toHaveLength(7 * 18 * 4);
  });

  it.each(MATRIX)('$role · $action · $scope', ({ role, action, scope }) => {
    const result = authorizeCaseAction(staffWith(role), SCOPES[scope], action);
    const reaches = REACHES[role].includes(scope);
    const allowed = ALLOWED[role].includes(action);
    if (reaches && allowed) {
      expect(result).toEqual({ ok: true, role });
    } else {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe(reaches ? 'role_not_allowed' : 'out_of_scope');
      expect(result.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/);
    }
  });
});

describe('canViewCase: every role × scope', () => {
  const cases = ROLES.flatMap((role) =>
    (Object.keys(SCOPES) as ScopeName[]).map((scope) => ({ role, scope })),
  );
  it.each(cases)('$role · $scope', ({ role, scope }) => {
    expect(canViewCase(staffWith(role), SCOPES[scope])).toBe(REACHES[role].includes(scope));
  });

  it('lets the People’s Inspection Board see every case of its organisation and do nothing', () => {
    const inspector = staffWith('inspector');
    expect(authorizeCaseView(inspector, SCOPES['other unit'])).toEqual({
      ok: true,
      role: 'inspector',
      reach: 'member',
    });
    expect(CASE_ACTIONS.some((a) => authorizeCaseAction(inspector, SCOPES['other unit'], a).ok)).toBe(false);
  });
});

describe('authorizeUrgencyChange', () => {
  // Written out by hand: whoever works, triages or takes calls; not the read-only board nor admin.
  const SETS_URGENCY: Record<Role, boolean> = {
    admin: false,
    receiver: true,
    handler: true,
    unit_head: true,
    leader: true,
    inspector: false,
    hotline: true,
  };
  it.each(ROLES)('%s on a case of its own unit', (role) => {
    const result = authorizeUrgencyChange(staffWith(role), SCOPES['own unit']);
    expect(result.ok).toBe(SETS_URGENCY[role]);
    if (!result.ok) expect(result.message).toMatch(/^Với vai trò .+, bạn không có quyền đổi mức độ khẩn/);
  });

  it('refuses out of scope with the scope’s own reason', () => {
    expect(authorizeUrgencyChange(staffWith('handler'), SCOPES['other unit'])).toMatchObject({
      ok: false,
      code: 'out_of_scope',
    });
  });
});

describe('roles held for a unit, or without one', () => {
  it.each(['receiver', 'leader', 'admin', 'inspector', 'hotline'] as const)(
    'an org-wide kind of role held for one unit (%s@unit-1) reaches that unit only',
    (role) => {
      const s = staffWith(role, U1);
      expect(canViewCase(s, SCOPES['own unit'])).toBe(true);
      expect(canViewCase(s, SCOPES['other unit'])).toBe(false);
      expect(canViewCase(s, SCOPES['no unit'])).toBe(false);
      expect(canViewCase(s, SCOPES['other org'])).toBe(false);
    },
  );

  it.each(['handler', 'unit_head'] as const)('%s held without a unit reaches no case', (role) => {
    const s = staffWith(role, null);
    for (const scope of Object.values(SCOPES)) expect(canViewCase(s, scope)).toBe(false);
  });

  it('a unit role never reaches the same unit id in another organisation', () => {
    const s = staffWith('handler', 'shared-id');
    expect(canViewCase(s, { organizationId: OTHER_ORG, unitId: 'shared-id' })).toBe(false);
  });
});

describe('which of my roles applies', () => {
  const both = staff(ORG, [
    { role: 'handler', unitId: U1 },
    { role: 'leader', unitId: null },
  ]);

  it('takes the unit role in its unit, the org-wide one elsewhere', () => {
    expect(authorizeCaseAction(both, SCOPES['own unit'], 'resolve')).toEqual({ ok: true, role: 'handler' });
    expect(authorizeCaseAction(both, SCOPES['other unit'], 'resolve')).toEqual({ ok: true, role: 'leader' });
  });

  it('falls back to a more powerful role only for what the lesser one may not do', () => {
    expect(authorizeCaseAction(both, SCOPES['own unit'], 'close')).toEqual({ ok: true, role: 'leader' });
    expect(authorizeCaseAction(both, SCOPES['own unit'], 'note')).toEqual({ ok: true, role: 'handler' });
  });

  it('prefers unit_head over receiver for a head who also triages', () => {
    const s = staff(ORG, [
      { role: 'receiver', unitId: null },
      { role: 'unit_head', unitId: U1 },
    ]);
    expect(authorizeCaseAction(s, SCOPES['own unit'], 'accept')).toEqual({ ok: true, role: 'unit_head' });
    expect(authorizeCaseAction(s, SCOPES['other unit'], 'accept')).toEqual({ ok: true, role: 'receiver' });
    expect(authorizeCaseAction(s, SCOPES['own unit'], 'forward')).toEqual({ ok: true, role: 'receiver' });
  });

  it('lists the roles reaching a case once, least powerful first', () => {
    const s = staff(ORG, [
      { role: 'leader', unitId: null },
      { role: 'receiver', unitId: U1 },
      { role: 'receiver', unitId: null },
      { role: 'handler', unitId: U1 },
    ]);
    expect(applicableRoles(s, SCOPES['own unit'])).toEqual({
      ok: true,
      roles: ['handler', 'receiver', 'leader'],
    });
  });

  it('a staff member without roles reaches nothing', () => {
    expect(authorizeCaseView(staff(ORG, []), SCOPES['no unit'])).toMatchObject({
      ok: false,
      code: 'out_of_scope',
    });
  });
});

describe('competence: a case about the head or a deputy of a unit', () => {
  const scope: CaseScope = { organizationId: ORG, unitId: U1, accusedUnitId: U1 };

  it.each(ROLES)('keeps anyone holding %s in the accused unit off the case', (role) => {
    const s = staffWith(role, U1);
    const result = authorizeCaseView(s, scope);
    expect(result).toMatchObject({ ok: false, code: 'conflict_of_interest' });
    for (const action of CASE_ACTIONS) expect(authorizeCaseAction(s, scope, action).ok).toBe(false);
  });

  it('even when they also hold an organisation-wide role', () => {
    const s = staff(ORG, [
      { role: 'receiver', unitId: null },
      { role: 'handler', unitId: U1 },
    ]);
    expect(authorizeCaseAction(s, scope, 'assign')).toMatchObject({
      ok: false,
      code: 'conflict_of_interest',
    });
  });

  it('leaves the organisation-wide roles and other units as usual', () => {
    expect(authorizeCaseAction(staffWith('receiver'), scope, 'assign')).toEqual({
      ok: true,
      role: 'receiver',
    });
    expect(authorizeCaseAction(staffWith('leader'), scope, 'resolve')).toEqual({ ok: true, role: 'leader' });
    expect(canViewCase(staffWith('handler', U2), { ...scope, unitId: U2 })).toBe(true);
  });
});

describe('competence: a case about the head or a deputy of the organisation (referred up)', () => {
  const scope: CaseScope = { organizationId: ORG, unitId: null, managingBody: { organizationId: PARENT } };
  const parentLeader = staff(PARENT, [{ role: 'leader', unitId: null }]);

  it.each(['leader', 'hotline'] as const)('keeps the organisation’s own %s off the case', (role) => {
    expect(authorizeCaseView(staffWith(role), scope)).toMatchObject({
      ok: false,
      code: 'conflict_of_interest',
    });
  });

  it('keeps its heads and handlers off even in the unit the case sits in', () => {
    const inUnit = { ...scope, unitId: U1 };
    expect(canViewCase(staffWith('unit_head'), inUnit)).toBe(false);
    expect(canViewCase(staffWith('handler'), inUnit)).toBe(false);
  });

  it('keeps the receiving office (to forward), the administrator and the inspection board', () => {
    expect(authorizeCaseAction(staffWith('receiver'), scope, 'forward')).toEqual({
      ok: true,
      role: 'receiver',
    });
    expect(authorizeCaseAction(staffWith('admin'), scope, 'note')).toEqual({ ok: true, role: 'admin' });
    expect(authorizeCaseView(staffWith('inspector'), scope)).toEqual({
      ok: true,
      role: 'inspector',
      reach: 'member',
    });
  });

  it.each(CASE_ACTIONS)('lets a leader of the managing body act as leader: %s', (action) => {
    expect(authorizeCaseAction(parentLeader, scope, action)).toEqual({ ok: true, role: 'leader' });
  });

  it('but no other role of the managing body, nor a leader held for one of its units', () => {
    for (const role of ROLES.filter((r) => r !== 'leader')) {
      expect(canViewCase(staff(PARENT, [{ role, unitId: null }]), scope)).toBe(false);
    }
    expect(canViewCase(staff(PARENT, [{ role: 'leader', unitId: 'parent-unit' }]), scope)).toBe(false);
  });

  it('nor a leader of any other organisation', () => {
    expect(canViewCase(staff(OTHER_ORG, [{ role: 'leader', unitId: null }]), scope)).toBe(false);
  });

  it('nobody outside when the managing body is not in the system', () => {
    const outside: CaseScope = { ...scope, managingBody: { organizationId: null } };
    expect(canViewCase(parentLeader, outside)).toBe(false);
    expect(canViewCase(staffWith('receiver'), outside)).toBe(true);
  });

  it('the managing body’s leader reaches nothing that was not referred up', () => {
    for (const s of Object.values(SCOPES)) expect(canViewCase(parentLeader, s)).toBe(false);
    expect(canViewCase(parentLeader, { organizationId: ORG, unitId: null, managingBody: null })).toBe(false);
  });
});

describe('oversight: the bodies above read the cases below, and only read them (decision 0069)', () => {
  // SO manages PARENT, PARENT manages ORG: ORG is two levels below SO.
  const SO = 'org-so';
  const body = (organizationId: string, role: Role, below: string[], unitId: string | null = null) => ({
    ...staff(organizationId, [{ role, unitId }]),
    organizationsBelow: below,
  });
  const soLeader = body(SO, 'leader', [PARENT, ORG]);
  const soInspector = body(SO, 'inspector', [PARENT, ORG]);
  const parentLeader = body(PARENT, 'leader', [ORG]);

  it.each(Object.keys(SCOPES).filter((k) => k !== 'other org') as ScopeName[])(
    'an org-wide leader or inspector two levels up sees the %s case, as oversight',
    (name) => {
      for (const s of [soLeader, soInspector]) {
        expect(authorizeCaseView(s, SCOPES[name])).toEqual({
          ok: true,
          role: s.roles[0]!.role,
          reach: 'oversight',
        });
      }
    },
  );

  it.each(CASE_ACTIONS)('and may not %s it, with the oversight refusal', (action) => {
    for (const s of [soLeader, soInspector, parentLeader]) {
      expect(authorizeCaseAction(s, SCOPES['own unit'], action)).toEqual({
        ok: false,
        code: 'oversight_only',
        message: OVERSIGHT_ONLY_MESSAGE,
      });
    }
  });

  it('nor set its urgency, nor be offered a move, nor reach it with a working role', () => {
    expect(authorizeUrgencyChange(soLeader, SCOPES['own unit'])).toMatchObject({ code: 'oversight_only' });
    expect(
      availableStaffActions(soLeader, SCOPES['own unit'], {
        id: 'c1',
        kind: 'report',
        status: 'received',
        paused: false,
        forwardCount: 0,
        petitionReceivedOn: null,
      }),
    ).toEqual([]);
    expect(applicableRoles(soLeader, SCOPES['own unit'])).toMatchObject({
      ok: false,
      code: 'oversight_only',
    });
    expect(reachActs('oversight')).toBe(false);
    expect(reachActs('member')).toBe(true);
    expect(reachActs('managing_body')).toBe(true);
  });

  it('reaches nothing for other roles, unit-held roles, or organisations not below', () => {
    for (const role of ROLES.filter((r) => r !== 'leader' && r !== 'inspector')) {
      expect(canViewCase(body(SO, role, [PARENT, ORG]), SCOPES['own unit'])).toBe(false);
    }
    expect(canViewCase(body(SO, 'leader', [PARENT, ORG], 'so-unit'), SCOPES['own unit'])).toBe(false);
    expect(canViewCase(soLeader, SCOPES['other org'])).toBe(false);
    expect(canViewCase(staff(SO, [{ role: 'leader', unitId: null }]), SCOPES['own unit'])).toBe(false);
  });

  it('never upwards nor sideways: the tree below is what the principal carries', () => {
    const orgLeader = body(ORG, 'leader', []);
    expect(canViewCase(orgLeader, { organizationId: PARENT, unitId: null })).toBe(false);
    expect(canViewCase(orgLeader, { organizationId: SO, unitId: null })).toBe(false);
  });

  it('a case referred up to the body is worked by its leader as managing body, as before', () => {
    const scope: CaseScope = { organizationId: ORG, unitId: null, managingBody: { organizationId: PARENT } };
    expect(caseReach(parentLeader, scope)).toEqual({ ok: true, kind: 'managing_body', roles: ['leader'] });
    expect(authorizeCaseAction(parentLeader, scope, 'resolve')).toEqual({ ok: true, role: 'leader' });
    // The Sở above reads it only; the parent's inspector too (it was not referred to them).
    expect(caseReach(soLeader, scope)).toMatchObject({ ok: true, kind: 'oversight' });
    expect(caseReach(body(PARENT, 'inspector', [ORG]), scope)).toMatchObject({ ok: true, kind: 'oversight' });
  });

  it('keeps the conflict-of-interest rule: never a case about a unit one holds a role in', () => {
    const both = { ...soLeader, roles: [...soLeader.roles, { role: 'handler' as const, unitId: U1 }] };
    expect(authorizeCaseView(both, { organizationId: ORG, unitId: U2, accusedUnitId: U1 })).toMatchObject({
      ok: false,
      code: 'conflict_of_interest',
    });
  });
});

describe('availableStaffActions', () => {
  const state = (status: CaseState['status']): CaseState => ({
    id: 'c1',
    kind: 'report',
    status,
    paused: false,
    forwardCount: 0,
    petitionReceivedOn: null,
  });

  it('shows a handler the work moves on an assigned case of their unit', () => {
    expect(availableStaffActions(staffWith('handler'), SCOPES['own unit'], state('assigned'))).toEqual([
      'accept',
      'start',
      'resolve',
      'pause',
      'extend',
      'note',
    ]);
  });

  it('lets a handler of the unit extend a report but not a complaint (the head decides that)', () => {
    expect(authorizeCaseAction(staffWith('handler'), SCOPES['own unit'], 'extend', 'report').ok).toBe(true);
    expect(authorizeCaseAction(staffWith('handler'), SCOPES['own unit'], 'extend', 'complaint').ok).toBe(
      false,
    );
    expect(authorizeCaseAction(staffWith('unit_head'), SCOPES['own unit'], 'extend', 'complaint').ok).toBe(
      true,
    );
  });

  it('lets a handler of the unit accept a report but not a complaint', () => {
    expect(authorizeCaseAction(staffWith('handler'), SCOPES['own unit'], 'accept', 'report')).toEqual({
      ok: true,
      role: 'handler',
    });
    expect(authorizeCaseAction(staffWith('handler'), SCOPES['own unit'], 'accept', 'complaint').ok).toBe(
      false,
    );
    expect(authorizeCaseAction(staffWith('handler'), SCOPES['other unit'], 'accept', 'report').ok).toBe(
      false,
    );
  });

  it('keeps the acceptance of a complaint with the head, not the handler', () => {
    const complaint = { ...state('assigned'), kind: 'complaint' as const, petitionReceivedOn: '2026-03-02' };
    expect(availableStaffActions(staffWith('handler'), SCOPES['own unit'], complaint)).not.toContain(
      'accept',
    );
    expect(availableStaffActions(staffWith('unit_head'), SCOPES['own unit'], complaint)).toContain('accept');
  });

  it('shows nothing out of scope', () => {
    expect(availableStaffActions(staffWith('handler'), SCOPES['other unit'], state('assigned'))).toEqual([]);
  });

  it('unites the moves of every role reaching the case', () => {
    const s = staff(ORG, [
      { role: 'handler', unitId: U1 },
      { role: 'receiver', unitId: null },
    ]);
    const actions = availableStaffActions(s, SCOPES['own unit'], state('assigned'));
    expect(actions).toEqual(expect.arrayContaining(['accept', 'forward', 'start', 'resolve', 'note']));
    expect(actions).not.toContain('close');
  });
});

describe('authorizeAssignTarget', () => {
  const scope: CaseScope = { organizationId: ORG, unitId: U1 };
  const handlerOf = (unitId: string) => ({
    organizationId: ORG,
    roles: [{ role: 'handler' as const, unitId }],
  });

  it('lets a unit head assign a handler of the unit', () => {
    expect(authorizeAssignTarget('unit_head', scope, { assignee: handlerOf(U1) })).toEqual({ ok: true });
  });

  it('keeps a unit head from transferring to another unit', () => {
    expect(authorizeAssignTarget('unit_head', scope, { unitId: U2 })).toMatchObject({ ok: false });
    expect(authorizeAssignTarget('receiver', scope, { unitId: U2 })).toEqual({ ok: true });
  });

  it('refuses a person who does not work the target unit', () => {
    expect(authorizeAssignTarget('receiver', scope, { unitId: U2, assignee: handlerOf(U1) })).toMatchObject({
      ok: false,
    });
    expect(authorizeAssignTarget('receiver', scope, { unitId: U2, assignee: handlerOf(U2) })).toEqual({
      ok: true,
    });
  });

  it('refuses a person of another organisation', () => {
    expect(
      authorizeAssignTarget('receiver', scope, {
        assignee: { organizationId: OTHER_ORG, roles: [{ role: 'handler', unitId: U1 }] },
      }),
    ).toMatchObject({ ok: false });
  });

  it('never sends a case to the accused unit or its people', () => {
    const accused: CaseScope = { organizationId: ORG, unitId: null, accusedUnitId: U1 };
    expect(authorizeAssignTarget('receiver', accused, { unitId: U1 })).toMatchObject({ ok: false });
    expect(authorizeAssignTarget('leader', accused, { unitId: U2, assignee: handlerOf(U1) })).toMatchObject({
      ok: false,
    });
    expect(authorizeAssignTarget('receiver', accused, { unitId: U2 })).toEqual({ ok: true });
  });

  it('a case without a unit goes to a unit before a handler; a leader may take it directly', () => {
    const inbox: CaseScope = { organizationId: ORG, unitId: null };
    expect(authorizeAssignTarget('receiver', inbox, { assignee: handlerOf(U1) })).toMatchObject({
      ok: false,
    });
    expect(
      authorizeAssignTarget('receiver', inbox, {
        assignee: { organizationId: ORG, roles: [{ role: 'leader', unitId: null }] },
      }),
    ).toEqual({ ok: true });
  });
});
