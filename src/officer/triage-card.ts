// The triage part of an officer's case card: what was suggested, how sure, the words behind it,
// the likely duplicates and what they share, and one-tap buttons to accept a kind or unit or to
// pick another (src/triage/record-triage-choice.ts does the rest). Pure. A value below the
// confidence threshold is shown as "chưa đủ tin cậy" and offers no accept button.
import { CASE_KIND_LABELS, CASE_KINDS, type CaseKind } from '../cases/case-vocabulary.js';
import type { Button } from '../dialog/dialog-types.js';

/**
 * `tg:k:<kind>:<code>`, `tg:u:<unitId>:<code>`, `tg:g:<u|n>:<code>` (urgent or not), `tg:ko:<code>`
 * (other kinds), `tg:uo:<code>` (other units).
 */
export const TRIAGE_BUTTON_PREFIX = 'tg:';

export type TriageButton =
  | { type: 'kind'; kind: CaseKind; code: string }
  | { type: 'unit'; unitId: string; code: string }
  | { type: 'urgency'; urgency: 'normal' | 'urgent'; code: string }
  | { type: 'other_kinds'; code: string }
  | { type: 'other_units'; code: string };

export function triageButtonValue(b: TriageButton): string {
  switch (b.type) {
    case 'kind':
      return `tg:k:${b.kind}:${b.code}`;
    case 'unit':
      return `tg:u:${b.unitId}:${b.code}`;
    case 'urgency':
      return `tg:g:${b.urgency === 'urgent' ? 'u' : 'n'}:${b.code}`;
    case 'other_kinds':
      return `tg:ko:${b.code}`;
    case 'other_units':
      return `tg:uo:${b.code}`;
    default:
      throw new Error(`Unhandled triage button: ${JSON.stringify(b satisfies never)}`);
  }
}

const CODE = '([2-9A-Za-z-]{4,20})';
const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';

export function parseTriageButton(value: string): TriageButton | undefined {
  let m = new RegExp(`^tg:k:([a-z]{1,20}):${CODE}$`).exec(value);
  if (m) {
    const kind = CASE_KINDS.find((k) => k === m![1]);
    return kind ? { type: 'kind', kind, code: m[2]! } : undefined;
  }
  m = new RegExp(`^tg:u:${UUID}:${CODE}$`).exec(value);
  if (m) return { type: 'unit', unitId: m[1]!, code: m[2]! };
  m = new RegExp(`^tg:g:(u|n):${CODE}$`).exec(value);
  if (m) return { type: 'urgency', urgency: m[1] === 'u' ? 'urgent' : 'normal', code: m[2]! };
  m = new RegExp(`^tg:(ko|uo):${CODE}$`).exec(value);
  if (m) return { type: m[1] === 'ko' ? 'other_kinds' : 'other_units', code: m[2]! };
  return undefined;
}

export interface CardTriageFacts {
  kind: CaseKind | null;
  kindConfidence: number;
  unitId: string | null;
  unitName: string | null;
  unitConfidence: number;
  urgency: 'normal' | 'urgent' | null;
  urgencyConfidence: number;
  /** The urgency an officer chose on this card; it wins over the suggestion. */
  chosenUrgency: 'normal' | 'urgent' | null;
  because: { kind: string[]; unit: string[]; urgency: string[] };
  duplicates: { code: string; similarity: number; shared: string[] }[];
  source: string;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
const why = (words: readonly string[]) =>
  words.length ? ` — vì có: ${words.map((w) => `“${w}”`).join(', ')}` : '';

export function triageCardSection(
  t: CardTriageFacts,
  code: string,
): { lines: string[]; buttons: Button[][] } {
  const unsure = (confidence: number) => `chưa đủ tin cậy (${pct(confidence)}), không gợi ý`;
  const lines = [
    `🤖 Gợi ý phân loại (${t.source === 'llm' ? 'mô hình ngôn ngữ nội bộ' : 'mô hình tại chỗ'}, cán bộ quyết định):`,
    `• Loại: ${t.kind ? `${CASE_KIND_LABELS[t.kind].vi} (${pct(t.kindConfidence)})${why(t.because.kind)}` : unsure(t.kindConfidence)}`,
    `• Khoa/phòng: ${t.unitName ? `${t.unitName} (${pct(t.unitConfidence)})${why(t.because.unit)}` : unsure(t.unitConfidence)}`,
    `• Mức độ: ${t.urgency ? `${t.urgency === 'urgent' ? 'KHẨN' : 'thường'} (${pct(t.urgencyConfidence)})${t.urgency === 'urgent' ? why(t.because.urgency) : ''}` : unsure(t.urgencyConfidence)}`,
    ...(t.chosenUrgency
      ? [`• Cán bộ đã chọn mức độ: ${t.chosenUrgency === 'urgent' ? 'KHẨN' : 'thường'}`]
      : []),
    ...t.duplicates.map(
      (d) =>
        `• Có thể trùng hồ sơ ${d.code} (giống ${pct(d.similarity)}${d.shared.length ? `; cùng có: ${d.shared.join(', ')}` : ''})`,
    ),
  ];
  const accept: Button[] = [
    ...(t.kind
      ? [
          {
            label: `✓ ${CASE_KIND_LABELS[t.kind].vi}`,
            value: triageButtonValue({ type: 'kind', kind: t.kind, code }),
          },
        ]
      : []),
    ...(t.unitId && t.unitName
      ? [{ label: `✓ ${t.unitName}`, value: triageButtonValue({ type: 'unit', unitId: t.unitId, code }) }]
      : []),
  ];
  const other: Button[] = [
    { label: 'Loại khác…', value: triageButtonValue({ type: 'other_kinds', code }) },
    { label: 'Khoa/phòng khác…', value: triageButtonValue({ type: 'other_units', code }) },
  ];
  // Pressing one sets the case's urgency (record-triage-choice.ts). Until an officer has chosen, the
  // suggestion is ticked; after, the choice is, so the card never contradicts the case.
  const ticked = t.chosenUrgency ?? t.urgency;
  const mark = (u: 'normal' | 'urgent') => (ticked === u ? '✓ ' : '');
  const urgency: Button[] = [
    {
      label: `${mark('urgent')}Khẩn`,
      value: triageButtonValue({ type: 'urgency', urgency: 'urgent', code }),
    },
    {
      label: `${mark('normal')}Không khẩn`,
      value: triageButtonValue({ type: 'urgency', urgency: 'normal', code }),
    },
  ];
  return { lines, buttons: [...(accept.length ? [accept] : []), other, urgency] };
}

/** The buttons of "Loại khác…": every kind, two a row. */
export function otherKindButtons(code: string): Button[][] {
  const all = CASE_KINDS.map((kind) => ({
    label: CASE_KIND_LABELS[kind].vi,
    value: triageButtonValue({ type: 'kind', kind, code }),
  }));
  return pairs(all);
}

/** The buttons of "Khoa/phòng khác…": the organisation's units, two a row. */
export function otherUnitButtons(code: string, units: readonly { id: string; name: string }[]): Button[][] {
  return pairs(
    units.map((u) => ({ label: u.name, value: triageButtonValue({ type: 'unit', unitId: u.id, code }) })),
  );
}

function pairs(buttons: Button[]): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}
