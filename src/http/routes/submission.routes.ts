import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { parseInput } from '../../core/validation.js';
import { ZSubmissionSchema, type SubmissionReceiptBody } from '../../intake/submission.schema.js';
import { submitSubmission } from '../../intake/submit-submission.js';
import { getPublicCaseStatus } from '../../cases/get-public-status.js';

export function registerSubmissionRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  publicUrl: () => string,
): void {
  app.post('/api/submissions', async (request, reply) => {
    const submission = parseInput(ZSubmissionSchema, request.body);
    const receipt = await submitSubmission(ctx, submission);
    // Typed by the schema the OpenAPI document shows.
    const body: SubmissionReceiptBody = {
      code: receipt.code,
      status: 'received',
      ...(receipt.followUpSecret ? { followUpSecret: receipt.followUpSecret } : {}),
      duplicate: receipt.duplicate,
      trackUrl: `${publicUrl()}/api/cases/${receipt.code}`,
      message: `Đã tiếp nhận ý kiến của bạn. Mã hồ sơ: ${receipt.code}.`,
    };
    return reply.status(202).send(body);
  });

  // The secret of an anonymous case travels in a header, never in the URL (URLs end up in logs).
  app.get<{ Params: { code: string } }>('/api/cases/:code', async (request) => {
    const secret = request.headers['x-follow-up-secret'];
    return getPublicCaseStatus(ctx, request.params.code, typeof secret === 'string' ? secret : undefined);
  });
}
