import { describe, expect, it } from 'vitest';
import { toChannelError, MessengerApiError } from './messenger-errors.js';
import { parseMessengerWebhook, toInboundEnvelope } from './messenger-event.mapper.js';
import { renderOutbound, QUICK_REPLIES_PER_MESSAGE } from './messenger-message.renderer.js';
import { computeMessengerSignature, verifyMessengerSignature } from './messenger-signature.js';
import { UndeliverableError, RetryAfterError } from '../../src/notify/channel-sender.js';

const base = { sender: { id: '111' }, recipient: { id: '999' }, timestamp: 1_700_000_000_000 };
const body = (...messaging: unknown[]) => ({ object: 'page', entry: [{ id: '999', time: 1, messaging }] });
const opts = { download: async () => Buffer.alloc(0), receivedAt: new Date(0), eventId: 'messenger:x' };

describe('Messenger signature', () => {
  it('accepts the HMAC-SHA256 of the raw body with the app secret, and nothing else', () => {
    const raw = JSON.stringify(body());
    expect(verifyMessengerSignature(computeMessengerSignature('s3cret', raw), raw, 's3cret')).toEqual({
      ok: true,
    });
    expect(verifyMessengerSignature(computeMessengerSignature('other', raw), raw, 's3cret')).toMatchObject({
      reason: 'forged',
    });
    expect(
      verifyMessengerSignature(computeMessengerSignature('s3cret', raw), `${raw} `, 's3cret'),
    ).toMatchObject({
      reason: 'forged',
    });
    expect(verifyMessengerSignature(undefined, raw, 's3cret')).toMatchObject({ reason: 'unsigned' });
    expect(verifyMessengerSignature('sha1=abc', raw, 's3cret')).toMatchObject({ reason: 'malformed' });
  });
});

describe('Messenger events', () => {
  it('maps text, quick replies, commands, files and m.me referrals; ignores echoes and reads', () => {
    const events = parseMessengerWebhook(
      body(
        { ...base, message: { mid: 'a', text: 'Xin chào' } },
        { ...base, message: { mid: 'b', text: 'Phản ánh', quick_reply: { payload: 'menu:report' } } },
        { ...base, message: { mid: 'c', text: '/tracuu ABCD-EFG-HJK' } },
        {
          ...base,
          message: {
            mid: 'd',
            attachments: [{ type: 'image', payload: { url: 'https://cdn.example/p/a.jpg' } }],
          },
        },
        { ...base, referral: { ref: 'u_ta-kkb', source: 'SHORTLINK', type: 'OPEN_THREAD' } },
        { ...base, postback: { mid: 'e', payload: 'GET_STARTED', referral: { ref: 'bad ref!' } } },
        { ...base, message: { mid: 'f', text: 'echo', is_echo: true } },
        { ...base, read: { watermark: 1 } },
      ),
    );
    const inbound = events.map((e) => (e.kind === 'ignored' ? e.reason : toInboundEnvelope(e, opts).event));
    expect(inbound).toEqual([
      { type: 'text', text: 'Xin chào' },
      { type: 'choice', value: 'menu:report' },
      { type: 'command', command: 'tracuu', args: 'ABCD-EFG-HJK' },
      expect.objectContaining({
        type: 'file',
        file: expect.objectContaining({ kind: 'photo', fileName: 'a.jpg' }),
      }),
      { type: 'command', command: 'start', args: 'u_ta-kkb' },
      { type: 'command', command: 'start', args: '' },
      'echo',
      'unknown-event',
    ]);
    expect(parseMessengerWebhook({ object: 'instagram', entry: [] })).toEqual([
      { kind: 'ignored', reason: 'not-a-page-event' },
    ]);
  });
});

describe('Messenger rendering', () => {
  it('puts buttons in quick replies (13 a message), lists labels too long for a title in the text', () => {
    const buttons = Array.from({ length: 15 }, (_, i) => [{ label: `Lựa chọn ${i}`, value: `v:${i}` }]);
    const calls = renderOutbound({ text: 'Chọn:', buttons });
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ kind: 'send', message: { text: 'Chọn:' } });
    expect(calls[0]?.kind === 'send' && calls[0].message.quick_replies).toHaveLength(
      QUICK_REPLIES_PER_MESSAGE,
    );
    expect(calls[1]).toMatchObject({ kind: 'send', message: { text: 'Lựa chọn khác:' } });
    const long = renderOutbound({
      text: 'Bạn muốn gửi gì?',
      buttons: [[{ label: 'Tôi muốn phản ánh / góp ý', value: 'menu:report' }]],
    });
    expect(long[0]).toMatchObject({
      message: {
        text: 'Bạn muốn gửi gì?\n\n• Tôi muốn phản ánh / góp ý',
        quick_replies: [{ title: 'Tôi muốn phản ánh /…', payload: 'menu:report' }],
      },
    });
  });
});

describe('Messenger errors', () => {
  it('holds a notice refused outside the 24-hour window, waits on rate limits', () => {
    const outside = toChannelError(new MessengerApiError(10, 2018278, 'outside of allowed window', 400));
    expect(outside).toBeInstanceOf(UndeliverableError);
    expect((outside as UndeliverableError).holdUntilNextContact).toBe(true);
    expect(toChannelError(new MessengerApiError(613, undefined, 'rate', 400))).toBeInstanceOf(
      RetryAfterError,
    );
    expect(toChannelError(new MessengerApiError(2, undefined, 'temporary', 500))).not.toBeInstanceOf(
      UndeliverableError,
    );
  });
});
