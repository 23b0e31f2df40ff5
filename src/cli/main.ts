// `npx langnghe <command>`: administration and officer helpers. Each command lives in its own file.
import { ConfigError } from '../config/config.js';
import { UsageError, type CliCommand } from './cli-command.js';
import { calendarLoadCommand } from './commands/calendar-load.command.js';
import { calendarCommand } from './commands/calendar.command.js';
import { dbMigrateCommand } from './commands/db-migrate.command.js';
import { dueCommand } from './commands/due.command.js';
import { rulesCommand } from './commands/rules.command.js';
import { seedCommand } from './commands/seed.command.js';
import { postersCommand } from './commands/posters.command.js';
import { staffCodeCommand } from './commands/staff-code.command.js';
import { directoryListCommand } from './commands/directory-list.command.js';
import { dutyListCommand, dutySetCommand } from './commands/duty-set.command.js';
import { orgCreateCommand } from './commands/org-create.command.js';
import { routingAddCommand, routingListCommand } from './commands/routing-rule.command.js';
import { staffCreateCommand } from './commands/staff-create.command.js';
import { staffInviteCommand } from './commands/staff-invite.command.js';
import { staffRoleCommand } from './commands/staff-role.command.js';
import { unitCreateCommand } from './commands/unit-create.command.js';
import { lettersCommand } from './commands/letters.command.js';
import { intakeStuckCommand } from './commands/intake-stuck.command.js';
import { zaloTokenCommand } from './commands/zalo-token.command.js';
import { open311KeyCommand } from './commands/open311-key.command.js';
import {
  webhookAddCommand,
  webhookListCommand,
  webhookLogCommand,
  webhookRemoveCommand,
} from './commands/webhook.command.js';
import { exportPortalCommand } from './commands/export-portal.command.js';
import { backupCommand } from './commands/backup.command.js';
import { restoreCommand } from './commands/restore.command.js';
import {
  receptionAddCommand,
  receptionCancelCommand,
  receptionListCommand,
} from './commands/reception.command.js';
import { triageTrainCommand } from './commands/triage-train.command.js';
import { staffQaAnnexCommand, staffQaOpenCommand } from './commands/staff-qa.command.js';
import { receptionLogCommand, receptionRegisterCommand } from './commands/reception-register.command.js';

const COMMANDS: CliCommand[] = [
  calendarCommand,
  dueCommand,
  rulesCommand,
  calendarLoadCommand,
  seedCommand,
  staffCodeCommand,
  orgCreateCommand,
  unitCreateCommand,
  staffCreateCommand,
  staffRoleCommand,
  staffInviteCommand,
  directoryListCommand,
  routingAddCommand,
  routingListCommand,
  dutySetCommand,
  dutyListCommand,
  receptionAddCommand,
  receptionListCommand,
  receptionCancelCommand,
  dbMigrateCommand,
  lettersCommand,
  zaloTokenCommand,
  open311KeyCommand,
  webhookAddCommand,
  webhookListCommand,
  webhookRemoveCommand,
  webhookLogCommand,
  exportPortalCommand,
  postersCommand,
  intakeStuckCommand,
  backupCommand,
  restoreCommand,
  triageTrainCommand,
  staffQaOpenCommand,
  staffQaAnnexCommand,
  receptionLogCommand,
  receptionRegisterCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Lắng Nghe — command-line tool',
    '',
    'Usage: langnghe <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from the environment (see .env.example); without DATABASE_URL the',
    'embedded database in DATA_DIR (default ./data) is used — stop `npm start` first.',
  ].join('\n');
}

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h' || name === 'help') {
  console.log(help());
  process.exit(0);
}
const command = COMMANDS.find((c) => c.name === name);
if (!command) {
  console.error(`Unknown command "${name}".\n\n${help()}`);
  process.exit(2);
}
if (args.includes('--help') || args.includes('-h')) {
  console.log(`${command.summary}\n\nUsage: ${command.usage}`);
  process.exit(0);
}
try {
  await command.run(args);
} catch (err) {
  if (err instanceof UsageError) {
    console.error(`${err.message}\nUsage: ${command.usage}`);
    process.exit(2);
  }
  console.error(err instanceof ConfigError || err instanceof Error ? err.message : String(err));
  process.exit(1);
}
