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

/**
 * Standard output written asynchronously: a log line never makes a request wait for the pipe (one
 * `request` line per answer). Lines not yet written when the process exits are flushed then; a
 * SIGKILL may lose the last few, never a submission.
 */
let stdout: ReturnType<typeof pino.destination> | undefined;
function asyncStdout(): pino.DestinationStream {
  if (!stdout) {
    const dest = pino.destination({ dest: 1, sync: false });
    process.on('exit', () => {
      try {
        dest.flushSync();
      } catch {
        // Nothing more can be done for a log line at exit.
      }
    });
    stdout = dest;
  }
  return stdout;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination ?? (level === 'silent' ? undefined : asyncStdout()),
  );
}
