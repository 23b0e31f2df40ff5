import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS, CASE_TRANSITIONS } from '../../cases/case-transitions.js';
import { formFieldsOf, paramsOfForm } from './case-forms.js';

describe('formFieldsOf', () => {
  it('asks every action for what the transition table requires, and the reason as the table says', () => {
    for (const action of CASE_ACTIONS) {
      const fields = formFieldsOf(action);
      const rule = CASE_TRANSITIONS[action];
      for (const name of rule.requires) expect(fields.map((f) => f.name)).toContain(name);
      const reason = fields.find((f) => f.name === 'reason')!;
      expect(reason.required).toBe(rule.reason !== 'optional');
    }
  });

  it('lets assign take a unit or a person, and extend a number of days', () => {
    expect(formFieldsOf('assign').map((f) => [f.name, f.required])).toEqual([
      ['unitId', false],
      ['assigneeId', false],
      ['reason', false],
    ]);
    expect(formFieldsOf('extend').map((f) => f.name)).toEqual(['days', 'reason']);
    expect(
      formFieldsOf('resolve')
        .filter((f) => f.required)
        .map((f) => f.name),
    ).toEqual(['outcome', 'answer']);
  });
});

describe('paramsOfForm', () => {
  it('keeps the given fields, trimmed, and drops empty ones', () => {
    expect(paramsOfForm({ _csrf: 'x', outcome: 'valid', answer: '  Đã xử lý.  ', reason: '' })).toEqual({
      outcome: 'valid',
      answer: 'Đã xử lý.',
    });
    expect(paramsOfForm({ days: '5', reason: 'Cần xác minh thêm' })).toEqual({
      days: 5,
      reason: 'Cần xác minh thêm',
    });
  });

  it('refuses values outside the vocabularies with a Vietnamese message', () => {
    expect(() => paramsOfForm({ outcome: 'maybe' })).toThrow('Lựa chọn "maybe" không hợp lệ.');
    expect(() => paramsOfForm({ newKind: 'x' })).toThrow(/không hợp lệ/);
    expect(() => paramsOfForm({ days: '-2' })).toThrow('Số ngày gia hạn phải là số nguyên dương.');
    expect(() => paramsOfForm({ answer: 'x'.repeat(5001) })).toThrow('Dữ liệu gửi lên không hợp lệ.');
  });
});
