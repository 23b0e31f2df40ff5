// A stand-in for PGlite on the app's thread (docs/decisions/0064): it has the part of PGlite's API
// that pglite-prisma-adapter calls (query, exec, transaction with query/exec/rollback) and
// forwards each call to the one PGlite in the database thread. Rows arrive as text and are parsed
// here with the caller's parsers, so Prisma reads the same values as in-process; errors arrive as
// their fields and become the same DatabaseError, so Prisma maps the same codes (P2002, …).
import type { Worker } from 'node:worker_threads';
import { messages, types, type PGlite } from '@electric-sql/pglite';
import type {
  ArrayType,
  EmbeddedDbReply,
  EmbeddedDbRequest,
  ErrorFields,
  TextResult,
} from './embedded-db-messages.js';
import { afterMarkedWork, isAheadOfQueuedWork } from './statement-priority.js';

type Parsers = Record<number | string, (value: string, typeId: number) => unknown>;
type Request = EmbeddedDbRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Parsers;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

/** What the adapter's transaction callback is given. */
interface ThreadTransaction {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<unknown>;
  exec(sql: string): Promise<unknown>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

/**
 * Two, so PGlite does not idle while the app's thread is busy between one unit's answer and the
 * next unit's send (decision 0110). One was the choice of 0079, when an ack then waited for two
 * transactions; since background units yield to an ack being stored (0109), two measure better
 * for both the ack and the case.
 */
export const BACKGROUND_AT_THE_THREAD = 2;

/**
 * How long a background unit holds back while an acknowledgement is being stored (decision 0109):
 * long enough for an acknowledgement's insert and queue add on a busy process, short enough that a
 * steady stream of them slows the worker without stopping it.
 */
export const BACKGROUND_YIELDS_TO_ACKS_MS = 20;

export class PGliteThreadClient {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  /**
   * Background work (a statement outside a transaction, or a whole transaction) is sent to the
   * thread BACKGROUND_AT_THE_THREAD at a time; the rest waits here, in order (docs/decisions/0079).
   * PGlite runs one statement or transaction at a time anyway, first come first served: what waits
   * here instead of in its queue can be overtaken by a statement marked `aheadOfQueuedWork` (an
   * ack's insert), which is sent at once and so waits only for the work already at the thread.
   */
  #background: { atTheThread: number; waiting: (() => void)[] } = { atTheThread: 0, waiting: [] };
  /** Set once the thread is gone or closing: calls then fail as PGlite's own do when closed. */
  #closedBecause: string | undefined;

  /** PGlite's defaults and an array parser per array type of the database, as PGlite parses them. */
  readonly #defaults: Parsers;
  /** The defaults overlaid by each caller's parsers, made once per parsers object. */
  readonly #withDefaults = new WeakMap<Parsers, Parsers>();

  /** `arrayTypes`: the database's array types and their elements, read by the thread at start. */
  constructor(worker: Worker, arrayTypes: readonly ArrayType[] = []) {
    this.#worker = worker;
    this.#defaults = { ...defaultParsers };
    // As PGlite's own: elements parsed with its defaults, whatever parsers the query brings.
    for (const [arrayOid, elementOid] of arrayTypes) {
      const element = defaultParsers[elementOid];
      this.#defaults[arrayOid] = (value) => types.arrayParser(value, element as never, arrayOid);
    }
    worker.on('message', (reply: EmbeddedDbReply) => {
      if (!('id' in reply)) return;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if ('error' in reply) pending.reject(reviveError(reply.error));
      else pending.resolve(reply.ok);
    });
    worker.on('exit', () => this.#fail('PGlite is closed (its thread stopped)'));
  }

  /** The type the adapter's constructor wants; it calls only what is here. */
  asPGlite(): PGlite {
    return this as unknown as PGlite;
  }

  async query(sql: string, params: unknown[] = [], options: QueryOptions = {}, tx?: number) {
    const rowMode = options.rowMode ?? 'object';
    const result = await this.#statement({ op: 'query', sql, params: params.map(cloneable), rowMode, tx });
    return parseResult(result as TextResult, rowMode, this.#parsersFor(options.parsers));
  }

  async exec(sql: string, tx?: number) {
    const results = await this.#statement({ op: 'exec', sql, tx });
    return (results as TextResult[]).map((r) => parseResult(r, 'object', this.#defaults));
  }

  // PGlite parses with its defaults overlaid by the query's parsers; the same here.
  #parsersFor(parsers: Parsers | undefined): Parsers {
    if (!parsers) return this.#defaults;
    let all = this.#withDefaults.get(parsers);
    if (!all) this.#withDefaults.set(parsers, (all = { ...this.#defaults, ...parsers }));
    return all;
  }

  /**
   * Runs `callback` in a transaction the thread holds open meanwhile (PGlite's transaction lock,
   * so other statements wait as they would in-process); commits when it returns unless it rolled
   * back, rolls back when it throws.
   */
  transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    // The whole transaction is one turn: PGlite holds every other statement off until its end.
    return this.#inTurn(() => this.#transaction(callback));
  }

  async #transaction<T>(callback: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
    const id = (await this.call({ op: 'begin' })) as number;
    let closed = false;
    const tx: ThreadTransaction = {
      query: (sql, params, options) => this.query(sql, params, options, id),
      exec: (sql) => this.exec(sql, id),
      // The adapter does not wait for this; a failure must not go unhandled, and `end` below
      // (commit: false) rolls back again in the thread if this did not.
      rollback: async () => {
        closed = true;
        await this.call({ op: 'rollback', tx: id }).catch(() => undefined);
      },
      get closed() {
        return closed;
      },
    };
    let value: T;
    try {
      value = await callback(tx);
    } catch (err) {
      await this.call({ op: 'end', tx: id, commit: false }).catch(() => undefined);
      throw err;
    }
    await this.call({ op: 'end', tx: id, commit: !closed });
    return value;
  }

  migrate(): Promise<string[]> {
    return this.call({ op: 'migrate' }) as Promise<string[]>;
  }

  /** Waits for PGlite to write its data out; calls made after this fail as "closed". */
  async close(): Promise<void> {
    const closing = this.call({ op: 'close' });
    this.#closedBecause = 'PGlite is closed';
    await closing;
  }

  /** A statement inside a transaction already has its turn (the transaction's); one outside waits for one. */
  #statement(request: Request & { tx?: number | undefined }): Promise<unknown> {
    return request.tx === undefined ? this.#inTurn(() => this.call(request)) : this.call(request);
  }

  /** Runs `work` now when marked ahead, otherwise when the background work before it is done. */
  async #inTurn<T>(work: () => Promise<T>): Promise<T> {
    if (isAheadOfQueuedWork()) return work();
    const background = this.#background;
    if (background.atTheThread >= BACKGROUND_AT_THE_THREAD) {
      // The turn is handed over with its place counted: nothing can slip in between.
      await new Promise<void>((resolve) => background.waiting.push(resolve));
    } else background.atTheThread++;
    try {
      // With its turn held, so the order of background work stays as it was (decision 0109).
      const acksFirst = afterMarkedWork(BACKGROUND_YIELDS_TO_ACKS_MS);
      if (acksFirst) await acksFirst;
      return await work();
    } finally {
      const next = background.waiting.shift();
      if (next) next();
      else background.atTheThread--;
    }
  }

  private call(request: Request): Promise<unknown> {
    if (this.#closedBecause) return Promise.reject(new Error(this.#closedBecause));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ ...request, id });
    });
  }

  #fail(reason: string) {
    this.#closedBecause ??= reason;
    for (const pending of this.#pending.values()) pending.reject(new Error(reason));
    this.#pending.clear();
  }
}

// A Buffer is a view on a shared pool: copy just its bytes rather than clone the whole pool.
function cloneable(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) {
    return new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice();
  }
  return Array.isArray(value) ? value.map(cloneable) : value;
}

const defaultParsers = types.parsers as Parsers;

function parseResult(result: TextResult, rowMode: 'array' | 'object', all: Parsers) {
  const { fields } = result;
  const parse = (value: unknown, typeId: number) =>
    value === null ? null : types.parseType(value as string, typeId, all as never);
  const rows =
    rowMode === 'array'
      ? (result.rows as unknown[][]).map((row) => row.map((v, i) => parse(v, fields[i]!.dataTypeID)))
      : (result.rows as Record<string, unknown>[]).map((row) =>
          Object.fromEntries(fields.map((f) => [f.name, parse(row[f.name], f.dataTypeID)])),
        );
  return { ...result, rows };
}

function reviveError(e: ErrorFields): Error {
  const err = e.databaseError
    ? new messages.DatabaseError(e.message, Number(e.fields.length ?? 0), e.name as never)
    : new Error(e.message);
  return Object.assign(err, e.fields);
}
