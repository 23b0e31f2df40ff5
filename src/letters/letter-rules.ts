// Which letter a case calls for, stated once (DOMAIN.md §2.8–2.9). Pure and light: the transition
// table (src/cases/case-transitions.ts) imports it for the `draft_letter` effect of a resolution,
// `/thu` checks hand-drafted letters with it, and the hint after a move reads it.
//
// After resolution (the letter drafted for the head to approve and sign):
//
// | kind         | valid, partly_valid | not_valid | not_applicable |
// |--------------|---------------------|-----------|----------------|
// | praise       | thank-you           | thank-you | thank-you      |
// | feedback     | thank-you           | —         | —              |
// | petition     | thank-you           | —         | —              |
// | report       | apology             | —         | —              |
// | complaint    | apology             | —         | (refused)      |
// | denunciation | —                   | —         | —              |
//
// - Praise is thanked whatever the outcome: nothing in it is judged right or wrong.
// - A suggestion (feedback, petition) is thanked when it was found useful, which is what a
//   (partly) valid outcome records. "Not applicable" found nothing to act on, so no letter is
//   drafted by itself; a handler who still wants to thank the sender drafts one by hand.
// - A service report or complaint found (partly) valid gets the head's apology; one found not
//   valid gets none: nothing was wrong, and the answer already explains why.
// - A denunciation gets neither: the law prescribes its own written conclusion (Luật Tố cáo
//   Điều 35), and a letter thanking or apologising to a denunciator would only be one more paper
//   carrying their identity.
//
// By hand (`/thu <mã> camon|xinloi`), on top of the table: a thank-you for praise, feedback, a
// petition or a report at any stage, unless it was found not valid (the thank-you says the
// opinion was taken on board); an apology only where the table gives one.
import type { CaseKind, Outcome } from '../cases/case-vocabulary.js';

/** The letters a case's sender may receive for what they wrote (not the forms and slips). */
export type CaseLetter = 'thank_you' | 'apology';

const UPHELD: readonly Outcome[] = ['valid', 'partly_valid'];
const SUGGESTIONS: readonly CaseKind[] = ['feedback', 'petition'];
const SERVICE_FAULTS: readonly CaseKind[] = ['report', 'complaint'];
const THANKABLE_BY_HAND: readonly CaseKind[] = ['praise', 'feedback', 'petition', 'report'];

/** The letter a resolution with `outcome` calls for, or null when none is drafted. */
export function letterAfterResolution(kind: CaseKind, outcome: Outcome): CaseLetter | null {
  if (kind === 'praise') return 'thank_you';
  if (!UPHELD.includes(outcome)) return null;
  if (SUGGESTIONS.includes(kind)) return 'thank_you';
  if (SERVICE_FAULTS.includes(kind)) return 'apology';
  return null;
}

export type HandDraftDecision = { readonly ok: true } | { readonly ok: false; readonly message: string };

/**
 * Whether an officer may draft `letter` by hand for a case of `kind` whose outcome is `outcome`
 * (null while it is not resolved); when not, the Vietnamese reason to answer with.
 */
export function mayDraftByHand(
  c: { readonly kind: CaseKind; readonly outcome: Outcome | null },
  letter: CaseLetter,
): HandDraftDecision {
  if (c.kind === 'denunciation') {
    return refuse(
      'Không gửi thư cảm ơn hay thư xin lỗi cho hồ sơ tố cáo: người tố cáo được thông báo kết luận theo Luật Tố cáo.',
    );
  }
  if (c.outcome && letterAfterResolution(c.kind, c.outcome) === letter) return { ok: true };
  if (letter === 'thank_you') {
    if (!THANKABLE_BY_HAND.includes(c.kind)) {
      return refuse('Thư cảm ơn dành cho ý kiến khen ngợi, góp ý, kiến nghị hoặc phản ánh.');
    }
    if (c.outcome === 'not_valid') {
      return refuse('Hồ sơ đã được kết luận là Sai nên không soạn thư cảm ơn vì đã tiếp thu ý kiến.');
    }
    return { ok: true };
  }
  return refuse(
    'Thư xin lỗi chỉ soạn cho phản ánh hoặc khiếu nại đã được giải quyết với kết quả Đúng hoặc Đúng một phần.',
  );
}

function refuse(message: string): HandDraftDecision {
  return { ok: false, message };
}
