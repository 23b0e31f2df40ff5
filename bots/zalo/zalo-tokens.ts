// The OA access token and its refresh. Zalo's access tokens last about 25 hours and its refresh
// tokens are single-use: the pair returned by a refresh is the only valid one, so it is stored
// (sealed, in channel_credentials) before anything uses it, and only one process refreshes at a
// time — a Redis lease taken with SET NX; the others wait until the stored version moves on and
// use the new token. The store is conditional on the version read under the lease, so even a
// refresher whose lease expired mid-call cannot overwrite a newer pair.
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { systemClock, type Clock } from '../../src/core/clock.js';
import type { Logger } from '../../src/core/logger.js';
import type { SealedBox } from '../../src/core/sealed-box.js';
import type { Database } from '../../src/db/database.js';
import { createRedisLease } from '../shared/redis-lock.js';
import {
  findZaloCredential,
  replaceZaloCredential,
  saveZaloCredential,
} from './zalo-credential.repository.js';
import { ZaloAuthError, ZaloNotAuthorizedError } from './zalo-errors.js';

export interface ZaloOAuthOptions {
  oauthBase: string;
  appId: string;
  appSecret: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: string;
}

export interface AccessToken {
  token: string;
  /** The stored version it came from: what a refresh after a token error must move past. */
  version: number;
}

export interface ZaloTokens {
  accessToken(): Promise<AccessToken>;
  /** Called after Zalo refused `staleVersion`'s token: returns a newer one, refreshing if nobody has. */
  refresh(staleVersion: number): Promise<AccessToken>;
}

export interface ZaloTokensOptions {
  db: Database;
  sealedBox: SealedBox;
  redis: Redis;
  /** Redis key prefix (QUEUE_PREFIX). */
  prefix: string;
  oauth: ZaloOAuthOptions;
  logger: Logger;
  clock?: Clock;
  fetch?: typeof fetch;
  /** Refresh ahead of expiry by this much. */
  marginMs?: number;
  lockTtlMs?: number;
  /** How long a process waits for another's refresh before giving up. */
  waitMs?: number;
}

const ZTokenAnswerSchema = z.object({
  access_token: z.string().min(10),
  refresh_token: z.string().min(10),
  expires_in: z.union([z.string().regex(/^\d+$/), z.number().int().positive()]).transform(Number),
});
const ZTokenErrorSchema = z.looseObject({
  error: z.number().optional(),
  error_name: z.string().optional(),
  error_description: z.string().optional(),
});

export function createZaloTokens(options: ZaloTokensOptions): ZaloTokens {
  const { db, sealedBox, redis, oauth } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger.child({ component: 'zalo-token' });
  const marginMs = options.marginMs ?? 5 * 60_000;
  const lockTtlMs = options.lockTtlMs ?? 30_000;
  const waitMs = options.waitMs ?? 20_000;
  const lockKey = `${options.prefix}:zalo:token-refresh`;

  async function read(): Promise<{ pair: TokenPair; version: number; expiresAt: Date | null }> {
    const row = await findZaloCredential(db.prisma);
    if (!row) throw new ZaloNotAuthorizedError();
    return {
      pair: sealedBox.openJson<TokenPair>(row.ciphertext),
      version: row.version,
      expiresAt: row.expiresAt,
    };
  }

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function refresh(staleVersion: number): Promise<AccessToken> {
    const until = Date.now() + waitMs;
    while (Date.now() < until) {
      const lease = createRedisLease(redis, lockKey, lockTtlMs);
      if (await lease.tryAcquire()) {
        try {
          const current = await read();
          if (current.version !== staleVersion)
            return { token: current.pair.accessToken, version: current.version };
          const next = await exchangeZaloRefreshToken(oauth, current.pair.refreshToken, options);
          // Stored before use: the old refresh token is spent now, this pair is the only one left.
          const stored = await replaceZaloCredential(
            db.prisma,
            current.version,
            sealedBox.sealJson(next),
            new Date(next.accessExpiresAt),
          );
          if (!stored) {
            const latest = await read();
            return { token: latest.pair.accessToken, version: latest.version };
          }
          logger.info({ version: current.version + 1 }, 'zalo access token refreshed');
          return { token: next.accessToken, version: current.version + 1 };
        } finally {
          await lease.release().catch(() => {});
        }
      }
      await sleep(100);
      const current = await read();
      if (current.version !== staleVersion)
        return { token: current.pair.accessToken, version: current.version };
    }
    throw new ZaloAuthError('timed out waiting for another process to refresh the Zalo token');
  }

  return {
    async accessToken() {
      const current = await read();
      const expires = current.expiresAt?.getTime() ?? new Date(current.pair.accessExpiresAt).getTime();
      if (expires - marginMs <= clock.now().getTime()) return refresh(current.version);
      return { token: current.pair.accessToken, version: current.version };
    },
    refresh,
  };
}

/** One OAuth call: a refresh token in, a new pair out (the given refresh token is spent). */
export async function exchangeZaloRefreshToken(
  oauth: ZaloOAuthOptions,
  refreshToken: string,
  options: { fetch?: typeof fetch; clock?: Clock } = {},
): Promise<TokenPair> {
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? systemClock;
  const res = await doFetch(`${oauth.oauthBase}/v4/oa/access_token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: oauth.appSecret },
    body: new URLSearchParams({
      app_id: oauth.appId,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    }),
    signal: AbortSignal.timeout(15_000),
  });
  const json: unknown = await res.json().catch(() => null);
  const ok = ZTokenAnswerSchema.safeParse(json);
  if (!res.ok || !ok.success) {
    const e = ZTokenErrorSchema.safeParse(json);
    const what = e.success
      ? `${e.data.error ?? res.status} ${e.data.error_name ?? ''} ${e.data.error_description ?? ''}`
      : String(res.status);
    throw new ZaloAuthError(`Zalo OAuth refused the refresh token: ${what.trim().slice(0, 200)}`);
  }
  return {
    accessToken: ok.data.access_token,
    refreshToken: ok.data.refresh_token,
    accessExpiresAt: new Date(clock.now().getTime() + ok.data.expires_in * 1000).toISOString(),
  };
}

/** `npx langnghe zalo:token`: turns an operator's refresh token into the stored pair. */
export async function storeZaloTokenFromRefreshToken(
  deps: { db: Database; sealedBox: SealedBox; clock?: Clock; fetch?: typeof fetch },
  oauth: ZaloOAuthOptions,
  refreshToken: string,
): Promise<{ expiresAt: Date; version: number }> {
  const pair = await exchangeZaloRefreshToken(oauth, refreshToken, deps);
  const expiresAt = new Date(pair.accessExpiresAt);
  const version = await saveZaloCredential(deps.db.prisma, deps.sealedBox.sealJson(pair), expiresAt);
  return { expiresAt, version };
}
