// Urgency: words that mean someone may be in danger push the case to the hotline officer on duty
// and the head (issue 6). Configurable: an organisation's settings.urgentKeywords replaces this
// list. Matching is on whole words, with or without diacritics, on the description only (a place such as
// "Khoa Cấp cứu" says where, not that something is urgent). A false alarm costs a look; a missed
// one may cost a life, so the list leans wide.
import { matchPhrases } from './fold-text.js';

export const DEFAULT_URGENT_KEYWORDS: readonly string[] = [
  'cấp cứu',
  'bạo hành',
  'đe dọa',
  'hăm dọa',
  'dọa giết',
  'tự tử',
  'tự sát',
  'muốn chết',
  'hành hung',
  'đánh người',
  'bị đánh',
  'xâm hại',
  'quấy rối',
  'ngộ độc',
  'tử vong',
  'nguy kịch',
  'nguy hiểm tính mạng',
  'khẩn cấp',
  'cháy',
  'hỏa hoạn',
];

export interface UrgencyFinding {
  urgent: boolean;
  /** The configured keywords found (never text of the case). */
  keywords: string[];
}

export function detectUrgency(
  description: string,
  keywords: readonly string[] = DEFAULT_URGENT_KEYWORDS,
): UrgencyFinding {
  const found = matchPhrases(description, keywords);
  return { urgent: found.length > 0, keywords: found };
}
