// Officers' letter commands and buttons, channel-neutral, kept apart from the case commands:
// - `/thu <mã> camon|xinloi [lời nhắn]` (/letter … thanks|apology): draft; the heads get the draft
//   PDF with "✍️ Duyệt và ký" / "↩️ Trả lại".
// - `/maudon <mã>` (/petitionform): the pre-filled đơn to the sender of a complaint or denunciation.
// - `/xinloi <mã> <dd/mm/yyyy> <lý do>` (/newdate): new date (once per clock) and the apology.
// - Buttons `lt:sign:<id>`, `lt:back:<id>` (drafts), `lt:apw:<clockId>`, `lt:ok:<clockId>:<yyyymmdd>`
//   (the apology-before-overdue question).
// Their syntax, aliases and roles are entries of officer-command-registry.ts.
// Also the hint lines after a resolve and the forward slip after a forward (officer-handler.ts).
import type { AppContext } from '../app-context.js';
import { formatVietnameseDate, parseLocalDate } from '../calendar/local-date.js';
import { caseIdFromCode } from '../cases/view-case-for-staff.js';
import { isAppError } from '../core/app-error.js';
import type { InboundEnvelope, Outbound } from '../dialog/dialog-types.js';
import { resolveStaffByTelegramUser } from '../directory/resolve-staff.js';
import type { StaffMember } from '../directory/staff-member.js';
import { issueApologyWithNewDate } from '../letters/apology-new-date.js';
import { apologyCommandHint, recordOnTimeExpected } from '../letters/apology-request.js';
import { issueForwardSlip } from '../letters/forward-slip.js';
import {
  draftLetter,
  returnLetter,
  signLetter,
  signedAnswer,
  LETTER_BUTTON_PREFIX,
} from '../letters/issue-letter.js';
import { sendPetitionForm } from '../letters/petition-form.js';
import { LETTER_KIND_LABELS } from '../letters/letter-vocabulary.js';
import type { LetterRequest } from './officer-command-args.js';
import { findLetterCommand, parseWith } from './officer-command-registry.js';

const NOT_STAFF =
  'Tài khoản Telegram này chưa được gắn với cán bộ nào. Nếu bạn là cán bộ, hãy gửi /thamgia <mã mời> do quản trị viên cấp.';

export type { LetterRequest };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** A letter button value, or undefined when the value is not one. */
export function parseLetterButton(value: string): LetterRequest | undefined {
  if (!value.startsWith(LETTER_BUTTON_PREFIX)) return undefined;
  let m = new RegExp(`^lt:(sign|back|apw):(${UUID})$`).exec(value);
  if (m) {
    const id = m[2]!;
    return m[1] === 'sign'
      ? { type: 'sign', letterId: id }
      : m[1] === 'back'
        ? { type: 'return', letterId: id }
        : { type: 'apology_hint', clockId: id };
  }
  m = new RegExp(`^lt:ok:(${UUID}):(\\d{4})(\\d{2})(\\d{2})$`).exec(value);
  if (m) {
    try {
      return { type: 'on_time', clockId: m[1]!, dueOn: parseLocalDate(`${m[2]}-${m[3]}-${m[4]}`) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The registry's entry of each letter command, by what it does. */
const LETTER_COMMAND_OF = { letter: 'thu', petition_form: 'maudon', new_date: 'xinloi' } as const;

/** Parses a letter command's arguments: the request, or the usage line to answer with. */
export function parseLetterCommand(
  name: keyof typeof LETTER_COMMAND_OF,
  args: string,
): { ok: true; request: LetterRequest } | { ok: false; message: string } {
  return parseWith(findLetterCommand(LETTER_COMMAND_OF[name])!, args);
}

/**
 * The bot router's hook: a letter command or button → its answer; undefined when the input is not
 * a letter command/button, or is a command from someone who is not staff in a private chat (the
 * citizen dialog answers that).
 */
export async function handleLetterInput(
  ctx: AppContext,
  env: InboundEnvelope,
  options: { inGroup: boolean },
): Promise<Outbound[] | undefined> {
  const ev = env.event;
  let request: LetterRequest | Outbound | undefined;
  if (ev.type === 'command') {
    const command = findLetterCommand(ev.command);
    if (!command) return undefined;
    const parsed = parseWith(command, ev.args);
    request = parsed.ok ? parsed.request : { text: parsed.message };
  } else if (ev.type === 'choice') {
    request = parseLetterButton(ev.value);
    if (!request) return undefined;
  } else {
    return undefined;
  }
  const userId = env.conversation.userId ?? env.conversation.conversationId;
  const staff = await resolveStaffByTelegramUser(ctx, userId);
  if (!staff) {
    if (!options.inGroup && ev.type === 'command') return undefined;
    return [{ text: NOT_STAFF }];
  }
  if ('text' in request) return [request];
  try {
    return [await runLetterRequest(ctx, staff, request)];
  } catch (err) {
    if (isAppError(err) && !err.retryable) return [{ text: err.message }];
    throw err;
  }
}

async function runLetterRequest(
  ctx: AppContext,
  staff: StaffMember,
  request: LetterRequest,
): Promise<Outbound> {
  switch (request.type) {
    case 'draft': {
      const caseId = await caseIdFromCode(ctx, request.code);
      const drafted = await draftLetter(ctx, {
        caseId,
        staffId: staff.id,
        kind: request.kind,
        ...(request.note ? { note: request.note } : {}),
      });
      const what = `${LETTER_KIND_LABELS[request.kind].vi.toLowerCase()} cho hồ sơ ${drafted.caseCode}`;
      return {
        text: drafted.signers.length
          ? `📝 Đã ${drafted.created ? 'soạn' : 'gửi lại'} dự thảo ${what}; đã gửi ${drafted.signers.join(', ')} duyệt và ký.`
          : `📝 Đã soạn dự thảo ${what}, nhưng chưa có trưởng khoa/phòng hoặc lãnh đạo nào tham gia bot để ký.`,
      };
    }
    case 'sign':
      return signedAnswer(ctx, await signLetter(ctx, { letterId: request.letterId, staffId: staff.id }));
    case 'return': {
      const returned = await returnLetter(ctx, { letterId: request.letterId, staffId: staff.id });
      return {
        text: `↩️ Đã trả lại dự thảo ${LETTER_KIND_LABELS[returned.kind].vi.toLowerCase()} của hồ sơ ${returned.caseCode}; người soạn đã được báo.`,
      };
    }
    case 'petition_form': {
      const caseId = await caseIdFromCode(ctx, request.code);
      const sent = await sendPetitionForm(ctx, { caseId, staffId: staff.id });
      return {
        text:
          sent.delivery === 'sender'
            ? `📄 Đã gửi mẫu đơn điền sẵn cho người gửi hồ sơ ${sent.caseCode}. Khi nhận đơn có chữ ký, ghi nhận bằng /nhandon ${sent.caseCode} <ngày nhận>.`
            : `📄 Đã lập mẫu đơn điền sẵn cho hồ sơ ${sent.caseCode}. Người gửi không để lại kênh liên hệ: họ tải mẫu đơn khi tra cứu mã hồ sơ.`,
      };
    }
    case 'new_date': {
      const caseId = await caseIdFromCode(ctx, request.code);
      const done = await issueApologyWithNewDate(ctx, {
        caseId,
        staffId: staff.id,
        newDate: request.newDate,
        reason: request.reason,
      });
      const sent = await signedAnswer(ctx, done);
      return {
        text: `🗓 Đã hẹn lại hạn hồ sơ ${done.caseCode}: từ ${formatVietnameseDate(done.previousDueOn)} sang ${formatVietnameseDate(done.newDueOn)} (chỉ được hẹn lại một lần).\n${sent.text}`,
      };
    }
    case 'apology_hint':
      return { text: await apologyCommandHint(ctx, { clockId: request.clockId, staffId: staff.id }) };
    case 'on_time': {
      const done = await recordOnTimeExpected(ctx, {
        clockId: request.clockId,
        dueOn: request.dueOn,
        staffId: staff.id,
      });
      return {
        text: `✅ Đã ghi nhận: hồ sơ ${done.caseCode} sẽ được giải quyết đúng hạn ${formatVietnameseDate(request.dueOn)}.`,
      };
    }
  }
}

// The hint after a resolve lives in its own pure module, next to the rule it reads.
export { letterHintAfter } from './letter-hint.js';

/**
 * After a forward: the slip (signed at once by a leader, else sent to the leaders to sign). The
 * forward itself is done whatever happens here, so a failure only adds a line to the answer.
 */
export async function forwardSlipAfter(
  ctx: AppContext,
  input: { caseId: string; staffId: string; targetBody: string | undefined; reason: string | undefined },
): Promise<Outbound> {
  try {
    return await issueForwardSlip(ctx, {
      caseId: input.caseId,
      staffId: input.staffId,
      targetBody: input.targetBody ?? '…',
      reason: input.reason ?? null,
    });
  } catch (err) {
    ctx.logger.warn(
      { err: { message: (err as Error).message }, caseId: input.caseId },
      'forward slip failed',
    );
    return {
      text: `⚠️ Chưa lập được phiếu chuyển đơn${isAppError(err) && !err.retryable ? `: ${err.message}` : ''}.`,
    };
  }
}
