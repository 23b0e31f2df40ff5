import { describe, expect, it } from 'vitest';
import { CASE_KINDS } from './case-vocabulary.js';
import {
  REFUSAL_GROUNDS,
  REFUSAL_GROUND_IDS,
  ZRefusalGroundIdSchema,
  describeRefusalGround,
  findRefusalGround,
  refusalGroundsFor,
} from './refusal-grounds.js';

describe('refusal grounds', () => {
  it('have unique kebab-case ids', () => {
    expect(new Set(REFUSAL_GROUND_IDS).size).toBe(REFUSAL_GROUNDS.length);
    for (const id of REFUSAL_GROUND_IDS) expect(id).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
  });

  it('carry NFC Vietnamese labels, an English label and a source', () => {
    for (const ground of REFUSAL_GROUNDS) {
      expect(ground.label).toBe(ground.label.normalize('NFC'));
      expect(ground.label.length).toBeGreaterThan(10);
      expect(ground.labelEn.length).toBeGreaterThan(10);
      expect(ground.source).not.toBe('');
      expect(ground.appliesTo.length).toBeGreaterThan(0);
    }
  });

  it('cite a statute for every ground except the internal ones', () => {
    for (const ground of REFUSAL_GROUNDS) {
      if (ground.basis === 'law')
        expect(ground.source, ground.id).toMatch(/^(Luật|Thông tư|Nghị định) .*Điều \d+/);
    }
  });

  it('cover all nine cases of Luật Khiếu nại 2011 Điều 11', () => {
    const clauses = REFUSAL_GROUNDS.filter((ground) =>
      ground.source.startsWith('Luật Khiếu nại 2011, Điều 11'),
    ).map((ground) => ground.source.replace('Luật Khiếu nại 2011, Điều 11 khoản ', ''));
    expect(clauses.sort((a, b) => Number(a) - Number(b))).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
  });

  it('offer at least one ground for every kind', () => {
    for (const kind of CASE_KINDS) expect(refusalGroundsFor(kind).length, kind).toBeGreaterThan(0);
    expect(refusalGroundsFor('praise').map((ground) => ground.id)).toEqual(['not-actionable']);
  });

  it('are found by id and validated by zod', () => {
    expect(findRefusalGround('repeat-of-resolved-matter')?.source).toBe(
      'Luật Tiếp công dân 2013, Điều 9 khoản 3',
    );
    expect(findRefusalGround('nope')).toBeUndefined();
    expect(findRefusalGround('constructor')).toBeUndefined();
    expect(ZRefusalGroundIdSchema.safeParse('complaint-unsigned').success).toBe(true);
    expect(ZRefusalGroundIdSchema.safeParse('unsigned').success).toBe(false);
  });

  it('describe themselves for a notice', () => {
    const ground = findRefusalGround('complaint-unsigned')!;
    expect(describeRefusalGround(ground)).toBe(
      'Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại (Luật Khiếu nại 2011, Điều 11 khoản 5)',
    );
  });
});
