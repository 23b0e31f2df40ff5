import { openCliDatabase } from '../cli-context.js';
import type { CliCommand } from '../cli-command.js';

export const dbMigrateCommand: CliCommand = {
  name: 'db:migrate',
  usage: 'langnghe db:migrate',
  async run() {
    // openCliDatabase applies them; report what is there now.
    const { db, close } = await openCliDatabase();
    try {
      const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name',
      );
      console.log(`Database is up to date (${rows.length} migrations applied, ${db.kind}).`);
    } finally {
      await close();
    }
  },
};
