// Triage keeps each open case's word vector and reads from the database only the texts it lacks
// (decision 0070): a later case asks only for the cases opened since and neither made nor triaged
// in this process (a case's vector is kept as its intake job makes it, 0111, or as it is triaged,
// 0089), its duplicates are the ones a fresh reading of every open text gives, and a closed case
// stops being suggested at once. The cases here are opened and closed "elsewhere" (by hand, as
// another process would), which a process's list of open cases sees only within
// DIRECTORY_CACHE_CHECK_MS (decision 0114): 0 here, so every search reads that list, and what is
// tested is the vectors alone (open-cases-kept.test.ts tests the list).
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app-context.js';
import { fixedClock } from '../../src/core/clock.js';
import { parseInput } from '../../src/core/validation.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { suggestCaseTriage, triageSettingsOf, triageText } from '../../src/triage/suggest-case-triage.js';
import { forgetTriageModel, triageModelInForce } from '../../src/triage/triage-model-store.js';
import { buildDuplicateIndex, suggestTriage } from '../../src/triage/triage-model.js';
import { OPEN_STATUSES } from '../../src/cases/case-vocabulary.js';
import { createIntakeHandler } from '../../workers/intake.handler.js';
import { interceptRawQueries } from '../helpers/intercept-raw-queries.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
let ctx: AppContext;
let organizationId: string;
// The ids whose texts triage asked for, one list per read.
const textReads: string[][] = [];

beforeAll(async () => {
  t = await createTestContext({
    clock: fixedClock(new Date('2026-03-18T02:00:00Z')),
    env: { DIRECTORY_CACHE_CHECK_MS: '0' },
  });
  const prisma = t.ctx.db.prisma.$extends({
    query: {
      case: {
        async findMany({ args, query }) {
          const ids = (args.where?.id as { in?: string[] } | undefined)?.in;
          if (args.select?.description && ids) textReads.push([...ids]);
          return query(args);
        },
      },
    },
  }) as unknown as AppContext['db']['prisma'];
  ctx = { ...t.ctx, db: { ...t.ctx.db, prisma } };
  organizationId = (
    await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } })
  ).id;
  forgetTriageModel();
});
afterAll(async () => {
  forgetTriageModel();
  await t.cleanup();
});

let n = 0;
async function openCase(description: string, place: string | null = null) {
  const row = await t.ctx.db.prisma.case.create({
    data: {
      code: `KV-${n++}`,
      organizationId,
      kind: 'feedback',
      channel: 'api',
      identityMode: 'anonymous',
      description,
      place,
      receivedAt: new Date(Date.UTC(2026, 2, 1, 0, n)),
    },
  });
  return row.id;
}

/** The duplicates a fresh reading of every open case's text gives, as suggestCaseTriage stores them. */
async function freshDuplicates(caseId: string) {
  const open = await t.ctx.db.prisma.case.findMany({
    where: { organizationId, status: { in: [...OPEN_STATUSES] }, id: { not: caseId } },
    orderBy: { receivedAt: 'desc' },
  });
  const self = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  const model = await triageModelInForce(ctx);
  const index = buildDuplicateIndex(
    model,
    open.map((c) => ({ caseId: c.id, code: c.code, text: triageText(c) })),
  );
  return suggestTriage(model, triageText(self), index, triageSettingsOf(ctx)).duplicates;
}

describe('duplicate suggestions with kept word vectors', () => {
  const ids: string[] = [];

  it('read every open text once, then only the texts of cases opened since and not triaged here', async () => {
    ids.push(await openCase('Nhà vệ sinh tầng 2 khu khám bệnh rất bẩn, không có nước', 'Khoa Khám bệnh'));
    ids.push(await openCase('Chờ lấy thuốc ở Khoa Dược hơn 2 tiếng đồng hồ'));
    ids.push(await openCase('Bác sĩ khoa Nội khám rất tận tình, cảm ơn'));
    const first = await openCase('Nhà vệ sinh tầng 2 khu khám bệnh bẩn quá, không có nước rửa tay');
    await suggestCaseTriage(ctx, first);
    expect(textReads).toHaveLength(1);
    expect(new Set(textReads[0])).toEqual(new Set(ids));

    // Opened meanwhile and triaged elsewhere (another worker process): its text is read.
    const elsewhere = await openCase('Phòng chờ khoa Nhi nóng, quạt trần bị hỏng');
    const second = await openCase('Khoa Dược để người bệnh chờ lấy thuốc 2 tiếng');
    textReads.length = 0;
    const s = await suggestCaseTriage(ctx, second);
    // `first` was kept as it was triaged: only the case triaged elsewhere is read.
    expect(textReads).toEqual([[elsewhere]]);
    expect(s?.duplicates.map((d) => d.caseId)).toContain(ids[1]);
    expect(s?.duplicates).toEqual(await freshDuplicates(second));
    ids.push(first, elsewhere, second);
  });

  it('give the same duplicates as a fresh reading, and drop a closed case at once', async () => {
    await t.ctx.db.prisma.case.update({ where: { id: ids[0]! }, data: { status: 'closed' } });
    const third = await openCase('Nhà vệ sinh tầng 2 khu khám bệnh rất bẩn, không có nước rửa tay');
    textReads.length = 0;
    const s = await suggestCaseTriage(ctx, third);
    // Every open case was read or triaged here before: no text is read.
    expect(textReads).toEqual([]);
    const dupes = s!.duplicates.map((d) => d.caseId);
    expect(dupes).not.toContain(ids[0]);
    expect(dupes).toContain(ids[3]);
    expect(s!.duplicates).toEqual(await freshDuplicates(third));
  });

  it('find a case their process made beside them without reading its text (decision 0111)', async () => {
    const submit = async (key: string, text: string) => {
      const s = parseInput(ZSubmissionSchema, {
        submissionId: `kept-${key}-1`,
        channel: 'web',
        kind: 'feedback',
        text,
      });
      await submitSubmission(t.ctx, s);
      return s.submissionId;
    };
    const a = await submit('a', 'Phòng chờ khoa Nhi nóng, quạt trần bị hỏng cả tuần nay');
    const b = await submit('b', 'Phòng chờ khoa Nhi nóng, quạt trần bị hỏng cả tuần chưa sửa');
    // A's job stops once its case is made, as when routing fails: its triage, which kept a case's
    // vector until now, never runs.
    const routingFails = interceptRawQueries(ctx.db.prisma, (query, run) =>
      query.text.includes('"accusedUnitId" =') ? Promise.reject(new Error('routing is down')) : run(),
    );
    await expect(
      createIntakeHandler({ ...ctx, db: { ...ctx.db, prisma: routingFails } })(
        { submissionId: a },
        {} as Job,
      ),
    ).rejects.toThrow('routing is down');
    const caseA = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { submissionId: a } });

    textReads.length = 0;
    const { caseId } = (await createIntakeHandler(ctx)({ submissionId: b }, {} as Job)) as { caseId: string };
    expect(textReads.flat()).not.toContain(caseA.id);
    const stored = await t.ctx.db.prisma.triageSuggestion.findUniqueOrThrow({ where: { caseId } });
    expect((stored.duplicates as { caseId: string }[]).map((d) => d.caseId)).toContain(caseA.id);
    expect(stored.duplicates).toEqual(await freshDuplicates(caseId));
  });
});
