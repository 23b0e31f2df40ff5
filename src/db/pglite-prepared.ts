// Statements on PGlite prepared once by name and then only bound and executed (decision 0105).
// PGlite's own `query` parses, analyses and plans every statement again (planning sizes up every
// table and index it touches through the file system) and crosses into WebAssembly five times per
// statement. Bounded like PostgreSQL's (0090): past the limit, or at 0, new texts take PGlite's
// own `query`. Used by the embedded database's thread and by the in-process embedded database.
import { parse, protocol, type PGlite, type Results, type Transaction } from '@electric-sql/pglite';

export interface PreparedQueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: PGlite['parsers'];
}

export interface PreparedStatements {
  /** PGlite's `query`, or a transaction's (`tx`), through a named statement. */
  query<T>(
    sql: string,
    params: unknown[],
    options: PreparedQueryOptions,
    tx?: Transaction,
  ): Promise<Results<T>>;
  /** After a migration: a statement prepared before it may read a table it changed. */
  forget(): Promise<void>;
}

export function preparedStatementsOf(db: PGlite, limit: number): PreparedStatements {
  const prepared = new Map<string, { name: string; paramTypes: number[] }>();

  /** Messages sent to PGlite as one buffer: one crossing into WebAssembly; throws its first error. */
  const exchange = (parts: Uint8Array[]) => {
    const message = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of parts) {
      message.set(part, at);
      at += part.length;
    }
    return db.execProtocolStream(message, { syncToFs: false });
  };

  async function run<T>(
    sql: string,
    params: unknown[],
    options: PreparedQueryOptions,
    inTransaction: boolean,
  ) {
    let statement = prepared.get(sql);
    if (!statement) {
      const name = `ln_${prepared.size}`;
      // A text that fails here (a syntax error, a missing table) is not kept: the error is the caller's.
      const described = await exchange([
        protocol.serialize.parse({ name, text: sql }),
        protocol.serialize.describe({ type: 'S', name }),
        protocol.serialize.sync(),
      ]);
      statement = { name, paramTypes: parse.parseDescribeStatementResults(described) };
      prepared.set(sql, statement);
    }
    const { paramTypes } = statement;
    // Serialised as PGlite's `query` serialises them, by the parameter's type.
    const values = params.map((value, i) =>
      value === null || value === undefined
        ? null
        : ((db.serializers[paramTypes[i]!] as ((v: unknown) => string) | undefined)?.(value) ??
          String(value)),
    );
    const results = await exchange([
      protocol.serialize.bind({ statement: statement.name, values }),
      protocol.serialize.describe({ type: 'P' }),
      protocol.serialize.execute({}),
      protocol.serialize.sync(),
    ]);
    if (!inTransaction) await db.syncToFs();
    return parse.parseResults(results, db.parsers, options)[0] as Results<T>;
  }

  return {
    async query<T>(sql: string, params: unknown[], options: PreparedQueryOptions, tx?: Transaction) {
      // As PGlite's `query`: a closed or closing database refuses (its WebAssembly would spin).
      await db._checkReady();
      if (!prepared.has(sql) && prepared.size >= limit)
        return tx ? tx.query<T>(sql, params, options) : db.query<T>(sql, params, options);
      // The locks PGlite's own `query` takes: a transaction's statements run under its lock.
      if (tx) {
        if (tx.closed) return Promise.reject(new Error('Transaction is closed'));
        return db._runExclusiveQuery(() => run<T>(sql, params, options, true));
      }
      return db._runExclusiveTransaction(() =>
        db._runExclusiveQuery(() => run<T>(sql, params, options, false)),
      );
    },
    async forget() {
      if (prepared.size === 0) return;
      prepared.clear();
      await db.exec('DEALLOCATE ALL');
    },
  };
}

/**
 * The PGlite that Prisma's PGlite adapter is given in-process: its `query`, and its transactions'
 * `query`, go through the named statements; the rest is PGlite's own.
 */
export function withPreparedStatements(db: PGlite, statements: PreparedStatements): PGlite {
  const inTransaction = (tx: Transaction): Transaction =>
    new Proxy(tx, {
      get: (target, key) =>
        key === 'query'
          ? <T>(sql: string, params: unknown[] = [], options: PreparedQueryOptions = {}) =>
              statements.query<T>(sql, params, options, target)
          : Reflect.get(target, key),
    });
  return new Proxy(db, {
    get(target, key) {
      if (key === 'query')
        return <T>(sql: string, params: unknown[] = [], options: PreparedQueryOptions = {}) =>
          statements.query<T>(sql, params, options);
      if (key === 'transaction')
        return <T>(callback: (tx: Transaction) => Promise<T>) =>
          target.transaction((tx) => callback(inTransaction(tx)));
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
