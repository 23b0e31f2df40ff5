// npm start's memory settings (decision 0077) are read from package.json by the e2e tests and
// bench:intake; a script they can no longer read must fail here, not start the app without them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { npmStartCommand, parseStartScript } from '../helpers/start-command.js';

describe('npm start command', () => {
  it('reads the environment and node flags of package.json start script', () => {
    const start = npmStartCommand();
    // 8 KB: V8's compiler zones (8–32 KB segments) are mapped and given back (decision 0107).
    expect(start.env).toMatchObject({ MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '8192' });
    expect(start.nodeFlags.some((f) => f.startsWith('--max-semi-space-size='))).toBe(true);
    expect(start.nodeFlags.some((f) => f.startsWith('--heap-growing-percent='))).toBe(true);
  });

  it('starts web and worker with the malloc settings of npm start, as the Docker image does (0107)', () => {
    const { MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_ } = npmStartCommand('all').env;
    const malloc = { MALLOC_ARENA_MAX, MALLOC_MMAP_THRESHOLD_ };
    expect(npmStartCommand('web').env).toEqual(malloc);
    expect(npmStartCommand('worker').env).toEqual(malloc);
    const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
    const imageEnv = Object.fromEntries(
      [...dockerfile.matchAll(/\b(MALLOC_[A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]]),
    );
    expect(imageEnv).toEqual(malloc);
  });

  it('parses a script without settings, and refuses one that does not run the entry point', () => {
    expect(parseStartScript('node scripts/build.mjs && exec node dist/src/main.js all')).toEqual({
      env: {},
      nodeFlags: [],
    });
    expect(() => parseStartScript('tsx src/main.ts all')).toThrow(/does not run node/);
  });
});
