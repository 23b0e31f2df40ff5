import { describe, expect, it } from 'vitest';
import { AppError } from '../core/app-error.js';
import { parseInput } from '../core/validation.js';
import { MAX_TEXT_CHARS, ZSubmissionSchema } from './submission.schema.js';

const valid = { submissionId: 'web-0001-abcd', channel: 'web', kind: 'report', text: 'Chờ khám quá lâu' };

function errorOf(input: unknown): AppError {
  try {
    parseInput(ZSubmissionSchema, input);
  } catch (err) {
    return err as AppError;
  }
  throw new Error('expected a validation error');
}

describe('submission schema', () => {
  it('accepts a minimal submission and normalises text to NFC', () => {
    const decomposed = 'Bác sĩ'.normalize('NFD');
    const s = parseInput(ZSubmissionSchema, { ...valid, text: `  ${decomposed}  ` });
    expect(s.text).toBe('Bác sĩ'.normalize('NFC'));
    expect(s.anonymous).toBe(false);
  });

  it.each([
    [{ ...valid, text: undefined }, /Nội dung \(text\): bắt buộc/],
    [{ ...valid, kind: 'spam' }, /Loại ý kiến \(kind\): giá trị không hợp lệ/],
    [{ ...valid, text: 42 }, /Nội dung \(text\): sai kiểu dữ liệu/],
    [{ ...valid, text: '   ' }, /Nội dung \(text\): không được để trống/],
    [{ ...valid, text: 'x'.repeat(MAX_TEXT_CHARS + 1) }, /dài tối đa 5000 ký tự/],
    [{ ...valid, submissionId: 'a b' }, /submissionId/],
    [{ ...valid, anonymous: true, contact: { phone: '0912345678' } }, /ẩn danh/],
    [{ ...valid, contact: { phone: 'abc' } }, /số điện thoại không hợp lệ/],
    [{ ...valid, extra: 1 }, /không được hỗ trợ: extra/],
  ])('refuses bad input with a clear message (%#)', (input, message) => {
    const err = errorOf(input);
    expect(err.code).toBe('validation');
    expect(err.message).toMatch(message);
  });
});
