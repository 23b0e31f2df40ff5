import { EventEmitter } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EmbeddedDbRequest } from './embedded-db-messages.js';
import {
  BACKGROUND_AT_THE_THREAD,
  BACKGROUND_YIELDS_TO_ACKS_MS,
  PGliteThreadClient,
} from './pglite-thread-client.js';
import { aheadOfQueuedWork } from './statement-priority.js';

/** A database thread that answers only when told to, so the order of what was sent can be read. */
class FakeThread extends EventEmitter {
  posted: EmbeddedDbRequest[] = [];
  postMessage(message: EmbeddedDbRequest) {
    this.posted.push(message);
  }
  /** What was sent, as `op` or the statement's text. */
  sent() {
    return this.posted.map(label);
  }
  answer(what: string, ok: unknown = { rows: [], fields: [], affectedRows: 0 }) {
    this.emit('message', { id: this.#request(what).id, ok });
  }
  fail(what: string) {
    this.emit('message', {
      id: this.#request(what).id,
      error: { message: 'boom', name: 'Error', databaseError: false, fields: {} },
    });
  }
  #request(what: string) {
    const request = this.posted.find((m) => label(m) === what);
    if (!request) throw new Error(`${what} was not sent`);
    return request;
  }
}

const label = (m: EmbeddedDbRequest) => ('sql' in m ? m.sql : m.op);

const settle = () => new Promise((resolve) => setImmediate(resolve));

function setUp() {
  const thread = new FakeThread();
  return { thread, client: new PGliteThreadClient(thread as unknown as Worker) };
}

/** Background statements that take the remaining places at the thread, besides `taken`. */
function fill(client: PGliteThreadClient, taken: number) {
  return Array.from({ length: BACKGROUND_AT_THE_THREAD - taken }, (_, i) => client.query(`SELECT fill ${i}`));
}

/** Answers the filling statements from `from` on, then `last`, and waits for all of them. */
async function drain(
  thread: FakeThread,
  filling: Promise<unknown>[],
  last: string,
  lastDone: Promise<unknown>,
  from = 0,
) {
  for (let i = from; i < filling.length; i++) thread.answer(`SELECT fill ${i}`);
  thread.answer(last);
  await Promise.all([...filling, lastDone]);
}

describe('PGliteThreadClient: background work a few at a time, marked work ahead', () => {
  it('sends background statements in order, the next once one before it is answered', async () => {
    const { thread, client } = setUp();
    const filling = fill(client, 0);
    const waiting = client.query('SELECT waiting');
    await settle();
    expect(thread.sent()).toEqual(filling.map((_, i) => `SELECT fill ${i}`));
    thread.answer('SELECT fill 0');
    await filling[0];
    await settle();
    expect(thread.sent().at(-1)).toBe('SELECT waiting');
    await drain(thread, filling, 'SELECT waiting', waiting, 1);
  });

  it('counts a transaction as one place until its end; a marked statement is sent at once', async () => {
    const { thread, client } = setUp();
    let insideTx!: () => void;
    const txDone = client.transaction(async (tx) => {
      await tx.query('UPDATE in_tx');
      await new Promise<void>((resolve) => (insideTx = resolve));
      return 'committed';
    });
    await settle();
    thread.answer('begin', 7);
    await settle();
    thread.answer('UPDATE in_tx');
    await settle();
    const filling = fill(client, 1);
    const background = client.query('SELECT background');
    const ack = aheadOfQueuedWork(() => client.query('INSERT ack'));
    await settle();
    // The ack's insert reaches the thread, where it waits only for the work already there; the
    // background statement is still here.
    expect(thread.sent()).not.toContain('SELECT background');
    expect(thread.sent().at(-1)).toBe('INSERT ack');

    insideTx();
    await settle();
    expect(thread.sent().at(-1)).toBe('end');
    thread.answer('INSERT ack');
    await ack;
    thread.answer('end');
    expect(await txDone).toBe('committed');
    await settle();
    expect(thread.sent().at(-1)).toBe('SELECT background');
    await drain(thread, filling, 'SELECT background', background);
  });

  it.each([
    {
      when: 'background work fails',
      failing: (client: PGliteThreadClient) => client.query('SELECT fails'),
      failed: 'SELECT fails',
    },
    {
      when: 'a transaction cannot begin',
      failing: (client: PGliteThreadClient) => client.transaction(async () => 'never'),
      failed: 'begin',
    },
  ])('gives the place on when $when', async ({ failing: start, failed }) => {
    const { thread, client } = setUp();
    const failing = start(client);
    const filling = fill(client, 1);
    const next = client.query('SELECT next');
    await settle();
    expect(thread.sent()).not.toContain('SELECT next');
    thread.fail(failed);
    await expect(failing).rejects.toThrow('boom');
    await settle();
    expect(thread.sent().at(-1)).toBe('SELECT next');
    await drain(thread, filling, 'SELECT next', next);
  });
});

describe('PGliteThreadClient: background work holds back while an acknowledgement is stored (decision 0109)', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Marked work (an acknowledgement being stored) that ends when told to. */
  function storingAnAck() {
    let finish!: () => void;
    const done = aheadOfQueuedWork(() => new Promise<void>((resolve) => (finish = resolve)));
    return { done, finish: () => finish() };
  }

  it('sends the next background statement once the acknowledgement is stored', async () => {
    const { thread, client } = setUp();
    const ack = storingAnAck();
    const background = client.query('SELECT background');
    await settle();
    expect(thread.sent()).toEqual([]);
    ack.finish();
    await ack.done;
    await settle();
    expect(thread.sent()).toEqual(['SELECT background']);
    thread.answer('SELECT background');
    await background;
  });

  it('holds it back no longer than BACKGROUND_YIELDS_TO_ACKS_MS, and a marked statement not at all', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { thread, client } = setUp();
    const ack = storingAnAck();
    const background = client.query('SELECT background');
    const marked = aheadOfQueuedWork(() => client.query('INSERT ack'));
    await settle();
    expect(thread.sent()).toEqual(['INSERT ack']);
    vi.advanceTimersByTime(BACKGROUND_YIELDS_TO_ACKS_MS - 1);
    await settle();
    expect(thread.sent()).toEqual(['INSERT ack']);
    vi.advanceTimersByTime(1);
    await settle();
    expect(thread.sent()).toEqual(['INSERT ack', 'SELECT background']);
    thread.answer('INSERT ack');
    thread.answer('SELECT background');
    await Promise.all([marked, background]);
    ack.finish();
    await ack.done;
  });
});
