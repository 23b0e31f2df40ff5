// The migrations and prisma/schema.prisma must describe the same database: a change to the schema
// without `npm run db:diff -- <name>` fails here.
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from '../../src/db/schema-engine.js';
import { createTestDatabase } from '../helpers/test-database.js';

describe('migrations', () => {
  it('agree with schema.prisma', async () => {
    const sql = await diffMigrationsToSchema(new PrismaPGlite(new PGlite()));
    const statements = sql
      .split('\n')
      .filter((line) => line.trim() && !line.trim().startsWith('--'))
      .join('\n');
    expect(
      statements,
      `schema.prisma has changes with no migration; run npm run db:diff -- <name>:\n${sql}`,
    ).toBe('');
  });

  it('apply on the test database and record themselves for prisma migrate', async () => {
    const { db, drop } = await createTestDatabase();
    try {
      const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL',
      );
      expect(rows.length).toBeGreaterThan(0);
      expect(await db.migrate()).toEqual([]);
    } finally {
      await drop();
    }
  });
});
