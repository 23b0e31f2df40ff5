// The console's report page (/console/bao-cao?org=&period=): the periodic report's figures, the
// same tables as the PDF and its charts inlined as SVG, with the XLSX/PDF/CSV downloads
// (/console/bao-cao/tai-ve?…&format=). Read-only GETs: the figures are built on each request from
// the same use case the CLI and the scheduled drafts run.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import {
  addDays,
  formatVietnameseDate,
  toVietnamDate,
  toYmd,
  type LocalDate,
} from '../../calendar/local-date.js';
import { AppError } from '../../core/app-error.js';
import { parseInput } from '../../core/validation.js';
import { findStaff } from '../../directory/resolve-staff.js';
import { buildPeriodicReport } from '../../reports/periodic/build-report.js';
import { listAllOrganizations } from '../../reports/periodic/periodic-report.repository.js';
import { renderReportCharts } from '../../reports/periodic/report-charts.js';
import { figureLines, FIGURE_SECTION_LABELS } from '../../reports/periodic/report-figures.js';
import {
  REPORT_FORMATS,
  REPORT_MIME_TYPES,
  renderReportFile,
  reportFileName,
} from '../../reports/periodic/report-file.js';
import {
  LATE_STATE_LABELS,
  kindLabel,
  type PeriodicReport,
  type ReportCounts,
} from '../../reports/periodic/report-model.js';
import { parseReportPeriod } from '../../reports/periodic/report-period.js';
import { html, raw, type Html } from '../../web/html.js';
import { actorOf, type ConsoleActor } from '../console-actor.js';
import { consolePage } from '../console-layout.js';
import { readableOrganizations } from './report-access.js';
import { FILINGS_PATH } from './report-filings.routes.js';
import { reportTexts } from './report-texts.js';

const HTML = 'text/html; charset=utf-8';
const ORG_CODE = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,64}$/);
const ZReportQuery = z.object({
  org: ORG_CODE.optional(),
  period: z.string().trim().max(40).optional(),
});
const ZDownloadQuery = z.object({
  org: ORG_CODE,
  period: z.string().trim().max(40),
  format: z.enum(REPORT_FORMATS),
});
const QUERY_LABELS = { org: 'Tổ chức', period: 'Kỳ báo cáo', format: 'Định dạng' };

/** The last whole month before today: what an officer most often opens. */
function lastMonthCode(today: LocalDate): string {
  const { year, month } = toYmd(addDays(today, -toYmd(today).day));
  return `${year}-${String(month).padStart(2, '0')}`;
}

async function loadReport(ctx: AppContext, actor: ConsoleActor, org: string | undefined, periodCode: string) {
  const staff = await findStaff(ctx, actor.staffId);
  const t = reportTexts(actor.lang);
  const readable = staff ? readableOrganizations(staff, await listAllOrganizations(ctx.db.prisma)) : [];
  if (readable.length === 0) throw new AppError('forbidden', t.noReportRole);
  const chosen = org ? readable.find((o) => o.code === org) : readable[0];
  if (!chosen) throw new AppError('forbidden', t.noAccess);
  const period = parseReportPeriod(periodCode);
  const report = await buildPeriodicReport(ctx, { organizationCode: chosen.code, period });
  return { report, readable };
}

const num = (v: number | null) =>
  v === null ? '–' : v.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
const delta = (a: number | null, b: number | null) =>
  a === null || b === null ? '–' : a - b > 0 ? `+${num(a - b)}` : a - b < 0 ? `−${num(b - a)}` : '0';

function figuresTable(report: PeriodicReport, lang: ConsoleActor['lang']): Html {
  const t = reportTexts(lang);
  const previous = new Map(figureLines(report.previousTotals).map((l) => [l.key, l.value]));
  const lines = figureLines(report.totals);
  const sections = [...new Set(lines.map((l) => l.section))];
  return html`<table class="report">
    <thead>
      <tr>
        <th scope="col">${t.figure}</th>
        <th scope="col">${t.thisPeriod}<br />${report.period.label}</th>
        <th scope="col">${t.previousPeriod}<br />${report.previousPeriod.label}</th>
        <th scope="col">${t.change}</th>
      </tr>
    </thead>
    ${sections.map(
      (s) =>
        html`<tbody>
          <tr>
            <th scope="rowgroup" colspan="4">${FIGURE_SECTION_LABELS[s]}</th>
          </tr>
          ${lines
            .filter((l) => l.section === s)
            .map(
              (l) =>
                html`<tr data-key="${l.key}">
                  <th scope="row">${l.label}</th>
                  <td>${num(l.value)}</td>
                  <td>${num(previous.get(l.key) ?? null)}</td>
                  <td>${delta(l.value, previous.get(l.key) ?? null)}</td>
                </tr>`,
            )}
        </tbody>`,
    )}
  </table>`;
}

const BREAKDOWN: readonly [string, (c: ReportCounts) => number][] = [
  ['Tiếp nhận', (c) => c.received],
  ['Đã giải quyết', (c) => c.resolved],
  ['Đúng hạn', (c) => c.resolvedOnTime],
  ['Quá hạn', (c) => c.resolvedLate],
  ['Đang giải quyết', (c) => c.open],
  ['Đang quá hạn', (c) => c.openOverdue],
  ['Khen ngợi', (c) => c.praise],
  ['Phản ánh đúng', (c) => c.upheld],
];

function breakdownTable(rows: { name: string; counts: ReportCounts }[]): Html {
  return html`<table class="report">
    <thead>
      <tr>
        <th scope="col"></th>
        ${BREAKDOWN.map(([h]) => html`<th scope="col">${h}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (r) =>
          html`<tr>
            <th scope="row">${r.name}</th>
            ${BREAKDOWN.map(([, get]) => html`<td>${num(get(r.counts))}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

async function reportBody(
  report: PeriodicReport,
  readable: { code: string; name: string }[],
  actor: ConsoleActor,
): Promise<Html> {
  const t = reportTexts(actor.lang);
  const charts = await renderReportCharts(report);
  const query = (format: string) =>
    `/console/bao-cao/tai-ve?${new URLSearchParams({ org: report.organization.code, period: report.period.code, format })}`;
  const many = report.organizations.length > 1;
  return html`<h1>${t.title}</h1>
    <p><a href="${FILINGS_PATH}">${t.filingsLink}</a></p>
    <form method="get" action="/console/bao-cao" class="card">
      <label
        >${t.organization}
        <select name="org">
          ${readable.map(
            (o) =>
              html`<option value="${o.code}" ${o.code === report.organization.code ? raw('selected') : ''}>
                ${o.name}
              </option>`,
          )}
        </select></label
      >
      <label
        >${t.period}
        <input
          name="period"
          value="${report.period.code}"
          aria-describedby="period-hint"
          required
          maxlength="40"
      /></label>
      <small id="period-hint">${t.periodHint}</small>
      <button type="submit">${t.show}</button>
    </form>
    <h2>${report.organization.name} — ${report.period.label}</h2>
    <p>${t.asOf(formatVietnameseDate(report.asOf as LocalDate))}</p>
    <p>
      ${t.download}:
      ${REPORT_FORMATS.map((f) => html`<a href="${query(f)}" download>${f.toUpperCase()}</a> `)}
    </p>
    ${figuresTable(report, actor.lang)}
    <h2>${t.byUnit}</h2>
    ${breakdownTable(
      report.organizations.flatMap((o) =>
        o.units.map((u) => ({ name: many ? `${o.code} · ${u.unitName}` : u.unitName, counts: u.counts })),
      ),
    )}
    ${
      many
        ? html`<h2>${t.byOrganization}</h2>
            ${breakdownTable(report.organizations.map((o) => ({ name: o.name, counts: o.counts })))}`
        : ''
    }
    <h2>${t.overdue}</h2>
    ${
      report.overdueCases.length
        ? html`<table class="report">
            <tbody>
              ${report.overdueCases.map(
                (c) =>
                  html`<tr>
                    <th scope="row">${c.code}</th>
                    <td>${c.unitName}</td>
                    <td>${kindLabel(c.kind)}</td>
                    <td>${formatVietnameseDate(c.dueOn as LocalDate)}</td>
                    <td>${num(c.daysLate)}</td>
                    <td>${LATE_STATE_LABELS[c.lateState]}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p>${t.noOverdue}</p>`
    }
    <h2>${t.charts}</h2>
    ${charts.map(
      // The SVG is Vega's own output from our figures and labels (its renderer escapes text).
      (c) =>
        html`<figure class="chart">
          <figcaption>${c.title}</figcaption>
          ${raw(c.svg)}
        </figure>`,
    )}
    <h2>${t.notes}</h2>
    <ul>
      ${report.notes.map((n) => html`<li>${n}</li>`)}
    </ul>`;
}

export function registerConsoleReportRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/console/bao-cao', async (request, reply) => {
    const actor = actorOf(request);
    const query = parseInput(ZReportQuery, request.query, QUERY_LABELS);
    const period = query.period || lastMonthCode(toVietnamDate(ctx.clock.now()));
    const { report, readable } = await loadReport(ctx, actor, query.org, period);
    const body = await reportBody(report, readable, actor);
    return reply.type(HTML).send(
      consolePage({
        title: `${reportTexts(actor.lang).title} — ${report.period.label}`,
        actor,
        nav: 'reports',
        body,
      }),
    );
  });

  app.get('/console/bao-cao/tai-ve', async (request, reply) => {
    const actor = actorOf(request);
    const query = parseInput(ZDownloadQuery, request.query, QUERY_LABELS);
    const { report } = await loadReport(ctx, actor, query.org, query.period);
    const bytes = await renderReportFile(report, query.format);
    return reply
      .type(REPORT_MIME_TYPES[query.format])
      .header('content-disposition', `attachment; filename="${reportFileName(report, query.format)}"`)
      .send(bytes);
  });
}
