// The only reader of the environment. Parsed once with zod; a wrong value stops the app with one
// readable line naming the variable.
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
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function createConfig(source: Record<string, string | undefined> = {}): Config {
  const parsed = ZEnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    throw new ConfigError(
      `Configuration error: ${variable} ${issue.message.replace(/^Invalid input: /, '')} (got ${JSON.stringify(
        source[variable] ?? null,
      )}). See .env.example.`,
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
  };
}

export function loadConfig(): Config {
  return createConfig(process.env);
}
