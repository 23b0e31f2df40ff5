// `npx langnghe <command>`: administration and officer helpers. Each command lives in its own file.
import { ConfigError } from '../config/config.js';
import { UsageError, type CliCommand } from './cli-command.js';
import { COMMAND_LIST } from './command-list.js';

// Help is the one place that needs every command's summary, so it alone loads them all.
async function help(): Promise<string> {
  const commands = await Promise.all(COMMAND_LIST.map(([, load]) => load()));
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Lắng Nghe — command-line tool',
    '',
    'Usage: langnghe <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from the environment (see .env.example); without DATABASE_URL the',
    'embedded database in DATA_DIR (default ./data) is used — stop `npm start` first.',
  ].join('\n');
}

const [name, ...args] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h' || name === 'help') {
  console.log(await help());
  process.exit(0);
}
const load = COMMAND_LIST.find(([known]) => known === name)?.[1];
if (!load) {
  console.error(`Unknown command "${name}".\n\n${await help()}`);
  process.exit(2);
}
const command: CliCommand = await load();
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
