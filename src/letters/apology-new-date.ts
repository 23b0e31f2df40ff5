// `/xinloi <mã> <dd/mm/yyyy> <lý do>`: the head sets the new date of the case's governing clock
// (statutory before internal, src/deadlines/governing-clock.ts) — once per clock (resetDueDate, src/deadlines/clock.ts) — and the apology with the reason and the
// new date is issued in their name and sent to the sender. The clock, its audit event and the
// letter are written in one transaction: a refused reset leaves no letter, a second one is refused.
import { scheduleCaseMilestonesSafely } from '../deadlines/schedule-milestones.js';
import type { AppContext } from '../app-context.js';
import { formatVietnameseDate, fromDbDate, toVietnamDate, type LocalDate } from '../calendar/local-date.js';
import { appendCaseEvent } from '../cases/case.repository.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import { AppError } from '../core/app-error.js';
import { computeDueDate, resetDueDate } from '../deadlines/clock.js';
import { governingClock } from '../deadlines/governing-clock.js';
import { listClocks, rowToClock, upsertClock } from '../deadlines/clock.repository.js';
import { isDeadlineError } from '../deadlines/deadline-error.js';
import { loadDeadlineSettings } from '../deadlines/deadline.service.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { insertLetterWithEvent, signLetter, type SignLetterResult } from './issue-letter.js';
import { signingRole } from './letter-signers.js';
import { findLetterOfCase } from './letter.repository.js';
import { cleanFreeText } from '../core/free-text.js';

export interface ApologyNewDateResult extends SignLetterResult {
  previousDueOn: LocalDate;
  newDueOn: LocalDate;
}

export async function issueApologyWithNewDate(
  ctx: AppContext,
  input: { caseId: string; staffId: string; newDate: LocalDate; reason: string },
): Promise<ApologyNewDateResult> {
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { case: c, scope } = await loadCaseWithScope(ctx, input.caseId);
  const role = signingRole(staff, scope, 'apology_new_date');
  if (!role) {
    throw new AppError(
      'forbidden',
      'Chỉ trưởng khoa/phòng phụ trách hoặc lãnh đạo đơn vị được ký thư xin lỗi và hẹn ngày mới.',
    );
  }
  const reason = cleanFreeText(input.reason);
  if (reason.length < 5) throw new AppError('validation', 'Cần nêu lý do chậm trễ (ít nhất vài từ).');
  const at = ctx.clock.now();

  const planned = await ctx.db.prisma.$transaction(async (tx) => {
    // The apology is about the governing clock — the statutory one when the law's clock runs,
    // else the unit's own — not whichever falls due first: a new date on the internal clock would
    // leave the deadline an inspector checks where it was. upsertClock then moves the case's
    // governing due date with it.
    const governing = governingClock(
      (await listClocks(tx, c.id)).map((row) => ({
        row,
        kind: row.kind,
        status: row.status,
        dueOn: fromDbDate(row.dueOn),
      })),
    );
    if (!governing) throw new AppError('unprocessable', `Hồ sơ ${c.code} không có thời hạn nào đang tính.`);
    const { row } = governing.clock;
    if (row.dueResetOn) {
      throw new AppError(
        'conflict',
        `Hạn của hồ sơ ${c.code} đã được hẹn lại một lần (đến ngày ${formatVietnameseDate(fromDbDate(row.dueResetOn))}); theo quy định chỉ được hẹn lại một lần.`,
        { reason: 'due_date_already_reset' },
      );
    }
    if (await findLetterOfCase(tx, c.id, 'apology_new_date')) {
      throw new AppError('conflict', `Hồ sơ ${c.code} đã có thư xin lỗi hẹn ngày mới.`);
    }
    const settings = await loadDeadlineSettings(tx, c.organizationId);
    const previousDueOn = fromDbDate(row.dueOn);
    let updated;
    try {
      updated = resetDueDate(rowToClock(row), settings.calendar, input.newDate);
    } catch (err) {
      if (isDeadlineError(err) && err.reason === 'due_date_already_reset') {
        throw new AppError(
          'conflict',
          `Hạn của hồ sơ ${c.code} đã được hẹn lại một lần; không thể hẹn lại lần nữa.`,
        );
      }
      throw err;
    }
    const status = row.status;
    const dueOn = computeDueDate(
      updated,
      settings.calendar,
      status === 'paused' ? { openPausesUntil: toVietnamDate(at) } : {},
    );
    await upsertClock(tx, c.id, updated, dueOn, status, at);
    await appendCaseEvent(tx, {
      caseId: c.id,
      action: 'reset_due_date',
      fromStatus: c.status,
      toStatus: c.status,
      actorType: 'staff',
      actorStaffId: staff.id,
      actorRole: role,
      reason,
      data: { clockId: row.id, clockKind: row.kind, previousDueOn, newDueOn: input.newDate },
      at,
    });
    const letterId = await insertLetterWithEvent(tx, {
      caseId: c.id,
      organizationId: c.organizationId,
      content: {
        kind: 'apology_new_date',
        caseCode: c.code,
        caseKind: c.kind,
        receivedOn: toVietnamDate(c.receivedAt),
        // The statutory clocks count from the đơn, so the letter dates the item by it when one was recorded.
        ...(c.petitionReceivedOn ? { petitionReceivedOn: fromDbDate(c.petitionReceivedOn) } : {}),
        reason: reason.slice(0, 2000),
        previousDueOn,
        newDueOn: input.newDate,
        clockId: row.id,
        draftedByStaffId: staff.id,
      },
      status: 'draft',
      actor: { staffId: staff.id, role },
      caseStatus: c.status,
      at,
    });
    return { letterId, previousDueOn };
  });
  // The reminders, the apology prompt and the escalation ladder now count to the new date.
  await scheduleCaseMilestonesSafely(ctx, input.caseId);
  const signed = await signLetter(ctx, { letterId: planned.letterId, staffId: staff.id });
  return { ...signed, previousDueOn: planned.previousDueOn, newDueOn: input.newDate };
}
