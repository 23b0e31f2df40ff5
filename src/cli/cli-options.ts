import { parseArgs } from 'node:util';
import { UsageError } from './cli-command.js';

/** node:util parseArgs with usage errors the CLI prints next to the command's usage line. */
export function parseCliArgs<const O extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(
  args: string[],
  options: O,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}
