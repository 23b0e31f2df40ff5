// Letters: thank-you, apology, apology with a new date, the pre-filled đơn and the forward slip —
// numbered, signed, stored and sent as PDFs.
export { requestApologyDecision } from './apology-request.js';
export { issueApologyWithNewDate } from './apology-new-date.js';
export { draftLetter, signLetter, returnLetter, completeLetter } from './issue-letter.js';
export { draftResolutionLetter } from './draft-resolution-letter.js';
export { letterAfterResolution, mayDraftByHand, type CaseLetter } from './letter-rules.js';
export { issueForwardSlip } from './forward-slip.js';
export { completeUnfinishedLetters } from './complete-unfinished-letters.js';
export { sendPetitionForm } from './petition-form.js';
export { listLettersOfCase, readLetterFile } from './letter-files.js';
export { LETTER_KINDS, LETTER_KIND_LABELS, type LetterKind } from './letter-vocabulary.js';
