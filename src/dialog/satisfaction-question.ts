// The question the system sends after a case is resolved (QĐ 56/QĐ-BYT 2024: five points with these
// labels). The answer comes back to the dialog as the button value `sat:<code>:<score>`.
import { textsFor } from './dialog-locale.js';
import type { Locale, Outbound } from './dialog-types.js';

export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;
export type SatisfactionScore = (typeof SATISFACTION_SCORES)[number];

export function satisfactionValue(code: string, score: SatisfactionScore): string {
  return `sat:${code}:${score}`;
}

export function parseSatisfactionValue(
  value: string,
): { code: string; score: SatisfactionScore } | undefined {
  const match = /^sat:([A-Za-z0-9-]{1,20}):([1-5])$/.exec(value);
  return match ? { code: match[1]!, score: Number(match[2]) as SatisfactionScore } : undefined;
}

export function buildSatisfactionQuestion(code: string, locale: Locale): Outbound {
  const t = textsFor(locale);
  return {
    text: t.satisfactionQuestion(code),
    buttons: SATISFACTION_SCORES.map((score) => [
      { label: t.satisfactionLabels[score], value: satisfactionValue(code, score) },
    ]),
  };
}
