// Rate limits on the public doors (@fastify/rate-limit). Counters live in Redis under the queue
// prefix, so every web process behind the load balancer counts together. The key is a keyed hash of
// the client address (request.ip: the socket's address, or X-Forwarded-For past TRUST_PROXY_HOPS
// proxies) — Redis never holds an address. Every route gets the general per-address limit unless it
// names its own (`perAddress`, `perChatSession`) or opts out (`NOT_RATE_LIMITED`: health checks and
// webhooks, whose callers share addresses and prove themselves by signature or secret). A request
// that a signed-in session makes (sessionKeyOf, known before the limit runs) is counted per session
// instead, with a limit of its own: officers behind one NAT share an address.
import rateLimit, { type RateLimitOptions } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { AppError } from '../core/app-error.js';
import type { KeyedHash } from '../core/keyed-hash.js';

export const NOT_RATE_LIMITED = false as const;

/** The general limit's key prefix for a signed-in session (else `a:` and the address's hash). */
const SESSION_KEY = 'session:';

const DEFAULT_MESSAGE = 'Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn.';

/** "45 giây", "3 phút", "2 giờ": rounded up, so the person never retries too early. */
export function waitText(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} giây`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)} phút`;
  return `${Math.ceil(seconds / 3600)} giờ`;
}

export function rateLimitedError(message: string, retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', `${message} Vui lòng thử lại sau ${waitText(retryAfterSeconds)}.`, {
    retryAfterSeconds,
  });
}

const refusal =
  (message: string): RateLimitOptions['errorResponseBuilder'] =>
  (_request, context) =>
    rateLimitedError(message, Math.ceil(context.ttl / 1000));

export async function registerRateLimits(
  app: FastifyInstance,
  options: {
    redis: Redis;
    prefix: string;
    clientKey: KeyedHash;
    requestsPerMinute: number;
    /** The signed-in session behind a request, if any, and its own limit. */
    sessionKeyOf: (request: FastifyRequest) => string | undefined;
    sessionRequestsPerMinute: number;
  },
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: (_request: FastifyRequest, key: string) =>
      key.startsWith(SESSION_KEY) ? options.sessionRequestsPerMinute : options.requestsPerMinute,
    timeWindow: 60_000,
    redis: options.redis,
    nameSpace: `${options.prefix}:rate:`,
    keyGenerator: (request: FastifyRequest) => {
      const session = options.sessionKeyOf(request);
      return session ? `${SESSION_KEY}${session}` : `a:${options.clientKey(request.ip)}`;
    },
    errorResponseBuilder: refusal(DEFAULT_MESSAGE),
    // Redis failing must not take the pages down with it: the limit steps aside until it is back,
    // as the new-case cap does (submissions are stored in the database first, decision 0001).
    skipOnError: true,
    // Only Retry-After on a refusal: the remaining count of every response is nobody's business.
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    addHeaders: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
      'retry-after': true,
    },
  });
}

/** A route's own limit per client address: `max` requests per `windowMs`. */
export function perAddress(max: number, windowMs: number, message = DEFAULT_MESSAGE): RateLimitOptions {
  return { max, timeWindow: windowMs, errorResponseBuilder: refusal(message) };
}

/**
 * A route's own limit per web chat session (the session key, itself a hash of the id the page
 * sends), else per address for a request without one.
 */
export function perChatSession(
  max: number,
  windowMs: number,
  sessionKeyOf: (request: FastifyRequest) => string | undefined,
  clientKey: KeyedHash,
  message = DEFAULT_MESSAGE,
): RateLimitOptions {
  return {
    max,
    timeWindow: windowMs,
    keyGenerator: (request) => {
      const session = sessionKeyOf(request);
      return session ? `s:${session}` : `a:${clientKey(request.ip)}`;
    },
    errorResponseBuilder: refusal(message),
  };
}
