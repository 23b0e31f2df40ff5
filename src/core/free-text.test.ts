import { describe, expect, it } from 'vitest';
import { cleanFreeText, freeText } from './free-text.js';

describe('free text', () => {
  it('drops NUL and other control characters, keeps tabs, line breaks and Vietnamese', () => {
    expect(cleanFreeText(' Khoa\u0000 Nhi\u0008\u007F\r\n\tphòng 5\u001F ')).toBe('Khoa Nhi\r\n\tphòng 5');
  });

  it('normalises to NFC before bounding the length', () => {
    const decomposed = 'Phạm'.normalize('NFD');
    expect(freeText(4).parse(decomposed)).toBe('Phạm');
    expect(freeText(3).safeParse('ab\u0000\u0000c').success).toBe(true);
  });
});
