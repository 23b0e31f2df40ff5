// Vietnamese text is correct text: every sentence the dialog can say is in NFC and the satisfaction
// labels are the ones QĐ 56/QĐ-BYT 2024 uses.
import { describe, expect, it } from 'vitest';
import { EN_TEXTS } from './dialog-texts.en.js';
import { VI_TEXTS } from './dialog-texts.vi.js';
import { buildSatisfactionQuestion, parseSatisfactionValue } from './satisfaction-question.js';

function strings(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) value.forEach((v) => strings(v, found));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => strings(v, found));
  return found;
}

describe('dialog texts', () => {
  it('are all in NFC', () => {
    const all = [...strings(VI_TEXTS), ...strings(EN_TEXTS)];
    expect(all.length).toBeGreaterThan(50);
    for (const s of all) expect(s).toBe(s.normalize('NFC'));
    expect(VI_TEXTS.describePrompt('report', 'citizen')).toBe(
      VI_TEXTS.describePrompt('report', 'citizen').normalize('NFC'),
    );
  });

  it('build the satisfaction question with its five labels', () => {
    const q = buildSatisfactionQuestion('7K3M-9QX-PRF', 'vi');
    expect(q.buttons!.flat().map((b) => b.label)).toEqual([
      '1 · Rất không hài lòng',
      '2 · Không hài lòng',
      '3 · Bình thường',
      '4 · Hài lòng',
      '5 · Rất hài lòng',
    ]);
    for (const b of q.buttons!.flat()) expect(Buffer.byteLength(b.value)).toBeLessThanOrEqual(64);
    expect(parseSatisfactionValue(q.buttons![0]![0]!.value)).toEqual({ code: '7K3M-9QX-PRF', score: 1 });
    expect(parseSatisfactionValue('sat:7K3M-9QX-PRF:6')).toBeUndefined();
    expect(buildSatisfactionQuestion('7K3M-9QX-PRF', 'en').text).toMatch(/satisfied/);
  });

  it('tell the sender of an unreadable submission to send it again, and nobody else', () => {
    const tracked = {
      code: '7K3M-9QX-PRF',
      kind: 'report' as const,
      status: 'received' as const,
      organizationName: 'Trung tâm Y tế',
      unitName: null,
      dueOn: null,
      replies: [],
      isSender: false,
      canRate: false,
    };
    expect(VI_TEXTS.trackStatus({ ...tracked, contentUnreadable: true })).toMatch(/chưa đọc được nội dung/);
    expect(EN_TEXTS.trackStatus({ ...tracked, contentUnreadable: true })).toMatch(/send it again/);
    expect(VI_TEXTS.trackStatus(tracked)).not.toMatch(/đọc được/);
  });

  it('say the same of the sealed mode in its description and in its consent, in both languages', () => {
    for (const t of [VI_TEXTS, EN_TEXTS]) {
      const sealedConsent = t.consentPrompt('sealed', 'TTYT');
      // Nobody may reveal a sealed sender (reveal-identity.ts): no text may promise "authorised people".
      expect(sealedConsent).not.toMatch(/người có thẩm quyền|authorised people/);
      expect(sealedConsent).toMatch(/không ai|nobody/);
      expect(t.staffModePrompt).toMatch(/không xem được bạn là ai|cannot see who you are/);
      expect(t.consentPrompt('named', 'TTYT')).toMatch(/người có thẩm quyền|authorised people/);
    }
  });
});
