// The scheduled report filings in the console (/console/bao-cao/da-lap): the list of the
// organisations one may read (draft, signed, filed, late), their stored files, and "Duyệt và ký"
// for a signer, which calls signPeriodicReport as /kybaocao does, so the number, the stored copy,
// the delivery to the recipients and the filing's events are the bot's own (decision 0062).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { formatVietnameseDate, fromDbDate, toVietnamDate } from '../../calendar/local-date.js';
import { AppError } from '../../core/app-error.js';
import { findStaff } from '../../directory/resolve-staff.js';
import type { StaffMember } from '../../directory/staff-member.js';
import { readStoredFile } from '../../files/file-store.js';
import {
  filingFileBase,
  isFilingLate,
  reportNumberText,
  signPeriodicReport,
} from '../../reports/periodic/periodic-report-filing.js';
import { listAllOrganizations } from '../../reports/periodic/periodic-report.repository.js';
import { PERIODIC_REPORT_DEPS } from '../../reports/periodic/report-documents.js';
import {
  findFilingByRef,
  listRecentFilings,
  type FilingRow,
} from '../../reports/periodic/report-filing.repository.js';
import { maySignReportsOf } from '../../reports/periodic/report-roles.js';
import { html, type Html } from '../../web/html.js';
import { actorOf, type ConsoleActor } from '../console-actor.js';
import { consolePage, csrfField } from '../console-layout.js';
import { readableOrganizations } from './report-access.js';
import { reportTexts } from './report-texts.js';

const HTML = 'text/html; charset=utf-8';
export const FILINGS_PATH = '/console/bao-cao/da-lap';
const filingPath = (ref: string) => `${FILINGS_PATH}/${encodeURIComponent(ref)}`;
/** How many filings the list shows, the latest due date first. */
const LIST_SIZE = 60;

/** The stored files of a filing, by the name in their URL. */
const FILES = {
  'du-thao.pdf': { key: 'draftFileKey', type: 'application/pdf' },
  'ban-ky.pdf': { key: 'signedFileKey', type: 'application/pdf' },
  'so-lieu.xlsx': {
    key: 'xlsxFileKey',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
} as const satisfies Record<string, { key: keyof FilingRow; type: string }>;
type FileName = keyof typeof FILES;

const ZRefParams = z.object({ ref: z.string().regex(/^BC-[0-9A-Z]{6}$/) });
const ZFileParams = ZRefParams.extend({ file: z.enum(Object.keys(FILES) as [FileName, ...FileName[]]) });
const ZListQuery = z.object({ ok: z.string().max(300).optional() });

/** The person and the organisations whose reports they read; 403 for anyone else. */
async function reader(ctx: AppContext, actor: ConsoleActor) {
  const staff = await findStaff(ctx, actor.staffId);
  const readable = staff ? readableOrganizations(staff, await listAllOrganizations(ctx.db.prisma)) : [];
  if (!staff || readable.length === 0) throw new AppError('forbidden', reportTexts(actor.lang).noReportRole);
  return { staff, readable };
}

/** A filing the person may read; 404 alike for an unknown one and one of another tree. */
async function readableFiling(ctx: AppContext, actor: ConsoleActor, params: unknown) {
  const parsed = ZRefParams.safeParse(params);
  const { staff, readable } = await reader(ctx, actor);
  const filing = parsed.success ? await findFilingByRef(ctx.db.prisma, parsed.data.ref) : null;
  if (!filing || !readable.some((o) => o.id === filing.organizationId))
    throw new AppError('not_found', reportTexts(actor.lang).filingNotFound);
  return { staff, filing };
}

function fileName(filing: FilingRow, file: FileName): string {
  const base = filingFileBase(filing);
  switch (file) {
    case 'du-thao.pdf':
      return `du-thao-${base}.pdf`;
    case 'ban-ky.pdf':
      return `${base}-so-${filing.number ?? ''}.pdf`;
    case 'so-lieu.xlsx':
      return `${base}.xlsx`;
    default: {
      const never: never = file;
      return never;
    }
  }
}

function filingsPage(
  filings: readonly FilingRow[],
  staff: StaffMember,
  options: { actor: ConsoleActor; today: ReturnType<typeof toVietnamDate>; many: boolean; done?: string },
): Html {
  const { actor } = options;
  const t = reportTexts(actor.lang);
  const link = (f: FilingRow, file: FileName, label: string) =>
    f[FILES[file].key] ? html`<a href="${filingPath(f.ref)}/${file}" download>${label}</a>` : '';
  return html`<h1>${t.filings}</h1>
    <p><a href="/console/bao-cao">${t.title}</a></p>
    ${options.done ? html`<div class="notice ok" role="status">${options.done}</div>` : ''}
    ${
      filings.length
        ? html`<table class="rows">
              <caption class="sr-only">
                ${t.filings}
              </caption>
              <thead>
                <tr>
                  <th scope="col">${t.filingRef}</th>
                  <th scope="col">${t.filingTitle}</th>
                  <th scope="col">${t.period}</th>
                  <th scope="col">${t.filingDue}</th>
                  <th scope="col">${t.filingStatus}</th>
                  <th scope="col">${t.filingNumber}</th>
                  <th scope="col">${t.filingFiles}</th>
                  <th scope="col">${t.filingActions}</th>
                </tr>
              </thead>
              <tbody>
                ${filings.map((f) => {
                  const dueOn = fromDbDate(f.dueOn);
                  const late = isFilingLate({ dueOn, filedAt: f.filedAt }, options.today);
                  const signable = f.status === 'draft' && maySignReportsOf(staff, f.organizationId);
                  return html`<tr data-ref="${f.ref}">
                    <th scope="row">${f.ref}</th>
                    <td>
                      ${f.definition.title}${options.many ? html`<br /><small>${f.organization.name}</small>` : ''}
                    </td>
                    <td>${f.periodCode}</td>
                    <td>${formatVietnameseDate(dueOn)}</td>
                    <td>
                      ${t.filingStatusLabels[f.status]}
                      ${late ? html` <span class="badge overdue">${t.late}</span>` : ''}
                    </td>
                    <td>${f.number === null ? '—' : reportNumberText(f.organization, f.number)}</td>
                    <td>
                      ${link(f, 'du-thao.pdf', t.draftPdf)} ${link(f, 'ban-ky.pdf', t.signedPdf)}
                      ${link(f, 'so-lieu.xlsx', t.dataXlsx)}
                    </td>
                    <td>
                      ${
                        signable
                          ? html`<form method="post" action="${filingPath(f.ref)}/ky">
                              ${csrfField(actor)}
                              <button type="submit" aria-describedby="sign-hint">${t.sign}</button>
                            </form>`
                          : ''
                      }
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
            <p id="sign-hint" class="small muted">${t.signHint}</p>`
        : html`<p class="muted">${t.filingsEmpty}</p>`
    }`;
}

export function registerConsoleReportFilingRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get(FILINGS_PATH, async (request, reply) => {
    const actor = actorOf(request);
    const { staff, readable } = await reader(ctx, actor);
    const filings = await listRecentFilings(
      ctx.db.prisma,
      readable.map((o) => o.id),
      LIST_SIZE,
    );
    const query = ZListQuery.safeParse(request.query);
    const body = filingsPage(filings, staff, {
      actor,
      today: toVietnamDate(ctx.clock.now()),
      many: readable.length > 1,
      ...(query.success && query.data.ok ? { done: query.data.ok } : {}),
    });
    return reply
      .type(HTML)
      .send(consolePage({ title: reportTexts(actor.lang).filings, actor, nav: 'reports', body }));
  });

  app.get(`${FILINGS_PATH}/:ref/:file`, async (request, reply): Promise<FastifyReply> => {
    const actor = actorOf(request);
    const { filing } = await readableFiling(ctx, actor, request.params);
    const params = ZFileParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found', reportTexts(actor.lang).filingNotFound);
    const file = FILES[params.data.file];
    const key = filing[file.key];
    const bytes = key ? await readStoredFile(ctx, key) : null;
    if (!bytes) throw new AppError('not_found', reportTexts(actor.lang).fileMissing);
    return reply
      .type(file.type)
      .header('content-disposition', `attachment; filename="${fileName(filing, params.data.file)}"`)
      .send(bytes);
  });

  // The same call as /kybaocao: the service checks the signer again (403 with its reason), takes
  // the number once and finishes the storing and sending; a second press only reports the number.
  app.post(`${FILINGS_PATH}/:ref/ky`, async (request, reply) => {
    const actor = actorOf(request);
    const t = reportTexts(actor.lang);
    const { staff, filing } = await readableFiling(ctx, actor, request.params);
    const r = await signPeriodicReport(ctx, PERIODIC_REPORT_DEPS, { ref: filing.ref, staffId: staff.id });
    const where = r.recipients > 0 ? t.sentTo(r.recipients) : t.noRecipient;
    const done = r.signedNow
      ? t.signed(r.title, r.periodCode, r.numberText, where)
      : t.signedBefore(r.ref, r.numberText, where);
    return reply.redirect(`${FILINGS_PATH}?ok=${encodeURIComponent(done)}`, 303);
  });
}
