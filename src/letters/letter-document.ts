// Letter data → a pdfmake document definition, laid out as a Vietnamese administrative document
// (NĐ 30/2020/NĐ-CP, Phụ lục I): the heading in two columns (issuing body and number on the left,
// the national name and motto on the right), place and date in words, title, salutation, body,
// "Nơi nhận" bottom left and the signature block bottom right. Pure: no I/O, no clock; every string
// of the result is NFC so a decomposed "ệ" from a keyboard never renders as a letter and a loose mark.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { toYmd, type LocalDate } from '../calendar/local-date.js';
import { normalizeDocument } from '../pdf/render-pdf.js';
import { foldText } from '../core/fold-text.js';
import type { LetterText, PetitionFormText } from './letter-texts.js';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export interface LetterHeading {
  /** The managing body (Sở Y tế…), printed above the organisation; null at the top of the tree. */
  parentName: string | null;
  organizationName: string;
  /** Place name for the date line ("TP. Hồ Chí Minh"); null prints dots. */
  place: string | null;
  /** Register number; null on a draft (a blank to be filled when signed). */
  number: number | string | null;
  /** The part after the slash ("TTYT-THUAN-AN", "PC-TTYT-THUAN-AN"). */
  symbol: string;
  /** The day of signature (Vietnam date); null on a draft. */
  date: LocalDate | null;
}

export interface SignatureBlock {
  /** Upper-case lines above the name: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]. */
  authority: string[];
  name: string;
  /** False on a draft: "(Dự thảo, chưa ký)" instead of "(Đã ký)". */
  signed: boolean;
}

export interface LetterDocumentInput {
  heading: LetterHeading;
  text: LetterText;
  signature: SignatureBlock;
  /** A draft carries a "DỰ THẢO" watermark. */
  draft: boolean;
  /** Fixed by the caller so the same letter renders to the same bytes. */
  creationDate: Date;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * "TP. Hồ Chí Minh, ngày 05 tháng 02 năm 2026": NĐ 30/2020 Phụ lục I writes a zero before a day
 * below 10 and a month below 3 (so "tháng 3" but "tháng 02").
 */
export function dateInWords(place: string | null, date: LocalDate | null): string {
  const where = place?.trim() || '……';
  if (!date) return `${where}, ngày …… tháng …… năm ……`;
  const { year, month, day } = toYmd(date);
  const mm = month < 3 ? pad2(month) : String(month);
  return `${where}, ngày ${pad2(day)} tháng ${mm} năm ${year}`;
}

export function numberLine(number: number | string | null, symbol: string): string {
  return `Số: ${number === null ? '……' : String(number)}/${symbol}`;
}

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

export interface SignatureInput {
  /** hospital, health_centre, health_department, ward_committee, other (Organization.kind). */
  organizationKind: string;
  /** Title of the head of the organisation ("Giám đốc", "Chủ tịch"). */
  headTitle: string;
  /** The signer's own title (Staff.title); null: derived from the role. */
  signerTitle: string | null;
  signerRole: 'unit_head' | 'leader';
  /** The unit the signer heads, for a unit head without a title ("Trưởng Khoa Nhi"). */
  unitName: string | null;
  signerName: string;
  signed: boolean;
}

/** The head's title when the organisation's settings name none. */
export function defaultHeadTitle(organizationKind: string): string {
  return organizationKind === 'ward_committee' ? 'Chủ tịch' : 'Giám đốc';
}

/**
 * Who signs in whose name (NĐ 30/2020 Điều 13): the head signs in their own title; a deputy signs
 * "KT." (ký thay) the head; anyone else a head lets sign (a unit's head) signs "TL." (thừa lệnh).
 * A ward People's Committee is a collective body: its signer adds "TM. ỦY BAN NHÂN DÂN" first.
 * A leader with no title recorded is taken as a deputy, the common case for "lãnh đạo" accounts.
 */
export function signatureBlock(input: SignatureInput): SignatureBlock {
  const head = input.headTitle.trim();
  const title = resolveSignerTitle(input);
  const authority: string[] = [];
  if (input.organizationKind === 'ward_committee') authority.push('TM. ỦY BAN NHÂN DÂN');
  const folded = foldText(title);
  if (folded === foldText(head)) authority.push(upper(title));
  else if (/^pho\b/.test(folded)) authority.push(`KT. ${upper(head)}`, upper(title));
  else authority.push(`TL. ${upper(head)}`, upper(title));
  return { authority, name: input.signerName.trim(), signed: input.signed };
}

/** The signer's title as printed: their own, or one derived from the role they sign in. */
export function resolveSignerTitle(
  input: Pick<SignatureInput, 'headTitle' | 'signerTitle' | 'signerRole' | 'unitName'>,
): string {
  const head = input.headTitle.trim();
  return (
    input.signerTitle?.trim() ||
    (input.signerRole === 'unit_head'
      ? `Trưởng ${input.unitName?.trim() || 'đơn vị'}`
      : `Phó ${head.charAt(0).toLowerCase()}${head.slice(1)}`)
  );
}

/** The two-column official heading; periodic reports print it too (src/reports/periodic/). */
export function officialHeading(h: LetterHeading): Content {
  const left: Content[] = [
    ...(h.parentName ? [{ text: upper(h.parentName), fontSize: 11 }] : []),
    { text: upper(h.organizationName), bold: true, fontSize: 11 },
    { canvas: [{ type: 'line', x1: 55, y1: 2, x2: 135, y2: 2, lineWidth: 0.5 }], margin: [0, 0, 0, 4] },
    { text: numberLine(h.number, h.symbol), fontSize: 12 },
  ];
  const right: Content[] = [
    { text: NATIONAL_NAME, bold: true, fontSize: 11 },
    { text: NATIONAL_MOTTO, bold: true, fontSize: 12, decoration: 'underline' },
  ];
  return {
    table: {
      widths: ['40%', '60%'],
      body: [
        [
          { stack: left, alignment: 'center' },
          { stack: right, alignment: 'center' },
        ],
      ],
    },
    layout: 'noBorders',
  };
}

/**
 * A paragraph as pdfmake text pieces, with "Ông/Bà" kept on one line: the line breaker may break
 * after a slash, which would leave "Ông/" at the end of a line.
 */
export function keepTogether(paragraph: string): string | { text: string; noWrap?: boolean }[] {
  if (!paragraph.includes('Ông/Bà')) return paragraph;
  return paragraph
    .split(/(Ông\/Bà)/)
    .filter((piece) => piece !== '')
    .map((piece) => (piece === 'Ông/Bà' ? { text: piece, noWrap: true } : { text: piece }));
}

export function signatureContent(s: SignatureBlock): Content {
  return {
    stack: [
      ...s.authority.map((line) => ({ text: line, bold: true })),
      { text: s.signed ? '(Đã ký)' : '(Dự thảo, chưa ký)', italics: true, margin: [0, 28, 0, 28] },
      { text: s.name, bold: true },
    ],
    alignment: 'center',
  } as Content;
}

/** The letter's pdfmake definition; render it with renderPdf (src/pdf/render-pdf.ts). */
export function buildLetterDocument(input: LetterDocumentInput): TDocumentDefinitions {
  const { heading: h, text: t } = input;
  const content: Content[] = [
    officialHeading(h),
    { text: dateInWords(h.place, h.date), italics: true, alignment: 'right', margin: [0, 10, 0, 14] },
    { text: t.title, bold: true, fontSize: 14, alignment: 'center' },
    ...(input.draft
      ? [
          {
            text: '(Dự thảo: chưa đánh số, chưa ký)',
            italics: true,
            color: '#777777',
            alignment: 'center' as const,
          },
        ]
      : []),
    ...(t.subject
      ? [
          {
            text: t.subject,
            alignment: 'center' as const,
            margin: [0, 2, 0, 0] as [number, number, number, number],
          },
        ]
      : []),
    { text: keepTogether(t.salutation), alignment: 'center', margin: [0, 12, 0, 10] },
    ...t.paragraphs.map((p): Content => ({
      text: keepTogether(p),
      alignment: 'justify',
      leadingIndent: 28,
      margin: [0, 0, 0, 6],
    })),
    ...(t.closing
      ? [{ text: t.closing, leadingIndent: 28, margin: [0, 0, 0, 6] as [number, number, number, number] }]
      : []),
    {
      columns: [
        {
          width: '45%',
          stack: t.recipients?.length
            ? [
                { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
                ...t.recipients.map((r) => ({ text: r, fontSize: 11 })),
              ]
            : [],
        },
        { width: '55%', ...(signatureContent(input.signature) as object) },
      ],
      margin: [0, 14, 0, 0],
    } as Content,
  ];
  return normalizeDocument({
    pageSize: 'A4',
    // NĐ 30/2020: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
    pageMargins: [85, 60, 50, 60],
    info: { title: t.title, creator: 'Lắng Nghe', producer: 'Lắng Nghe', creationDate: input.creationDate },
    defaultStyle: { fontSize: 13, lineHeight: 1.15 },
    ...(input.draft ? { watermark: { text: 'DỰ THẢO', opacity: 0.08, bold: true } } : {}),
    content,
  });
}

export interface PetitionFormDocumentInput {
  text: PetitionFormText;
  creationDate: Date;
}

/**
 * The pre-filled đơn: the sender's own document, so only the national heading, a date left blank
 * for the day they sign, and their signature; what we do not hold is a line of dots to fill in.
 */
export function buildPetitionFormDocument(input: PetitionFormDocumentInput): TDocumentDefinitions {
  const t = input.text;
  const dots = '……………………………………………………………';
  const content: Content[] = [
    { text: NATIONAL_NAME, bold: true, fontSize: 12, alignment: 'center' },
    { text: NATIONAL_MOTTO, bold: true, fontSize: 13, alignment: 'center', decoration: 'underline' },
    { text: dateInWords(null, null), italics: true, alignment: 'right', margin: [0, 14, 0, 14] },
    { text: t.title, bold: true, fontSize: 14, alignment: 'center' },
    { text: t.salutation, alignment: 'center', margin: [0, 10, 0, 10] },
    ...t.fields.map((f): Content => ({ text: `${f.label}: ${f.value ?? dots}`, margin: [0, 0, 0, 4] })),
    { text: t.contentLabel, bold: true, margin: [0, 8, 0, 4] },
    { text: t.content, alignment: 'justify', margin: [0, 0, 0, 6] },
    { text: dots + dots, margin: [0, 0, 0, 6] },
    { text: t.pledge, alignment: 'justify', margin: [0, 0, 0, 6] },
    { text: t.attachments, margin: [0, 0, 0, 6] },
    {
      columns: [
        { width: '45%', text: '' },
        {
          width: '55%',
          alignment: 'center',
          stack: [
            { text: t.signerLabel, bold: true },
            { text: t.signerHint, italics: true, fontSize: 11, margin: [0, 0, 0, 48] },
            { text: t.signerName ?? dots, bold: !!t.signerName },
          ],
        },
      ],
      margin: [0, 12, 0, 0],
    } as Content,
  ];
  return normalizeDocument({
    pageSize: 'A4',
    pageMargins: [85, 60, 50, 60],
    info: { title: t.title, creator: 'Lắng Nghe', producer: 'Lắng Nghe', creationDate: input.creationDate },
    defaultStyle: { fontSize: 13, lineHeight: 1.15 },
    content,
  });
}
