import type { z } from 'zod';
import { AppError } from './app-error.js';

/** The field names of a submission, as a person filling it in reads them. */
export const SUBMISSION_FIELD_LABELS: Readonly<Record<string, string>> = {
  submissionId: 'Mã lần gửi (submissionId)',
  channel: 'Kênh (channel)',
  kind: 'Loại ý kiến (kind)',
  text: 'Nội dung (text)',
  unitCode: 'Mã khoa/phòng (unitCode)',
  organizationCode: 'Mã đơn vị (organizationCode)',
  contact: 'Thông tin liên hệ (contact)',
  anonymous: 'Ẩn danh (anonymous)',
};

/**
 * Parses input at an edge; a failure becomes one clear Vietnamese message naming the field, with
 * the labels of the form it came from (a submission by default).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  labels: Readonly<Record<string, string>> = SUBMISSION_FIELD_LABELS,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = issue.path.map(String).join('.');
    const top = String(issue.path[0] ?? '');
    const label = labels[top]
      ? labels[top] + (issue.path.length > 1 ? `.${issue.path.slice(1).join('.')}` : '')
      : field || 'Dữ liệu';
    const message =
      valueAt(input, issue.path) === undefined && issue.code !== 'custom'
        ? 'bắt buộc phải có'
        : describeIssue(issue);
    return { field, message: label ? `${label}: ${message}` : message };
  });
  throw new AppError('validation', issues.map((i) => i.message).join('; '), { issues });
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v = input;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `sai kiểu dữ liệu (cần ${issue.expected})`;
    case 'unrecognized_keys':
      return `trường không được hỗ trợ: ${issue.keys.join(', ')}`;
    case 'invalid_value':
      return `giá trị không hợp lệ (chấp nhận: ${issue.values.map(String).join(', ')})`;
    case 'too_big':
      return issue.message.startsWith('dài tối đa')
        ? issue.message
        : `quá dài (tối đa ${String(issue.maximum)})`;
    case 'too_small':
      return issue.message && !issue.message.startsWith('Too small') ? issue.message : 'không được để trống';
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return issue.message;
  }
}
