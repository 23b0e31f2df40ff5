import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import type { InboundAnswer, InboundEnvelope, Outbound, PressAnswer } from '../../src/dialog/dialog-types.js';
import { GENERIC_APOLOGY, answerInbound, type AnswerInboundDeps } from './answer-inbound.js';

const press = (userId?: string): InboundEnvelope => ({
  conversation: { channel: 'telegram', conversationId: '-100', ...(userId ? { userId } : {}) },
  event: { type: 'choice', value: 'oc:accept:ABC' },
  eventId: 'tg:1',
  receivedAt: new Date(),
});

function run(env: InboundEnvelope, handle: () => Promise<InboundAnswer>) {
  const order: string[] = [];
  const sent: Outbound[] = [];
  const pressed: (PressAnswer | undefined)[] = [];
  const deps: AnswerInboundDeps = {
    channel: 'test',
    eventNoun: 'update',
    handle,
    handleTimeoutMs: 1000,
    send: async (_r, content) => {
      order.push('send');
      sent.push(content);
    },
    toChannelError: (err) => err as Error,
    logger: createLogger('silent'),
  };
  return answerInbound(deps, env, {}, 'k', async (p) => {
    order.push('press');
    pressed.push(p);
  }).then(() => ({ order, sent, pressed }));
}

describe('answerInbound for a button press', () => {
  it('answers the press first, then sends the replies', async () => {
    const out = await run(press('7'), async () => ({
      replies: [{ text: 'một' }],
      press: { notice: { text: 'Đã thụ lý.' }, message: 'keep' },
    }));
    expect(out.order).toEqual(['press', 'send']);
    expect(out.pressed).toEqual([{ notice: { text: 'Đã thụ lý.' }, message: 'keep' }]);
  });

  it('plain replies leave the press to the channel default', async () => {
    const out = await run(press(), async () => [{ text: 'một' }]);
    expect(out.pressed).toEqual([undefined]);
    expect(out.sent).toEqual([{ text: 'một' }]);
  });

  it('a failure in a group is an alert to the presser, not a message to the group', async () => {
    const out = await run(press('7'), () => Promise.reject(new Error('boom')));
    expect(out.sent).toEqual([]);
    expect(out.pressed).toEqual([{ message: 'keep', notice: { text: GENERIC_APOLOGY.text, alert: true } }]);
  });

  it('a failure in a private chat is the apology message; the pressed message stays', async () => {
    const out = await run(press(), () => Promise.reject(new Error('boom')));
    expect(out.sent).toEqual([GENERIC_APOLOGY]);
    expect(out.pressed).toEqual([{ message: 'keep' }]);
  });
});
