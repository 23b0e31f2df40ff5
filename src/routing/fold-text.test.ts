import { describe, expect, it } from 'vitest';
import { containsPhrase, foldText, matchPhrases, phraseIndices, tokenize, wordsMatch } from './fold-text.js';

const word = (w: string) => tokenize(w)[0]!;

describe('foldText', () => {
  it('drops diacritics, đ, case and punctuation', () => {
    expect(foldText('  Đe DOẠ!! bác   sĩ… ')).toBe('de doa bac si');
  });

  it('folds composed and decomposed text alike', () => {
    expect(foldText('Bác sĩ'.normalize('NFD'))).toBe(foldText('Bác sĩ'.normalize('NFC')));
  });
});

describe('wordsMatch', () => {
  it('matches a word typed without marks', () => {
    expect(wordsMatch(word('thuoc'), word('thuốc'))).toBe(true);
    expect(wordsMatch(word('thuốc'), word('THUOC'))).toBe(true);
    expect(wordsMatch(word('dong'), word('đồng'))).toBe(true);
  });

  it('tells words with different marks apart', () => {
    expect(wordsMatch(word('thuộc'), word('thuốc'))).toBe(false);
    expect(wordsMatch(word('cháu'), word('cháy'))).toBe(false);
  });

  it('accepts either tone placement, and a word typed with some marks missing', () => {
    expect(wordsMatch(word('dọa'), word('doạ'))).toBe(true);
    expect(wordsMatch(word('hòa'), word('hoà'))).toBe(true);
    expect(wordsMatch(word('thuôc'), word('thuốc'))).toBe(true);
    expect(wordsMatch(word('Bác'.normalize('NFD')), word('bác'))).toBe(true);
  });
});

describe('phrases', () => {
  it('match whole words only', () => {
    expect(containsPhrase(tokenize('khoa nhi'), tokenize('khoa nhi'))).toBe(true);
    expect(containsPhrase(tokenize('khoa nhiễm'), tokenize('khoa nhi'))).toBe(false);
    expect(containsPhrase(tokenize('cháy'), [])).toBe(false);
  });

  it('are found at every occurrence', () => {
    expect(phraseIndices(tokenize('a b, a b'), tokenize('a b'))).toEqual([0, 2]);
  });

  it('are returned as given, in the order given', () => {
    expect(matchPhrases('Bị DOA danh va CAP CUU', ['cấp cứu', 'đe dọa', 'dọa đánh'])).toEqual([
      'cấp cứu',
      'dọa đánh',
    ]);
  });
});
