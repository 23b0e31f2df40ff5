// A periodic report's life, like a letter's (src/letters/issue-letter.ts): drafted by the scheduled
// job and sent to the organisation's leaders, signed by one of them (numbered once in the letters'
// register of the year, symbol BC-), the signed PDF stored, sent to the recipients through the
// notify outbox, and marked filed. Each step is a conditional update with its event; running a step
// again (a retry, a second /kybaocao) finishes what was missing and changes nothing else.
import type { AppContext } from '../../app-context.js';
import {
  compareDates,
  formatVietnameseDate,
  fromDbDate,
  toDbDate,
  toVietnamDate,
  type LocalDate,
} from '../../calendar/local-date.js';
import { randomSymbolValues, symbolsOf } from '../../cases/symbol-alphabet.js';
import { AppError } from '../../core/app-error.js';
import type { Prisma } from '../../db/generated/client.js';
import { loadActiveStaff } from '../../directory/resolve-staff.js';
import type { StaffMember } from '../../directory/staff-member.js';
import { putFile } from '../../files/file-store.js';
import { parseLetterSettings } from '../../letters/letter-settings.js';
import { takeRegisterNumber } from '../../letters/letter.repository.js';
import { enqueueNotification } from '../../notify/enqueue-notification.js';
import type { PeriodicReportDeps } from './report-documents.js';
import {
  changeFilingOnce,
  findFilingByRef,
  findFilingOfPeriod,
  insertFilingOnce,
  type DefinitionRow,
  type FilingEvent,
  type FilingRow,
} from './report-filing.repository.js';
import { organizationLeaders, parseRecipients, resolveRecipients } from './report-recipients.js';
import type { ReportOccurrence } from './report-schedule.js';
import { maySignReportsOf } from './report-roles.js';

/** "BC" is the symbol of a báo cáo (NĐ 30/2020/NĐ-CP, Phụ lục III). */
export const REPORT_SYMBOL_PREFIX = 'BC';
const REPORTS_DIR = 'files/reports';
const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const event = (
  action: FilingEvent['action'],
  at: Date,
  extra: Omit<FilingEvent, 'action' | 'at'> = {},
): FilingEvent => ({ action, at: at.toISOString(), ...extra });

function newRef(): string {
  return `${REPORT_SYMBOL_PREFIX}-${symbolsOf(randomSymbolValues(6))}`;
}

/** "12/BC-TTYT-THUAN-AN". */
export function reportNumberText(
  organization: { code: string; kind: string; settings: unknown },
  number: number,
): string {
  return `${number}/${REPORT_SYMBOL_PREFIX}-${parseLetterSettings(organization, organization.settings).letterSymbol}`;
}

/** The stem of a filing's file names, as the recipients get them (bao-cao-<definition>-<period>). */
export const filingFileBase = (f: { definition: { code: string }; periodCode: string }) =>
  `bao-cao-${f.definition.code}-${f.periodCode.replace(/\.\./g, '_')}`;

export interface DraftOutcome {
  ref: string;
  created: boolean;
  signers: number;
}

/** Makes the definition's report of the occurrence, once, and sends the draft to the leaders. */
export async function draftPeriodicReport(
  ctx: AppContext,
  deps: PeriodicReportDeps,
  definition: DefinitionRow,
  occurrence: ReportOccurrence,
): Promise<DraftOutcome> {
  const { prisma } = ctx.db;
  const created = await insertFilingOnce(prisma, {
    ref: newRef(),
    definitionId: definition.id,
    organizationId: definition.organizationId,
    periodCode: occurrence.period.code,
    periodFrom: toDbDate(occurrence.period.from),
    periodTo: toDbDate(occurrence.period.to),
    dueOn: toDbDate(occurrence.dueOn),
    events: [event('report_draft', ctx.clock.now())] as unknown as Prisma.InputJsonValue,
  });
  const filing = (await findFilingOfPeriod(prisma, definition.id, occurrence.period.code))!;
  const signers = await sendDraft(ctx, deps, filing);
  return { ref: filing.ref, created, signers };
}

/** Renders and stores the draft (once) and sends it to each leader (once per leader). */
export async function sendDraft(
  ctx: AppContext,
  deps: PeriodicReportDeps,
  filing: FilingRow,
): Promise<number> {
  if (filing.status !== 'draft') return 0;
  let draftKey = filing.draftFileKey;
  if (!draftKey) {
    const docs = await deps.render(ctx, {
      organizationCode: filing.organization.code,
      periodCode: filing.periodCode,
      heading: { signed: false },
    });
    draftKey = `${REPORTS_DIR}/${filing.id}-du-thao.pdf`;
    const xlsxKey = `${REPORTS_DIR}/${filing.id}.xlsx`;
    await putFile(ctx, draftKey, docs.pdf, { mimeType: PDF, replace: true });
    await putFile(ctx, xlsxKey, docs.xlsx, { mimeType: XLSX, replace: true });
    await prisma(ctx).periodicReportFiling.updateMany({
      where: { id: filing.id, draftFileKey: null },
      data: { draftFileKey: draftKey, xlsxFileKey: xlsxKey },
    });
  }
  const leaders = await organizationLeaders(ctx, filing.organizationId);
  const due = formatVietnameseDate(fromDbDate(filing.dueOn));
  for (const leader of leaders) {
    await enqueueNotification(ctx, {
      channel: 'telegram',
      recipient: leader.ref,
      content: {
        text:
          `📊 Dự thảo ${filing.definition.title} (kỳ ${filing.periodCode}), hạn gửi trước ngày ${due}.\n` +
          `Xin đồng chí xem và ký: /kybaocao ${filing.ref} — báo cáo sẽ được đánh số và gửi nơi nhận ngay sau khi ký.`,
        file: { key: draftKey, fileName: `du-thao-${filingFileBase(filing)}.pdf`, mimeType: PDF },
      },
      dedupeKey: `report:${filing.id}:draft:${leader.key}`,
    });
  }
  return leaders.length;
}

const prisma = (ctx: AppContext) => ctx.db.prisma;

async function loadFiling(ctx: AppContext, ref: string): Promise<FilingRow> {
  const filing = await findFilingByRef(ctx.db.prisma, ref.trim().toUpperCase());
  if (!filing)
    throw new AppError('not_found', `Không tìm thấy báo cáo "${ref}". Gõ /baocao để xem danh sách.`);
  return filing;
}

function mustSign(staff: StaffMember, organizationId: string): void {
  if (!maySignReportsOf(staff, organizationId))
    throw new AppError('forbidden', 'Chỉ lãnh đạo đơn vị được ký báo cáo định kỳ.');
}

export interface SignReportResult {
  ref: string;
  title: string;
  periodCode: string;
  numberText: string;
  signedNow: boolean;
  /** How many conversations the signed report went to. */
  recipients: number;
}

/** `/kybaocao <ref>`: signs and numbers the report (once), then stores, sends and files it. */
export async function signPeriodicReport(
  ctx: AppContext,
  deps: PeriodicReportDeps,
  input: { ref: string; staffId: string },
): Promise<SignReportResult> {
  const filing = await loadFiling(ctx, input.ref);
  const staff = await loadActiveStaff(ctx, input.staffId);
  mustSign(staff, filing.organizationId);
  let signedNow = false;
  if (filing.status === 'draft') {
    const settings = parseLetterSettings(filing.organization, filing.organization.settings);
    const title = staff.title?.trim() || settings.headTitle;
    const at = ctx.clock.now();
    signedNow = await ctx.db.prisma.$transaction(async (tx) => {
      const year = Number(toVietnamDate(at).slice(0, 4));
      // The number is taken only by the call that moves draft → signed.
      const claimed = await tx.periodicReportFiling.updateMany({
        where: { id: filing.id, status: 'draft' },
        data: {
          status: 'signed',
          signerName: staff.fullName,
          signerTitle: title,
          signedByStaffId: staff.id,
          signedAt: at,
        },
      });
      if (claimed.count === 0) return false;
      const number = await takeRegisterNumber(tx, filing.organizationId, year);
      return changeFilingOnce(
        tx,
        filing.id,
        { number: null },
        { year, number },
        event('report_sign', at, { staffId: staff.id, data: { number, year } }),
      );
    });
  }
  return { ...(await completePeriodicReport(ctx, deps, filing.ref)), signedNow };
}

/** The steps after the signature, each once: store the signed PDF, send it, mark it filed. */
export async function completePeriodicReport(
  ctx: AppContext,
  deps: PeriodicReportDeps,
  ref: string,
): Promise<Omit<SignReportResult, 'signedNow'>> {
  let filing = await loadFiling(ctx, ref);
  if (filing.status === 'draft' || filing.number === null)
    throw new AppError('conflict', 'Báo cáo chưa được ký.');
  const numberText = reportNumberText(filing.organization, filing.number);
  if (!filing.signedFileKey) {
    const docs = await deps.render(ctx, {
      organizationCode: filing.organization.code,
      periodCode: filing.periodCode,
      heading: {
        number: numberText,
        signer: { title: filing.signerTitle ?? '', name: filing.signerName ?? '' },
        signed: true,
        ...(filing.signedAt ? { date: toVietnamDate(filing.signedAt) } : {}),
      },
    });
    const key = `${REPORTS_DIR}/${filing.id}-so-${filing.number}.pdf`;
    const xlsxKey = `${REPORTS_DIR}/${filing.id}.xlsx`;
    await putFile(ctx, key, docs.pdf, { mimeType: PDF });
    await putFile(ctx, xlsxKey, docs.xlsx, { mimeType: XLSX, replace: true });
    const at = ctx.clock.now();
    await ctx.db.prisma.$transaction((tx) =>
      changeFilingOnce(
        tx,
        filing.id,
        { signedFileKey: null },
        { signedFileKey: key, xlsxFileKey: xlsxKey },
        event('report_store', at),
      ),
    );
    filing = await loadFiling(ctx, ref);
  }
  const recipients = await resolveRecipients(
    ctx,
    filing.organizationId,
    parseRecipients(ctx, filing.definition.recipients),
  );
  const base = filingFileBase(filing);
  for (const r of recipients) {
    const caption = `📊 ${filing.organization.name} gửi ${filing.definition.title} (kỳ ${filing.periodCode}), số ${numberText}.`;
    await enqueueNotification(ctx, {
      channel: 'telegram',
      recipient: r.ref,
      content: {
        text: caption,
        file: { key: filing.signedFileKey!, fileName: `${base}-so-${filing.number}.pdf`, mimeType: PDF },
      },
      dedupeKey: `report:${filing.id}:file:${r.key}`,
    });
    if (filing.xlsxFileKey) {
      await enqueueNotification(ctx, {
        channel: 'telegram',
        recipient: r.ref,
        content: {
          text: `Số liệu kèm báo cáo số ${numberText} (XLSX).`,
          file: { key: filing.xlsxFileKey, fileName: `${base}.xlsx`, mimeType: XLSX },
        },
        dedupeKey: `report:${filing.id}:xlsx:${r.key}`,
      });
    }
  }
  const at = ctx.clock.now();
  await ctx.db.prisma.$transaction((tx) =>
    changeFilingOnce(
      tx,
      filing.id,
      { status: 'signed' },
      { status: 'filed', filedAt: at },
      event('report_file', at, { data: { recipients: recipients.length } }),
    ),
  );
  return {
    ref: filing.ref,
    title: filing.definition.title,
    periodCode: filing.periodCode,
    numberText,
    recipients: recipients.length,
  };
}

export interface FilingView {
  ref: string;
  title: string;
  periodCode: string;
  dueOn: LocalDate;
  status: FilingRow['status'];
  numberText: string | null;
}

export function toFilingView(f: FilingRow): FilingView {
  return {
    ref: f.ref,
    title: f.definition.title,
    periodCode: f.periodCode,
    dueOn: fromDbDate(f.dueOn),
    status: f.status,
    numberText: f.number === null ? null : reportNumberText(f.organization, f.number),
  };
}

/**
 * Late: not filed when its due date began, or filed on or after it. The due date is the first day
 * that is late ("trước ngày 25/4"), as the escalation reads it (listUnfiledDueBy; decision 0058).
 */
export function isFilingLate(f: { dueOn: LocalDate; filedAt: Date | null }, today: LocalDate): boolean {
  return compareDates(f.filedAt ? toVietnamDate(f.filedAt) : today, f.dueOn) >= 0;
}
