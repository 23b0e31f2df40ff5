import { describe, expect, it } from 'vitest';
import { createOpenCaseIds, type OpenCaseIdsOptions } from './open-case-ids.js';

/** A database of open cases per organisation, newest last, that counts its reads. */
function fakeDatabase() {
  const open = new Map<string, string[]>();
  const reads: { organizationId: string; exceptCaseId: string | null; limit: number }[] = [];
  let release: (() => void) | undefined;
  let holding = false;
  const read: OpenCaseIdsOptions['read'] = async (organizationId, exceptCaseId, limit) => {
    reads.push({ organizationId, exceptCaseId, limit });
    // What is open when the read begins is what it returns, as a statement's snapshot would.
    const ids = [...(open.get(organizationId) ?? [])]
      .reverse()
      .filter((id) => id !== exceptCaseId)
      .slice(0, limit);
    if (holding) await new Promise<void>((resolve) => (release = resolve));
    return ids;
  };
  return {
    read,
    reads,
    open: (organizationId: string, ...ids: string[]) =>
      open.set(organizationId, [...(open.get(organizationId) ?? []), ...ids]),
    close: (organizationId: string, id: string) =>
      open.set(
        organizationId,
        (open.get(organizationId) ?? []).filter((o) => o !== id),
      ),
    /** The next reads wait until `release`. */
    hold: () => (holding = true),
    release: () => {
      holding = false;
      release?.();
    },
  };
}

function setUp(refreshMs = 1000, limit = 5) {
  const db = fakeDatabase();
  let now = 0;
  const ids = createOpenCaseIds({ read: db.read, refreshMs, limit, now: () => now });
  return { db, ids, advance: (ms: number) => (now += ms) };
}

describe('open case ids kept by a process', () => {
  it('reads the list once per refresh period, and leaves out the case asking', async () => {
    const { db, ids, advance } = setUp();
    db.open('org', 'a', 'b', 'c');
    expect(await ids.list('org', 'c')).toEqual(['b', 'a']);
    expect(await ids.list('org', 'b')).toEqual(['c', 'a']);
    expect(db.reads).toEqual([{ organizationId: 'org', exceptCaseId: null, limit: 6 }]);

    db.open('org', 'd');
    advance(999);
    expect(await ids.list('org', 'x')).toEqual(['c', 'b', 'a']);
    advance(1);
    expect(await ids.list('org', 'x')).toEqual(['d', 'c', 'b', 'a']);
    expect(db.reads).toHaveLength(2);
  });

  it('puts the cases this process made first, at once, up to the limit', async () => {
    const { db, ids } = setUp(1000, 3);
    db.open('org', 'a', 'b');
    await ids.list('org', 'x');
    db.open('org', 'c', 'd');
    ids.opened('org', 'c');
    ids.opened('org', 'd');
    expect(await ids.list('org', 'd')).toEqual(['c', 'b', 'a']);
    expect(await ids.list('org', 'x')).toEqual(['d', 'c', 'b']);
    expect(db.reads).toHaveLength(1);
  });

  it('drops a made case once a read that began after it holds it, and keeps one made during a read', async () => {
    const { db, ids, advance } = setUp();
    db.open('org', 'a');
    await ids.list('org', 'x');
    db.open('org', 'b');
    ids.opened('org', 'b');
    advance(1000);
    db.hold();
    const reading = ids.list('org', 'x');
    // Made while the read runs: the read may not hold it.
    ids.opened('org', 'c');
    db.release();
    expect(await reading).toEqual(['c', 'b', 'a']);
    // Closed elsewhere; the list read after the close no longer has it, nor does the made list.
    db.close('org', 'b');
    advance(1000);
    expect(await ids.list('org', 'x')).toEqual(['a']);
  });

  it('reads again at once after this process moved a case into or out of the open ones', async () => {
    const { db, ids } = setUp();
    db.open('org', 'a', 'b');
    await ids.list('org', 'x');
    db.close('org', 'b');
    ids.changed('org');
    expect(await ids.list('org', 'x')).toEqual(['a']);
    expect(db.reads).toHaveLength(2);
  });

  it('does not keep a list read while the open cases changed here, and reads exactly instead', async () => {
    const { db, ids } = setUp();
    db.open('org', 'a', 'b');
    db.hold();
    const reading = ids.list('org', 'x');
    db.close('org', 'b');
    ids.changed('org');
    db.release();
    // The read began before the close and may hold the closed case: the list is read again.
    expect(await reading).toEqual(['a']);
    expect(db.reads.map((r) => r.exceptCaseId)).toEqual([null, 'x']);
    expect(await ids.list('org', 'x')).toEqual(['a']);
    expect(db.reads).toHaveLength(3);
  });

  it('makes one read for the jobs that ask at once', async () => {
    const { db, ids } = setUp();
    db.open('org', 'a', 'b');
    db.hold();
    const lists = [ids.list('org', 'a'), ids.list('org', 'b'), ids.list('org', 'c')];
    db.release();
    expect(await Promise.all(lists)).toEqual([['b'], ['a'], ['b', 'a']]);
    expect(db.reads).toHaveLength(1);
  });

  it('keeps organisations apart, and forgets those with no new case for a while', async () => {
    const { db, ids, advance } = setUp();
    db.open('one', 'a');
    db.open('two', 'b');
    expect(await ids.list('one', 'x')).toEqual(['a']);
    expect(await ids.list('two', 'x')).toEqual(['b']);
    advance(1000);
    await ids.list('two', 'x');
    // `one` was forgotten when `two` was read again: a case made for it is not noted, but read.
    db.open('one', 'c');
    ids.opened('one', 'c');
    expect(await ids.list('one', 'x')).toEqual(['c', 'a']);
    expect(db.reads.map((r) => r.organizationId)).toEqual(['one', 'two', 'two', 'one']);
  });

  it('reads every list from the database when the refresh period is 0', async () => {
    const { db, ids } = setUp(0);
    db.open('org', 'a', 'b');
    expect(await ids.list('org', 'b')).toEqual(['a']);
    ids.opened('org', 'c');
    expect(await ids.list('org', 'a')).toEqual(['b']);
    expect(db.reads).toEqual([
      { organizationId: 'org', exceptCaseId: 'b', limit: 5 },
      { organizationId: 'org', exceptCaseId: 'a', limit: 5 },
    ]);
  });
});
