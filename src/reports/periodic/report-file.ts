// The report's file formats, named once: the CLI's --format, the file's name and its bytes.
import type { PeriodicReport } from './report-model.js';
import {
  renderReportCsv,
  renderReportPdf,
  renderReportXlsx,
  type ReportDocumentHeading,
} from './render-report.js';

export const REPORT_FORMATS = ['xlsx', 'pdf', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const REPORT_MIME_TYPES: Readonly<Record<ReportFormat, string>> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

/** "bao-cao-ttyt-thuan-an-2026-Q3.pdf"; a range's ".." becomes "_" so every system accepts it. */
export function reportFileName(report: PeriodicReport, format: ReportFormat): string {
  const period = report.period.code.replace('..', '_');
  return `bao-cao-${report.organization.code}-${period}.${format}`;
}

export async function renderReportFile(
  report: PeriodicReport,
  format: ReportFormat,
  heading?: ReportDocumentHeading,
): Promise<Buffer> {
  switch (format) {
    case 'xlsx':
      return renderReportXlsx(report);
    case 'pdf':
      return renderReportPdf(report, heading);
    case 'csv':
      return Buffer.from(renderReportCsv(report), 'utf8');
    default: {
      const never: never = format;
      throw new Error(`unknown report format ${String(never)}`);
    }
  }
}
