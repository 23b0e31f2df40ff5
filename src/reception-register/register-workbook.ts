// The register's rows → an XLSX workbook with the same heading, columns and rows as the PDF, for
// units that keep the sổ tiếp công dân in a spreadsheet. exceljs writes it.
// ExcelJS is loaded by the first workbook, not at start (decision 0077).
import type ExcelJS from 'exceljs';
import { NATIONAL_MOTTO, NATIONAL_NAME } from '../letters/letter-document.js';
import {
  FIRST_HANDLING_COLUMN,
  HANDLING_COLUMNS,
  HANDLING_GROUP_TITLE,
  REGISTER_COLUMNS,
  REGISTER_TITLE,
  type RegisterRow,
} from './register-rows.js';
import type { RegisterHeading } from './register-document.js';

export const REGISTER_SHEET_NAME = 'So tiep cong dan';
/** The 1-based sheet row of the first visit: heading (4 rows), blank, group header, sub-header, numbers. */
export const FIRST_DATA_ROW = 8;

const WIDTHS = [5, 16, 30, 16, 45, 16, 18, 12, 12, 14, 30, 30];

export async function buildRegisterWorkbook(
  heading: RegisterHeading,
  rows: readonly RegisterRow[],
  creationDate: Date,
): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book: ExcelJS.Workbook = new Excel.Workbook();
  book.created = creationDate;
  book.modified = creationDate;
  const sheet = book.addWorksheet(REGISTER_SHEET_NAME, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const n = REGISTER_COLUMNS.length;
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const nfc = (s: string) => s.normalize('NFC');
  const line = (row: number, from: number, to: number, text: string, bold = false) => {
    sheet.mergeCells(row, from, row, to);
    const c = sheet.getCell(row, from);
    c.value = nfc(text);
    c.font = { bold };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  };
  const split = 5;
  line(1, 1, split, (heading.parentName ?? '').toLocaleUpperCase('vi'));
  line(1, split + 1, n, NATIONAL_NAME, true);
  line(2, 1, split, heading.organizationName.toLocaleUpperCase('vi'), true);
  line(2, split + 1, n, NATIONAL_MOTTO, true);
  line(3, 1, n, REGISTER_TITLE, true);
  line(4, 1, n, heading.period);

  const groupRow = 5;
  const subRow = 6;
  REGISTER_COLUMNS.forEach((title, i) => {
    const col = i + 1;
    const handling = i >= FIRST_HANDLING_COLUMN && i < FIRST_HANDLING_COLUMN + HANDLING_COLUMNS.length;
    if (!handling) {
      sheet.mergeCells(groupRow, col, subRow, col);
      sheet.getCell(groupRow, col).value = title;
    } else {
      sheet.getCell(subRow, col).value = title;
    }
  });
  sheet.mergeCells(
    groupRow,
    FIRST_HANDLING_COLUMN + 1,
    groupRow,
    FIRST_HANDLING_COLUMN + HANDLING_COLUMNS.length,
  );
  sheet.getCell(groupRow, FIRST_HANDLING_COLUMN + 1).value = HANDLING_GROUP_TITLE;
  sheet.getRow(7).values = REGISTER_COLUMNS.map((_, i) => String(i + 1));
  for (const r of [groupRow, subRow, 7]) {
    sheet.getRow(r).eachCell((c) => {
      c.font = { bold: true };
      c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      c.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  }
  rows.forEach((r, k) => {
    const row = sheet.getRow(FIRST_DATA_ROW + k);
    row.values = r.map(nfc);
    row.eachCell({ includeEmpty: true }, (c) => {
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  });
  sheet.views = [{ state: 'frozen', ySplit: 7 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Reads the rows back from a workbook this module wrote (tests, and anyone checking a file). */
export async function readRegisterWorkbook(bytes: Buffer): Promise<string[][]> {
  const { default: Excel } = await import('exceljs');
  const book: ExcelJS.Workbook = new Excel.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.getWorksheet(REGISTER_SHEET_NAME);
  if (!sheet) return [];
  const rows: string[][] = [];
  for (let r = FIRST_DATA_ROW; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push(REGISTER_COLUMNS.map((_, i) => String(row.getCell(i + 1).value ?? '')));
  }
  return rows;
}
