// What the filing needs from the figures: the report of one organisation and period as PDF (with
// the heading a signed document carries) and XLSX. The real one (render-filing-documents.ts) builds
// the figures with buildPeriodicReport; tests may pass another through the deps.
import type { AppContext } from '../../app-context.js';

/** Same shape as render-report.ts's ReportDocumentHeading. */
export interface FilingHeading {
  number?: string;
  signer?: { title: string; name: string };
  signed?: boolean;
  /** The signing day, YYYY-MM-DD. */
  date?: string;
}

export interface ReportDocuments {
  pdf: Buffer;
  xlsx: Buffer;
  /** Vietnamese period label, e.g. "Quý I năm 2026". */
  periodLabel: string;
}

export type RenderReportDocuments = (
  ctx: AppContext,
  input: { organizationCode: string; periodCode: string; heading?: FilingHeading },
) => Promise<ReportDocuments>;

export interface PeriodicReportDeps {
  render: RenderReportDocuments;
}

/**
 * The real renderer, loaded on first use: the figures and chart libraries stay out of the start-up
 * of processes that may never render a report (the bot's web process; decision 0043).
 */
export const PERIODIC_REPORT_DEPS: PeriodicReportDeps = {
  render: async (ctx, input) =>
    (await import('./render-filing-documents.js')).renderFilingDocuments(ctx, input),
};
