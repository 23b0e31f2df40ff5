import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI (generate; `migrate deploy` on machines that can download the native
// engine). The app itself applies migrations through scripts/db-migrate.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/langnghe' },
});
