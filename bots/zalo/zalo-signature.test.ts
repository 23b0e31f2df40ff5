import { describe, expect, it } from 'vitest';
import { computeZaloMac, STALE_AFTER_MS, verifyZaloSignature } from './zalo-signature.js';

const appId = '1234567890';
const oaSecretKey = 'oa-secret';
const now = 1_760_000_000_000;

function signed(event: Record<string, unknown>, timestamp = now) {
  const body = JSON.stringify({ app_id: appId, ...event, timestamp: String(timestamp) });
  return { body, header: `mac=${computeZaloMac(appId, body, String(timestamp), oaSecretKey)}` };
}
const check = (header: string | undefined, body: string, nowMs = now) =>
  verifyZaloSignature(header, body, { appId, oaSecretKey, nowMs });

describe('verifyZaloSignature', () => {
  it('accepts a call signed as Zalo signs it: sha256(app id + raw body + timestamp + OA secret)', () => {
    const { body, header } = signed({ event_name: 'user_send_text' });
    expect(check(header, body)).toMatchObject({ ok: true, timestampMs: now });
    expect(header).toMatch(/^mac=[0-9a-f]{64}$/);
  });

  it('is computed on the raw body: the same JSON re-serialised differently no longer matches', () => {
    const { body, header } = signed({ event_name: 'user_send_text', message: { text: 'Xin chào' } });
    const reformatted = JSON.stringify(JSON.parse(body), null, 1);
    expect(check(header, reformatted)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a forged mac, one made with another secret, and a tampered body', () => {
    const { body } = signed({ event_name: 'follow' });
    expect(check(`mac=${'a'.repeat(64)}`, body)).toEqual({ ok: false, reason: 'forged' });
    const other = `mac=${computeZaloMac(appId, body, String(now), 'not-our-secret')}`;
    expect(check(other, body)).toEqual({ ok: false, reason: 'forged' });
    const { header } = signed({ event_name: 'follow' });
    expect(check(header, body.replace('follow', 'unfollow'))).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses an unsigned or malformed call', () => {
    const { body } = signed({ event_name: 'follow' });
    expect(check(undefined, body)).toEqual({ ok: false, reason: 'unsigned' });
    expect(check('', body)).toEqual({ ok: false, reason: 'unsigned' });
    expect(check('sha256=abc', body)).toEqual({ ok: false, reason: 'malformed' });
    expect(check(`mac=${'a'.repeat(64)}`, 'not json')).toEqual({ ok: false, reason: 'malformed' });
    const noTimestamp = JSON.stringify({ app_id: appId, event_name: 'follow' });
    expect(check(`mac=${'a'.repeat(64)}`, noTimestamp)).toEqual({ ok: false, reason: 'malformed' });
  });

  it(`refuses a stale call (more than ${STALE_AFTER_MS / 60_000} minutes off our clock), even when correctly signed`, () => {
    const old = signed({ event_name: 'user_send_text' }, now - STALE_AFTER_MS - 1);
    expect(check(old.header, old.body)).toEqual({ ok: false, reason: 'stale' });
    const future = signed({ event_name: 'user_send_text' }, now + STALE_AFTER_MS + 1);
    expect(check(future.header, future.body)).toEqual({ ok: false, reason: 'stale' });
    const edge = signed({ event_name: 'user_send_text' }, now - STALE_AFTER_MS);
    expect(check(edge.header, edge.body).ok).toBe(true);
  });

  it('refuses a call for another app id', () => {
    const body = JSON.stringify({ app_id: '999', event_name: 'follow', timestamp: String(now) });
    const header = `mac=${computeZaloMac(appId, body, String(now), oaSecretKey)}`;
    expect(check(header, body)).toEqual({ ok: false, reason: 'wrong-app' });
  });
});
