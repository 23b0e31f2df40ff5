/**
 * True for a unique-constraint violation, whichever driver adapter raised it: Prisma's P2002 from a
 * model operation, or its P2010 "raw query failed" from SQL (`$queryRaw`, raw-sql.ts), whose
 * adapter error says which.
 */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } };
  if (e.code === 'P2002') return true;
  return e.code === 'P2010' && e.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation';
}

// Prisma's codes for "the database cannot be reached" (P1001 not reachable, P1002 timed out,
// P1008 operation timed out, P1017 connection closed, P2024 no pool connection in time).
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const UNAVAILABLE_KINDS = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
// What the drivers throw themselves, outside Prisma's codes: pg's pool when a connection cannot be
// opened within connectionTimeoutMillis, PGlite once closed.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|PGlite is closed|ECONNREFUSED|ECONNRESET/;

/**
 * True when the database could not be reached (down, restarting, unreachable, out of
 * connections): a 503 "try again", not a 500. False for errors in what was asked of it.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as {
    code?: unknown;
    message?: unknown;
    meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
    cause?: { kind?: unknown };
  };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
  const kind = e.meta?.driverAdapterError?.cause?.kind ?? e.cause?.kind;
  if (typeof kind === 'string' && UNAVAILABLE_KINDS.has(kind)) return true;
  return typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message);
}
