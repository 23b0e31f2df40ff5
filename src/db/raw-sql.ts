// The worker's and the ack path's hot statements, sent to the driver adapter Prisma's own client
// sends them to, without the client's runtime around it (decision 0106). Prisma's `$queryRaw` turns
// every parameter into JSON and back, runs the statement through its query interpreter and turns
// every row into tagged JSON and back: 0.2 ms of CPU per statement on top of the adapter's own
// 0.14 ms, which summed to a fifth of the intake worker's CPU per case.
//
// Same adapter, same connections (PostgreSQL's pool, PGlite's one), same prepared-statement names
// (0090, 0105), same values out: the parameters are mapped and the rows converted as Prisma's
// client does it, and `raw-sql.test.ts` holds the two side by side for every column type. A
// client this module does not know (a transaction's, a test's own) goes through `$queryRaw`.
import type { ArgType, ColumnType, SqlDriverAdapter, SqlQuery } from '@prisma/driver-adapter-utils';
import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import { Prisma, type PrismaClient } from './generated/client.js';

/** Anything that runs raw SQL as Prisma's client does: the client, or a transaction's. */
type RawRunner = Pick<PrismaClient, '$queryRaw' | '$executeRaw'>;

const adapters = new WeakMap<object, SqlDriverAdapter>();

/** The adapter a client of openDatabase sends its statements to: this module then sends there too. */
export function registerDriverAdapter(client: PrismaClient, adapter: SqlDriverAdapter): void {
  adapters.set(client, adapter);
}

/**
 * Lets `alias` (say, an `$extends` of `client` that counts operations) send its raw statements the
 * way `client` does: its query hooks then do not see them, as the app's own client's do not.
 */
export function shareDriverAdapter(client: object, alias: object): void {
  const adapter = adapters.get(client);
  if (adapter) adapters.set(alias, adapter);
}

/** The rows of a statement, as `db.$queryRaw(query)` gives them. */
export async function queryRows<T>(db: RawRunner, query: Prisma.Sql): Promise<T[]> {
  const adapter = adapters.get(db);
  if (!adapter) return db.$queryRaw<T[]>(query);
  const result = await runOn(adapter, query, (a, q) => a.queryRaw(q));
  const { columnNames, columnTypes, rows } = result;
  const out: T[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const object: Record<string, unknown> = {};
    for (let c = 0; c < columnNames.length; c++) object[columnNames[c]!] = valueOf(row[c], columnTypes[c]!);
    out[i] = object as T;
  }
  return out;
}

/** The number of rows a statement changed, as `db.$executeRaw(query)` gives it. */
export async function executeStatement(db: RawRunner, query: Prisma.Sql): Promise<number> {
  const adapter = adapters.get(db);
  if (!adapter) return db.$executeRaw(query);
  return runOn(adapter, query, (a, q) => a.executeRaw(q));
}

async function runOn<R>(
  adapter: SqlDriverAdapter,
  query: Prisma.Sql,
  run: (adapter: SqlDriverAdapter, query: SqlQuery) => Promise<R>,
): Promise<R> {
  const n = query.values.length;
  const args: unknown[] = new Array(n);
  const argTypes: ArgType[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const value = query.values[i];
    if (Array.isArray(value)) {
      const elements = value.map(parameterOf);
      args[i] = elements.map((e) => e.arg);
      argTypes[i] = { scalarType: elements[0]?.scalarType ?? 'unknown', arity: 'list' };
    } else {
      const { arg, scalarType } = parameterOf(value);
      args[i] = arg;
      argTypes[i] = { scalarType, arity: 'scalar' };
    }
  }
  try {
    return await run(adapter, { sql: query.text, args, argTypes });
  } catch (err) {
    throw asPrismaError(err);
  }
}

/**
 * A parameter as Prisma's client hands it to the adapter (its `serializeRawParameters`), with the
 * scalar type it declares for it.
 */
function parameterOf(value: unknown): { arg: unknown; scalarType: ArgType['scalarType'] } {
  if (value === null || value === undefined) return { arg: null, scalarType: 'unknown' };
  if (typeof value === 'string') return { arg: value, scalarType: 'string' };
  if (typeof value === 'number') return { arg: value, scalarType: 'decimal' };
  if (typeof value === 'bigint') return { arg: value.toString(), scalarType: 'bigint' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('Provided Date object is invalid');
    // The adapter writes a Date in UTC without a zone, as it writes the ISO text Prisma sends.
    return { arg: value, scalarType: 'datetime' };
  }
  if (Prisma.Decimal.isDecimal(value))
    return { arg: (value as Prisma.Decimal).toJSON(), scalarType: 'decimal' };
  if (ArrayBuffer.isView(value))
    return { arg: new Uint8Array(value.buffer, value.byteOffset, value.byteLength), scalarType: 'bytes' };
  if (value instanceof ArrayBuffer) return { arg: new Uint8Array(value), scalarType: 'bytes' };
  // An array within a list parameter stays an array, as Prisma sends it; any other object is JSON.
  if (Array.isArray(value)) return { arg: value.map((v) => parameterOf(v).arg), scalarType: 'unknown' };
  if (typeof value === 'object') return { arg: JSON.stringify(value), scalarType: 'unknown' };
  return { arg: value, scalarType: 'unknown' };
}

/** A column's value as Prisma's client gives it from `$queryRaw` (its raw result deserialiser). */
function valueOf(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
      return Math.trunc(typeof value === 'number' ? value : Number(value));
    case ColumnTypeEnum.Int64:
      return BigInt(typeof value === 'number' ? Math.trunc(value) : (value as string));
    case ColumnTypeEnum.Numeric:
      return new Prisma.Decimal(value as string);
    case ColumnTypeEnum.Boolean:
      return typeof value === 'boolean' ? value : value === 'true' || value === '1' || value === 1;
    case ColumnTypeEnum.Date:
    case ColumnTypeEnum.DateTime:
      return new Date(value as string);
    case ColumnTypeEnum.Time:
      return new Date(`1970-01-01T${value as string}Z`);
    case ColumnTypeEnum.Json:
      return typeof value === 'string' ? JSON.parse(value) : value;
    case ColumnTypeEnum.Bytes:
      return bytesOf(value);
    case ColumnTypeEnum.Int32Array:
    case ColumnTypeEnum.Int64Array:
    case ColumnTypeEnum.NumericArray:
    case ColumnTypeEnum.BooleanArray:
    case ColumnTypeEnum.DateArray:
    case ColumnTypeEnum.DateTimeArray:
    case ColumnTypeEnum.TimeArray:
    case ColumnTypeEnum.JsonArray:
    case ColumnTypeEnum.BytesArray: {
      const element = (type - ColumnTypeEnum.Int32Array) as ColumnType;
      return (value as unknown[]).map((v) => valueOf(v, element));
    }
    // As the adapter gave them, as Prisma's client leaves them.
    case ColumnTypeEnum.Float:
    case ColumnTypeEnum.Double:
    case ColumnTypeEnum.Character:
    case ColumnTypeEnum.Text:
    case ColumnTypeEnum.Enum:
    case ColumnTypeEnum.Set:
    case ColumnTypeEnum.Uuid:
    case ColumnTypeEnum.UnknownNumber:
    case ColumnTypeEnum.FloatArray:
    case ColumnTypeEnum.DoubleArray:
    case ColumnTypeEnum.CharacterArray:
    case ColumnTypeEnum.TextArray:
    case ColumnTypeEnum.EnumArray:
    case ColumnTypeEnum.UuidArray:
      return value;
  }
}

function bytesOf(value: unknown): Uint8Array {
  if (typeof value === 'string') return new Uint8Array(Buffer.from(value, 'base64'));
  const view = value as ArrayBufferView;
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

/**
 * An error the database raised for the statement (it has its code) reaches callers as Prisma's
 * "raw query failed" (P2010) with the adapter's error in `meta`, as from `$queryRaw`; any other
 * (the database unreachable) as the adapter raised it, whose `cause.kind` `isDatabaseUnavailable`
 * reads.
 */
function asPrismaError(err: unknown): unknown {
  const cause = (err as { cause?: { originalCode?: unknown; originalMessage?: unknown } } | null)?.cause;
  if (typeof cause?.originalCode !== 'string') return err;
  return new Prisma.PrismaClientKnownRequestError(
    `Raw query failed. Code: \`${cause.originalCode}\`. Message: \`${String(cause.originalMessage)}\``,
    { code: 'P2010', clientVersion: Prisma.prismaVersion.client, meta: { driverAdapterError: err } },
  );
}
