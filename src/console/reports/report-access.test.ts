import { describe, expect, it } from 'vitest';
import type { StaffPrincipal } from '../../cases/case-permissions.js';
import { readableOrganizations } from './report-access.js';

const orgs = [
  { id: 'syt', parentId: null },
  { id: 'ttyt', parentId: 'syt' },
  { id: 'tyt', parentId: 'ttyt' },
  { id: 'other', parentId: null },
];
const staff = (organizationId: string, roles: StaffPrincipal['roles']): StaffPrincipal => ({
  id: 's',
  organizationId,
  roles,
});

describe('readableOrganizations', () => {
  it('gives a leader of a managing body the whole tree below it, and nothing beside it', () => {
    expect(
      readableOrganizations(staff('syt', [{ role: 'leader', unitId: null }]), orgs).map((o) => o.id),
    ).toEqual(['syt', 'ttyt', 'tyt']);
  });

  it('gives a hospital receiver their hospital and below', () => {
    expect(
      readableOrganizations(staff('ttyt', [{ role: 'receiver', unitId: null }]), orgs).map((o) => o.id),
    ).toEqual(['ttyt', 'tyt']);
  });

  it('gives nothing to a handler, or to a unit head of one unit', () => {
    expect(readableOrganizations(staff('ttyt', [{ role: 'handler', unitId: null }]), orgs)).toEqual([]);
    expect(readableOrganizations(staff('ttyt', [{ role: 'unit_head', unitId: 'u1' }]), orgs)).toEqual([]);
    expect(readableOrganizations(staff('ttyt', [{ role: 'leader', unitId: 'u1' }]), orgs)).toEqual([]);
  });
});
