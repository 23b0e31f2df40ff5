import { describe, expect, it } from 'vitest';
import { createDirectoryCache } from './directory-cache.js';

function setup(checkEveryMs = 1_000) {
  let time = 0;
  let version = 'v1';
  let versionReads = 0;
  const cache = createDirectoryCache({
    readVersion: async () => {
      versionReads++;
      return version;
    },
    checkEveryMs,
    now: () => time,
  });
  let loads = 0;
  const load = (value: string | null) => async () => {
    loads++;
    return value;
  };
  return {
    cache,
    load,
    loads: () => loads,
    versionReads: () => versionReads,
    advance: (ms: number) => (time += ms),
    change: (v: string) => (version = v),
  };
}

describe('directory cache', () => {
  it('loads a key once, and looks at the version at most once per interval', async () => {
    const t = setup();
    expect(await t.cache.read('unit:a', t.load('A'))).toBe('A');
    t.advance(500);
    expect(await t.cache.read('unit:a', t.load('other'))).toBe('A');
    expect(t.loads()).toBe(1);
    expect(t.versionReads()).toBe(1);
  });

  it('sees a change made elsewhere once the interval has passed, and only then', async () => {
    const t = setup();
    await t.cache.read('unit:a', t.load('A'));
    t.change('v2');
    t.advance(999);
    expect(await t.cache.read('unit:a', t.load('B'))).toBe('A');
    t.advance(1);
    expect(await t.cache.read('unit:a', t.load('B'))).toBe('B');
  });

  it('keeps what it has when the version is unchanged after the interval', async () => {
    const t = setup();
    await t.cache.read('unit:a', t.load('A'));
    t.advance(5_000);
    expect(await t.cache.read('unit:a', t.load('B'))).toBe('A');
    expect(t.versionReads()).toBe(2);
  });

  it('never keeps "not found": a unit created a moment later is found', async () => {
    const t = setup();
    expect(await t.cache.read('unit:new', t.load(null))).toBeNull();
    expect(await t.cache.read('unit:new', t.load('N'))).toBe('N');
  });

  it('drops everything at once when this process changed the directory', async () => {
    const t = setup();
    await t.cache.read('unit:a', t.load('A'));
    t.cache.invalidate();
    expect(await t.cache.read('unit:a', t.load('B'))).toBe('B');
  });

  it('does not keep a value whose load began before an invalidation', async () => {
    const t = setup();
    let finish!: (v: string) => void;
    let started!: () => void;
    const loading = new Promise<void>((resolve) => (started = resolve));
    const slow = t.cache.read('unit:a', () => {
      started();
      return new Promise<string>((resolve) => (finish = resolve));
    });
    await loading;
    t.cache.invalidate();
    finish('old');
    expect(await slow).toBe('old');
    expect(await t.cache.read('unit:a', t.load('new'))).toBe('new');
  });

  it('with an interval of 0 keeps nothing and never reads the version', async () => {
    const t = setup(0);
    await t.cache.read('unit:a', t.load('A'));
    expect(await t.cache.read('unit:a', t.load('B'))).toBe('B');
    expect(t.versionReads()).toBe(0);
  });
});
