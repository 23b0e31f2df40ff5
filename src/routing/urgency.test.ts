import { describe, expect, it } from 'vitest';
import { DEFAULT_URGENT_KEYWORDS, detectUrgency } from './urgency.js';

describe('detectUrgency', () => {
  it.each([
    ['Bệnh nhân cần cấp cứu ngay', 'cấp cứu'],
    ['Con tôi bị bạo hành ở khoa', 'bạo hành'],
    ['nguoi nha bi de doa', 'đe dọa'],
    ['Anh ấy nói muốn tự tử', 'tự tử'],
    ['BỊ ĐÁNH trước cổng viện', 'bị đánh'],
  ])('flags "%s"', (text, keyword) => {
    expect(detectUrgency(text)).toEqual({ urgent: true, keywords: [keyword] });
  });

  it('leaves an ordinary complaint alone', () => {
    expect(detectUrgency('Tôi chờ khám ba tiếng, nhân viên không hướng dẫn.')).toEqual({
      urgent: false,
      keywords: [],
    });
  });

  it('matches whole words: "cháy" is not "cháu"', () => {
    expect(detectUrgency('Cháu tôi bị sốt').urgent).toBe(false);
    expect(detectUrgency('Phòng bệnh bị cháy').urgent).toBe(true);
  });

  it('uses the organisation’s list instead of the default when given', () => {
    expect(detectUrgency('Bệnh nhân cần cấp cứu', ['ngất xỉu'])).toEqual({ urgent: false, keywords: [] });
    expect(detectUrgency('bi ngat xiu o sanh', ['ngất xỉu'])).toEqual({
      urgent: true,
      keywords: ['ngất xỉu'],
    });
  });

  it('ships the keywords the issue names', () => {
    expect(DEFAULT_URGENT_KEYWORDS).toEqual(
      expect.arrayContaining(['cấp cứu', 'bạo hành', 'đe dọa', 'tự tử']),
    );
  });
});
