import { describe, expect, it } from 'vitest';
import {
  parseTriageButton,
  triageButtonValue,
  triageCardSection,
  type CardTriageFacts,
} from './triage-card.js';

const UNIT = '0192f7a0-1234-7abc-8def-0123456789ab';
const facts: CardTriageFacts = {
  kind: 'denunciation',
  kindConfidence: 0.91,
  unitId: UNIT,
  unitName: 'Khoa Ngoại',
  unitConfidence: 0.8,
  urgency: 'normal',
  urgencyConfidence: 0.97,
  chosenUrgency: null,
  because: { kind: ['tố', 'cáo', 'phong'], unit: ['Ngoại'], urgency: [] },
  duplicates: [{ code: 'ABCD-EFG-HJK', similarity: 0.72, shared: ['305', 'phong'] }],
  source: 'local',
};

describe('triage on the card', () => {
  it('shows each suggestion with its confidence and words, the duplicate and what they share', () => {
    const { lines, buttons } = triageCardSection(facts, 'WXYZ-234-567');
    expect(lines).toContain('• Loại: Tố cáo (91%) — vì có: “tố”, “cáo”, “phong”');
    expect(lines).toContain('• Khoa/phòng: Khoa Ngoại (80%) — vì có: “Ngoại”');
    expect(lines).toContain('• Có thể trùng hồ sơ ABCD-EFG-HJK (giống 72%; cùng có: 305, phong)');
    expect(buttons[0]!.map((b) => b.label)).toEqual(['✓ Tố cáo', '✓ Khoa Ngoại']);
    expect(buttons.at(-1)!.map((b) => b.label)).toEqual(['Khẩn', '✓ Không khẩn']);
    for (const b of buttons.flat()) expect(Buffer.byteLength(b.value)).toBeLessThanOrEqual(64);
  });

  it("ticks the officer's urgency once chosen, not the suggestion", () => {
    const { lines, buttons } = triageCardSection({ ...facts, chosenUrgency: 'urgent' }, 'WXYZ-234-567');
    expect(buttons.at(-1)!.map((b) => b.label)).toEqual(['✓ Khẩn', 'Không khẩn']);
    expect(lines).toContain('• Cán bộ đã chọn mức độ: KHẨN');
  });

  it('says low confidence and offers no accept button for it', () => {
    const { lines, buttons } = triageCardSection(
      { ...facts, kind: null, kindConfidence: 0.31 },
      'WXYZ-234-567',
    );
    expect(lines).toContain('• Loại: chưa đủ tin cậy (31%), không gợi ý');
    expect(buttons[0]!.map((b) => b.label)).toEqual(['✓ Khoa Ngoại']);
  });

  it('reads back every button it writes and nothing else', () => {
    for (const b of [
      { type: 'kind', kind: 'praise', code: 'WXYZ-234-567' },
      { type: 'unit', unitId: UNIT, code: 'WXYZ-234-567' },
      { type: 'urgency', urgency: 'urgent', code: 'WXYZ-234-567' },
      { type: 'other_kinds', code: 'WXYZ-234-567' },
      { type: 'other_units', code: 'WXYZ-234-567' },
    ] as const) {
      expect(parseTriageButton(triageButtonValue(b))).toEqual(b);
    }
    expect(parseTriageButton('tg:k:gossip:WXYZ-234-567')).toBeUndefined();
    expect(parseTriageButton('tg:u:not-a-uuid:WXYZ-234-567')).toBeUndefined();
  });
});
