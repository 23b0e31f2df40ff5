// Prints the reception register of one organisation for a period (Vietnam dates, both included) as
// PDF or XLSX. The visitors' data is unsealed only here, into the file; an officer who prints it from
// the bot leaves an access-log row on each case (the CLI is the operator's, on the server itself).
import type { AppContext } from '../app-context.js';
import { recordIdentityAccess } from '../cases/case.repository.js';
import {
  compareDates,
  formatVietnameseDate,
  vietnamDayEnd,
  vietnamDayStart,
  type LocalDate,
} from '../calendar/local-date.js';
import { AppError } from '../core/app-error.js';
import { renderPdf } from '../pdf/render-pdf.js';
import { buildRegisterDocument, type RegisterHeading } from './register-document.js';
import { registerRows, type RegisterRow, type RegisterVisit } from './register-rows.js';
import { buildRegisterWorkbook } from './register-workbook.js';
import { listVisitsBetween } from './reception.repository.js';
import { receptionRoleOf } from './reception-vocabulary.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import type { Visitor } from './reception-visit.schema.js';

export const REGISTER_FORMATS = ['pdf', 'xlsx'] as const;
export type RegisterFormat = (typeof REGISTER_FORMATS)[number];

const MIME: Readonly<Record<RegisterFormat, string>> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface PrintReceptionRegisterInput {
  organizationId: string;
  from: LocalDate;
  to: LocalDate;
  format: RegisterFormat;
  /** The officer printing from the bot: their role is checked and each case's identity access logged. */
  byStaffId?: string;
}

export interface PrintedRegister {
  fileName: string;
  mimeType: string;
  bytes: Buffer;
  visits: number;
}

type RegisterContext = Pick<AppContext, 'db' | 'sealedBox' | 'clock'>;

export async function printReceptionRegister(
  ctx: RegisterContext,
  input: PrintReceptionRegisterInput,
): Promise<PrintedRegister> {
  const { org, heading, rows } = await loadReceptionRegister(ctx, input);
  const bytes = await render(input.format, heading, rows, ctx.clock.now());
  return {
    fileName: `so-tiep-cong-dan-${org.code}-${input.from}-${input.to}.${input.format}`,
    mimeType: MIME[input.format],
    bytes,
    visits: rows.length,
  };
}

/** The register's heading and rows as both formats print them (unsealing the visitors). */
export async function loadReceptionRegister(
  ctx: RegisterContext,
  input: Omit<PrintReceptionRegisterInput, 'format'>,
) {
  if (compareDates(input.from, input.to) > 0) {
    throw new AppError('validation', 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.');
  }
  const org = await ctx.db.prisma.organization.findUnique({
    where: { id: input.organizationId },
    select: { code: true, name: true, parent: { select: { name: true } } },
  });
  if (!org) throw new AppError('not_found', 'Không tìm thấy đơn vị.');
  const stored = await listVisitsBetween(
    ctx.db.prisma,
    input.organizationId,
    vietnamDayStart(input.from),
    vietnamDayEnd(input.to),
  );
  const visits: RegisterVisit[] = stored.map((v) => ({
    visitedAt: v.visitedAt,
    visitor: ctx.sealedBox.openJson<Visitor>(v.visitorCiphertext),
    summary: v.summary,
    handling: v.handling,
    priorBody: v.priorBody,
    bookingReference: v.bookingReference,
    petitionReceivedOn: v.petitionReceivedOn,
    officerName: v.officer.fullName,
    cases: v.cases.map((c) => c.case),
  }));
  if (input.byStaffId) {
    const staff = await loadActiveStaff(ctx, input.byStaffId);
    const role = receptionRoleOf(staff);
    if (staff.organizationId !== input.organizationId || !role) {
      throw new AppError(
        'forbidden',
        'Chỉ cán bộ tiếp nhận hoặc lãnh đạo của đơn vị mới in sổ tiếp công dân.',
      );
    }
    const at = ctx.clock.now();
    const caseIds = new Set(stored.flatMap((v) => v.cases.map((c) => c.caseId)));
    for (const caseId of caseIds) {
      await recordIdentityAccess(ctx.db.prisma, {
        caseId,
        staffId: staff.id,
        role,
        reason: 'In sổ tiếp công dân',
        at,
      });
    }
  }
  const heading: RegisterHeading = {
    parentName: org.parent?.name ?? null,
    organizationName: org.name,
    period: `Từ ngày ${formatVietnameseDate(input.from)} đến ngày ${formatVietnameseDate(input.to)}`,
  };
  return { org, heading, rows: registerRows(visits) };
}

async function render(
  format: RegisterFormat,
  heading: RegisterHeading,
  rows: readonly RegisterRow[],
  created: Date,
): Promise<Buffer> {
  switch (format) {
    case 'pdf':
      return renderPdf(buildRegisterDocument(heading, rows, created));
    case 'xlsx':
      return buildRegisterWorkbook(heading, rows, created);
    default: {
      const unknown: never = format;
      throw new Error(`unknown register format ${String(unknown)}`);
    }
  }
}
