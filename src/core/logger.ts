// pino JSON logs. Personal data never reaches a log line: known fields are censored wherever they
// appear, and request/response bodies are never logged.
import { pino, type Logger } from 'pino';

export type { Logger };

const PERSONAL_FIELDS = [
  'senderName',
  'fullName',
  'phone',
  'email',
  'address',
  'contact',
  'text',
  'description',
  'body',
  'answer',
  'involved',
  'place',
  'identity',
  'secret',
  'followUpSecret',
  'password',
  'token',
  'authorization',
  'cookie',
];

export const REDACT_PATHS = [
  ...PERSONAL_FIELDS,
  ...PERSONAL_FIELDS.map((f) => `*.${f}`),
  ...PERSONAL_FIELDS.map((f) => `*.*.${f}`),
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-telegram-bot-api-secret-token"]',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
