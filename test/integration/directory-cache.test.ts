// The directory read from memory (decision 0041) on a real database: a change made behind this
// process's back (SQL here, as the CLI or another process would) is seen by the next submission
// once DIRECTORY_CACHE_CHECK_MS has passed; and a submission costs one statement, its duplicate
// check included (decision 0042). The staff a case card goes to are kept the same way (0117).
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app-context.js';
import { deadlineSettingsOf } from '../../src/deadlines/deadline.service.js';
import { listStaffOnTelegramWithRole } from '../../src/directory/resolve-staff.js';
import {
  addStaffRole,
  redeemStaffInvite,
  removeStaffRole,
  replaceStaffInvite,
  setStaffActive,
} from '../../src/directory/staff.repository.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { submissionMaker } from '../helpers/submissions.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const CHECK_MS = 20;
let t: TestContext;
let counted: AppContext;
let organizationId: string;
const operations: string[] = [];
// The directory's fingerprint (directory-cache.ts), which may be looked at between any two steps.
const FINGERPRINT = '$raw.$queryRawUnsafe';
beforeAll(async () => {
  t = await createTestContext({ env: { DIRECTORY_CACHE_CHECK_MS: String(CHECK_MS) } });
  // Its own client object, so its own cache: every operation it sends is recorded.
  const prisma = t.ctx.db.prisma.$extends({
    query: {
      async $allOperations({ model, operation, args, query }) {
        operations.push(`${model ?? '$raw'}.${operation}`);
        return query(args);
      },
    },
  }) as unknown as AppContext['db']['prisma'];
  counted = { ...t.ctx, db: { ...t.ctx.db, prisma } };
  organizationId = (await t.ctx.db.prisma.organization.findFirstOrThrow({ where: { code: 'ttyt-thuan-an' } }))
    .id;
});
afterAll(async () => {
  await t.cleanup();
});

const submission = submissionMaker('dc', {
  channel: 'web',
  kind: 'report',
  text: 'Nhà vệ sinh khoa Nội không có nước từ sáng.',
  unitCode: 'ta-knoi',
  contact: { name: 'Trần Văn Bình', phone: '0912000111' },
});

/** Past the interval: the next read looks at the directory's fingerprint again. */
const pastTheInterval = () => delay(CHECK_MS + 5);

describe('directory cache', () => {
  it('refuses a unit deactivated elsewhere from the next submission on, and takes it again once reactivated', async () => {
    await submitSubmission(t.ctx, submission());
    await t.ctx.db.prisma.$executeRaw`UPDATE units SET active = false WHERE code = 'ta-knoi'`;
    await pastTheInterval();
    await expect(submitSubmission(t.ctx, submission())).rejects.toMatchObject({ code: 'unprocessable' });

    await t.ctx.db.prisma.$executeRaw`UPDATE units SET active = true WHERE code = 'ta-knoi'`;
    await pastTheInterval();
    expect((await submitSubmission(t.ctx, submission())).duplicate).toBe(false);
  });

  it('sees an organisation’s internal time limits changed elsewhere', async () => {
    const org = await t.ctx.db.prisma.organization.findFirstOrThrow({ where: { code: 'ttyt-thuan-an' } });
    expect((await deadlineSettingsOf(t.ctx, org.id)).internalLimits).toEqual([]);
    const limits = [{ clockKind: 'reception_answer', days: 3, dayType: 'working' }];
    await t.ctx.db.prisma
      .$executeRaw`UPDATE organizations SET settings = ${JSON.stringify({ internalLimits: limits })}::jsonb WHERE id = ${org.id}`;
    await pastTheInterval();
    expect((await deadlineSettingsOf(t.ctx, org.id)).internalLimits).toEqual(limits);
  });

  it('stores a submission in one statement, and answers its resend with the same code and no second row', async () => {
    await submitSubmission(counted, submission()); // fills this client's cache
    operations.length = 0;
    const s = submission();
    const first = await submitSubmission(counted, s);
    // The fingerprint may be looked at in between; the directory is not read again.
    expect(operations.filter((o) => o !== FINGERPRINT)).toEqual(['$raw.$queryRaw']);

    operations.length = 0;
    const again = await submitSubmission(counted, s);
    expect(again).toMatchObject({ code: first.code, duplicate: true });
    // The insert that stored nothing, then the stored row read (in SQL, decision 0106).
    expect(operations.filter((o) => o !== FINGERPRINT)).toEqual(['$raw.$queryRaw', '$raw.$queryRaw']);
    expect(await t.ctx.db.prisma.intakeSubmission.count({ where: { id: s.submissionId } })).toBe(1);
  });
});

describe('the staff a case card goes to', () => {
  const receivers = { organizationId: '', role: 'receiver' as const, unitId: null };
  const receiverIds = async (ctx: AppContext) =>
    (await listStaffOnTelegramWithRole(ctx, { ...receivers, organizationId })).map((s) => s.id).sort();
  /** A receiver of the organisation, as the CLI would add one in its own process. */
  const addReceiver = async (telegramUserId: string | null) => {
    const [row] = await t.ctx.db.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO staff (id, "organizationId", "fullName", "telegramUserId", "updatedAt")
      VALUES (gen_random_uuid(), ${organizationId}::uuid, 'Cán bộ tiếp nhận', ${telegramUserId}, now())
      RETURNING id`;
    await t.ctx.db.prisma.$executeRaw`
      INSERT INTO staff_roles (id, "staffId", "organizationId", role)
      VALUES (gen_random_uuid(), ${row!.id}::uuid, ${organizationId}::uuid, 'receiver')`;
    return row!.id;
  };

  it('are read once, then from memory, for every card', async () => {
    await receiverIds(counted);
    operations.length = 0;
    await receiverIds(counted);
    await receiverIds(counted);
    expect(operations.filter((o) => o !== FINGERPRINT)).toEqual([]);
  });

  it('include a receiver who bound Telegram elsewhere, and drop one deactivated elsewhere, once the interval has passed', async () => {
    const unbound = await addReceiver(null);
    await pastTheInterval();
    expect(await receiverIds(t.ctx)).not.toContain(unbound);
    await t.ctx.db.prisma
      .$executeRaw`UPDATE staff SET "telegramUserId" = '70001' WHERE id = ${unbound}::uuid`;
    await pastTheInterval();
    expect(await receiverIds(t.ctx)).toContain(unbound);

    await t.ctx.db.prisma.$executeRaw`UPDATE staff SET active = false WHERE id = ${unbound}::uuid`;
    await pastTheInterval();
    expect(await receiverIds(t.ctx)).not.toContain(unbound);
  });

  /** Its own client and a check a minute apart: only a writer's invalidation can show a change. */
  const checkedEveryMinute = (): AppContext => ({
    ...t.ctx,
    config: { ...t.ctx.config, directoryCacheCheckMs: 60_000 },
    db: { ...t.ctx.db, prisma: t.ctx.db.prisma.$extends({}) as unknown as AppContext['db']['prisma'] },
  });

  it('drop a receiver deactivated through this process at once, whatever the interval', async () => {
    const slow = checkedEveryMinute();
    const leaving = await addReceiver('70002');
    expect(await receiverIds(slow)).toContain(leaving);
    const behindItsBack = await addReceiver('70003');
    expect(await receiverIds(slow)).not.toContain(behindItsBack);

    await setStaffActive(slow.db.prisma, leaving, false);
    const now = await receiverIds(slow);
    expect(now).not.toContain(leaving);
    expect(now).toContain(behindItsBack);
  });

  it('see a role granted or taken back, and an invite redeemed, through this process at once', async () => {
    const slow = checkedEveryMinute();
    const granted = await addReceiver('70004');
    await removeStaffRole(slow.db.prisma, { staffId: granted, role: 'receiver', unitId: null });
    expect(await receiverIds(slow)).not.toContain(granted);
    await addStaffRole(slow.db.prisma, { staffId: granted, organizationId, role: 'receiver', unitId: null });
    expect(await receiverIds(slow)).toContain(granted);

    const invited = await addReceiver(null);
    const at = new Date();
    await replaceStaffInvite(slow.db.prisma, {
      staffId: invited,
      codeHash: 'directory-cache-invite',
      expiresAt: new Date(at.getTime() + 60_000),
      at,
    });
    expect(await receiverIds(slow)).not.toContain(invited);
    const redeemed = await redeemStaffInvite(slow.db.prisma, {
      codeHash: 'directory-cache-invite',
      telegramUserId: '70005',
      at,
    });
    expect(redeemed).toEqual({ status: 'redeemed', staffId: invited });
    expect(await receiverIds(slow)).toContain(invited);
  });
});
