// The directory read from memory (decision 0041) on a real database: a change made behind this
// process's back (SQL here, as the CLI or another process would) is seen by the next submission
// once DIRECTORY_CACHE_CHECK_MS has passed; and a submission costs one statement, its duplicate
// check included (decision 0042).
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app-context.js';
import { deadlineSettingsOf } from '../../src/deadlines/deadline.service.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { submissionMaker } from '../helpers/submissions.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const CHECK_MS = 20;
let t: TestContext;
let counted: AppContext;
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
