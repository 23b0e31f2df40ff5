// The register's rows → a pdfmake document (A4 landscape) with the official heading of every paper
// the unit issues: the managing body and the organisation on the left, Quốc hiệu and tiêu ngữ on the
// right (as on letters, src/letters/letter-document.ts), then the title, the period and the table
// with its numbered columns. Pure; render it with renderPdf (src/pdf/render-pdf.ts).
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { NATIONAL_MOTTO, NATIONAL_NAME } from '../letters/letter-document.js';
import {
  FIRST_HANDLING_COLUMN,
  HANDLING_COLUMNS,
  HANDLING_GROUP_TITLE,
  REGISTER_COLUMNS,
  REGISTER_TITLE,
  type RegisterRow,
} from './register-rows.js';

export interface RegisterHeading {
  parentName: string | null;
  organizationName: string;
  /** "Từ ngày 01/03/2026 đến ngày 31/03/2026". */
  period: string;
}

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

/** Column widths in points on A4 landscape (842 − 2×24 margins). */
const WIDTHS = [18, 46, 95, 56, 120, 62, 50, 34, 34, 42, 80, '*'];

export function buildRegisterDocument(
  heading: RegisterHeading,
  rows: readonly RegisterRow[],
  creationDate: Date,
): TDocumentDefinitions {
  const cell = (text: string, extra: Record<string, unknown> = {}) => ({ text, ...extra });
  const header = (text: string, extra: Record<string, unknown> = {}) =>
    cell(text, { bold: true, alignment: 'center', ...extra });
  const before = REGISTER_COLUMNS.slice(0, FIRST_HANDLING_COLUMN);
  const after = REGISTER_COLUMNS.slice(FIRST_HANDLING_COLUMN + HANDLING_COLUMNS.length);
  const groupRow = [
    ...before.map((t) => header(t, { rowSpan: 2 })),
    header(HANDLING_GROUP_TITLE, { colSpan: HANDLING_COLUMNS.length }),
    ...HANDLING_COLUMNS.slice(1).map(() => ({})),
    ...after.map((t) => header(t, { rowSpan: 2 })),
  ];
  const subRow = [
    ...before.map(() => ({})),
    ...HANDLING_COLUMNS.map((c) => header(c.title)),
    ...after.map(() => ({})),
  ];
  const numbers = REGISTER_COLUMNS.map((_, i) => header(String(i + 1), { italics: true }));
  const body = rows.map((r) =>
    r.map((t, i) =>
      cell(
        t,
        i === 0 || (i >= FIRST_HANDLING_COLUMN && i < FIRST_HANDLING_COLUMN + HANDLING_COLUMNS.length)
          ? { alignment: 'center' }
          : {},
      ),
    ),
  );
  const content: Content[] = [
    {
      columns: [
        {
          width: '40%',
          alignment: 'center',
          stack: [
            ...(heading.parentName ? [{ text: upper(heading.parentName), fontSize: 10 }] : []),
            { text: upper(heading.organizationName), bold: true, fontSize: 10 },
          ],
        },
        {
          width: '60%',
          alignment: 'center',
          stack: [
            { text: NATIONAL_NAME, bold: true, fontSize: 10 },
            { text: NATIONAL_MOTTO, bold: true, fontSize: 11, decoration: 'underline' },
          ],
        },
      ],
    },
    { text: REGISTER_TITLE, bold: true, fontSize: 15, alignment: 'center', margin: [0, 14, 0, 2] },
    { text: heading.period, italics: true, alignment: 'center', margin: [0, 0, 0, 10] },
    {
      table: { headerRows: 3, widths: WIDTHS, body: [groupRow, subRow, numbers, ...body] },
      fontSize: 8,
    } as Content,
    ...(rows.length
      ? []
      : [{ text: 'Không có lượt tiếp nào trong kỳ.', italics: true, margin: [0, 6, 0, 0] } as Content]),
  ];
  return {
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [24, 28, 24, 28],
    info: { title: `${REGISTER_TITLE} — ${heading.organizationName}`, creationDate },
    defaultStyle: { fontSize: 9 },
    content,
  };
}
