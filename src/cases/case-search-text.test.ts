import { describe, expect, it } from 'vitest';
import { caseSearchText, foldSearchQuery } from './case-search-text.js';

describe('caseSearchText', () => {
  it('folds diacritics and masks personal data before anything can match it', () => {
    const text = caseSearchText({
      description: 'Bác sĩ KHOA NỘI thái độ không tốt, gọi tôi 0912 345 678',
      place: 'Phòng khám số 3',
    });
    expect(text).toContain('bac si khoa noi thai do khong tot');
    expect(text).toContain('phong kham so 3');
    expect(text).not.toMatch(/0912|345|678/);
    expect(text).toContain(foldSearchQuery('thái độ')!);
  });
  it('searches nothing for a query without letters or digits', () => {
    expect(foldSearchQuery(' !! ')).toBeNull();
    expect(foldSearchQuery('Khiếu nại')).toBe('khieu nai');
  });
});
