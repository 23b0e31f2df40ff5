// How many new cases one source may open per unit and per organisation in an hour. The rate limit
// on POST /api/submissions bounds requests; this bounds what lands on one department's desk: a
// flood aimed at one unit (or spread over all units of one organisation) stops at the cap while the
// rest of the organisation keeps receiving. Counters are in Redis, shared by every web process, and
// their names hold a keyed hash of source and recipient: no addresses, no ids.
//
// A source is the keyed hash of the client address (createClientAddressHash), whichever door the
// case comes through: POST /api/submissions and the web chat's submit count on the same counters.
// Telegram and Zalo know no address: the conversation's keyed hash is their source.
import type { Redis } from 'ioredis';
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { createClientAddressHash, type KeyedHash } from '../core/keyed-hash.js';
import type { Logger } from '../core/logger.js';

const WINDOW_SECONDS = 3600;

/**
 * Checks both counters before counting, in one step: a refused attempt counts nowhere, and two
 * processes racing cannot both take the last place. Returns {0, 0} when counted, else which
 * counter is full (1 the unit's, 2 the organisation's) and the seconds until its window ends.
 */
const TAKE = `
local unitMax = tonumber(ARGV[1])
local orgMax = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local hasUnit = ARGV[4] == '1'
if hasUnit and tonumber(redis.call('GET', KEYS[1]) or '0') >= unitMax then
  return {1, math.max(redis.call('TTL', KEYS[1]), 1)}
end
if tonumber(redis.call('GET', KEYS[2]) or '0') >= orgMax then
  return {2, math.max(redis.call('TTL', KEYS[2]), 1)}
end
local keys = hasUnit and {KEYS[1], KEYS[2]} or {KEYS[2]}
for _, key in ipairs(keys) do
  if redis.call('INCR', key) == 1 then redis.call('EXPIRE', key, window) end
end
return {0, 0}
`;

/** Gives back what TAKE counted, never below zero. */
const GIVE_BACK = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0
`;

export interface NewCaseCap {
  /** Counts one new case from `source` for the recipient, or throws `rate_limited` past the cap. */
  take(source: string, recipient: { organizationId: string; unitId: string | null }): Promise<void>;
  /**
   * Undoes a `take` that made no new case: the submission turned out to be stored already (the
   * duplicate check comes after the count, decision 0042). Best effort: a failure is logged.
   */
  giveBack(source: string, recipient: { organizationId: string; unitId: string | null }): Promise<void>;
}

export function createNewCaseCap(options: {
  /** A promise for callers whose connection is still being set up (the dialog's). */
  redis: Redis | Promise<Redis>;
  prefix: string;
  /** Hashes source and recipient together into the key name. */
  keyedHash: KeyedHash;
  perUnitPerHour: number;
  perOrganizationPerHour: number;
  logger: Logger;
}): NewCaseCap {
  const { prefix, keyedHash } = options;
  const keysOf = (source: string, recipient: { organizationId: string; unitId: string | null }) => ({
    unitKey: `${prefix}:new-cases:${keyedHash(`unit\n${recipient.unitId ?? ''}\n${source}`)}`,
    orgKey: `${prefix}:new-cases:${keyedHash(`org\n${recipient.organizationId}\n${source}`)}`,
  });
  return {
    async giveBack(source, recipient) {
      const { unitKey, orgKey } = keysOf(source, recipient);
      const keys = recipient.unitId ? [unitKey, orgKey] : [orgKey];
      try {
        const redis = await options.redis;
        await redis.eval(GIVE_BACK, keys.length, ...keys);
      } catch (err) {
        options.logger.warn({ err: { message: (err as Error).message } }, 'new-case cap: give back failed');
      }
    },
    async take(source, recipient) {
      const { unitKey, orgKey } = keysOf(source, recipient);
      let full: number, wait: number;
      try {
        const redis = await options.redis;
        [full, wait] = (await redis.eval(
          TAKE,
          2,
          unitKey,
          orgKey,
          options.perUnitPerHour,
          options.perOrganizationPerHour,
          WINDOW_SECONDS,
          recipient.unitId ? '1' : '0',
        )) as [number, number];
      } catch (err) {
        // The submission is stored in the database before it is queued (decision 0001): a Redis
        // outage must not turn senders away, so the cap lets them through and says so.
        options.logger.warn({ err: { message: (err as Error).message } }, 'new-case cap unavailable');
        return;
      }
      if (full) {
        throw new AppError(
          'rate_limited',
          `Đã nhận quá nhiều ý kiến mới từ cùng một nơi gửi cho ${full === 1 ? 'khoa/phòng' : 'đơn vị'} này. Vui lòng thử lại sau khoảng ${Math.ceil(wait / 60)} phút hoặc gọi đường dây nóng của đơn vị.`,
          { retryAfterSeconds: wait },
        );
      }
    },
  };
}

/** The cap with this installation's limits (NEW_CASES_PER_*), on `redis`. */
export function createIntakeNewCaseCap(ctx: AppContext, redis: Redis | Promise<Redis>): NewCaseCap {
  return createNewCaseCap({
    redis,
    prefix: ctx.config.queuePrefix,
    keyedHash: createClientAddressHash(ctx.sealedBox),
    perUnitPerHour: ctx.config.limits.newCasesPerUnitPerHour,
    perOrganizationPerHour: ctx.config.limits.newCasesPerOrganizationPerHour,
    logger: ctx.logger,
  });
}
