// The text the console's inbox search matches (Case.searchText): what the sender typed, with
// personal data masked as every card masks it, then folded so "khieu nai" finds "khiếu nại". A
// search can therefore never find a case by a phone number, an e-mail or an ID number typed in it.
import { foldText } from '../core/fold-text.js';
import { redactText } from './redaction.js';

export function caseSearchText(c: {
  description: string;
  place?: string | null;
  involved?: string | null;
}): string {
  return foldText(redactText([c.description, c.place, c.involved].filter(Boolean).join('\n')));
}

/** A search as typed, folded the same way; null when nothing searchable is left. */
export function foldSearchQuery(query: string): string | null {
  const folded = foldText(query.slice(0, 200));
  return folded.length >= 2 ? folded : null;
}
