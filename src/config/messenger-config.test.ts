import { describe, expect, it } from 'vitest';
import { ConfigError, createConfig } from './config.js';

const page = {
  MESSENGER_PAGE_ID: '1029384756',
  MESSENGER_PAGE_ACCESS_TOKEN: 'EAAG-page-token',
  MESSENGER_APP_SECRET: 'app-secret',
  MESSENGER_VERIFY_TOKEN: 'verify-token',
};

describe('Messenger configuration', () => {
  it('is off without the MESSENGER_* settings, on with all four, with the Graph API by default', () => {
    expect(createConfig({}).messenger).toBeUndefined();
    expect(createConfig(page).messenger).toEqual({
      pageId: '1029384756',
      pageAccessToken: 'EAAG-page-token',
      appSecret: 'app-secret',
      verifyToken: 'verify-token',
      pageUsername: undefined,
      graphUrl: 'https://graph.facebook.com/v21.0',
    });
    expect(createConfig({ ...page, MESSENGER_GRAPH_URL: 'http://127.0.0.1:9/' }).messenger?.graphUrl).toBe(
      'http://127.0.0.1:9',
    );
  });

  it('refuses a partial setup with one clear line, never echoing a secret', () => {
    const partial = () =>
      createConfig({ MESSENGER_PAGE_ID: '1029384756', MESSENGER_APP_SECRET: 'top-secret' });
    expect(partial).toThrow(ConfigError);
    expect(partial).toThrow(/MESSENGER_PAGE_ACCESS_TOKEN and MESSENGER_VERIFY_TOKEN are missing/);
    expect(() => createConfig({ ...page, MESSENGER_VERIFY_TOKEN: 'a b' })).toThrow(/not shown/);
    expect(() => createConfig({ ...page, MESSENGER_VERIFY_TOKEN: 'a b' })).not.toThrow(/a b/);
  });
});
