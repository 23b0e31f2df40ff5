import { describe, expect, it } from 'vitest';
import { createConfig } from '../config/config.js';
import { channelLinks } from './channel-links.js';

describe('channelLinks', () => {
  it('links the web chat at PUBLIC_URL, else at the given listen address', () => {
    expect(
      channelLinks(createConfig({ PUBLIC_URL: 'https://gopy.example.vn/' }), 'ta-kkb', {
        baseUrl: 'http://127.0.0.1:3000',
      }),
    ).toEqual({
      web: 'https://gopy.example.vn/chat/ta-kkb',
    });
    expect(channelLinks(createConfig({}), 'ta-kkb', { baseUrl: 'http://127.0.0.1:3000' })).toEqual({
      web: 'http://127.0.0.1:3000/chat/ta-kkb',
    });
    expect(() => channelLinks(createConfig({}), 'ta-kkb')).toThrow(/PUBLIC_URL/);
  });

  it('adds the Telegram deep link when the bot username is configured, and Zalo when its adapter gives a link', () => {
    const config = createConfig({
      PUBLIC_URL: 'https://gopy.example.vn',
      TELEGRAM_BOT_TOKEN: '123456789:AAH-test_token',
      TELEGRAM_BOT_USERNAME: '@LangNgheBot',
    });
    expect(
      channelLinks(config, 'ta-kkb', {
        zaloLink: () => 'https://zalo.me/1234567890',
        zaloKeyword: (unit) => `#u_${unit}`,
      }),
    ).toEqual({
      web: 'https://gopy.example.vn/chat/ta-kkb',
      telegram: 'https://t.me/LangNgheBot?start=u_ta-kkb',
      zalo: 'https://zalo.me/1234567890',
      zaloKeyword: '#u_ta-kkb',
    });
    // A token without a username: the bot runs, but no link can be printed.
    const noName = createConfig({
      PUBLIC_URL: 'https://gopy.example.vn',
      TELEGRAM_BOT_TOKEN: '123456789:AAH-test_token',
    });
    expect(channelLinks(noName, 'ta-kkb', { zaloLink: () => undefined })).toEqual({
      web: 'https://gopy.example.vn/chat/ta-kkb',
    });
  });

  it('refuses a malformed bot username at start-up', () => {
    expect(() =>
      createConfig({ TELEGRAM_BOT_TOKEN: '123456789:AAH-test_token', TELEGRAM_BOT_USERNAME: 'no spaces' }),
    ).toThrow(/TELEGRAM_BOT_USERNAME/);
  });

  it('adds the Page’s m.me link with the unit as ref when Messenger is configured', () => {
    const env = {
      PUBLIC_URL: 'https://gopy.example.vn',
      MESSENGER_PAGE_ID: '1029384756',
      MESSENGER_PAGE_ACCESS_TOKEN: 'page-token',
      MESSENGER_APP_SECRET: 'app-secret',
      MESSENGER_VERIFY_TOKEN: 'verify-token',
    };
    expect(channelLinks(createConfig(env), 'ta-kkb').messenger).toBe('https://m.me/1029384756?ref=u_ta-kkb');
    expect(
      channelLinks(createConfig({ ...env, MESSENGER_PAGE_USERNAME: 'TTYTThuanAn' }), 'ta-kkb').messenger,
    ).toBe('https://m.me/TTYTThuanAn?ref=u_ta-kkb');
  });
});
