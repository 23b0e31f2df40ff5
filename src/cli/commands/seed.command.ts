import { seedSampleDirectory } from '../../directory/seed-sample-directory.js';
import { openCliDatabase } from '../cli-context.js';
import type { CliCommand } from '../cli-command.js';

export const seedCommand: CliCommand = {
  name: 'seed',
  usage: 'langnghe seed',
  async run() {
    const { db, close } = await openCliDatabase();
    try {
      const n = await seedSampleDirectory(db.prisma);
      console.log(`Đã nạp ${n.organizations} đơn vị và ${n.units} khoa/phòng mẫu.`);
    } finally {
      await close();
    }
  },
};
