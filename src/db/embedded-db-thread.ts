// The embedded database in a worker thread of its own (docs/decisions/0064): PGlite (PostgreSQL
// compiled to WebAssembly) runs here, so the thread that answers HTTP only posts statements and
// parses rows. The app's Prisma adapter talks to a stand-in (pglite-thread-client.ts) that forwards
// each call here; this is the one PGlite, and its own locks order statements and transactions as
// they would in-process. Migrations run here too, before the app's first query.
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { messages, PGlite, types, type Transaction } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type {
  ArrayType,
  EmbeddedDbReply,
  EmbeddedDbRequest,
  EmbeddedDbThreadData,
  ErrorFields,
} from './embedded-db-messages.js';
import { embeddedStartParams } from './embedded-start-params.js';
import { preparedStatementsOf, type PreparedStatements } from './pglite-prepared.js';
import { applyPendingMigrations, listMigrationNames } from './schema-engine.js';

const port = parentPort!;
const { dataDir, sharedBuffersMb, preparedStatements } = workerData as EmbeddedDbThreadData;
const reply = (message: EmbeddedDbReply) => port.postMessage(message);

// Every type PGlite would parse stays text here; the caller parses it with its own parsers.
const keepText = Object.fromEntries(Object.keys(types.parsers).map((oid) => [oid, (x: string) => x]));

let db: PGlite;
let statements: PreparedStatements;
try {
  db = new PGlite(dataDir, { startParams: embeddedStartParams(PGlite, sharedBuffersMb) });
  await db.waitReady;
  statements = preparedStatementsOf(db, preparedStatements);
  reply({ ready: true, arrayTypes: await takeArrayParsers(db) });
} catch (err) {
  reply({ startFailed: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}

/**
 * PGlite keeps a parser per array type of the database (some 300) and copies them all into a new
 * object at every statement (its parseResults, `{ ...this.parsers, ...options.parsers }`): a third
 * of a one-row statement's CPU here. Rows leave this thread as text anyway, so the instance keeps
 * none; the app's thread parses arrays itself, with the element types PGlite would have used (the
 * array types it read at start, its own query), and so reads what an in-process PGlite reads.
 */
async function takeArrayParsers(pglite: PGlite): Promise<ArrayType[]> {
  const { rows } = await pglite.query<{ oid: number; typarray: number }>(`
    SELECT b.oid, b.typarray
    FROM pg_catalog.pg_type a LEFT JOIN pg_catalog.pg_type b ON b.oid = a.typelem
    WHERE a.typcategory = 'A'
    GROUP BY b.oid, b.typarray
    ORDER BY b.oid`);
  pglite.parsers = {};
  return rows.map((r) => [r.typarray, r.oid]);
}

interface OpenTransaction {
  tx: Transaction;
  end(commit: boolean): void;
  done: Promise<unknown>;
  /** The last call on this transaction: its calls run in the order they were sent. */
  last: Promise<unknown>;
}
const transactions = new Map<number, OpenTransaction>();
let nextTransaction = 1;

function begin(): Promise<number> {
  return new Promise((resolve, reject) => {
    const id = nextTransaction++;
    let end!: (commit: boolean) => void;
    const ended = new Promise<boolean>((r) => (end = r));
    let started = false;
    const done = db.transaction(async (tx) => {
      started = true;
      transactions.set(id, { tx, end, done, last: Promise.resolve() });
      resolve(id);
      if (!(await ended) && !tx.closed) await tx.rollback();
    });
    done.catch((err: unknown) => {
      if (!started) reject(err);
    });
  });
}

function inTransaction<T>(id: number, call: (open: OpenTransaction) => Promise<T>): Promise<T> {
  const open = transactions.get(id);
  if (!open) return Promise.reject(new Error(`no open transaction ${id}`));
  const result = open.last.then(() => call(open));
  open.last = result.catch(() => undefined);
  return result;
}

async function migrate(): Promise<string[]> {
  const rows = await db
    .query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    )
    .then(
      (r) => r.rows.map((row) => row.migration_name),
      () => null,
    );
  if (rows && (await listMigrationNames()).every((name) => rows.includes(name))) return [];
  try {
    const applied = await applyPendingMigrations(new PrismaPGlite(db));
    if (applied.length > 0) await statements.forget();
    return applied;
  } finally {
    collectStartGarbage();
  }
}

/**
 * A first start (initdb) or a migration leaves some 450 MB of WebAssembly memories (initdb's, the
 * schema engine's work) that nothing references any more, but a thread that then idles allocates
 * too little for V8 to collect them for minutes (decision 0077). One full collection, once.
 */
function collectStartGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function perform(request: EmbeddedDbRequest): Promise<unknown> {
  switch (request.op) {
    case 'query': {
      const { sql, params, rowMode, tx } = request;
      const options = { rowMode, parsers: keepText };
      // Each statement prepared once by name (decision 0105).
      return tx === undefined
        ? statements.query(sql, params, options).then(textResult)
        : inTransaction(tx, (open) => statements.query(sql, params, options, open.tx)).then(textResult);
    }
    case 'exec': {
      const { sql, tx } = request;
      const run = (on: PGlite | Transaction) =>
        on.exec(sql, { parsers: keepText }).then((results) => results.map(textResult));
      return tx === undefined ? run(db) : inTransaction(tx, (open) => run(open.tx));
    }
    case 'begin':
      return begin();
    case 'rollback':
      return inTransaction(request.tx, (open) => open.tx.rollback());
    case 'end':
      return inTransaction(request.tx, async (open) => {
        open.end(request.commit);
        try {
          await open.done;
        } finally {
          transactions.delete(request.tx);
        }
      });
    case 'migrate':
      return migrate();
    case 'close':
      // PGlite writes its data directory out on close; the app waits for this answer to exit.
      return db.close();
  }
}

// Only what crosses threads: the rows, the fields' names and types, the count.
function textResult(r: {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}) {
  return {
    rows: r.rows,
    fields: r.fields.map(({ name, dataTypeID }) => ({ name, dataTypeID })),
    affectedRows: r.affectedRows,
  };
}

function errorFields(err: unknown): ErrorFields {
  if (!(err instanceof Error))
    return { message: String(err), name: 'Error', databaseError: false, fields: {} };
  const fields: ErrorFields['fields'] = {};
  for (const [key, value] of Object.entries(err)) {
    if (['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value as string;
  }
  return {
    message: err.message,
    name: err.name,
    databaseError: err instanceof messages.DatabaseError,
    fields,
  };
}

port.on('message', (request: EmbeddedDbRequest) => {
  perform(request).then(
    (ok) => {
      reply({ id: request.id, ok });
      if (request.op === 'close') port.close();
    },
    (err: unknown) => reply({ id: request.id, error: errorFields(err) }),
  );
});
