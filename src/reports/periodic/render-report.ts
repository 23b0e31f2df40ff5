// A periodic report → the files people open: XLSX (exceljs; one sheet per section, formulas where a
// reader would recompute, with their results cached), PDF (pdfmake; the official heading and signer
// block the letters print, charts as vector SVG) and CSV (one long table, UTF-8 with a BOM so
// Excel reads the diacritics; docs/decisions/0054). Pure functions of the report: no I/O, no clock.
// ExcelJS is loaded by the first workbook, not at start (decision 0077).
import type ExcelJS from 'exceljs';
import type { CellValue, Worksheet } from 'exceljs';
import { formatVietnameseDate, type LocalDate } from '../../calendar/local-date.js';
import {
  dateInWords,
  officialHeading,
  signatureContent,
  type LetterHeading,
} from '../../letters/letter-document.js';
import { normalizeDocument, renderPdf, type Content } from '../../pdf/render-pdf.js';
import { renderReportCharts } from './report-charts.js';
import { FIGURE_SECTION_LABELS, FIGURE_SECTIONS, figureLines, type FigureLine } from './report-figures.js';
import {
  LATE_STATE_LABELS,
  REPORT_OUTCOMES,
  SATISFACTION_LABELS,
  SATISFACTION_SCORES,
  averageSatisfaction,
  channelLabel,
  kindLabel,
  percent,
  CASE_KINDS,
  CHANNELS,
  type PeriodicReport,
  type ReportCounts,
} from './report-model.js';

export interface ReportDocumentHeading {
  /** "15/BC-TTYT" or just "15"; absent on a draft (a blank to be filled when signed). */
  number?: string;
  /** The title may hold several lines ("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"). */
  signer?: { title: string; name: string };
  signed?: boolean;
  /** The signing day (YYYY-MM-DD); by default the report's date when signed, blank otherwise. */
  date?: string;
}

export const REPORT_TITLE = 'BÁO CÁO';
export const REPORT_SUBJECT = 'Kết quả tiếp nhận, giải quyết phản ánh, kiến nghị, khiếu nại, tố cáo';

/** The heading's symbol when the number carries none: "BC-<organisation code>". */
export const reportSymbol = (report: PeriodicReport) => `BC-${report.organization.code}`;

// ---------------------------------------------------------------------------------------------
// XLSX

type Row = CellValue[];
/** A formula with its result cached, so a reader that does not recalculate still sees the number. */
const formula = (text: string, result: number | string | null): CellValue =>
  ({ formula: text, result: result ?? '' }) as CellValue;
const ratio = (part: number, whole: number) => (whole ? part / whole : '');

const PERCENT = '0.0%';
const INTEGER = '#,##0';
const BORDER = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
} as const;

interface SheetSpec {
  name: string;
  columns: { header: string; width: number; numFmt?: string }[];
  rows: Row[];
  /** 1-based data-row indexes (within rows) printed bold: totals. */
  boldRows?: number[];
}

function addSheet(book: ExcelJS.Workbook, spec: SheetSpec): Worksheet {
  const sheet = book.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c) => ({
    header: c.header,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
    c.border = BORDER;
  });
  spec.rows.forEach((values, i) => {
    const row = sheet.addRow(values.map((v) => (typeof v === 'string' ? v.normalize('NFC') : v)));
    row.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
    if (spec.boldRows?.includes(i + 1)) row.font = { bold: true };
  });
  return sheet;
}

const col = (n: number) => String.fromCharCode(64 + n);

/** A label/count table with a total row (SUM) and each line's share of it. */
function shareSheet(name: string, header: string, items: { label: string; value: number }[]): SheetSpec {
  const total = items.reduce((n, i) => n + i.value, 0);
  const last = items.length + 1;
  const totalRow = last + 1;
  return {
    name,
    columns: [
      { header, width: 34 },
      { header: 'Số hồ sơ', width: 12, numFmt: INTEGER },
      { header: 'Tỷ lệ', width: 10, numFmt: PERCENT },
    ],
    rows: [
      ...items.map((item, i): Row => [
        item.label,
        item.value,
        formula(`IF($B$${totalRow}=0,"",B${i + 2}/$B$${totalRow})`, ratio(item.value, total)),
      ]),
      ['Tổng cộng', formula(`SUM(B2:B${last})`, total), formula(`IF(B${totalRow}=0,"",1)`, total ? 1 : '')],
    ],
    boldRows: [items.length + 1],
  };
}

const UNIT_COLUMNS = [
  { header: 'Tiếp nhận', get: (c: ReportCounts) => c.received },
  { header: 'Đã giải quyết', get: (c: ReportCounts) => c.resolved },
  { header: 'Đúng hạn', get: (c: ReportCounts) => c.resolvedOnTime },
  { header: 'Quá hạn', get: (c: ReportCounts) => c.resolvedLate },
  { header: 'Đang giải quyết', get: (c: ReportCounts) => c.open },
  { header: 'Đang quá hạn', get: (c: ReportCounts) => c.openOverdue },
  { header: 'Khen ngợi', get: (c: ReportCounts) => c.praise },
  { header: 'Phản ánh đúng', get: (c: ReportCounts) => c.upheld },
] as const;

/** Rows of [organisation, unit, counts] → a table with a total row and the on-time share. */
function breakdownSheet(
  name: string,
  lines: { org: string; unit: string; counts: ReportCounts }[],
): SheetSpec {
  const first = 2;
  const last = lines.length + 1;
  const totalRow = last + 1;

  const [resolvedCol, onTimeCol] = [col(4), col(5)];
  const rate = (r: number, resolved: number, onTime: number) =>
    formula(`IF(${resolvedCol}${r}=0,"",${onTimeCol}${r}/${resolvedCol}${r})`, ratio(onTime, resolved));
  const totals = UNIT_COLUMNS.map((c) => lines.reduce((s, l) => s + c.get(l.counts), 0));
  return {
    name,
    columns: [
      { header: 'Tổ chức', width: 16 },
      { header: 'Khoa, phòng', width: 32 },
      ...UNIT_COLUMNS.map((c) => ({ header: c.header, width: 12, numFmt: INTEGER })),
      { header: 'Tỷ lệ đúng hạn', width: 12, numFmt: PERCENT },
    ],
    rows: [
      ...lines.map((l, i): Row => [
        l.org,
        l.unit,
        ...UNIT_COLUMNS.map((c) => c.get(l.counts)),
        rate(i + first, l.counts.resolved, l.counts.resolvedOnTime),
      ]),
      [
        'Tổng cộng',
        '',
        ...UNIT_COLUMNS.map((_, k) =>
          formula(lines.length ? `SUM(${col(3 + k)}${first}:${col(3 + k)}${last})` : '0', totals[k]!),
        ),
        rate(totalRow, totals[1]!, totals[2]!),
      ],
    ],
    boldRows: [lines.length + 1],
  };
}

export async function renderReportXlsx(report: PeriodicReport): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  const created = new Date(report.generatedAt);
  book.created = created;
  book.modified = created;
  book.creator = 'Lắng Nghe';
  const t = report.totals;
  const prevByKey = new Map(figureLines(report.previousTotals).map((l) => [l.key, l.value]));

  // Tổng hợp: every figure, this period against the previous one.
  const lines = figureLines(t);
  addSheet(book, {
    name: 'Tổng hợp',
    columns: [
      { header: 'Mục', width: 26 },
      { header: 'Chỉ tiêu', width: 46 },
      { header: report.period.label, width: 16, numFmt: '#,##0.##' },
      { header: report.previousPeriod.label, width: 16, numFmt: '#,##0.##' },
      { header: 'Tăng (+), giảm (−)', width: 14, numFmt: '+#,##0.##;−#,##0.##;0' },
      { header: 'Tỷ lệ thay đổi', width: 12, numFmt: PERCENT },
    ],
    rows: lines.map((l, i): Row => {
      const r = i + 2;
      const prev = prevByKey.get(l.key) ?? null;
      const delta = l.value !== null && prev !== null ? l.value - prev : null;
      return [
        FIGURE_SECTION_LABELS[l.section],
        l.label,
        l.value ?? '',
        prev ?? '',
        formula(`IF(OR(C${r}="",D${r}=""),"",C${r}-D${r})`, delta),
        formula(
          `IF(OR(C${r}="",D${r}="",D${r}=0),"",(C${r}-D${r})/D${r})`,
          delta !== null && prev ? delta / prev : null,
        ),
      ];
    }),
  });
  addSheet(
    book,
    shareSheet(
      'Theo kênh',
      'Kênh tiếp nhận',
      CHANNELS.map((c) => ({ label: channelLabel(c), value: t.byChannel[c] })),
    ),
  );
  addSheet(
    book,
    shareSheet(
      'Theo loại',
      'Loại hồ sơ',
      CASE_KINDS.map((k) => ({ label: kindLabel(k), value: t.byKind[k] })),
    ),
  );
  addSheet(book, {
    name: 'Giải quyết',
    columns: [
      { header: 'Chỉ tiêu', width: 40 },
      { header: 'Số hồ sơ', width: 12, numFmt: '#,##0.0##' },
    ],
    rows: [
      ['Tổng số hồ sơ tiếp nhận', t.received],
      ['Đã giải quyết', t.resolved],
      ['Giải quyết đúng hạn', t.resolvedOnTime],
      ['Giải quyết quá hạn', t.resolvedLate],
      ['Đang giải quyết', t.open],
      ['Đang giải quyết, đã quá hạn', t.openOverdue],
    ],
  });
  const handling = book.getWorksheet('Giải quyết')!;
  handling.addRow([
    'Tỷ lệ giải quyết đúng hạn',
    formula('IF(B3=0,"",B4/B3)', ratio(t.resolvedOnTime, t.resolved)),
  ]);
  handling.getCell('B8').numFmt = PERCENT;
  addSheet(
    book,
    shareSheet(
      'Kết quả',
      'Kết quả giải quyết',
      REPORT_OUTCOMES.map((o) => ({ label: o.label, value: t.outcomes[o.key] })),
    ),
  );
  const scores = SATISFACTION_SCORES.length;
  addSheet(book, {
    name: 'Hài lòng',
    columns: [
      { header: 'Điểm', width: 8 },
      { header: 'Mức độ', width: 24 },
      { header: 'Số lượt đánh giá', width: 16, numFmt: INTEGER },
    ],
    rows: [
      ...SATISFACTION_SCORES.map((s): Row => [s, SATISFACTION_LABELS[s], t.satisfaction.byScore[`${s}`]]),
      ['', 'Tổng cộng', formula(`SUM(C2:C${scores + 1})`, t.satisfaction.answered)],
      [
        '',
        'Điểm trung bình',
        formula(
          `IF(C${scores + 2}=0,"",SUMPRODUCT(A2:A${scores + 1},C2:C${scores + 1})/C${scores + 2})`,
          t.satisfaction.answered ? t.satisfaction.sum / t.satisfaction.answered : null,
        ),
      ],
    ],
    boldRows: [scores + 1, scores + 2],
  }).getCell(`C${scores + 3}`).numFmt = '0.00';
  addSheet(
    book,
    breakdownSheet(
      'Theo khoa phòng',
      report.organizations.flatMap((o) =>
        o.units.map((u) => ({ org: o.code, unit: u.unitName, counts: u.counts })),
      ),
    ),
  );
  if (report.organizations.length > 1) {
    addSheet(
      book,
      breakdownSheet(
        'Theo tổ chức',
        report.organizations.map((o) => ({ org: o.code, unit: o.name, counts: o.counts })),
      ),
    );
  }
  addSheet(book, {
    name: 'Đường dây nóng',
    columns: [
      { header: 'Chỉ tiêu', width: 44 },
      { header: 'Số lượng', width: 12, numFmt: INTEGER },
    ],
    rows: [
      ...figureLines(t)
        .filter((l) => l.section === 'hotline')
        .map((l): Row => [l.label, l.value ?? '']),
      ['Ca trực đã bố trí', report.dutyShifts],
      ['Số tuần lãnh đạo đã nhận bản rà soát đường dây nóng', report.hotlineReviews],
    ],
  });
  addSheet(book, {
    name: 'Góp ý nhân viên',
    columns: [
      { header: 'Chỉ tiêu', width: 44 },
      { header: 'Số lượng', width: 12, numFmt: INTEGER },
      { header: 'Tỷ lệ', width: 10, numFmt: PERCENT },
    ],
    rows: [
      ['Góp ý của nhân viên', t.staffFeedback.count, ''],
      [
        'Đã trả lời',
        t.staffFeedback.answered,
        formula('IF(B2=0,"",B3/B2)', ratio(t.staffFeedback.answered, t.staffFeedback.count)),
      ],
      [
        'Trả lời đúng hạn',
        t.staffFeedback.answeredOnTime,
        formula('IF(B3=0,"",B4/B3)', ratio(t.staffFeedback.answeredOnTime, t.staffFeedback.answered)),
      ],
      [
        'Được tiếp thu (đúng, đúng một phần)',
        t.staffFeedback.takenOnBoard,
        formula('IF(B2=0,"",B5/B2)', ratio(t.staffFeedback.takenOnBoard, t.staffFeedback.count)),
      ],
    ],
  });
  addSheet(book, {
    name: 'Hồ sơ quá hạn',
    columns: [
      { header: 'Mã hồ sơ', width: 16 },
      { header: 'Tổ chức', width: 14 },
      { header: 'Khoa, phòng', width: 30 },
      { header: 'Loại', width: 14 },
      { header: 'Hạn giải quyết', width: 14 },
      { header: 'Số ngày quá hạn', width: 14, numFmt: INTEGER },
      { header: 'Tình trạng', width: 28 },
    ],
    rows: report.overdueCases.map((c): Row => [
      c.code,
      c.organizationCode,
      c.unitName,
      kindLabel(c.kind),
      formatVietnameseDate(c.dueOn as LocalDate),
      c.daysLate,
      LATE_STATE_LABELS[c.lateState],
    ]),
  });
  addSheet(book, {
    name: 'Ghi chú',
    columns: [{ header: 'Thông tin', width: 110 }],
    rows: [
      [`${report.organization.name} (${report.organization.code})`],
      [`Kỳ báo cáo: ${report.period.label} (${periodRange(report)})`],
      [`Số liệu tính đến ngày ${formatVietnameseDate(report.asOf as LocalDate)}`],
      ...report.notes.map((n): Row => [n]),
    ],
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

function periodRange(report: PeriodicReport): string {
  return `từ ${formatVietnameseDate(report.period.from as LocalDate)} đến ${formatVietnameseDate(report.period.to as LocalDate)}`;
}

// ---------------------------------------------------------------------------------------------
// PDF

const fmt = (v: number | null) =>
  v === null ? '–' : v.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
const signed = (v: number | null) => (v === null ? '–' : v > 0 ? `+${fmt(v)}` : v < 0 ? `−${fmt(-v)}` : '0');

function table(headers: string[], rows: string[][], widths: (string | number)[]): Content {
  return {
    table: {
      headerRows: 1,
      widths,
      body: [
        headers.map((h) => ({ text: h, bold: true, fillColor: '#dce6f1', fontSize: 10 })),
        ...rows.map((r) =>
          r.map((cell, i) => ({ text: cell, fontSize: 10, alignment: i === 0 ? 'left' : 'right' })),
        ),
      ],
    },
    layout: { hLineWidth: () => 0.5, vLineWidth: () => 0.5 },
    margin: [0, 2, 0, 8],
  } as Content;
}

function figureTable(report: PeriodicReport, lines: FigureLine[]): Content {
  const prev = new Map(figureLines(report.previousTotals).map((l) => [l.key, l.value]));
  return table(
    ['Chỉ tiêu', 'Kỳ này', 'Kỳ trước', 'Tăng, giảm'],
    lines.map((l) => {
      const p = prev.get(l.key) ?? null;
      return [l.label, fmt(l.value), fmt(p), signed(l.value !== null && p !== null ? l.value - p : null)];
    }),
    ['*', 60, 60, 60],
  );
}

function breakdownTable(lines: { name: string; counts: ReportCounts }[]): Content {
  return table(
    ['Đơn vị', ...UNIT_COLUMNS.map((c) => c.header)],
    lines.map((l) => [l.name, ...UNIT_COLUMNS.map((c) => fmt(c.get(l.counts)))]),
    ['*', ...UNIT_COLUMNS.map(() => 34)],
  );
}

const heading2 = (text: string): Content => ({ text, bold: true, fontSize: 12, margin: [0, 10, 0, 4] });

/** Splits "15/BC-TTYT" into the number and the symbol the letter heading prints. */
function numberAndSymbol(report: PeriodicReport, number?: string): { number: string | null; symbol: string } {
  if (!number) return { number: null, symbol: reportSymbol(report) };
  const slash = number.indexOf('/');
  return slash < 0
    ? { number, symbol: reportSymbol(report) }
    : { number: number.slice(0, slash), symbol: number.slice(slash + 1) };
}

export async function renderReportPdf(
  report: PeriodicReport,
  heading: ReportDocumentHeading = {},
): Promise<Buffer> {
  const charts = await renderReportCharts(report);
  const chart = (title: string): Content[] => {
    const c = charts.find((x) => x.title === title);
    // The caption and its chart stay on one page.
    return c
      ? [
          {
            unbreakable: true,
            stack: [
              { text: c.title, italics: true, fontSize: 10, margin: [0, 4, 0, 2] },
              { svg: c.svg, width: 420 },
            ],
          } as Content,
        ]
      : [];
  };
  const isSigned = heading.signed === true;
  const date = (heading.date ?? (isSigned ? report.asOf : null)) as LocalDate | null;
  const letterHeading: LetterHeading = {
    parentName: report.organization.parentName,
    organizationName: report.organization.name,
    place: report.organization.place,
    ...numberAndSymbol(report, heading.number),
    date,
  };
  const lines = figureLines(report.totals);
  const section = (s: (typeof FIGURE_SECTIONS)[number]) => lines.filter((l) => l.section === s);
  const t = report.totals;
  const onTimeRate = percent(t.resolvedOnTime, t.resolved);
  const avg = averageSatisfaction(t);
  const summary =
    `Trong kỳ, ${report.organization.name} tiếp nhận ${fmt(t.received)} hồ sơ; đã giải quyết ${fmt(t.resolved)}` +
    ` (đúng hạn ${fmt(t.resolvedOnTime)}${onTimeRate === null ? '' : `, đạt ${fmt(onTimeRate)}%`}), đang giải quyết ${fmt(t.open)}` +
    ` (quá hạn ${fmt(t.openOverdue)}). Kỳ trước tiếp nhận ${fmt(report.previousTotals.received)} hồ sơ.` +
    (avg === null
      ? ''
      : ` Điểm hài lòng trung bình ${fmt(avg)}/5 trên ${fmt(t.satisfaction.answered)} lượt đánh giá.`);
  const signer = heading.signer;
  const content: Content[] = [
    officialHeading(letterHeading),
    {
      text: dateInWords(report.organization.place, date),
      italics: true,
      alignment: 'right',
      margin: [0, 10, 0, 14],
    },
    { text: REPORT_TITLE, bold: true, fontSize: 14, alignment: 'center' },
    {
      text: `${REPORT_SUBJECT}\n${report.period.label}`,
      bold: true,
      alignment: 'center',
      margin: [0, 2, 0, 2],
    },
    {
      text: `(${periodRange(report)}; số liệu tính đến ngày ${formatVietnameseDate(report.asOf as LocalDate)})`,
      italics: true,
      fontSize: 10,
      alignment: 'center',
      margin: [0, 0, 0, 10],
    },
    ...(isSigned
      ? []
      : [
          {
            text: '(Dự thảo: chưa đánh số, chưa ký)',
            italics: true,
            color: '#777777',
            alignment: 'center',
          } as Content,
        ]),
    { text: summary, alignment: 'justify', margin: [0, 4, 0, 6] },
    heading2(`I. ${FIGURE_SECTION_LABELS.received}`),
    figureTable(report, [...section('received'), ...section('channel')]),
    ...chart('Hồ sơ tiếp nhận theo kênh'),
    figureTable(report, section('kind')),
    ...chart('Hồ sơ tiếp nhận theo loại'),
    heading2(`II. ${FIGURE_SECTION_LABELS.handling}`),
    figureTable(report, section('handling')),
    ...chart('Tình hình giải quyết'),
    heading2(`III. ${FIGURE_SECTION_LABELS.outcome}`),
    figureTable(report, section('outcome')),
    ...chart('Kết quả giải quyết'),
    heading2(`IV. ${FIGURE_SECTION_LABELS.satisfaction}`),
    figureTable(report, section('satisfaction')),
    ...chart('Mức độ hài lòng'),
    heading2(`V. ${FIGURE_SECTION_LABELS.hotline}`),
    figureTable(report, section('hotline')),
    {
      text: `Ca trực đã bố trí: ${fmt(report.dutyShifts)}. Số tuần lãnh đạo đã nhận bản rà soát đường dây nóng: ${fmt(report.hotlineReviews)}.`,
      margin: [0, 0, 0, 6],
    },
    heading2(`VI. ${FIGURE_SECTION_LABELS.staff_feedback}`),
    figureTable(report, section('staff_feedback')),
    heading2(`VII. ${FIGURE_SECTION_LABELS.conduct} và kết quả theo khoa, phòng`),
    figureTable(report, section('conduct')),
    breakdownTable(
      report.organizations.flatMap((o) =>
        o.units.map((u) => ({
          name: report.organizations.length > 1 ? `${o.code} · ${u.unitName}` : u.unitName,
          counts: u.counts,
        })),
      ),
    ),
    ...chart('Tiếp nhận và giải quyết theo khoa, phòng'),
    ...(report.organizations.length > 1
      ? [
          heading2('VIII. Theo từng tổ chức trực thuộc'),
          breakdownTable(
            report.organizations.map((o) => ({ name: `${o.code} · ${o.name}`, counts: o.counts })),
          ),
        ]
      : []),
    heading2(`${report.organizations.length > 1 ? 'IX' : 'VIII'}. Hồ sơ quá hạn`),
    report.overdueCases.length
      ? table(
          ['Mã hồ sơ', 'Khoa, phòng', 'Loại', 'Hạn', 'Số ngày quá hạn', 'Tình trạng'],
          report.overdueCases.map((c) => [
            c.code,
            c.unitName,
            kindLabel(c.kind),
            formatVietnameseDate(c.dueOn as LocalDate),
            fmt(c.daysLate),
            LATE_STATE_LABELS[c.lateState],
          ]),
          [70, '*', 55, 55, 45, 80],
        )
      : { text: 'Không có hồ sơ quá hạn.', margin: [0, 0, 0, 6] },
    heading2('So sánh với kỳ trước'),
    ...chart('So sánh với kỳ trước'),
    heading2('Ghi chú'),
    { ul: report.notes.map((n) => ({ text: n, fontSize: 10 })) },
    {
      columns: [
        {
          width: '45%',
          stack: [
            { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
            { text: '- Như trên;', fontSize: 11 },
            { text: '- Lưu: VT.', fontSize: 11 },
          ],
        },
        {
          width: '55%',
          ...(signatureContent({
            authority: signer
              ? signer.title.split('\n').map((l) => l.trim().toLocaleUpperCase('vi'))
              : ['THỦ TRƯỞNG ĐƠN VỊ'],
            name: signer?.name ?? '',
            signed: isSigned,
          }) as object),
        },
      ],
      margin: [0, 14, 0, 0],
    } as Content,
  ];
  return renderPdf(
    normalizeDocument({
      pageSize: 'A4',
      pageMargins: [85, 60, 50, 60],
      info: {
        title: `${REPORT_TITLE} ${report.period.label}`,
        creator: 'Lắng Nghe',
        producer: 'Lắng Nghe',
        creationDate: new Date(report.generatedAt),
      },
      defaultStyle: { fontSize: 12, lineHeight: 1.15 },
      ...(isSigned ? {} : { watermark: { text: 'DỰ THẢO', opacity: 0.08, bold: true } }),
      content,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// CSV

export const CSV_HEADERS = ['Mục', 'Tổ chức', 'Khoa, phòng', 'Mã chỉ tiêu', 'Chỉ tiêu', 'Kỳ này', 'Kỳ trước'];

function csvField(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value).normalize('NFC');
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One long table: every figure of the whole, of each organisation and of each unit on its own
 * line (section, organisation, unit, key, label, value, previous value for the whole), then the
 * overdue cases (key: the case code, value: days late). A BOM first, CRLF line ends: Excel opens
 * it with the diacritics right; a script filters it by key.
 */
export function renderReportCsv(report: PeriodicReport): string {
  const rows: (string | number | null)[][] = [CSV_HEADERS];
  const prev = new Map(figureLines(report.previousTotals).map((l) => [l.key, l.value]));
  const emit = (org: string, unit: string, counts: ReportCounts, withPrevious: boolean) => {
    for (const l of figureLines(counts))
      rows.push([
        FIGURE_SECTION_LABELS[l.section],
        org,
        unit,
        l.key,
        l.label,
        l.value,
        withPrevious ? (prev.get(l.key) ?? null) : null,
      ]);
  };
  emit(report.organization.code, '', report.totals, true);
  rows.push([
    'Đường dây nóng',
    report.organization.code,
    '',
    'hotline.duty_shifts',
    'Ca trực đã bố trí',
    report.dutyShifts,
    null,
  ]);
  rows.push([
    'Đường dây nóng',
    report.organization.code,
    '',
    'hotline.leader_reviews',
    'Số tuần lãnh đạo đã nhận bản rà soát',
    report.hotlineReviews,
    null,
  ]);
  for (const o of report.organizations) {
    if (report.organizations.length > 1) emit(o.code, '', o.counts, false);
    for (const u of o.units) emit(o.code, u.unitName, u.counts, false);
  }
  for (const c of report.overdueCases)
    rows.push([
      'Hồ sơ quá hạn',
      c.organizationCode,
      c.unitName,
      c.code,
      `${kindLabel(c.kind)}; hạn ${formatVietnameseDate(c.dueOn as LocalDate)}; ${LATE_STATE_LABELS[c.lateState]}`,
      c.daysLate,
      null,
    ]);
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}
