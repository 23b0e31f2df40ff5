// The words letters are described with. The kind and status values are the database enums
// (prisma/schema.prisma LetterKind, LetterStatus); labels are what people read.
import type { Label } from '../cases/case-vocabulary.js';

export const LETTER_KINDS = [
  'thank_you',
  'apology',
  'apology_new_date',
  'petition_form',
  'forward_slip',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_STATUSES = ['draft', 'approved', 'signed', 'sent'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

export const LETTER_KIND_LABELS: Readonly<Record<LetterKind, Label>> = {
  thank_you: { vi: 'Thư cảm ơn', en: 'Thank-you letter' },
  apology: { vi: 'Thư xin lỗi', en: 'Apology letter' },
  apology_new_date: { vi: 'Thư xin lỗi và hẹn ngày trả kết quả', en: 'Apology with a new date' },
  petition_form: { vi: 'Mẫu đơn điền sẵn', en: 'Pre-filled petition form' },
  forward_slip: { vi: 'Phiếu chuyển đơn', en: 'Forward slip' },
};

export const LETTER_STATUS_LABELS: Readonly<Record<LetterStatus, Label>> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  approved: { vi: 'Sẵn sàng gửi', en: 'Ready' },
  signed: { vi: 'Đã ký', en: 'Signed' },
  sent: { vi: 'Đã gửi', en: 'Sent' },
};

/**
 * The pre-filled đơn is the sender's own document: it carries no number of ours and no signature
 * of ours (the sender signs it). Every other kind is numbered in the register and signed by a head.
 */
export function isNumbered(kind: LetterKind): boolean {
  return kind !== 'petition_form';
}

/** The forward slip goes with the case to the competent body (printed by the officer), not to the sender. */
export function goesToSender(kind: LetterKind): boolean {
  return kind !== 'forward_slip';
}
