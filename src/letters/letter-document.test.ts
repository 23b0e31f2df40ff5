import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../calendar/local-date.js';
import { parseLetterButton, parseLetterCommand } from '../officer/letter-actions.js';
import type { LetterContent } from './letter-content.js';
import {
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  buildLetterDocument,
  buildPetitionFormDocument,
  dateInWords,
  numberLine,
  signatureBlock,
} from './letter-document.js';
import { parseLetterSettings, symbolFor } from './letter-settings.js';
import { ANONYMOUS_ADDRESSEE, letterText, petitionFormText } from './letter-texts.js';

const d = (s: string) => s as LocalDate;
const ORG = 'Trung tâm Y tế khu vực Thuận An';
const base: LetterContent = {
  kind: 'thank_you',
  caseCode: 'ABCD-EFG-HJK',
  caseKind: 'praise',
  receivedOn: '2026-02-10',
};

/** Every string in a pdfmake definition, depth first. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const text = (value as { text?: unknown }).text;
    // A paragraph split into pieces (keepTogether) is also read as the whole line.
    const joined = Array.isArray(text) ? [text.map((p: { text: string }) => p.text).join('')] : [];
    return [...joined, ...Object.values(value).flatMap(strings)];
  }
  return [];
}

describe('date and number lines', () => {
  it('writes the date in words with a zero before days < 10 and months < 3 (NĐ 30/2020)', () => {
    expect(dateInWords('TP. Hồ Chí Minh', d('2026-02-05'))).toBe(
      'TP. Hồ Chí Minh, ngày 05 tháng 02 năm 2026',
    );
    expect(dateInWords('Hoài Nhơn', d('2026-03-09'))).toBe('Hoài Nhơn, ngày 09 tháng 3 năm 2026');
    expect(dateInWords('Hoài Nhơn', d('2026-12-25'))).toBe('Hoài Nhơn, ngày 25 tháng 12 năm 2026');
    expect(dateInWords(null, null)).toBe('……, ngày …… tháng …… năm ……');
  });

  it('prints the register number, or a blank on a draft', () => {
    expect(numberLine(12, 'TTYT-THUAN-AN')).toBe('Số: 12/TTYT-THUAN-AN');
    expect(numberLine(null, 'PC-TTYT')).toBe('Số: ……/PC-TTYT');
  });

  it('reads the symbol and head title from the settings, with defaults', () => {
    const org = { code: 'ttyt-thuan-an', kind: 'health_centre' };
    expect(parseLetterSettings(org, {})).toEqual({ letterSymbol: 'TTYT-THUAN-AN', headTitle: 'Giám đốc' });
    expect(parseLetterSettings(org, { letterSymbol: 'ttyt', letterHeadTitle: 'Giám đốc Trung tâm' })).toEqual(
      {
        letterSymbol: 'TTYT',
        headTitle: 'Giám đốc Trung tâm',
      },
    );
    expect(parseLetterSettings(org, { letterSymbol: 'bad symbol/1' }).letterSymbol).toBe('TTYT-THUAN-AN');
    expect(parseLetterSettings({ code: 'ubnd-x', kind: 'ward_committee' }, null).headTitle).toBe('Chủ tịch');
    const s = parseLetterSettings(org, {});
    expect(symbolFor('forward_slip', s)).toBe('PC-TTYT-THUAN-AN');
    expect(symbolFor('apology', s)).toBe('TTYT-THUAN-AN');
  });
});

describe('signature block', () => {
  const common = {
    organizationKind: 'health_centre',
    headTitle: 'Giám đốc',
    unitName: null,
    signerName: 'Lê Văn Tâm',
    signed: true,
  };
  it('the head signs in their own title', () => {
    expect(signatureBlock({ ...common, signerTitle: 'Giám đốc', signerRole: 'leader' }).authority).toEqual([
      'GIÁM ĐỐC',
    ]);
  });
  it('a deputy signs KT. (ký thay) the head', () => {
    expect(
      signatureBlock({ ...common, signerTitle: 'Phó Giám đốc', signerRole: 'leader' }).authority,
    ).toEqual(['KT. GIÁM ĐỐC', 'PHÓ GIÁM ĐỐC']);
    // A leader without a recorded title is taken as a deputy.
    expect(signatureBlock({ ...common, signerTitle: null, signerRole: 'leader' }).authority).toEqual([
      'KT. GIÁM ĐỐC',
      'PHÓ GIÁM ĐỐC',
    ]);
  });
  it('a unit head signs TL. (thừa lệnh), titled after the unit when no title is recorded', () => {
    expect(
      signatureBlock({ ...common, signerTitle: null, signerRole: 'unit_head', unitName: 'Khoa Nhi' })
        .authority,
    ).toEqual(['TL. GIÁM ĐỐC', 'TRƯỞNG KHOA NHI']);
  });
  it('a ward committee signs TM. the collective body', () => {
    expect(
      signatureBlock({
        ...common,
        organizationKind: 'ward_committee',
        headTitle: 'Chủ tịch',
        signerTitle: 'Phó Chủ tịch',
        signerRole: 'leader',
      }).authority,
    ).toEqual(['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
  });
});

describe('letter document', () => {
  const doc = (over: Partial<Parameters<typeof buildLetterDocument>[0]> = {}) =>
    buildLetterDocument({
      heading: {
        parentName: 'Sở Y tế TP.HCM',
        organizationName: ORG,
        place: 'TP. Hồ Chí Minh',
        number: 7,
        symbol: 'TTYT-THUAN-AN',
        date: d('2026-03-02'),
      },
      text: letterText({ content: base, organizationName: ORG, senderName: 'Phạm Thị Lan' }),
      signature: signatureBlock({
        organizationKind: 'health_centre',
        headTitle: 'Giám đốc',
        signerTitle: 'Phó Giám đốc',
        signerRole: 'leader',
        unitName: null,
        signerName: 'Lê Văn Tâm',
        signed: true,
      }),
      draft: false,
      creationDate: new Date('2026-03-02T03:00:00Z'),
      ...over,
    });

  it('has the official heading, date, title, salutation and signer', () => {
    const all = strings(doc());
    expect(all).toEqual(
      expect.arrayContaining([
        'SỞ Y TẾ TP.HCM',
        'TRUNG TÂM Y TẾ KHU VỰC THUẬN AN',
        'Số: 7/TTYT-THUAN-AN',
        NATIONAL_NAME,
        NATIONAL_MOTTO,
        'TP. Hồ Chí Minh, ngày 02 tháng 3 năm 2026',
        'THƯ CẢM ƠN',
        'Kính gửi: Ông/Bà Phạm Thị Lan',
        'KT. GIÁM ĐỐC',
        'PHÓ GIÁM ĐỐC',
        '(Đã ký)',
        'Lê Văn Tâm',
      ]),
    );
    expect(JSON.stringify(doc())).not.toContain('DỰ THẢO');
  });

  it('keeps "Ông/Bà" on one line', () => {
    const salutation = doc().content as unknown[];
    expect(JSON.stringify(salutation)).toContain('{"text":"Ông/Bà","noWrap":true}');
  });

  it('normalises every string to NFC', () => {
    const decomposed = 'Nguyễn Thị Huệ'.normalize('NFD');
    const built = doc({
      text: letterText({
        content: { ...base, note: decomposed },
        organizationName: ORG,
        senderName: decomposed,
      }),
    });
    const all = strings(built);
    expect(all.every((s) => s === s.normalize('NFC'))).toBe(true);
    expect(all).toContain('Kính gửi: Ông/Bà Nguyễn Thị Huệ');
  });

  it('a draft has no number or date, a watermark and no signature', () => {
    const draft = doc({
      heading: {
        parentName: null,
        organizationName: ORG,
        place: 'TP. Hồ Chí Minh',
        number: null,
        symbol: 'X',
        date: null,
      },
      signature: { authority: ['GIÁM ĐỐC'], name: '……', signed: false },
      draft: true,
    });
    const all = strings(draft);
    expect(all).toContain('Số: ……/X');
    expect(all).toContain('TP. Hồ Chí Minh, ngày …… tháng …… năm ……');
    expect(all).toContain('(Dự thảo, chưa ký)');
    expect(all).toContain('DỰ THẢO');
  });
});

describe('templates', () => {
  const text = (content: LetterContent, senderName: string | null | 'draft' = null) =>
    letterText({ content, organizationName: ORG, senderName }).paragraphs.join('\n');

  it('thanks for praise and for useful feedback differently', () => {
    expect(text(base)).toMatch(/lời khen ngợi của Ông\/Bà là nguồn động viên/);
    expect(text({ ...base, caseKind: 'feedback' })).toMatch(
      /ý kiến góp ý đến đơn vị[\s\S]*cải tiến chất lượng/,
    );
  });

  it('apologises with the outcome and the answer', () => {
    const t = text({
      ...base,
      kind: 'apology',
      caseKind: 'report',
      outcome: 'partly_valid',
      answer: 'Đã nhắc nhở.',
    });
    expect(t).toMatch(/nội dung Ông\/Bà nêu là đúng một phần/);
    expect(t).toMatch(/Kết quả xử lý: Đã nhắc nhở\./);
    expect(t).toMatch(/chân thành xin lỗi/);
  });

  it('apology with a new date states the reason, the old and the new date', () => {
    const t = letterText({
      content: {
        ...base,
        kind: 'apology_new_date',
        caseKind: 'complaint',
        reason: 'Cần lấy ý kiến của Sở Y tế.',
        previousDueOn: '2026-03-05',
        newDueOn: '2026-03-20',
      },
      organizationName: ORG,
      senderName: null,
    });
    expect(t.subject).toBe('V/v hẹn lại thời hạn trả kết quả hồ sơ ABCD-EFG-HJK');
    const body = t.paragraphs.join('\n');
    expect(body).toMatch(/thời hạn trả kết quả là ngày 05\/03\/2026/);
    expect(body).toMatch(/Do cần lấy ý kiến của Sở Y tế, đơn vị chưa thể trả kết quả đúng hạn/);
    expect(body).toMatch(/thứ sáu, ngày 20\/03\/2026/);
  });

  it('addresses the sender by name only when they gave one; the draft never names them', () => {
    expect(letterText({ content: base, organizationName: ORG, senderName: null }).salutation).toBe(
      `Kính gửi: ${ANONYMOUS_ADDRESSEE}`,
    );
    expect(letterText({ content: base, organizationName: ORG, senderName: 'draft' }).salutation).not.toMatch(
      /Lan/,
    );
  });

  it('the forward slip says to whom, what, why and the case code', () => {
    const t = letterText({
      content: {
        ...base,
        kind: 'forward_slip',
        caseKind: 'complaint',
        targetBody: 'Thanh tra Sở Y tế',
        forwardReason: 'Thuộc thẩm quyền Sở.',
      },
      organizationName: ORG,
      senderName: null,
    });
    expect(t.title).toBe('PHIẾU CHUYỂN ĐƠN');
    expect(t.salutation).toBe('Kính gửi: Thanh tra Sở Y tế');
    expect(t.paragraphs.join('\n')).toMatch(
      /chuyển đến Thanh tra Sở Y tế[\s\S]*Lý do chuyển: Thuộc thẩm quyền Sở\.[\s\S]*ABCD-EFG-HJK/,
    );
  });

  it('the pre-filled đơn has the fields the law asks for, dots where we hold nothing', () => {
    const t = petitionFormText({
      caseKind: 'denunciation',
      caseCode: 'ABCD-EFG-HJK',
      organizationName: ORG,
      senderName: null,
      senderAddress: null,
      senderPhone: '0912 345 678',
      description: 'Nội dung tố cáo.',
    });
    expect(t.title).toBe('ĐƠN TỐ CÁO');
    expect(t.fields.map((f) => f.label)).toEqual(
      expect.arrayContaining(['Họ và tên người tố cáo', 'Địa chỉ', 'Người (cơ quan, tổ chức) bị tố cáo']),
    );
    const all = strings(buildPetitionFormDocument({ text: t, creationDate: new Date(0) }));
    expect(all).toContain(NATIONAL_NAME);
    expect(all).toContain('……, ngày …… tháng …… năm ……');
    expect(all.some((s) => /^Họ và tên người tố cáo: …+$/.test(s))).toBe(true);
    expect(all).toContain('Số điện thoại: 0912 345 678');
    expect(all).toContain('NGƯỜI TỐ CÁO');
  });
});

describe('letter commands and buttons', () => {
  it('parses /thu with one- or two-word kinds and a note', () => {
    expect(parseLetterCommand('letter', 'ABCD-EFG-HJK camon Cảm ơn bác')).toEqual({
      ok: true,
      request: { type: 'draft', code: 'ABCD-EFG-HJK', kind: 'thank_you', note: 'Cảm ơn bác' },
    });
    expect(parseLetterCommand('letter', 'ABCD-EFG-HJK xin lỗi')).toMatchObject({
      ok: true,
      request: { kind: 'apology', note: '' },
    });
    expect(parseLetterCommand('letter', 'ABCD-EFG-HJK').ok).toBe(false);
    expect(parseLetterCommand('new_date', 'ABCD-EFG-HJK 20/03/2026 Cần thêm thời gian')).toEqual({
      ok: true,
      request: {
        type: 'new_date',
        code: 'ABCD-EFG-HJK',
        newDate: '2026-03-20',
        reason: 'Cần thêm thời gian',
      },
    });
    expect(parseLetterCommand('new_date', 'ABCD-EFG-HJK 31/02/2026 x').ok).toBe(false);
  });

  it('reads its buttons and nothing else', () => {
    const id = '0190a5b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b';
    expect(parseLetterButton(`lt:sign:${id}`)).toEqual({ type: 'sign', letterId: id });
    expect(parseLetterButton(`lt:ok:${id}:20260305`)).toEqual({
      type: 'on_time',
      clockId: id,
      dueOn: '2026-03-05',
    });
    expect(parseLetterButton('oc:accept:ABCD-EFG-HJK')).toBeUndefined();
    expect(parseLetterButton('lt:sign:nope')).toBeUndefined();
    expect(Buffer.byteLength(`lt:ok:${id}:20260305`)).toBeLessThanOrEqual(64);
  });
});
