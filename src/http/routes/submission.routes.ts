import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import type { KeyedHash } from '../../core/keyed-hash.js';
import { parseInput } from '../../core/validation.js';
import { ZSubmissionSchema, type SubmissionReceiptBody } from '../../intake/submission.schema.js';
import { submitSubmission } from '../../intake/submit-submission.js';
import type { NewCaseCap } from '../../intake/new-case-cap.js';
import { LOOKUP_LIMIT_MESSAGE, type CaseLookup } from '../case-lookup.js';
import { perAddress, rateLimitedError } from '../rate-limits.js';

export interface SubmissionRouteDeps {
  /** The tracking page's lookup: the same proof and the same failed-lookup counter. */
  lookup: CaseLookup;
  /** New cases per client address per unit and organisation. */
  newCaseCap: NewCaseCap;
  /** The keyed hash of client addresses (the cap's source: never the address itself). */
  clientKey: KeyedHash;
}

export function registerSubmissionRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  publicUrl: () => string,
  deps: SubmissionRouteDeps,
): void {
  const { limits } = ctx.config;
  app.post(
    '/api/submissions',
    {
      config: {
        rateLimit: perAddress(
          limits.submissionsPerMinute,
          60_000,
          'Bạn đã gửi quá nhiều ý kiến trong thời gian ngắn.',
        ),
      },
    },
    async (request, reply) => {
      const submission = parseInput(ZSubmissionSchema, request.body);
      const receipt = await submitSubmission(ctx, submission, {
        // Keyed like the web chat's sessions, so both doors count on the same counters.
        source: { client: deps.clientKey(request.ip), cap: deps.newCaseCap },
      });
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
    },
  );

  // The secret of an anonymous case travels in a header, never in the URL (URLs end up in logs).
  app.get<{ Params: { code: string } }>(
    '/api/cases/:code',
    { config: { rateLimit: perAddress(limits.lookupsPerMinute, 60_000, LOOKUP_LIMIT_MESSAGE) } },
    async (request) => {
      const wait = await deps.lookup.blockedFor(request.ip);
      if (wait) throw rateLimitedError('Bạn đã nhập sai mã quá nhiều lần.', wait);
      const secret = request.headers['x-follow-up-secret'];
      const { status } = await deps.lookup.lookUp(
        request.ip,
        request.params.code,
        typeof secret === 'string' ? secret : undefined,
      );
      return status;
    },
  );
}
