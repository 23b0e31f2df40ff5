// The figures of a scheduled report, rendered by reportfig's builders: the PDF with the filing's
// heading (number, signer) and the XLSX with the same figures.
import type { AppContext } from '../../app-context.js';
import { buildPeriodicReport } from './build-report.js';
import { renderReportPdf, renderReportXlsx } from './render-report.js';
import type { RenderReportDocuments } from './report-documents.js';
import { parseReportPeriod } from './report-period.js';

export const renderFilingDocuments: RenderReportDocuments = async (ctx: AppContext, input) => {
  const period = parseReportPeriod(input.periodCode);
  const report = await buildPeriodicReport(ctx, { organizationCode: input.organizationCode, period });
  const [pdf, xlsx] = await Promise.all([
    renderReportPdf(report, input.heading ?? {}),
    renderReportXlsx(report),
  ]);
  return { pdf, xlsx, periodLabel: period.label };
};
