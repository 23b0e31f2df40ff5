import { describe, expect, it } from 'vitest';
import { ConfigError, createConfig, deriveTelegramWebhookSecret } from './config.js';

describe('Telegram configuration', () => {
  it('is off without a token', () => {
    expect(createConfig({}).telegram).toBeUndefined();
  });

  it('defaults the API root and derives a stable webhook secret from the token', () => {
    const t = createConfig({ TELEGRAM_BOT_TOKEN: '123:abc' }).telegram!;
    expect(t.apiRoot).toBe('https://api.telegram.org');
    expect(t.webhookSecret).toMatch(/^[A-Za-z0-9_-]{16,256}$/);
    expect(t.webhookSecret).toBe(deriveTelegramWebhookSecret('123:abc'));
    expect(t.webhookSecret).not.toBe(deriveTelegramWebhookSecret('123:abd'));
    expect(t.webhookSecret).not.toContain('abc');
  });

  it('takes an explicit API root (trailing slash trimmed) and secret', () => {
    const t = createConfig({
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
      TELEGRAM_WEBHOOK_SECRET: 'a-very-secret-value_123',
    }).telegram!;
    expect(t.apiRoot).toBe('http://127.0.0.1:8081');
    expect(t.webhookSecret).toBe('a-very-secret-value_123');
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: 'not a token' }, 'TELEGRAM_BOT_TOKEN'],
    [{ TELEGRAM_API_ROOT: 'ftp://x' }, 'TELEGRAM_API_ROOT'],
    [{ TELEGRAM_WEBHOOK_SECRET: 'short' }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ TELEGRAM_WEBHOOK_SECRET: 'has spaces in it, not allowed' }, 'TELEGRAM_WEBHOOK_SECRET'],
  ])('names a wrong value without echoing secrets: %o', (env, variable) => {
    let message = '';
    try {
      createConfig(env);
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toContain(variable);
    if (variable !== 'TELEGRAM_API_ROOT') expect(message).not.toContain(Object.values(env)[0]!);
  });
});
