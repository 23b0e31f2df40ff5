import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSealedBox } from './sealed-box.js';

describe('sealed box', () => {
  const box = createSealedBox(randomBytes(32));

  it('round-trips Vietnamese text and JSON', () => {
    const text = 'Nguyễn Thị Hồng Nhung — 0912 345 678';
    expect(box.open(box.seal(text))).toBe(text);
    expect(box.openJson(box.sealJson({ name: 'Trần Văn Ơn' }))).toEqual({ name: 'Trần Văn Ơn' });
  });

  it('does not leave the plaintext readable and never repeats a ciphertext', () => {
    const a = box.seal('0912345678');
    expect(a.toString('latin1')).not.toContain('0912345678');
    expect(box.seal('0912345678').equals(a)).toBe(false);
  });

  it('refuses a tampered or foreign ciphertext', () => {
    const sealed = box.seal('bí mật');
    sealed[sealed.length - 1]! ^= 1;
    expect(() => box.open(sealed)).toThrow();
    expect(() => createSealedBox(randomBytes(32)).open(box.seal('x'))).toThrow();
  });
});
