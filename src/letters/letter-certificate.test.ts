// Checking an organisation's PKCS#12 before it is stored: every refusal in Vietnamese, and the
// summary an administrator reads with the Vietnamese names decoded.
import { describe, expect, it } from 'vitest';
import { makeTestP12 } from '../../test/helpers/test-certificate.js';
import { inspectCertificate } from './letter-certificate.js';

const now = new Date('2026-03-02T02:00:00Z');
const day = 24 * 3600_000;
const valid = { notBefore: new Date(now.getTime() - day), notAfter: new Date(now.getTime() + 30 * day) };

describe('inspectCertificate', () => {
  it('summarises a usable certificate with its Vietnamese names', () => {
    const summary = inspectCertificate(makeTestP12({ ...valid, passphrase: 'pw' }), 'pw', now);
    expect(summary).toMatchObject({
      commonName: 'Trung tâm Y tế Thuận An',
      subject: 'CN=Trung tâm Y tế Thuận An, O=Sở Y tế Bình Dương, C=VN',
      notAfter: valid.notAfter,
    });
    expect(summary.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it.each([
    ['not PKCS#12', () => Buffer.from('hello'), '', /không phải PKCS#12/],
    ['a wrong passphrase', () => makeTestP12({ ...valid, passphrase: 'pw' }), 'other', /Sai mật khẩu/],
    ['no private key', () => makeTestP12({ ...valid, withoutKey: true }), '', /không có khóa bí mật/],
    [
      'expired',
      () =>
        makeTestP12({
          notBefore: new Date(now.getTime() - 9 * day),
          notAfter: new Date(now.getTime() - day),
        }),
      '',
      /đã hết hạn ngày 01\/03\/2026/,
    ],
    [
      'not yet valid',
      () =>
        makeTestP12({
          notBefore: new Date(now.getTime() + day),
          notAfter: new Date(now.getTime() + 9 * day),
        }),
      '',
      /chưa có hiệu lực \(từ ngày 03\/03\/2026\)/,
    ],
  ])('refuses %s', (_what, p12, passphrase, message) => {
    expect(() => inspectCertificate(p12(), passphrase, now)).toThrow(message);
  });
});
