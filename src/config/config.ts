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

const positiveInt = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1_000_000).default(fallback));

const probability = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(1).default(fallback));

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
  /**
   * How many reverse proxies in front of the app to believe in X-Forwarded-For: client addresses
   * key the tracking page's guess limit, and a header anyone can set must not decide them.
   */
  TRUST_PROXY_HOPS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(10).default(0)),
  // Limits on the public doors, per client address (TRUST_PROXY_HOPS decides what the address is)
  // or per web chat session, counted in Redis so every web process shares them (README).
  RATE_LIMIT_REQUESTS_PER_MINUTE: positiveInt(300),
  RATE_LIMIT_SUBMISSIONS_PER_MINUTE: positiveInt(10),
  RATE_LIMIT_LOOKUPS_PER_MINUTE: positiveInt(30),
  RATE_LIMIT_CHAT_SESSIONS_PER_HOUR: positiveInt(30),
  RATE_LIMIT_CHAT_EVENTS_PER_MINUTE: positiveInt(60),
  RATE_LIMIT_CHAT_UPLOADS_PER_DAY: positiveInt(20),
  RATE_LIMIT_CHAT_UPLOAD_MB_PER_DAY: positiveInt(50),
  /** New cases one client address may open in one unit / one organisation per hour. */
  NEW_CASES_PER_UNIT_PER_HOUR: positiveInt(10),
  NEW_CASES_PER_ORG_PER_HOUR: positiveInt(30),
  /** How long a worker holds a job before another process may take it over after a crash. */
  QUEUE_LOCK_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1000).default(30_000)),
  /** How often the deadline sweep fires milestones whose delayed job went missing (default 15 min). */
  DEADLINE_SWEEP_INTERVAL_MS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(10_000)
      .max(24 * 3600 * 1000)
      .default(15 * 60 * 1000),
  ),
  /** Bearer token that opens GET /metrics; unset, the endpoint does not exist (404). */
  METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]{16,256}$/, 'must be 16–256 printable characters without spaces')
      .optional(),
  ),
  SEED_ON_FIRST_START: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true')),
  TELEGRAM_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d+:[A-Za-z0-9_-]+$/, 'must be the token @BotFather gave, like 123456789:AAH…')
      .optional(),
  ),
  TELEGRAM_API_ROOT: optionalUrl(['http:', 'https:']),
  TELEGRAM_BOT_USERNAME: z.preprocess(
    (v) => (typeof v === 'string' ? emptyToUndefined(v.trim().replace(/^@/, '')) : v),
    z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'must be the bot username @BotFather gave, like LangNgheBot')
      .optional(),
  ),
  TELEGRAM_WEBHOOK_SECRET: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 characters of A-Z a-z 0-9 _ -')
      .optional(),
  ),
  ZALO_APP_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{5,30}$/, 'must be the numeric App ID shown at developers.zalo.me')
      .optional(),
  ),
  ZALO_APP_SECRET: optionalString,
  ZALO_OA_SECRET_KEY: optionalString,
  ZALO_OA_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{5,30}$/, 'must be the numeric OA ID shown at oa.zalo.me')
      .optional(),
  ),
  ZALO_API_BASE: optionalUrl(['http:', 'https:']),
  ZALO_OAUTH_BASE: optionalUrl(['http:', 'https:']),
  TRIAGE_MIN_CONFIDENCE: probability(0.5),
  TRIAGE_URGENT_THRESHOLD: probability(0.3),
  TRIAGE_DUPLICATE_THRESHOLD: probability(0.5),
  TRIAGE_LLM_URL: optionalUrl(['http:', 'https:']),
  TRIAGE_LLM_MODEL: z.preprocess(emptyToUndefined, z.string().max(200).default('local')),
  TRIAGE_LLM_API_KEY: optionalString,
  TRIAGE_LLM_TIMEOUT_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(100).max(120_000).default(8000),
  ),
  EARLY_WARNING_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(28).default(3)),
  EARLY_WARNING_BASELINE_WEEKS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(52).default(8),
  ),
  EARLY_WARNING_MIN_CASES: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(1000).default(4),
  ),
  EARLY_WARNING_P_VALUE: z.preprocess(emptyToUndefined, z.coerce.number().gt(0).lt(1).default(0.001)),
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
  /** Reverse proxies whose X-Forwarded-For is believed (0: the socket's address is the client). */
  trustProxyHops: number;
  logLevel: Env['LOG_LEVEL'];
  /** Rate limits and caps on the public doors (src/http/rate-limits.ts, src/intake/new-case-cap.ts). */
  limits: LimitsConfig;
  encryptionKey: Buffer | undefined;
  defaultOrgCode: string | undefined;
  queuePrefix: string;
  workerConcurrency: number;
  queueLockMs: number;
  deadlineSweepIntervalMs: number;
  seedOnFirstStart: boolean;
  /** Unset: GET /metrics answers 404; set, a scraper sends it as `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Where to look for redis-server when the app starts its own. */
  searchPath: string;
  /** Unset when TELEGRAM_BOT_TOKEN is unset: the bot is off. */
  telegram: TelegramConfig | undefined;
  /** Unset when the ZALO_* app settings are unset: the Zalo OA channel is off. */
  zalo: ZaloConfig | undefined;
  /** Suggestions on new cases and the early-warning job (src/triage, decisions 0030, 0031). */
  triage: TriageConfig;
}

export interface TriageConfig {
  minConfidence: number;
  urgentThreshold: number;
  duplicateThreshold: number;
  /** Unset: nothing is sent anywhere; the local model alone makes suggestions. */
  llm: { url: string; model: string; apiKey: string | undefined; timeoutMs: number } | undefined;
  earlyWarning: { windowDays: number; baselineWeeks: number; minCases: number; pValue: number };
}

export interface LimitsConfig {
  /** Any public route without a limit of its own, per address. */
  requestsPerMinute: number;
  /** POST /api/submissions, per address. */
  submissionsPerMinute: number;
  /** GET /api/cases/:code and the tracking page's lookups, per address (failed ones also 10/10 min). */
  lookupsPerMinute: number;
  /** New web chat sessions, per address (resuming one is free). */
  chatSessionsPerHour: number;
  /** Web chat events and polls, per session. */
  chatEventsPerMinute: number;
  /** Web chat uploads, per session per 24 hours: how many files and how many bytes in all. */
  chatUploadsPerDay: number;
  chatUploadBytesPerDay: number;
  /** New cases from one address per unit / per organisation per hour (POST /api/submissions). */
  newCasesPerUnitPerHour: number;
  newCasesPerOrganizationPerHour: number;
}

export interface ZaloConfig {
  appId: string;
  appSecret: string;
  /** Checks X-ZEvent-Signature on every webhook call. */
  oaSecretKey: string;
  /** For links to the OA chat (QR posters); optional. */
  oaId: string | undefined;
  /** OpenAPI server (https://openapi.zalo.me); tests point it at a local fake. No trailing slash. */
  apiBase: string;
  /** OAuth server (https://oauth.zaloapp.com). No trailing slash. */
  oauthBase: string;
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
  /** TELEGRAM_BOT_USERNAME without the @: printed on posters as https://t.me/<username>. */
  botUsername: string | undefined;
}

/** Values never echoed in an error message. */
const SECRET_VARIABLES = new Set([
  'ENCRYPTION_KEY',
  'TELEGRAM_BOT_TOKEN',
  'TELEGRAM_WEBHOOK_SECRET',
  'TRIAGE_LLM_API_KEY',
  'ZALO_APP_SECRET',
  'ZALO_OA_SECRET_KEY',
  'METRICS_TOKEN',
]);

/** The Zalo channel needs its three app settings together; one or two alone is a mistake. */
const ZALO_REQUIRED = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY'] as const;

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
  const zaloSet = ZALO_REQUIRED.filter((v) => env[v] !== undefined);
  if (zaloSet.length > 0 && zaloSet.length < ZALO_REQUIRED.length) {
    const missing = ZALO_REQUIRED.filter((v) => env[v] === undefined);
    throw new ConfigError(
      `Configuration error: the Zalo OA channel needs ${ZALO_REQUIRED.join(', ')} together; ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing. Set all of them, or none to turn Zalo off. See .env.example.`,
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
    trustProxyHops: env.TRUST_PROXY_HOPS,
    logLevel: env.LOG_LEVEL,
    limits: {
      requestsPerMinute: env.RATE_LIMIT_REQUESTS_PER_MINUTE,
      submissionsPerMinute: env.RATE_LIMIT_SUBMISSIONS_PER_MINUTE,
      lookupsPerMinute: env.RATE_LIMIT_LOOKUPS_PER_MINUTE,
      chatSessionsPerHour: env.RATE_LIMIT_CHAT_SESSIONS_PER_HOUR,
      chatEventsPerMinute: env.RATE_LIMIT_CHAT_EVENTS_PER_MINUTE,
      chatUploadsPerDay: env.RATE_LIMIT_CHAT_UPLOADS_PER_DAY,
      chatUploadBytesPerDay: env.RATE_LIMIT_CHAT_UPLOAD_MB_PER_DAY * 1024 * 1024,
      newCasesPerUnitPerHour: env.NEW_CASES_PER_UNIT_PER_HOUR,
      newCasesPerOrganizationPerHour: env.NEW_CASES_PER_ORG_PER_HOUR,
    },
    encryptionKey: env.ENCRYPTION_KEY ? Buffer.from(env.ENCRYPTION_KEY, 'base64') : undefined,
    defaultOrgCode: env.DEFAULT_ORG_CODE,
    queuePrefix: env.QUEUE_PREFIX,
    workerConcurrency: env.WORKER_CONCURRENCY,
    queueLockMs: env.QUEUE_LOCK_MS,
    deadlineSweepIntervalMs: env.DEADLINE_SWEEP_INTERVAL_MS,
    seedOnFirstStart: env.SEED_ON_FIRST_START === 'true',
    metricsToken: env.METRICS_TOKEN,
    searchPath: env.PATH,
    telegram: env.TELEGRAM_BOT_TOKEN
      ? {
          botToken: env.TELEGRAM_BOT_TOKEN,
          apiRoot: (env.TELEGRAM_API_ROOT ?? 'https://api.telegram.org').replace(/\/+$/, ''),
          webhookSecret: env.TELEGRAM_WEBHOOK_SECRET ?? deriveTelegramWebhookSecret(env.TELEGRAM_BOT_TOKEN),
          botUsername: env.TELEGRAM_BOT_USERNAME,
        }
      : undefined,
    zalo:
      env.ZALO_APP_ID && env.ZALO_APP_SECRET && env.ZALO_OA_SECRET_KEY
        ? {
            appId: env.ZALO_APP_ID,
            appSecret: env.ZALO_APP_SECRET,
            oaSecretKey: env.ZALO_OA_SECRET_KEY,
            oaId: env.ZALO_OA_ID,
            apiBase: (env.ZALO_API_BASE ?? 'https://openapi.zalo.me').replace(/\/+$/, ''),
            oauthBase: (env.ZALO_OAUTH_BASE ?? 'https://oauth.zaloapp.com').replace(/\/+$/, ''),
          }
        : undefined,
    triage: {
      minConfidence: env.TRIAGE_MIN_CONFIDENCE,
      urgentThreshold: env.TRIAGE_URGENT_THRESHOLD,
      duplicateThreshold: env.TRIAGE_DUPLICATE_THRESHOLD,
      llm: env.TRIAGE_LLM_URL
        ? {
            url: env.TRIAGE_LLM_URL.replace(/\/+$/, ''),
            model: env.TRIAGE_LLM_MODEL,
            apiKey: env.TRIAGE_LLM_API_KEY,
            timeoutMs: env.TRIAGE_LLM_TIMEOUT_MS,
          }
        : undefined,
      earlyWarning: {
        windowDays: env.EARLY_WARNING_DAYS,
        baselineWeeks: env.EARLY_WARNING_BASELINE_WEEKS,
        minCases: env.EARLY_WARNING_MIN_CASES,
        pValue: env.EARLY_WARNING_P_VALUE,
      },
    },
  };
}

export function loadConfig(): Config {
  return createConfig(process.env);
}
