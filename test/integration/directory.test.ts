// Organisations, units, staff with roles, one-time invites and unit groups, on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import {
  createOrganization,
  createStaff,
  createUnit,
  findUnitByTelegramChat,
  grantStaffRole,
  issueStaffInvite,
  linkUnitGroup,
  listDirectoryTree,
  redeemInvite,
  resolveStaffByTelegramUser,
  revokeStaffRole,
} from '../../src/directory/index.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z'));
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext({ clock });
});
afterAll(async () => {
  await t.cleanup();
});

let n = 0;
const tg = () => String(900_000_000 + n++);

describe('organisations and units', () => {
  it('creates an organisation under its managing body, and a unit in it', async () => {
    const org = await createOrganization(t.ctx, {
      code: 'bv-test',
      name: 'Bệnh viện Thử nghiệm',
      kind: 'hospital',
      parentCode: 'syt-hcm',
      hotlineNumbers: ['0900 000 900'],
    });
    const parent = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'syt-hcm' } });
    expect(org.parentId).toBe(parent.id);
    const unit = await createUnit(t.ctx, {
      organizationCode: 'BV-TEST',
      code: 'bvt-knoi',
      name: 'Khoa Nội',
      nameEn: 'Internal Medicine',
      kind: 'department',
    });
    expect(unit.organizationId).toBe(org.id);
    expect(unit.nameEn).toBe('Internal Medicine');
    // The sample directory carries English names too (what the dialog shows English speakers).
    const seeded = await t.ctx.db.prisma.unit.findUniqueOrThrow({ where: { code: 'ta-knhi' } });
    expect(seeded.nameEn).toBe('Paediatrics');
  });

  it('refuses taken codes, unknown parents and wrong kinds, in Vietnamese', async () => {
    await expect(
      createOrganization(t.ctx, { code: 'bv-test', name: 'X', kind: 'hospital' }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: 'Mã đơn vị "bv-test" đã được dùng.',
    });
    await expect(
      createOrganization(t.ctx, { code: 'bv-2', name: 'X', kind: 'hospital', parentCode: 'nope' }),
    ).rejects.toMatchObject({ code: 'not_found' });
    await expect(
      createOrganization(t.ctx, { code: 'bv 2', name: '', kind: 'castle' as never }),
    ).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('Loại: giá trị không hợp lệ'),
    });
    await expect(
      createUnit(t.ctx, {
        organizationCode: 'bv-test',
        code: 'ta-knoi',
        name: 'Khoa Nội',
        kind: 'department',
      }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Trung tâm Y tế khu vực Thuận An'),
    });
  });

  it('lists the tree, whole or from one organisation', async () => {
    const roots = await listDirectoryTree(t.ctx);
    const syt = roots.find((r) => r.code === 'syt-hcm')!;
    expect(syt.children.map((c) => c.code).sort()).toEqual(['bv-test', 'ttyt-thuan-an']);
    const [one] = await listDirectoryTree(t.ctx, { organizationCode: 'bv-test' });
    expect(one!.units.map((u) => u.code)).toEqual(['bvt-knoi']);
    await expect(listDirectoryTree(t.ctx, { organizationCode: 'nope' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('staff and roles', () => {
  it('creates a staff member with unit and organisation-wide roles', async () => {
    const s = await createStaff(t.ctx, {
      organizationCode: 'ttyt-thuan-an',
      fullName: 'Trần Thị Bình',
      title: 'Điều dưỡng trưởng',
      roles: [{ role: 'handler', unitCode: 'ta-knoi' }, { role: 'receiver' }, { role: 'receiver' }],
    });
    expect(s.roles.map((r) => [r.role, r.unitCode]).sort()).toEqual([
      ['handler', 'ta-knoi'],
      ['receiver', null],
    ]);
    expect(await grantStaffRole(t.ctx, { staffId: s.id, role: 'hotline' })).toBe(true);
    expect(await grantStaffRole(t.ctx, { staffId: s.id, role: 'hotline' })).toBe(false);
    expect(await revokeStaffRole(t.ctx, { staffId: s.id, role: 'handler', unitCode: 'ta-knoi' })).toBe(true);
    expect(await revokeStaffRole(t.ctx, { staffId: s.id, role: 'handler', unitCode: 'ta-knoi' })).toBe(false);
  });

  it('refuses a unit of another organisation and a unit role without a unit', async () => {
    await expect(
      createStaff(t.ctx, {
        organizationCode: 'ttyt-thuan-an',
        fullName: 'A',
        roles: [{ role: 'handler', unitCode: 'hn-knoi' }],
      }),
    ).rejects.toMatchObject({
      code: 'unprocessable',
      message: 'Khoa/phòng "hn-knoi" không thuộc đơn vị của cán bộ.',
    });
    await expect(
      createStaff(t.ctx, {
        organizationCode: 'ttyt-thuan-an',
        fullName: 'A',
        roles: [{ role: 'unit_head' }],
      }),
    ).rejects.toMatchObject({
      code: 'validation',
      message: expect.stringContaining('phải gắn với một khoa/phòng'),
    });
    await expect(
      createStaff(t.ctx, { organizationCode: 'ttyt-thuan-an', fullName: 'A', roles: [] }),
    ).rejects.toMatchObject({
      code: 'validation',
    });
  });
});

describe('invites', () => {
  async function newStaff() {
    return createStaff(t.ctx, {
      organizationCode: 'ttyt-thuan-an',
      fullName: 'Lê Văn Cường',
      roles: [{ role: 'unit_head', unitCode: 'ta-knoi' }],
    });
  }

  it('binds the Telegram account once; a second use fails', async () => {
    const s = await newStaff();
    const { code } = await issueStaffInvite(t.ctx, { staffId: s.id });
    const row = await t.ctx.db.prisma.staffInvite.findFirstOrThrow({ where: { staffId: s.id } });
    expect(row.codeHash).not.toContain(code.replaceAll('-', ''));
    const user = tg();
    const joined = await redeemInvite(t.ctx, { code: code.toLowerCase(), telegramUserId: user });
    expect(joined).toMatchObject({
      id: s.id,
      telegramUserId: user,
      roles: [{ role: 'unit_head', unitCode: 'ta-knoi' }],
    });
    await expect(redeemInvite(t.ctx, { code, telegramUserId: tg() })).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'used' },
      message: expect.stringContaining('đã được sử dụng'),
    });
    expect((await resolveStaffByTelegramUser(t.ctx, user))?.id).toBe(s.id);
    expect(await resolveStaffByTelegramUser(t.ctx, '1')).toBeNull();
  });

  it('lets exactly one of two simultaneous uses through', async () => {
    const s = await newStaff();
    const { code } = await issueStaffInvite(t.ctx, { staffId: s.id });
    const results = await Promise.allSettled([
      redeemInvite(t.ctx, { code, telegramUserId: tg() }),
      redeemInvite(t.ctx, { code, telegramUserId: tg() }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('expires', async () => {
    const s = await newStaff();
    const { code, expiresAt } = await issueStaffInvite(t.ctx, { staffId: s.id, validForHours: 1 });
    expect(expiresAt.toISOString()).toBe('2026-03-02T03:00:00.000Z');
    clock.set(new Date('2026-03-02T03:00:00Z'));
    try {
      await expect(redeemInvite(t.ctx, { code, telegramUserId: tg() })).rejects.toMatchObject({
        details: { reason: 'expired' },
      });
    } finally {
      clock.set(new Date('2026-03-02T02:00:00Z'));
    }
  });

  it('a new invite replaces an unused one', async () => {
    const s = await newStaff();
    const first = await issueStaffInvite(t.ctx, { staffId: s.id });
    const second = await issueStaffInvite(t.ctx, { staffId: s.id });
    await expect(redeemInvite(t.ctx, { code: first.code, telegramUserId: tg() })).rejects.toMatchObject({
      details: { reason: 'unknown' },
    });
    await expect(redeemInvite(t.ctx, { code: second.code, telegramUserId: tg() })).resolves.toMatchObject({
      id: s.id,
    });
  });

  it('refuses a Telegram account bound to someone else, and rebinds the same person to a new one', async () => {
    const a = await newStaff();
    const b = await newStaff();
    const user = tg();
    await redeemInvite(t.ctx, {
      code: (await issueStaffInvite(t.ctx, { staffId: a.id })).code,
      telegramUserId: user,
    });
    const forB = await issueStaffInvite(t.ctx, { staffId: b.id });
    await expect(redeemInvite(t.ctx, { code: forB.code, telegramUserId: user })).rejects.toMatchObject({
      details: { reason: 'telegram_taken' },
    });
    // The refusal did not spend B's invite.
    await expect(redeemInvite(t.ctx, { code: forB.code, telegramUserId: tg() })).resolves.toMatchObject({
      id: b.id,
    });
    const newPhone = tg();
    await redeemInvite(t.ctx, {
      code: (await issueStaffInvite(t.ctx, { staffId: a.id })).code,
      telegramUserId: newPhone,
    });
    expect((await resolveStaffByTelegramUser(t.ctx, newPhone))?.id).toBe(a.id);
    expect(await resolveStaffByTelegramUser(t.ctx, user)).toBeNull();
  });

  it('refuses garbage and unknown codes', async () => {
    await expect(redeemInvite(t.ctx, { code: 'xin chào', telegramUserId: tg() })).rejects.toMatchObject({
      details: { reason: 'unknown' },
    });
    await expect(redeemInvite(t.ctx, { code: 'ABCD-EFGH-JKMN', telegramUserId: tg() })).rejects.toMatchObject(
      {
        code: 'not_found',
      },
    );
    await expect(issueStaffInvite(t.ctx, { staffId: 'not-an-id' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

describe('unit groups', () => {
  let admin: string;
  let headNoi: string;
  let headNgoai: string;

  beforeAll(async () => {
    const mk = async (roles: { role: 'admin' | 'unit_head'; unitCode?: string }[]) =>
      (await createStaff(t.ctx, { organizationCode: 'ttyt-thuan-an', fullName: 'Cán bộ', roles })).id;
    admin = await mk([{ role: 'admin' }]);
    headNoi = await mk([{ role: 'unit_head', unitCode: 'ta-knoi' }]);
    headNgoai = await mk([{ role: 'unit_head', unitCode: 'ta-kngoai' }]);
  });

  it('lets the head of the unit link its group, and finds the unit by the group', async () => {
    const linked = await linkUnitGroup(t.ctx, { unitCode: 'ta-knoi', chatId: -1001, byStaffId: headNoi });
    expect(linked).toMatchObject({ unitCode: 'ta-knoi', replacedPreviousGroup: false, unchanged: false });
    expect(await findUnitByTelegramChat(t.ctx, '-1001')).toMatchObject({
      unitCode: 'ta-knoi',
      organizationCode: 'ttyt-thuan-an',
    });
    expect(
      await linkUnitGroup(t.ctx, { unitCode: 'ta-knoi', chatId: '-1001', byStaffId: headNoi }),
    ).toMatchObject({
      unchanged: true,
    });
  });

  it('refuses the head of another unit', async () => {
    await expect(
      linkUnitGroup(t.ctx, { unitCode: 'ta-knoi', chatId: -1002, byStaffId: headNgoai }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('refuses a group already linked to another unit; an administrator may move a unit to a new group', async () => {
    await expect(
      linkUnitGroup(t.ctx, { unitCode: 'ta-kngoai', chatId: -1001, byStaffId: admin }),
    ).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('Khoa Nội'),
    });
    const moved = await linkUnitGroup(t.ctx, { unitCode: 'ta-knoi', chatId: -1003, byStaffId: admin });
    expect(moved.replacedPreviousGroup).toBe(true);
    expect(await findUnitByTelegramChat(t.ctx, -1001)).toBeNull();
  });

  it('refuses an administrator of another organisation', async () => {
    const other = await createStaff(t.ctx, {
      organizationCode: 'ttyt-hoai-nhon',
      fullName: 'QTV',
      roles: [{ role: 'admin' }],
    });
    await expect(
      linkUnitGroup(t.ctx, { unitCode: 'ta-knoi', chatId: -1004, byStaffId: other.id }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
