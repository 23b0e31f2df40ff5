import { describe, expect, it } from 'vitest';
import { formatStaffRole, parseStaffRoleSpec } from './staff-role-spec.js';

describe('parseStaffRoleSpec', () => {
  it('reads an organisation-wide role', () => {
    expect(parseStaffRoleSpec('leader')).toEqual({ ok: true, spec: { role: 'leader', unitCode: null } });
    expect(parseStaffRoleSpec(' Receiver ')).toEqual({
      ok: true,
      spec: { role: 'receiver', unitCode: null },
    });
  });

  it('reads a role for one unit', () => {
    expect(parseStaffRoleSpec('handler@ta-knoi')).toEqual({
      ok: true,
      spec: { role: 'handler', unitCode: 'ta-knoi' },
    });
    expect(parseStaffRoleSpec('receiver@ta-kkb')).toEqual({
      ok: true,
      spec: { role: 'receiver', unitCode: 'ta-kkb' },
    });
  });

  it('requires a unit for handler and unit_head', () => {
    for (const role of ['handler', 'unit_head']) {
      const parsed = parseStaffRoleSpec(role);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(`${role}@<mã khoa/phòng>`);
    }
  });

  it.each(['boss', 'handler@', 'handler@bad code', 'leader@a@b', ''])(
    'refuses "%s" with a Vietnamese message',
    (input) => {
      const parsed = parseStaffRoleSpec(input);
      expect(parsed.ok).toBe(false);
    },
  );

  it('formats back', () => {
    expect(formatStaffRole('handler', 'ta-knoi')).toBe('handler@ta-knoi');
    expect(formatStaffRole('leader', null)).toBe('leader');
  });
});
