// Each process keeps its organisations' lists of open cases between new cases (decision 0114):
// the cases it makes are compared with at once, without reading the list again; a case it closes
// is dropped at once; the list is read again after DIRECTORY_CACHE_CHECK_MS (60 s here, so that
// no read in these tests comes from the time passing).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app-context.js';
import { applyCaseAction } from '../../src/cases/case-lifecycle.service.js';
import { parseInput } from '../../src/core/validation.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { suggestCaseTriage } from '../../src/triage/suggest-case-triage.js';
import { forgetTriageModel } from '../../src/triage/triage-model-store.js';
import { interceptRawQueries } from '../helpers/intercept-raw-queries.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
let ctx: AppContext;
let listReads = 0;
let receiverId: string;

beforeAll(async () => {
  t = await createTestContext({ env: { DIRECTORY_CACHE_CHECK_MS: '60000' } });
  // Raw statements through `$queryRaw`, where the list's read can be counted.
  const counting = interceptRawQueries(t.ctx.db.prisma, (query, run) => {
    if (query.text.includes('string_agg(c.id::text')) listReads++;
    return run();
  });
  ctx = { ...t.ctx, db: { ...t.ctx.db, prisma: counting } };
  const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  receiverId = (
    await t.ctx.db.prisma.staff.create({ data: { organizationId: org.id, fullName: 'Cán bộ tiếp nhận' } })
  ).id;
  forgetTriageModel();
});
afterAll(async () => {
  forgetTriageModel();
  await t.cleanup();
});

let n = 0;
/** A submission made into a case and triaged by this process, as its intake job does it. */
async function newCase(text: string) {
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `kept-open-${n++}`,
    channel: 'web',
    kind: 'feedback',
    text,
  });
  await submitSubmission(t.ctx, s);
  const { caseId, made } = await processSubmission(ctx, s.submissionId);
  const suggestion = await suggestCaseTriage(ctx, caseId, made?.case);
  return { caseId, duplicates: suggestion!.duplicates.map((d) => d.caseId) };
}

describe('the open cases a process keeps', () => {
  const ids: string[] = [];

  it('hold the cases this process made, read from the database once', async () => {
    const a = await newCase('Phòng chờ khoa Nhi nóng, quạt trần bị hỏng cả tuần nay');
    const b = await newCase('Phòng chờ khoa Nhi nóng quá, quạt trần hỏng cả tuần chưa sửa');
    const c = await newCase('Phòng chờ khoa Nhi nóng, quạt trần bị hỏng cả tuần chưa ai sửa');
    expect(b.duplicates).toContain(a.caseId);
    expect(c.duplicates).toEqual(expect.arrayContaining([a.caseId, b.caseId]));
    expect(listReads).toBe(1);
    ids.push(a.caseId, b.caseId, c.caseId);
  });

  it('drop a case this process closed, at once', async () => {
    await applyCaseAction(ctx, {
      caseId: ids[0]!,
      action: 'refuse',
      actor: { type: 'staff', staffId: receiverId, role: 'receiver' },
      params: { groundId: 'not-actionable', reason: 'Trùng nội dung' },
    });
    const d = await newCase('Phòng chờ khoa Nhi nóng, quạt trần bị hỏng cả tuần nay rồi');
    expect(d.duplicates).not.toContain(ids[0]);
    expect(d.duplicates).toEqual(expect.arrayContaining([ids[1], ids[2]]));
    expect(listReads).toBe(2);
  });
});
