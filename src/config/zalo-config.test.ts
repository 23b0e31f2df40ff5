import { describe, expect, it } from 'vitest';
import { ConfigError, createConfig } from './config.js';

const zalo = { ZALO_APP_ID: '1234567890', ZALO_APP_SECRET: 'app-secret', ZALO_OA_SECRET_KEY: 'oa-secret' };

describe('Zalo configuration', () => {
  it('is off without the ZALO_* settings, on with all three, with Zalo’s servers by default', () => {
    expect(createConfig({}).zalo).toBeUndefined();
    expect(createConfig(zalo).zalo).toEqual({
      appId: '1234567890',
      appSecret: 'app-secret',
      oaSecretKey: 'oa-secret',
      oaId: undefined,
      apiBase: 'https://openapi.zalo.me',
      oauthBase: 'https://oauth.zaloapp.com',
      znsBase: 'https://business.openapi.zalo.me',
      replyWindowHours: 48,
      replyQuota: 8,
      quotaAlertPercents: [20, 5, 0],
    });
    expect(
      createConfig({ ...zalo, ZALO_REPLY_QUOTA: '6', ZALO_QUOTA_ALERT_PERCENTS: '5,50,5' }).zalo,
    ).toMatchObject({ replyQuota: 6, quotaAlertPercents: [50, 5] });
    expect(
      createConfig({ ...zalo, ZALO_API_BASE: 'http://127.0.0.1:9/', ZALO_OA_ID: '42424242' }).zalo,
    ).toMatchObject({
      apiBase: 'http://127.0.0.1:9',
      oaId: '42424242',
    });
  });

  it('refuses a partial setup with one clear line, never echoing a secret', () => {
    const partial = () => createConfig({ ZALO_APP_ID: '1234567890', ZALO_APP_SECRET: 'top-secret' });
    expect(partial).toThrow(ConfigError);
    expect(partial).toThrow(/ZALO_OA_SECRET_KEY is missing/);
    expect(() => createConfig({ ...zalo, ZALO_APP_ID: 'abc' })).toThrow(
      /ZALO_APP_ID must be the numeric App ID/,
    );
    try {
      partial();
    } catch (err) {
      expect((err as Error).message).not.toContain('top-secret');
    }
  });
});
