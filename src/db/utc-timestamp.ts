// An instant for a `TIMESTAMP(3)` column (no time zone) in SQL written by hand. Prisma stores UTC
// there; a bare timestamptz would be converted to the session's time zone instead.
import { Prisma } from './generated/client.js';

export const utcTimestamp = (at: Date): Prisma.Sql =>
  Prisma.sql`${at.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
