import { describe, expect, it } from 'vitest';
import { SYMBOL_ALPHABET } from '../cases/symbol-alphabet.js';
import { canManageUnitGroup } from './link-unit-group.js';
import { generateInviteCode, hashInviteCode, looksLikeInviteCode } from './staff-invite.js';

describe('invite codes', () => {
  it('are 12 symbols of the unambiguous alphabet in three groups', () => {
    const code = generateInviteCode();
    expect(code).toMatch(
      new RegExp(`^[${SYMBOL_ALPHABET}]{4}-[${SYMBOL_ALPHABET}]{4}-[${SYMBOL_ALPHABET}]{4}$`),
    );
    expect(looksLikeInviteCode(code)).toBe(true);
  });

  it('differ every time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateInviteCode()));
    expect(codes.size).toBe(200);
  });

  it('hash the same however they are typed', () => {
    const code = generateInviteCode();
    const typed = ` ${code.toLowerCase().replaceAll('-', ' ')} `;
    expect(hashInviteCode(typed)).toBe(hashInviteCode(code));
    expect(hashInviteCode(code)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(looksLikeInviteCode(typed)).toBe(true);
  });

  it('are told apart from other text', () => {
    expect(looksLikeInviteCode('hello')).toBe(false);
    expect(looksLikeInviteCode('ABCD-EFGH-JKL0')).toBe(false);
  });
});

describe('canManageUnitGroup', () => {
  const unit = { id: 'u1', organizationId: 'org' };
  const staff = (
    roles: { role: 'admin' | 'unit_head' | 'handler' | 'leader'; unitId: string | null }[],
    organizationId = 'org',
  ) => ({
    id: 's',
    organizationId,
    roles,
  });

  it('allows an administrator of the organisation and the head of that unit', () => {
    expect(canManageUnitGroup(staff([{ role: 'admin', unitId: null }]), unit)).toBe(true);
    expect(canManageUnitGroup(staff([{ role: 'unit_head', unitId: 'u1' }]), unit)).toBe(true);
  });

  it('refuses heads of other units, handlers, leaders and other organisations', () => {
    expect(canManageUnitGroup(staff([{ role: 'unit_head', unitId: 'u2' }]), unit)).toBe(false);
    expect(canManageUnitGroup(staff([{ role: 'handler', unitId: 'u1' }]), unit)).toBe(false);
    expect(canManageUnitGroup(staff([{ role: 'leader', unitId: null }]), unit)).toBe(false);
    expect(canManageUnitGroup(staff([{ role: 'admin', unitId: null }], 'other'), unit)).toBe(false);
  });
});
