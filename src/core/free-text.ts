// What people type, cleaned once at every edge that takes free text. PostgreSQL refuses U+0000 in
// a text column: a submission carrying one was acknowledged, then refused by the database on
// every retry, forever. Other C0 control characters (and DEL) carry nothing a person meant either,
// so they are dropped too; tab and line breaks are kept, they are how people lay out a complaint.
import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** NFC, control characters dropped, trimmed. */
export function cleanFreeText(s: string): string {
  return s.normalize('NFC').replace(CONTROL_CHARS, '').trim();
}

/** The zod edge for every free-text field: cleaned, then bounded (Vietnamese message). */
export const freeText = (max: number) =>
  z
    .string()
    .transform(cleanFreeText)
    .pipe(z.string().max(max, `dài tối đa ${max} ký tự`));
