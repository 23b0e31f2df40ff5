import { describe, expect, it } from 'vitest';
import { editDistance, foldText, matchChoice, type ChoiceOption } from './text-match.js';

const KINDS: ChoiceOption[] = [
  { value: 'report', label: '📝 Phản ánh, góp ý', synonyms: ['phản ánh'] },
  { value: 'complaint', label: '⚖️ Khiếu nại một quyết định', synonyms: ['khiếu nại'] },
  { value: 'staff', label: '🏥 Góp ý nội bộ', synonyms: ['góp ý nội bộ'] },
  { value: 'feedback', label: 'Góp ý', synonyms: ['góp ý'], hidden: true },
];

describe('text matching', () => {
  it('folds diacritics, đ, case and punctuation', () => {
    expect(foldText('  Đường DÂY nóng!! ')).toBe('duong day nong');
    expect(foldText('Bác sĩ'.normalize('NFD'))).toBe('bac si');
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('khieu nia', 'khieu nai')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it.each([
    ['khieu nai', 'complaint'],
    ['KHIẾU NẠI', 'complaint'],
    ['khieunai', 'complaint'],
    ['khieu nia', 'complaint'],
    ['tôi muốn khiếu nại', 'complaint'],
    ['gop y noi bo', 'staff'],
    ['tôi muốn góp ý nội bộ', 'staff'],
    ['gop y', 'feedback'],
    ['2', 'complaint'],
  ])('%s → %s', (input, value) => {
    expect(matchChoice(input, KINDS)).toMatchObject({ type: 'match', value });
  });

  it('does not guess between two equally good options', () => {
    const units = [
      { value: 'a', label: 'Khoa Nhi' },
      { value: 'b', label: 'Khoa Sản' },
    ];
    expect(matchChoice('khoa', units)).toEqual({ type: 'ambiguous', values: ['a', 'b'] });
    expect(matchChoice('nhi', units)).toMatchObject({ type: 'match', value: 'a' });
    expect(matchChoice('xin chào', units)).toEqual({ type: 'none' });
  });

  it('lets no typo through on very short words', () => {
    expect(matchChoice('ko', [{ value: 'yes', label: 'có' }])).toEqual({ type: 'none' });
  });
});
