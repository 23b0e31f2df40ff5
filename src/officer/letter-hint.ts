// The hint line an officer reads after resolving (or closing) a case: the `/thu` command for the
// letter the resolution calls for, from the one rule in src/letters/letter-rules.ts. Pure.
import type { CaseKind, Outcome } from '../cases/case-vocabulary.js';
import { letterAfterResolution, type CaseLetter } from '../letters/letter-rules.js';

/** The word `/thu <mã> …` takes for each letter (letter-actions.ts parses it back). */
export const LETTER_COMMAND_WORDS: Readonly<Record<CaseLetter, string>> = {
  thank_you: 'camon',
  apology: 'xinloi',
};

const HINT_LABELS: Readonly<Record<CaseLetter, string>> = {
  thank_you: 'thư cảm ơn',
  apology: 'thư xin lỗi',
};

/** The letter the hint names after `action`, or null: what the hint line and its test agree on. */
export function hintedLetter(
  action: string,
  after: { kind: CaseKind; outcome: Outcome | null } | null,
): CaseLetter | null {
  if (!after?.outcome || (action !== 'resolve' && action !== 'close')) return null;
  return letterAfterResolution(after.kind, after.outcome);
}

/**
 * After a resolution the draft is already made (the `draft_letter` effect) and on its way to the
 * head: the hint says so and how to add the officer's own words. Null when no letter is called for.
 */
export function letterHintAfter(
  action: string,
  after: { code: string; kind: CaseKind; status: string; outcome: Outcome | null } | null,
): string | null {
  const letter = hintedLetter(action, after);
  if (!letter || !after) return null;
  return `💡 Dự thảo ${HINT_LABELS[letter]} được soạn tự động và gửi trưởng khoa/phòng hoặc lãnh đạo ký. Thêm lời nhắn của bạn: /thu ${after.code} ${LETTER_COMMAND_WORDS[letter]} <lời nhắn>`;
}
