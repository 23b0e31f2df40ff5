// The only reader of the environment. Parsed once with zod; a wrong value stops the app with one
// readable line naming the variable.
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_PREPARED_STATEMENTS } from '../db/prepared-statement-names.js';

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
  EMBEDDED_DB_SHARED_BUFFERS_MB: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(1024).default(16),
  ),
  DATABASE_PREPARED_STATEMENTS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(100_000).default(DEFAULT_PREPARED_STATEMENTS),
  ),
  /** How often a worker analyses the tables that changed, where the database does not (decision 0095). */
  DATABASE_ANALYZE_INTERVAL_MS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .max(24 * 3600 * 1000)
      .refine((ms) => ms === 0 || ms >= 10_000, '0 (never) or at least 10000 ms')
      .default(60_000),
  ),
  EMBEDDED_DB_THREAD: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('true')),
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
  WORKER_NICE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(19).default(10)),
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
  /**
   * Requests per signed-in console session per minute, instead of the per-address limit: a ward's
   * officers behind one NAT share an address, not a session.
   */
  RATE_LIMIT_CONSOLE_SESSION_REQUESTS_PER_MINUTE: positiveInt(600),
  /**
   * A web chat draft left this long is hidden behind a "continue?" question on the next visit: on a
   * shared phone or a ward's tablet the next person must not read the last one's (decision 0028).
   */
  WEB_CHAT_IDLE_LOCK_MINUTES: positiveInt(15),
  /** New cases one client address may open in one unit / one organisation per hour. */
  NEW_CASES_PER_UNIT_PER_HOUR: positiveInt(10),
  NEW_CASES_PER_ORG_PER_HOUR: positiveInt(30),
  /**
   * A "no trace" staff submission is released to intake after a random delay between these bounds
   * (decision 0029): the case's creation must not follow its sender's chat update in the logs.
   * At most 10 minutes, below the 15 minutes after which a pending submission raises an alert.
   */
  NO_TRACE_RELEASE_DELAY_MIN_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(600_000).default(60_000),
  ),
  NO_TRACE_RELEASE_DELAY_MAX_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(600_000).default(240_000),
  ),
  /**
   * How often (ms) a process checks whether the directory (organisations and their settings, units,
   * calendar days, routing rules, the staff case cards go to) changed in another process (decisions
   * 0041, 0117), and reads again the open cases triage compares a new case with (0114). 0: no cache.
   */
  DIRECTORY_CACHE_CHECK_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(60_000).default(1_000),
  ),
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
  /** Working days a periodic citizen-reception session is posted ahead (NĐ 64/2014 Điều 4). */
  RECEPTION_NOTICE_WORKING_DAYS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(0).max(60).default(5),
  ),
  /** The hour (Vietnam time) of the day before a reception booking when its reminder goes out. */
  RECEPTION_REMINDER_HOUR: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(23).default(17)),
  /** How often workers send booking reminders whose delayed job was lost (default 5 min). */
  RECEPTION_REMINDER_SWEEP_MS: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(100)
      .max(24 * 3600 * 1000)
      .default(5 * 60 * 1000),
  ),
  /** How many days ahead the chat offers reception sessions to book. */
  RECEPTION_BOOKING_DAYS_AHEAD: positiveInt(60),
  /** Upcoming bookings one chat may hold at once: one person cannot take every seat. */
  RECEPTION_MAX_BOOKINGS_PER_PERSON: positiveInt(2),
  /** Web console (src/console): how long a one-time sign-in link works. */
  /** Memory the periodic report's grouping may use before it spills to disk (PostgreSQL work_mem). */
  REPORT_WORK_MEM_MB: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(4096).default(64)),
  CONSOLE_LINK_TTL_MINUTES: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(1440).default(10),
  ),
  /** A console session ends after this long without a request. */
  CONSOLE_SESSION_IDLE_MINUTES: z.preprocess(
    emptyToUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
  ),
  /** A console session ends this long after sign-in, however busy. */
  CONSOLE_SESSION_MAX_HOURS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(1).max(720).default(12),
  ),
  /** How often each web process looks for changed cases to push to open consoles (src/console/live). */
  CONSOLE_LIVE_POLL_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(100).max(60_000).default(2_000),
  ),
  /** Bearer token that opens GET /metrics; unset, the endpoint does not exist (404). */
  METRICS_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]{16,256}$/, 'must be 16–256 printable characters without spaces')
      .optional(),
  ),
  /** How often worker processes hand new case events to the organisations' webhooks (src/feeds). */
  WEBHOOK_POLL_MS: z.preprocess(
    emptyToUndefined,
    z.coerce.number().int().min(100).max(600_000).default(5_000),
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
  ZALO_ZNS_BASE: optionalUrl(['http:', 'https:']),
  /** Zalo's free reply window after a person's message (hours) and the replies it allows (decision 0027). */
  ZALO_REPLY_WINDOW_HOURS: positiveInt(48),
  ZALO_REPLY_QUOTA: positiveInt(8),
  /** Officers hear when an OA quota Zalo reports falls to these percentages of its total. */
  ZALO_QUOTA_ALERT_PERCENTS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{1,2}(,\d{1,2})*$/, 'must be percentages separated by commas, like 20,5,0')
      .default('20,5,0')
      .transform((v) => [...new Set(v.split(',').map(Number))].sort((a, b) => b - a)),
  ),
  MESSENGER_PAGE_ID: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\d{5,30}$/, 'must be the numeric Page ID shown in the Page’s settings')
      .optional(),
  ),
  MESSENGER_PAGE_ACCESS_TOKEN: optionalString,
  MESSENGER_APP_SECRET: optionalString,
  MESSENGER_VERIFY_TOKEN: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[\x21-\x7e]{8,256}$/, 'must be 8–256 printable characters without spaces')
      .optional(),
  ),
  /** The Page's username for m.me links (posters); the Page ID is used when unset. */
  MESSENGER_PAGE_USERNAME: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9.]{5,50}$/, 'must be the Page’s username, like SoYTeBinhDuong')
      .optional(),
  ),
  MESSENGER_GRAPH_URL: optionalUrl(['http:', 'https:']),
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
  /** The embedded database's shared_buffers in MB (src/db/database.ts). */
  embeddedDbSharedBuffersMb: number;
  /** DATABASE_PREPARED_STATEMENTS: statement texts each connection or the embedded thread keeps prepared (0090, 0105). */
  databasePreparedStatements: number;
  /** DATABASE_ANALYZE_INTERVAL_MS: how often changed tables are analysed where autovacuum does not (0095); 0 never. */
  databaseAnalyzeIntervalMs: number;
  /** EMBEDDED_DB_THREAD: PGlite in a worker thread, off the HTTP event loop (decision 0064). */
  embeddedDbThread: boolean;
  /** REPORT_WORK_MEM_MB: the periodic report's grouping memory before it spills to disk. */
  reportWorkMemMb: number;
  publicUrl: string | undefined;
  /** Reverse proxies whose X-Forwarded-For is believed (0: the socket's address is the client). */
  trustProxyHops: number;
  logLevel: Env['LOG_LEVEL'];
  /** Rate limits and caps on the public doors (src/http/rate-limits.ts, src/intake/new-case-cap.ts). */
  limits: LimitsConfig;
  /** How long a web chat draft may sit untouched before its transcript is locked (WEB_CHAT_IDLE_LOCK_MINUTES). */
  webChatIdleLockMs: number;
  encryptionKey: Buffer | undefined;
  defaultOrgCode: string | undefined;
  queuePrefix: string;
  workerConcurrency: number;
  /** How much lower a `worker` process's CPU priority is than it was started with (decision 0082). */
  workerNice: number;
  queueLockMs: number;
  /** Bounds of the random delay before a no-trace submission reaches intake (decision 0029). */
  noTraceReleaseDelayMs: { min: number; max: number };
  deadlineSweepIntervalMs: number;
  /** Citizen reception (src/reception): notice ahead, reminder hour, sweep, booking horizon. */
  reception: {
    noticeWorkingDays: number;
    reminderHour: number;
    reminderSweepMs: number;
    bookingDaysAhead: number;
    maxBookingsPerPerson: number;
  };
  /** DIRECTORY_CACHE_CHECK_MS: how stale another process's directory change may be seen (0041). */
  directoryCacheCheckMs: number;
  /** Web console sign-in and sessions (src/console/console-sessions.ts). */
  console: {
    linkTtlMinutes: number;
    sessionIdleMinutes: number;
    sessionMaxHours: number;
    livePollMs: number;
  };
  /** WEBHOOK_POLL_MS: the event feeds' pump interval. */
  webhookPollMs: number;
  seedOnFirstStart: boolean;
  /** Unset: GET /metrics answers 404; set, a scraper sends it as `Authorization: Bearer <token>`. */
  metricsToken: string | undefined;
  /** Where to look for redis-server when the app starts its own. */
  searchPath: string;
  /** Unset when TELEGRAM_BOT_TOKEN is unset: the bot is off. */
  telegram: TelegramConfig | undefined;
  /** Unset when the ZALO_* app settings are unset: the Zalo OA channel is off. */
  zalo: ZaloConfig | undefined;
  /** Unset when the MESSENGER_* settings are unset: the Facebook Page (Messenger) channel is off. */
  messenger: MessengerConfig | undefined;
  /** Suggestions on new cases and the early-warning job (src/triage, decisions 0030, 0031). */
  triage: TriageConfig;
}

export interface MessengerConfig {
  pageId: string;
  /** Sent with every Send API call. */
  pageAccessToken: string;
  /** Checks X-Hub-Signature-256 on every webhook call. */
  appSecret: string;
  /** Answers Meta's verification handshake (GET with hub.verify_token). */
  verifyToken: string;
  /** For m.me links on posters; the Page ID when unset. */
  pageUsername: string | undefined;
  /** Graph API (https://graph.facebook.com/v21.0); tests point it at a local fake. No trailing slash. */
  graphUrl: string;
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
  /** Any signed-in console request, per session (instead of per address). */
  consoleSessionRequestsPerMinute: number;
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
  /** Zalo Notification Service server (https://business.openapi.zalo.me). No trailing slash. */
  znsBase: string;
  /** Zalo's free replies: `replyQuota` OA messages within `replyWindowHours` of the person's last message. */
  replyWindowHours: number;
  replyQuota: number;
  /** Percent levels of a reported OA quota at which officers are told, highest first. */
  quotaAlertPercents: number[];
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
  'MESSENGER_PAGE_ACCESS_TOKEN',
  'MESSENGER_APP_SECRET',
  'MESSENGER_VERIFY_TOKEN',
]);

/** The Zalo channel needs its three app settings together; one or two alone is a mistake. */
const ZALO_REQUIRED = ['ZALO_APP_ID', 'ZALO_APP_SECRET', 'ZALO_OA_SECRET_KEY'] as const;
/** The same for the Messenger channel. */
const MESSENGER_REQUIRED = [
  'MESSENGER_PAGE_ID',
  'MESSENGER_PAGE_ACCESS_TOKEN',
  'MESSENGER_APP_SECRET',
  'MESSENGER_VERIFY_TOKEN',
] as const;

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
  if (env.NO_TRACE_RELEASE_DELAY_MIN_MS > env.NO_TRACE_RELEASE_DELAY_MAX_MS) {
    throw new ConfigError(
      `Configuration error: NO_TRACE_RELEASE_DELAY_MIN_MS (${env.NO_TRACE_RELEASE_DELAY_MIN_MS}) is greater than NO_TRACE_RELEASE_DELAY_MAX_MS (${env.NO_TRACE_RELEASE_DELAY_MAX_MS}). See .env.example.`,
    );
  }
  const zaloSet = ZALO_REQUIRED.filter((v) => env[v] !== undefined);
  if (zaloSet.length > 0 && zaloSet.length < ZALO_REQUIRED.length) {
    const missing = ZALO_REQUIRED.filter((v) => env[v] === undefined);
    throw new ConfigError(
      `Configuration error: the Zalo OA channel needs ${ZALO_REQUIRED.join(', ')} together; ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing. Set all of them, or none to turn Zalo off. See .env.example.`,
    );
  }
  const messengerSet = MESSENGER_REQUIRED.filter((v) => env[v] !== undefined);
  if (messengerSet.length > 0 && messengerSet.length < MESSENGER_REQUIRED.length) {
    const missing = MESSENGER_REQUIRED.filter((v) => env[v] === undefined);
    throw new ConfigError(
      `Configuration error: the Messenger channel needs ${MESSENGER_REQUIRED.join(', ')} together; ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing. Set all of them, or none to turn Messenger off. See .env.example.`,
    );
  }
  return {
    env: env.NODE_ENV,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    host: env.HOST,
    port: env.PORT,
    dataDir: path.resolve(env.DATA_DIR),
    embeddedDbSharedBuffersMb: env.EMBEDDED_DB_SHARED_BUFFERS_MB,
    databasePreparedStatements: env.DATABASE_PREPARED_STATEMENTS,
    databaseAnalyzeIntervalMs: env.DATABASE_ANALYZE_INTERVAL_MS,
    embeddedDbThread: env.EMBEDDED_DB_THREAD === 'true',
    reportWorkMemMb: env.REPORT_WORK_MEM_MB,
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
      consoleSessionRequestsPerMinute: env.RATE_LIMIT_CONSOLE_SESSION_REQUESTS_PER_MINUTE,
      newCasesPerUnitPerHour: env.NEW_CASES_PER_UNIT_PER_HOUR,
      newCasesPerOrganizationPerHour: env.NEW_CASES_PER_ORG_PER_HOUR,
    },
    webChatIdleLockMs: env.WEB_CHAT_IDLE_LOCK_MINUTES * 60_000,
    encryptionKey: env.ENCRYPTION_KEY ? Buffer.from(env.ENCRYPTION_KEY, 'base64') : undefined,
    defaultOrgCode: env.DEFAULT_ORG_CODE,
    queuePrefix: env.QUEUE_PREFIX,
    workerConcurrency: env.WORKER_CONCURRENCY,
    workerNice: env.WORKER_NICE,
    queueLockMs: env.QUEUE_LOCK_MS,
    noTraceReleaseDelayMs: { min: env.NO_TRACE_RELEASE_DELAY_MIN_MS, max: env.NO_TRACE_RELEASE_DELAY_MAX_MS },
    deadlineSweepIntervalMs: env.DEADLINE_SWEEP_INTERVAL_MS,
    reception: {
      noticeWorkingDays: env.RECEPTION_NOTICE_WORKING_DAYS,
      reminderHour: env.RECEPTION_REMINDER_HOUR,
      reminderSweepMs: env.RECEPTION_REMINDER_SWEEP_MS,
      bookingDaysAhead: env.RECEPTION_BOOKING_DAYS_AHEAD,
      maxBookingsPerPerson: env.RECEPTION_MAX_BOOKINGS_PER_PERSON,
    },
    directoryCacheCheckMs: env.DIRECTORY_CACHE_CHECK_MS,
    console: {
      linkTtlMinutes: env.CONSOLE_LINK_TTL_MINUTES,
      sessionIdleMinutes: env.CONSOLE_SESSION_IDLE_MINUTES,
      sessionMaxHours: env.CONSOLE_SESSION_MAX_HOURS,
      livePollMs: env.CONSOLE_LIVE_POLL_MS,
    },
    webhookPollMs: env.WEBHOOK_POLL_MS,
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
            znsBase: (env.ZALO_ZNS_BASE ?? 'https://business.openapi.zalo.me').replace(/\/+$/, ''),
            replyWindowHours: env.ZALO_REPLY_WINDOW_HOURS,
            replyQuota: env.ZALO_REPLY_QUOTA,
            quotaAlertPercents: env.ZALO_QUOTA_ALERT_PERCENTS,
          }
        : undefined,
    messenger:
      env.MESSENGER_PAGE_ID &&
      env.MESSENGER_PAGE_ACCESS_TOKEN &&
      env.MESSENGER_APP_SECRET &&
      env.MESSENGER_VERIFY_TOKEN
        ? {
            pageId: env.MESSENGER_PAGE_ID,
            pageAccessToken: env.MESSENGER_PAGE_ACCESS_TOKEN,
            appSecret: env.MESSENGER_APP_SECRET,
            verifyToken: env.MESSENGER_VERIFY_TOKEN,
            pageUsername: env.MESSENGER_PAGE_USERNAME,
            graphUrl: (env.MESSENGER_GRAPH_URL ?? 'https://graph.facebook.com/v21.0').replace(/\/+$/, ''),
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

/**
 * A secret an administrator passes to a command by naming the environment variable that holds it
 * (`--passphrase-env VAR`), so it never appears in the shell history or the process list.
 */
export function readNamedSecret(name: string): string | undefined {
  return process.env[name];
}
