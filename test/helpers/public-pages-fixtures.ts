// Cases in the states the public pages show (submitted, resolved with a public answer) and the HTTP
// server with the public pages, listening on a free port of 127.0.0.1, for tests that talk HTTP to it.
import type { FastifyInstance } from 'fastify';
import { applyCaseAction } from '../../src/cases/case-lifecycle.service.js';
import { parseInput } from '../../src/core/validation.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import type { TestContext } from './test-context.js';

let n = 0;

export async function createCase(
  t: TestContext,
  over: Record<string, unknown> = {},
): Promise<{ caseId: string; code: string; followUpSecret?: string }> {
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `pp-${Date.now()}-${n++}`,
    channel: 'api',
    kind: 'report',
    text: 'Phòng chờ Khoa Khám bệnh quá nóng.',
    unitCode: 'ta-kkb',
    ...over,
  });
  const receipt = await submitSubmission(t.ctx, s);
  const { caseId } = await processSubmission(t.ctx, s.submissionId);
  return { caseId, code: receipt.code, followUpSecret: receipt.followUpSecret };
}

/** Accept and resolve as the organisation's officers do, with a public answer to the sender. */
export async function resolveCase(
  t: TestContext,
  caseId: string,
  answer = 'Khoa đã lắp thêm quạt cho phòng chờ.',
): Promise<void> {
  const org = await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  const staff = await t.ctx.db.prisma.staff.create({
    data: { organizationId: org.id, fullName: 'Cán bộ xử lý' },
  });
  await applyCaseAction(t.ctx, {
    caseId,
    action: 'accept',
    actor: { type: 'staff', staffId: staff.id, role: 'receiver' },
  });
  await applyCaseAction(t.ctx, {
    caseId,
    action: 'resolve',
    actor: { type: 'staff', staffId: staff.id, role: 'handler' },
    params: { outcome: 'valid', answer },
  });
}

export async function startPagesServer(t: TestContext): Promise<{ url: string; app: FastifyInstance }> {
  let url = '';
  const app = await buildHttpServer(t.ctx, t.redis, [], () => url, [], {});
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  url = address;
  return { url, app };
}
