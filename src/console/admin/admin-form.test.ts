import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/app-error.js';
import { formStateFromError, optionalNumber, splitList, textField } from './admin-form.js';

describe('formStateFromError', () => {
  const issues = [
    { field: 'deadlineReminders.remindAt', message: 'Giờ: không hợp lệ' },
    { field: 'escalationLadder.0.afterOverdueWorkingDays', message: 'Số ngày: quá lớn' },
  ];

  it('puts each issue beside the first field of its path, with the whole message on top', () => {
    const err = new AppError('validation', 'Hai lỗi', { issues });
    const state = formStateFromError(
      err,
      'settings',
      { remindAt: '25:00' },
      ['remindAt', 'escalationUnitHead'],
      {
        escalationLadder: 'escalationUnitHead',
      },
    );
    expect(state).toEqual({
      form: 'settings',
      values: { remindAt: '25:00' },
      errors: { '': 'Hai lỗi', remindAt: 'Giờ: không hợp lệ', escalationUnitHead: 'Số ngày: quá lớn' },
      status: 422,
    });
  });

  it('answers 409 for a clash and leaves other errors to the error page', () => {
    expect(formStateFromError(new AppError('conflict', 'Mã đã dùng'), 'unit', {}, [])?.status).toBe(409);
    expect(formStateFromError(new AppError('forbidden', 'Không'), 'unit', {}, [])).toBeUndefined();
    expect(formStateFromError(new Error('boom'), 'unit', {}, [])).toBeUndefined();
  });
});

describe('textField', () => {
  it('labels the input, keeps the typed value escaped and ties the error to it', () => {
    const state = formStateFromError(
      new AppError('validation', 'Mã: sai', { issues: [{ field: 'code', message: 'Mã: sai' }] }),
      'unit',
      { code: '<b>x</b>' },
      ['code'],
    );
    const out = textField({ form: 'unit', name: 'code', label: 'Mã', state }).value;
    expect(out).toContain('<label for="unit-code">Mã</label>');
    expect(out).toContain('value="&lt;b&gt;x&lt;/b&gt;"');
    expect(out).toContain('aria-invalid="true" aria-describedby="unit-code-error"');
    expect(out).toContain('<p class="error" id="unit-code-error">Mã: sai</p>');
  });

  it('shows the stored value and no error for another form', () => {
    const out = textField({
      form: 'unit',
      name: 'code',
      label: 'Mã',
      state: undefined,
      value: 'ta-kmat',
    }).value;
    expect(out).toContain('value="ta-kmat"');
    expect(out).not.toContain('aria-invalid');
  });
});

describe('list and number inputs', () => {
  it('split on commas, semicolons and lines, dropping blanks', () => {
    expect(splitList(' a, b;c\n\nd ,')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitList(undefined)).toEqual([]);
  });
  it('leave an empty number to the default and pass anything else on for the schema to judge', () => {
    expect(optionalNumber(' ')).toBeUndefined();
    expect(optionalNumber('12')).toBe(12);
    expect(optionalNumber('abc')).toBeNaN();
  });
});
