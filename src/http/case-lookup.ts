// One lookup of a case by its tracking code for both public doors — the tracking page (/tra-cuu)
// and GET /api/cases/:code — so they ask the same proof (the code, and for an anonymous case the
// follow-up secret: getPublicCaseStatus) and share one guess limit: failed lookups (mistyped or
// unknown code, wrong secret) are counted per client address in one Redis counter, and a client
// blocked on one door is blocked on the other (decision 0012).
import type { Redis } from 'ioredis';
import type { AppContext } from '../app-context.js';
import { getPublicCaseStatus, type PublicCaseStatus } from '../cases/get-public-status.js';
import { isAppError } from '../core/app-error.js';
import { createClientAddressHash } from '../core/keyed-hash.js';
import { createFailureLimiter } from './failure-limiter.js';

export const TRACKING_FAILURE_LIMIT = { limit: 10, windowSeconds: 600 } as const;
export const LOOKUP_LIMIT_MESSAGE = 'Bạn đã tra cứu quá nhiều lần trong thời gian ngắn.';

export interface CaseLookup {
  /** Seconds until the client may look up again, or 0. */
  blockedFor(client: string): Promise<number>;
  /** A failed proof elsewhere (the satisfaction form's wrong secret) counts like a failed lookup. */
  recordFailure(client: string): Promise<void>;
  /**
   * The public status, counting a failure for a malformed or unknown code (then rethrown) and for a
   * secret that does not open the case (`secretRejected`; the status is then shown without replies).
   */
  lookUp(
    client: string,
    code: string,
    secret: string | undefined,
  ): Promise<{ status: PublicCaseStatus; secretRejected: boolean }>;
}

export function createCaseLookup(ctx: AppContext, redis: Redis): CaseLookup {
  const limiter = createFailureLimiter(
    redis,
    `${ctx.config.queuePrefix}:tracking-failures`,
    TRACKING_FAILURE_LIMIT,
    createClientAddressHash(ctx.sealedBox),
  );
  return {
    blockedFor: (client) => limiter.blockedFor(client),
    recordFailure: (client) => limiter.recordFailure(client),
    async lookUp(client, code, secret) {
      let status: PublicCaseStatus;
      try {
        status = await getPublicCaseStatus(ctx, code, secret);
      } catch (err) {
        if (isAppError(err) && (err.code === 'malformed_code' || err.code === 'not_found'))
          await limiter.recordFailure(client);
        throw err;
      }
      const secretRejected = !!secret && status.repliesNeedSecret;
      if (secretRejected) await limiter.recordFailure(client);
      return { status, secretRejected };
    },
  };
}
