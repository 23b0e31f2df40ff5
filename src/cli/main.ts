// `npx langnghe <command>`: administration and officer helpers. Each command lives in its own file.
import v8 from 'node:v8';
import { ConfigError } from '../config/config.js';
import { UsageError, type CliCommand } from './cli-command.js';
import { COMMAND_LIST } from './command-list.js';

// A command lives a second or two. V8 would also compile PGlite's and Prisma's WebAssembly with its
// optimising compiler, on background threads: for a run this short that doubled the CPU time and
// added 100 MB of memory, and paid back nothing; and it would validate all 12 MB of it before the
// first call, where checking each function when first called suffices for modules we ship
// (docs/decisions/0068). Set before any WebAssembly is compiled, i.e. before a command is loaded.
v8.setFlagsFromString('--liftoff-only');
v8.setFlagsFromString('--wasm-lazy-validation');

// The summaries are in the list itself: help loads no command module.
function help(): string {
  const width = Math.max(...COMMAND_LIST.map((c) => c.name.length));
  return [
    'Lắng Nghe — command-line tool',
    '',
    'Usage: langnghe <command> [options]',
    '',
    'Commands:',
    ...COMMAND_LIST.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
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
const entry = COMMAND_LIST.find((known) => known.name === name);
if (!entry) {
  console.error(`Unknown command "${name}".\n\n${help()}`);
  process.exit(2);
}
const command: CliCommand = await entry.load();
if (args.includes('--help') || args.includes('-h')) {
  console.log(`${entry.summary}\n\nUsage: ${command.usage}`);
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
