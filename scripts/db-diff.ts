// npm run db:diff -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL
// that takes a database built from the existing migrations to what prisma/schema.prisma describes.
// Runs the schema engine's WebAssembly build on an in-memory PGlite, so no server is needed.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { MIGRATIONS_DIR, diffMigrationsToSchema } from '../src/db/schema-engine.js';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:diff -- <name>   (name: lower-case letters, digits and _)');
  process.exit(2);
}

const sql = await diffMigrationsToSchema(new PrismaPGlite(new PGlite()));
if (sql.trim() === '' || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
  console.log('The migrations already match prisma/schema.prisma; nothing written.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'migration.sql'), sql);
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
