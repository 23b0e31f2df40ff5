import { describe, expect, it } from 'vitest';
import { parseZaloNoticePolicy, znsPhone, znsStatus } from './zalo-notice-route.js';

describe('Zalo notice policy (settings.zaloNotices)', () => {
  it('holds notices unless the organisation says otherwise, and reports an unusable value', () => {
    expect(parseZaloNoticePolicy({})).toEqual({
      policy: { oaVerified: false, znsTemplateId: null },
      invalid: false,
    });
    expect(parseZaloNoticePolicy({ zaloNotices: { oaVerified: true, znsTemplateId: '246810' } })).toEqual({
      policy: { oaVerified: true, znsTemplateId: '246810' },
      invalid: false,
    });
    for (const zaloNotices of [{ oaVerified: 'yes' }, { znsTemplateId: 'abc' }, { verified: true }]) {
      expect(parseZaloNoticePolicy({ zaloNotices })).toEqual({
        policy: { oaVerified: false, znsTemplateId: null },
        invalid: true,
      });
    }
  });

  it('writes a Vietnamese mobile number as ZNS wants it, and refuses what is not one', () => {
    expect(znsPhone('0912 345 678')).toBe('84912345678');
    expect(znsPhone('+84 912.345.678')).toBe('84912345678');
    expect(znsPhone('84912345678')).toBe('84912345678');
    expect(znsPhone('028 3829 1234')).toBeUndefined();
    expect(znsPhone('gọi tôi')).toBeUndefined();
  });

  it('keeps the notice’s first line, cut at a word under the template’s limit', () => {
    expect(znsStatus('Hồ sơ AB đã có kết quả.\n\nTrả lời: …')).toBe('Hồ sơ AB đã có kết quả.');
    const cut = znsStatus(`Hồ sơ ${'rất dài '.repeat(30)}`, 40);
    expect([...cut].length).toBeLessThanOrEqual(40);
    expect(cut).toMatch(/dài…$/);
  });
});
