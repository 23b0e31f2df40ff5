// What `npm start` (and `npm run start:web` / `start:worker`) runs, read from package.json's own
// scripts, so the tests and benchmarks that start the app as a process run it with the same memory
// settings (decisions 0077, 0107) and nobody keeps a second copy of them:
// `… && NAME=value … exec node --flag … dist/src/main.js <role>`.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface StartCommand {
  /** Environment variables set for the process (glibc's malloc settings). */
  env: Record<string, string>;
  /** Node/V8 flags placed before the entry point. */
  nodeFlags: string[];
}

export function parseStartScript(script: string): StartCommand {
  const last = script.split('&&').at(-1)!.trim().split(/\s+/);
  const env: Record<string, string> = {};
  const nodeFlags: string[] = [];
  let i = 0;
  for (; i < last.length && /^[A-Z_][A-Z0-9_]*=/.test(last[i]!); i++) {
    const [name, ...value] = last[i]!.split('=');
    env[name!] = value.join('=');
  }
  if (last[i] === 'exec') i++;
  if (last[i] !== 'node') throw new Error(`npm start does not run node: ${script}`);
  for (i++; i < last.length && last[i]!.startsWith('-'); i++) nodeFlags.push(last[i]!);
  if (last[i] !== 'dist/src/main.js') throw new Error(`npm start does not run dist/src/main.js: ${script}`);
  return { env, nodeFlags };
}

/** The npm script that starts each role. */
const SCRIPT_OF_ROLE = { all: 'start', web: 'start:web', worker: 'start:worker' } as const;

export type Role = keyof typeof SCRIPT_OF_ROLE;

/** The settings of `npm start` (the embedded `all` process), or of the script of another role. */
export function npmStartCommand(role: Role = 'all'): StartCommand {
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  return parseStartScript(pkg.scripts[SCRIPT_OF_ROLE[role]]!);
}

/** A role started as its npm script starts it: node's arguments, and the environment to add. */
export function roleProcess(role: Role): { args: string[]; env: Record<string, string> } {
  const { nodeFlags, env } = npmStartCommand(role);
  return { args: [...nodeFlags, 'dist/src/main.js', role], env };
}
