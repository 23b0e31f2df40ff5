// What Letter.content holds: the facts a template needs, never the sender's identity (the name is
// read from the sealed identity only when the sender's own copy is rendered), so the stored row
// and the draft a head reviews carry no personal data.
import { z } from 'zod';
import { CASE_KINDS, OUTCOMES } from '../cases/case-vocabulary.js';
import { LETTER_KINDS } from './letter-vocabulary.js';

const ZLocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ZLetterContentSchema = z.object({
  kind: z.enum(LETTER_KINDS),
  caseCode: z.string().min(1).max(40),
  caseKind: z.enum(CASE_KINDS),
  /** The day the case was received (Vietnam time). */
  receivedOn: ZLocalDateSchema,
  /**
   * The day the signed đơn was received, when one was recorded (Case.petitionReceivedOn): the
   * statutory clocks count from it, so a letter about a due date dates the item by it.
   */
  petitionReceivedOn: ZLocalDateSchema.optional(),
  /** A few words the drafter adds (/thu … [lời nhắn thêm]). */
  note: z.string().max(2000).optional(),
  /** apology: the outcome and the answer given to the sender. */
  outcome: z.enum(OUTCOMES).optional(),
  answer: z.string().max(4000).optional(),
  /** apology_new_date: why the date is missed, the date it was due, the new date. */
  reason: z.string().max(2000).optional(),
  previousDueOn: ZLocalDateSchema.optional(),
  newDueOn: ZLocalDateSchema.optional(),
  clockId: z.string().optional(),
  /** forward_slip: the competent body and why it is forwarded. */
  targetBody: z.string().max(500).optional(),
  forwardReason: z.string().max(2000).optional(),
  /** Staff member who drafted it (the forward slip goes back to them once signed). */
  draftedByStaffId: z.string().optional(),
});
export type LetterContent = z.infer<typeof ZLetterContentSchema>;

export function parseLetterContent(json: unknown): LetterContent {
  return ZLetterContentSchema.parse(json);
}
