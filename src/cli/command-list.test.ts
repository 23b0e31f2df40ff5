import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_LIST } from './command-list.js';

// Loading every command module transpiles most of the code base: seconds on a busy CI runner.
describe('the command list', { timeout: 60_000 }, () => {
  it('names each command by its own name, once', async () => {
    const names = COMMAND_LIST.map(({ name }) => name);
    expect(new Set(names).size).toBe(names.length);
    for (const { name, load } of COMMAND_LIST) expect((await load()).name).toBe(name);
  });

  it('gives each command a one-line summary for help', () => {
    for (const { name, summary } of COMMAND_LIST) expect(summary, name).toMatch(/^\S[^\n]*\S$/);
  });

  it('leaves out no command a command module exports', async () => {
    const dir = path.join(import.meta.dirname, 'commands');
    const files = (await readdir(dir)).filter((f) => f.endsWith('.command.ts'));
    const exported: string[] = [];
    for (const file of files) {
      const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
      for (const value of Object.values(mod)) {
        const c = value as { name?: unknown; run?: unknown };
        if (typeof c?.name === 'string' && typeof c.run === 'function') exported.push(c.name);
      }
    }
    expect(exported.sort()).toEqual(COMMAND_LIST.map(({ name }) => name).sort());
  });
});
