// The officer's reception-register commands in the bot: `/tiepdan` logs a visit typed on one line
// (each content a case; the đơn's date starts the statutory clocks) and answers with the codes to
// give the person; `/sotiepdan` sends the register of a period as a PDF or XLSX document.
import type { AppContext } from '../app-context.js';
import { formatVietnameseDate } from '../calendar/local-date.js';
import { CASE_KIND_LABELS } from '../cases/case-vocabulary.js';
import type { Outbound } from '../dialog/dialog-types.js';
import type { StaffMember } from '../directory/staff-member.js';
import { logReceptionVisit, printReceptionRegister } from '../reception-register/index.js';
import type { OfficerRequest, ReceptionVisitForm } from './officer-command-args.js';
import { postCaseCards } from './post-case-cards.js';

/** The register's "nội dung vụ việc" when typed on one line: the contents themselves, shortened. */
const SUMMARY_LIMIT = 1000;

export async function logReceptionVisitAndAnswer(
  ctx: AppContext,
  staff: StaffMember,
  visit: ReceptionVisitForm,
  visitKey: string,
): Promise<Outbound> {
  const summary = visit.contents.map((c) => `${CASE_KIND_LABELS[c.kind].vi}: ${c.text}`).join('; ');
  const logged = await logReceptionVisit(ctx, {
    officerStaffId: staff.id,
    organizationId: staff.organizationId,
    visitKey,
    visitor: {
      name: visit.name,
      ...(visit.idNumber ? { idNumber: visit.idNumber } : {}),
      ...(visit.address ? { address: visit.address } : {}),
      ...(visit.phone ? { phone: visit.phone } : {}),
    },
    summary: summary.length > SUMMARY_LIMIT ? `${summary.slice(0, SUMMARY_LIMIT - 1)}…` : summary,
    handling: visit.handling,
    contents: visit.contents,
    ...(visit.petitionDate ? { petitionDate: visit.petitionDate } : {}),
    ...(visit.bookingReference ? { bookingReference: visit.bookingReference } : {}),
  });
  for (const c of logged.cases) await postCaseCards(ctx, c.caseId);
  return {
    text: [
      `🏛️ Đã ghi sổ tiếp công dân${logged.duplicate ? ' (đã ghi trước đó)' : ''}: ${logged.cases.length} hồ sơ.`,
      ...logged.cases.map(
        (c) =>
          `• ${c.code} — ${CASE_KIND_LABELS[c.kind].vi}` +
          (c.petitionReceivedOn ? ` · đơn ngày ${formatVietnameseDate(c.petitionReceivedOn)}` : '') +
          (c.dueOn ? ` · hạn ${formatVietnameseDate(c.dueOn)}` : ''),
      ),
      'Đưa cho người đến mã hồ sơ để tra cứu.',
    ].join('\n'),
  };
}

export async function sendReceptionRegister(
  ctx: AppContext,
  staff: StaffMember,
  request: Extract<OfficerRequest, { type: 'reception_register' }>,
): Promise<Outbound> {
  const printed = await printReceptionRegister(ctx, {
    organizationId: staff.organizationId,
    from: request.from,
    to: request.to,
    format: request.format,
    byStaffId: staff.id,
  });
  return {
    text: `📒 Sổ tiếp công dân từ ${formatVietnameseDate(request.from)} đến ${formatVietnameseDate(request.to)}: ${printed.visits} lượt tiếp.`,
    file: { fileName: printed.fileName, mimeType: printed.mimeType, bytes: printed.bytes },
  };
}
