// The app's own word that one inbound chat event is fully handled — the dialog ran and every
// direct reply was sent: the `telegram update handled` (with the update id) and `zalo event handled`
// (with the event id) lines that bots/shared/answer-inbound.ts logs once per event, whichever
// process or sweep handled it. Tests wait for that line instead of for a stretch of silence.
//
// Long polling's own signal (the bot asking for offset N+1 once update N's middleware returned) is
// not used: when the chat sweep holds the chat at that moment, the middleware returns before the
// update is handled, and webhooks have no offset at all.
import type { ChildProcess } from 'node:child_process';
import { createLogger, type Logger } from '../../src/core/logger.js';

export interface HandledEvents {
  /** Give this to `startApp` (it logs at info into this recorder only). */
  readonly logger: Logger;
  /** Resolves once the app logged that it handled this Telegram update. */
  telegramUpdate(updateId: number, timeoutMs?: number): Promise<void>;
  /** Resolves once the app logged that it handled this Zalo event (`zalo:<msg_id>`). */
  zaloEvent(eventId: string, timeoutMs?: number): Promise<void>;
  /** Resolves once the app logged that it handled this Messenger event (`messenger:<digest>`). */
  messengerEvent(eventId: string, timeoutMs?: number): Promise<void>;
  /** How many times the app handled this event so far (`telegram:<update_id>`, `zalo:<msg_id>`). */
  timesHandled(key: string): number;
  /** Every log line so far, parsed (a privacy test reads what an operator would read). */
  lines(): Record<string, unknown>[];
  /** Reads the log lines of an app started as a process (it must log at info). */
  follow(child: ChildProcess, outputSoFar: string): void;
}

interface LogLine {
  msg?: string;
  update?: number;
  event?: string;
  level?: string;
}

export function recordHandledEvents(): HandledEvents {
  const handled = new Map<string, number>();
  const waiting = new Map<string, Set<() => void>>();
  /** The last few warnings and errors, to say why an event was not handled when a wait fails. */
  const problems: string[] = [];
  const all: Record<string, unknown>[] = [];

  const take = (line: string) => {
    if (!line.startsWith('{')) return;
    let entry: LogLine;
    try {
      entry = JSON.parse(line) as LogLine;
    } catch {
      return;
    }
    all.push(entry as Record<string, unknown>);
    if (entry.level === 'warn' || entry.level === 'error') {
      problems.push(entry.msg ?? line);
      if (problems.length > 5) problems.shift();
    }
    const key =
      entry.msg === 'telegram update handled' && entry.update !== undefined
        ? `telegram:${entry.update}`
        : (entry.msg === 'zalo event handled' || entry.msg === 'messenger event handled') &&
            entry.event !== undefined
          ? entry.event
          : undefined;
    if (!key) return;
    handled.set(key, (handled.get(key) ?? 0) + 1);
    waiting.get(key)?.forEach((wake) => wake());
  };

  let partial = '';
  const feed = (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    lines.forEach(take);
  };

  const waitFor = (key: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      if (handled.has(key)) return resolve();
      const wakers = waiting.get(key) ?? new Set<() => void>();
      waiting.set(key, wakers);
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        wakers.delete(wake);
        reject(
          new Error(
            `the app did not log ${key} as handled in ${timeoutMs} ms; last problems: ${problems.join(' | ') || '(none)'}`,
          ),
        );
      }, timeoutMs);
      wakers.add(wake);
    });

  return {
    logger: createLogger('info', { write: (chunk: string) => feed(chunk) }),
    telegramUpdate: (updateId, timeoutMs = 20_000) => waitFor(`telegram:${updateId}`, timeoutMs),
    zaloEvent: (eventId, timeoutMs = 20_000) => waitFor(eventId, timeoutMs),
    messengerEvent: (eventId, timeoutMs = 20_000) => waitFor(eventId, timeoutMs),
    timesHandled: (key) => handled.get(key) ?? 0,
    lines: () => [...all],
    follow(child, outputSoFar) {
      feed(outputSoFar);
      child.stdout!.on('data', (d: Buffer) => feed(d.toString()));
    },
  };
}
