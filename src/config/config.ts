// The only reader of the environment. Parsed once with zod; a wrong value stops the app with one
// readable line naming the variable.
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const optionalUrl = (protocols: string[]) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (v) => {
          try {
            return protocols.includes(new URL(v).protocol);
          } catch {
            return false;
          }
        },
        `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`,
      )
      .optional(),
  );

const ZEnvSchema = z.object({
  NODE_ENV: z.preprocess(
    emptyToUndefined,
    z.enum(['development', 'production', 'test']).default('development'),
  ),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  REDIS_URL: optionalUrl(['redis:', 'rediss:']),
  HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  PUBLIC_URL: optionalUrl(['http:', 'https:']),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  ENCRYPTION_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine(
        (v) => Buffer.from(v, 'base64').length === 32,
        'must be 32 random bytes in base64 (generate one with: openssl rand -base64 32)',
      )
      .optional(),
  ),
  DEFAULT_ORG_CODE: optionalString,
  QUEUE_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9:_{}-]+$/)
      .default('langnghe'),
  ),
  WORKER_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(4)),
  /** How long a worker holds a job before another process may take it over after a crash. */
  QUEUE_LOCK_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).default(30_000)),
  SEED_ON_FIRST_START: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true')),
  TELEGRAM_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must be the token @BotFather gave, like 123456789:AAH…')
      .optional(),
  ),
  TELEGRAM_API_ROOT: optionalUrl(['http:', 'https:']),
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z a-z 0-9 _ -')
      .optional(),
  ),
  PATH: z.string().default(''),
});

export type Env = z.infer<typeof ZEnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  /** Unset: embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  /** Unset: a redis-server started for the app (npm start), with its data under dataDir. */
  redisUrl: string | undefined;
  host: string;
  port: number;
  dataDir: string;
  publicUrl: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  encryptionKey: Buffer | undefined;
  defaultOrgCode: string | undefined;
  queuePrefix: string;
  workerConcurrency: number;
  queueLockMs: number;
  seedOnFirstStart: boolean;
  /** Where to look for redis-server when the app starts its own. */
  searchPath: string;
  /** Unset when TELEGRAM_BOT_TOKEN is unset: the bot is off. */
  telegram: TelegramConfig | undefined;
}

export interface TelegramConfig {
  botToken: string;
  /** Bot API server; tests point it at a local fake. No trailing slash. */
  apiRoot: string;
  /**
   * Checked against X-Telegram-Bot-Api-Secret-Token on every webhook call. TELEGRAM_WEBHOOK_SECRET,
   * else derived from the bot token (HMAC), so every web process agrees without extra setup.
   */
  webhookSecret: string;
}

/** Values never echoed in an error message. */
const SECRET_VARIABLES = new Set(['ENCRYPTION_KEY', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET']);

/** Telegram's secret_token alphabet is [A-Za-z0-9_-]: base64url of an HMAC fits. */
export function deriveTelegramWebhookSecret(botToken: string): string {
  return createHmac('sha256', botToken).update('langnghe:telegram-webhook-secret').digest('base64url');
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function createConfig(source: Record<string, string | undefined> = {}): Config {
  const parsed = ZEnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const got = SECRET_VARIABLES.has(variable)
      ? 'a value that is not shown'
      : JSON.stringify(source[variable] ?? null);
    throw new ConfigError(
      `Configuration error: ${variable} ${issue.message.replace(/^Invalid input: /, '')} (got ${got}). See .env.example.`,
    );
  }
  const env = parsed.data;
  if (env.DATABASE_URL && !env.ENCRYPTION_KEY) {
    throw new ConfigError(
      'Configuration error: ENCRYPTION_KEY is required when DATABASE_URL is set (senders’ identities are encrypted with it). Generate one with: openssl rand -base64 32',
    );
  }
  return {
    env: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    host: env.HOST,
    port: env.PORT,
    dataDir: path.resolve(env.DATA_DIR),
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: env.LOG_LEVEL,
    encryptionKey: env.ENCRYPTION_KEY ? Buffer.from(env.ENCRYPTION_KEY, 'base64') : undefined,
    defaultOrgCode: env.DEFAULT_ORG_CODE,
    queuePrefix: env.QUEUE_PREFIX,
    workerConcurrency: env.WORKER_CONCURRENCY,
    queueLockMs: env.QUEUE_LOCK_MS,
    seedOnFirstStart: env.SEED_ON_FIRST_START === 'true',
    searchPath: env.PATH,
    telegram: env.TELEGRAM_BOT_TOKEN
      ? {
          botToken: env.TELEGRAM_BOT_TOKEN,
          apiRoot: (env.TELEGRAM_API_ROOT ?? 'https://api.telegram.org').replace(/\/+$/, ''),
          webhookSecret: env.TELEGRAM_WEBHOOK_SECRET ?? deriveTelegramWebhookSecret(env.TELEGRAM_BOT_TOKEN),
        }
      : undefined,
  };
}

export function loadConfig(): Config {
  return createConfig(process.env);
}
