// Apology before overdue (DOMAIN.md §9; NĐ 61/2018 Điều 19 pattern, HCMC QĐ 5157/2016): one working
// day before a clock falls due, the deadlines worker calls requestApologyDecision. The heads of the
// case are asked on Telegram to either send an apology with the reason and a new date (/xinloi), or
// say the date will be met. Asked once per clock and due date.
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { formatVietnameseDate, fromDbDate, parseLocalDate } from '../calendar/local-date.js';
import { appendCaseEvent } from '../cases/case.repository.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import { CASE_KIND_LABELS } from '../cases/case-vocabulary.js';
import { AppError } from '../core/app-error.js';
import { isUuid } from '../core/ids.js';
import { parseInput } from '../core/validation.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { findLetterSigners, signingRole } from './letter-signers.js';
import { findEventWithData } from './letter.repository.js';
import { LETTER_BUTTON_PREFIX } from './issue-letter.js';

const ZApologyRequestSchema = z.object({
  caseId: z.string().uuid(),
  clockId: z.string().uuid(),
  dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** `lt:apw:<clockId>` (how to write the apology), `lt:ok:<clockId>:<yyyymmdd>` (the date will be met). */
export const apologyWriteButtonValue = (clockId: string) => `${LETTER_BUTTON_PREFIX}apw:${clockId}`;
export const onTimeButtonValue = (clockId: string, dueOn: string) =>
  `${LETTER_BUTTON_PREFIX}ok:${clockId}:${dueOn.replaceAll('-', '')}`;

export interface ApologyRequestResult {
  /** False when this clock and due date had been asked about already, or nothing is to be asked. */
  requested: boolean;
  /** Heads the question went to on Telegram. */
  notified: number;
}

async function loadClock(ctx: AppContext, clockId: string) {
  return ctx.db.prisma.clock.findUnique({
    where: { id: clockId },
    select: { id: true, caseId: true, kind: true, status: true, dueOn: true, dueResetOn: true },
  });
}

export async function requestApologyDecision(
  ctx: AppContext,
  input: { caseId: string; clockId: string; dueOn: string /* yyyy-mm-dd */ },
): Promise<ApologyRequestResult> {
  const { caseId, clockId, dueOn } = parseInput(ZApologyRequestSchema, input, {
    caseId: 'Hồ sơ',
    clockId: 'Thời hạn',
    dueOn: 'Ngày đến hạn',
  });
  const clock = await loadClock(ctx, clockId);
  if (!clock || clock.caseId !== caseId)
    throw new AppError('not_found', 'Không tìm thấy thời hạn của hồ sơ.');
  // A stopped clock needs no apology; a reset one may not be reset again.
  if (clock.status === 'stopped' || clock.dueResetOn) return { requested: false, notified: 0 };
  const requestKey = `${clockId}:${dueOn}`;
  if (
    await findEventWithData(ctx.db.prisma, caseId, 'apology_request', {
      key: 'requestKey',
      value: requestKey,
    })
  ) {
    return { requested: false, notified: 0 };
  }
  const { case: c, scope } = await loadCaseWithScope(ctx, caseId);
  const signers = await findLetterSigners(ctx, scope, 'apology_new_date');
  const due = formatVietnameseDate(parseLocalDate(dueOn));
  // Messages first (each once, by its key), then the event: a crash in between leaves the event
  // unwritten, so the next call repeats the messages (deduplicated) and writes it.
  for (const signer of signers) {
    await enqueueNotification(ctx, {
      caseId,
      channel: 'telegram',
      recipient: { channel: 'telegram', conversationId: signer.telegramUserId },
      content: {
        text: [
          `⏰ Hồ sơ ${c.code} (${CASE_KIND_LABELS[c.kind].vi.toLowerCase()}) đến hạn ngày ${due}.`,
          'Nếu không kịp hạn, cần gửi người gửi thư xin lỗi nêu rõ lý do và hẹn ngày trả kết quả mới, chậm nhất trước hạn một ngày làm việc; ngày hẹn chỉ được đặt lại một lần.',
        ].join('\n'),
        buttons: [
          [{ label: '📝 Gửi thư xin lỗi & hẹn ngày mới', value: apologyWriteButtonValue(clockId) }],
          [{ label: '✅ Sẽ kịp hạn', value: onTimeButtonValue(clockId, dueOn) }],
        ],
      },
      dedupeKey: `apology-request:${requestKey}:${signer.id}`,
    });
  }
  const written = await ctx.db.prisma.$transaction(async (tx) => {
    if (await findEventWithData(tx, caseId, 'apology_request', { key: 'requestKey', value: requestKey })) {
      return false;
    }
    await appendCaseEvent(tx, {
      caseId,
      action: 'apology_request',
      fromStatus: c.status,
      toStatus: c.status,
      actorType: 'system',
      data: { requestKey, clockId, clockKind: clock.kind, dueOn, notified: signers.length },
      at: ctx.clock.now(),
    });
    return true;
  });
  return { requested: written, notified: signers.length };
}

/** The case and clock behind a button, checked: the presser must be able to sign for the case. */
async function clockForSigner(ctx: AppContext, clockId: string, staffId: string) {
  const clock = isUuid(clockId) ? await loadClock(ctx, clockId) : null;
  if (!clock) throw new AppError('not_found', 'Không tìm thấy thời hạn của hồ sơ.');
  const staff = await loadActiveStaff(ctx, staffId);
  const { case: c, scope } = await loadCaseWithScope(ctx, clock.caseId);
  const role = signingRole(staff, scope, 'apology_new_date');
  if (!role) {
    throw new AppError(
      'forbidden',
      'Chỉ trưởng khoa/phòng phụ trách hoặc lãnh đạo đơn vị được quyết định việc này.',
    );
  }
  return { clock, case: c, staff, role };
}

/** "📝 Gửi thư xin lỗi & hẹn ngày mới": the command to type (the reason and date are the head's words). */
export async function apologyCommandHint(ctx: AppContext, input: { clockId: string; staffId: string }) {
  const { case: c, clock } = await clockForSigner(ctx, input.clockId, input.staffId);
  if (clock.dueResetOn) {
    return `Hạn của hồ sơ ${c.code} đã được hẹn lại một lần (ngày ${formatVietnameseDate(fromDbDate(clock.dueResetOn))}); không thể hẹn lại lần nữa.`;
  }
  return `Để gửi thư xin lỗi và hẹn ngày trả kết quả mới cho hồ sơ ${c.code}, hãy gửi:\n/xinloi ${c.code} <dd/mm/yyyy> <lý do>\nVí dụ: /xinloi ${c.code} 20/03/2026 Cần thêm thời gian xác minh với các khoa liên quan`;
}

/** "✅ Sẽ kịp hạn": recorded once per clock and due date as an audit event. */
export async function recordOnTimeExpected(
  ctx: AppContext,
  input: { clockId: string; dueOn: string; staffId: string },
): Promise<{ caseCode: string; recordedNow: boolean }> {
  const { case: c, staff, role, clock } = await clockForSigner(ctx, input.clockId, input.staffId);
  const key = `${clock.id}:${input.dueOn}`;
  const recordedNow = await ctx.db.prisma.$transaction(async (tx) => {
    if (await findEventWithData(tx, c.id, 'apology_not_needed', { key: 'requestKey', value: key }))
      return false;
    await appendCaseEvent(tx, {
      caseId: c.id,
      action: 'apology_not_needed',
      fromStatus: c.status,
      toStatus: c.status,
      actorType: 'staff',
      actorStaffId: staff.id,
      actorRole: role,
      data: { requestKey: key, clockId: clock.id, clockKind: clock.kind, dueOn: input.dueOn },
      at: ctx.clock.now(),
    });
    return true;
  });
  return { caseCode: c.code, recordedNow };
}
