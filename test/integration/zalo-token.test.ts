// The Zalo OA token pair on a real database and Redis: several processes that find the access
// token refused at the same moment make one OAuth call between them (refresh tokens are
// single-use: a second call would spend the token the first one just stored), and all of them go
// on with the new token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZaloOaClient } from '../../bots/zalo/zalo-api.js';
import {
  createZaloTokens,
  storeZaloTokenFromRefreshToken,
  type ZaloTokens,
} from '../../bots/zalo/zalo-tokens.js';
import { connectRedis, type Redis } from '../../src/queue/redis-connection.js';
import { startFakeZaloApi, type FakeZaloApi } from '../helpers/fake-zalo-api.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { testRedisUrl } from '../helpers/test-redis.js';

let t: TestContext;
let fake: FakeZaloApi;
const connections: Redis[] = [];

beforeAll(async () => {
  t = await createTestContext({ seed: false });
  fake = await startFakeZaloApi();
});

afterAll(async () => {
  for (const c of connections) c.disconnect();
  await fake?.close();
  await t?.cleanup();
});

const oauth = () => ({ oauthBase: fake.url, appId: fake.appId, appSecret: fake.appSecret });

/** One "process": its own Redis connection, its own token manager. */
async function processTokens(): Promise<ZaloTokens> {
  const redis = connectRedis(await testRedisUrl(), 'zalo-token-test');
  connections.push(redis);
  return createZaloTokens({
    db: t.ctx.db,
    sealedBox: t.ctx.sealedBox,
    redis,
    prefix: t.prefix,
    oauth: oauth(),
    logger: t.ctx.logger,
  });
}

describe('Zalo token refresh across processes', () => {
  it('stores the operator’s refresh token as a sealed pair, spending it', async () => {
    const refreshToken = fake.issueRefreshToken();
    const stored = await storeZaloTokenFromRefreshToken(
      { db: t.ctx.db, sealedBox: t.ctx.sealedBox },
      oauth(),
      refreshToken,
    );
    expect(stored.version).toBeGreaterThanOrEqual(1);
    const row = await t.ctx.db.prisma.channelCredential.findUniqueOrThrow({ where: { channel: 'zalo' } });
    expect(Buffer.from(row.ciphertext).toString('latin1')).not.toContain('acc-');
    await expect(
      storeZaloTokenFromRefreshToken({ db: t.ctx.db, sealedBox: t.ctx.sealedBox }, oauth(), refreshToken),
    ).rejects.toThrow(/refused the refresh token/);
  });

  it('five processes refreshing at once make one OAuth call and all get the new token', async () => {
    const all = await Promise.all(Array.from({ length: 5 }, () => processTokens()));
    const { version } = await all[0]!.accessToken();
    fake.setOAuthDelay(300);
    const before = fake.oauthCalls().length;
    const results = await Promise.all(all.map((p) => p.refresh(version)));
    fake.setOAuthDelay(0);
    expect(fake.oauthCalls().length - before).toBe(1);
    expect(new Set(results.map((r) => r.token)).size).toBe(1);
    expect(results.every((r) => r.version === version + 1)).toBe(true);
    const row = await t.ctx.db.prisma.channelCredential.findUniqueOrThrow({ where: { channel: 'zalo' } });
    expect(row.version).toBe(version + 1);
  });

  it('clients whose token Zalo refuses refresh once between them and send their messages', async () => {
    const clients = await Promise.all(
      Array.from({ length: 4 }, async () =>
        createZaloOaClient({ apiBase: fake.url, tokens: await processTokens() }),
      ),
    );
    fake.expireAccessTokens();
    fake.setOAuthDelay(200);
    const before = fake.oauthCalls().length;
    const ids = await Promise.all(
      clients.map(
        async (c, i) => (await c.sendMessage({ userId: `90000${i}` }, { text: `tin ${i}` })).messageId,
      ),
    );
    fake.setOAuthDelay(0);
    expect(ids.every((id) => id !== '')).toBe(true);
    expect(fake.oauthCalls().length - before).toBe(1);
    for (let i = 0; i < 4; i++) expect(fake.sentTo(`90000${i}`).map((m) => m.text)).toEqual([`tin ${i}`]);
  });
});
