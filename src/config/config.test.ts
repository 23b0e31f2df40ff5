import { describe, expect, it } from 'vitest';
import { ConfigError, createConfig } from './config.js';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('createConfig', () => {
  it('gives the embedded defaults with an empty environment', () => {
    const c = createConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.redisUrl).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.dataDir).toMatch(/data$/);
    expect(c.logLevel).toBe('info');
  });

  it('limits the public doors by default, in megabytes turned to bytes for uploads', () => {
    expect(createConfig({}).limits).toEqual({
      requestsPerMinute: 300,
      consoleSessionRequestsPerMinute: 600,
      submissionsPerMinute: 10,
      lookupsPerMinute: 30,
      chatSessionsPerHour: 30,
      chatEventsPerMinute: 60,
      chatUploadsPerDay: 20,
      chatUploadBytesPerDay: 50 * 1024 * 1024,
      newCasesPerUnitPerHour: 10,
      newCasesPerOrganizationPerHour: 30,
    });
    expect(createConfig({ RATE_LIMIT_CHAT_UPLOAD_MB_PER_DAY: '2' }).limits.chatUploadBytesPerDay).toBe(
      2 * 1024 * 1024,
    );
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://x' }, 'REDIS_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ ENCRYPTION_KEY: 'short' }, 'ENCRYPTION_KEY'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ RATE_LIMIT_SUBMISSIONS_PER_MINUTE: '0' }, 'RATE_LIMIT_SUBMISSIONS_PER_MINUTE'],
    [{ NEW_CASES_PER_UNIT_PER_HOUR: 'many' }, 'NEW_CASES_PER_UNIT_PER_HOUR'],
  ])('names the variable in one readable line: %o', (env, variable) => {
    expect(() => createConfig(env)).toThrowError(ConfigError);
    try {
      createConfig(env);
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain(variable);
      expect(message.split('\n')).toHaveLength(1);
    }
  });

  it('turns /metrics on with METRICS_TOKEN and never echoes a refused token', () => {
    expect(createConfig({}).metricsToken).toBeUndefined();
    expect(createConfig({ METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
    expect(createConfig({ METRICS_TOKEN: 'a'.repeat(16) }).metricsToken).toBe('a'.repeat(16));
    expect(() => createConfig({ METRICS_TOKEN: 'short-secret' })).toThrowError(/METRICS_TOKEN.*not shown/);
    expect(() => createConfig({ METRICS_TOKEN: 'has a space in it!!' })).toThrowError(ConfigError);
  });

  it('bounds the no-trace release delay: defaults, an order, and at most ten minutes', () => {
    expect(createConfig({}).noTraceReleaseDelayMs).toEqual({ min: 60_000, max: 240_000 });
    expect(
      createConfig({ NO_TRACE_RELEASE_DELAY_MIN_MS: '0', NO_TRACE_RELEASE_DELAY_MAX_MS: '0' })
        .noTraceReleaseDelayMs,
    ).toEqual({ min: 0, max: 0 });
    expect(() =>
      createConfig({ NO_TRACE_RELEASE_DELAY_MIN_MS: '5000', NO_TRACE_RELEASE_DELAY_MAX_MS: '1000' }),
    ).toThrowError(ConfigError);
    expect(() => createConfig({ NO_TRACE_RELEASE_DELAY_MAX_MS: '900000' })).toThrowError(/NO_TRACE_RELEASE/);
  });

  it('analyses changed tables every minute by default, never with 0, and not more often than every 10 s', () => {
    expect(createConfig({}).databaseAnalyzeIntervalMs).toBe(60_000);
    expect(createConfig({ DATABASE_ANALYZE_INTERVAL_MS: '0' }).databaseAnalyzeIntervalMs).toBe(0);
    expect(createConfig({ DATABASE_ANALYZE_INTERVAL_MS: '300000' }).databaseAnalyzeIntervalMs).toBe(300_000);
    expect(() => createConfig({ DATABASE_ANALYZE_INTERVAL_MS: '500' })).toThrowError(
      /DATABASE_ANALYZE_INTERVAL_MS.*0 \(never\) or at least 10000 ms/,
    );
  });

  it('requires ENCRYPTION_KEY with DATABASE_URL', () => {
    expect(() => createConfig({ DATABASE_URL: 'postgresql://h/db' })).toThrowError(
      /ENCRYPTION_KEY is required/,
    );
    expect(
      createConfig({ DATABASE_URL: 'postgresql://h/db', ENCRYPTION_KEY: KEY }).encryptionKey,
    ).toHaveLength(32);
  });

  it('treats empty strings as unset and trims a trailing slash from PUBLIC_URL', () => {
    const c = createConfig({ PORT: '', PUBLIC_URL: 'https://langnghe.example.vn/' });
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('https://langnghe.example.vn');
  });
});
