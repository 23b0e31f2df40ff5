// The bot's `handle`: decides who answers an inbound message. Channel-neutral.
// - `/thamgia <mã>` (/join) from anyone: redeem a staff invite, binding this account.
// - An officer command or a card button: the officer handler (it refuses people who are not staff).
//   In a private chat only staff reach it: for anyone else the same words go to the citizen
//   dialog (/trogiup, /help and /hotline are citizen commands too), so a staff member can still
//   use the citizen dialog (/start) like anyone.
// - Anything else in a unit's group is chatter between officers: ignored.
// - Everything else: the citizen intake dialog.
import type { AppContext } from '../app-context.js';
import { isAppError } from '../core/app-error.js';
import type { InboundAnswer, InboundEnvelope, Outbound } from '../dialog/dialog-types.js';
import { findUnitByTelegramChat } from '../directory/link-unit-group.js';
import { resolveStaffByTelegramUser } from '../directory/resolve-staff.js';
import { redeemInvite } from '../directory/staff-invite.js';
import type { StaffMember } from '../directory/staff-member.js';
import { JOIN_COMMANDS, inboxArgsOfButton, officerCommandOf, parseCardButton } from './officer-commands.js';
import { commandArgsOfAnswer, type ButtonPromptStore } from './button-prompt.js';
import { HOTLINE_FORM_BUTTON_PREFIX } from './hotline-form.js';
import { RECEPTION_FORM_BUTTON_PREFIX } from './reception-form.js';
import type { ReceptionFormHandler } from './reception-form.handler.js';
import { handleTriageInput } from './triage-actions.js';
import type { HotlineFormHandler } from './hotline-form.handler.js';
import { createOfficerHandler, type OfficerInput } from './officer-handler.js';
import { refusedPress } from './press-answer.js';
import { handleLetterInput } from './letter-actions.js';
import { handleStaffQaInput } from './staff-qa-actions.js';
import { handleReportInput } from './report-actions.js';
import { PERIODIC_REPORT_DEPS } from '../reports/periodic/report-documents.js';

/** A step-by-step officer form: the hotline form, the reception form. */
interface OfficerForm<S> {
  pending(env: InboundEnvelope): Promise<S | null>;
  continue(env: InboundEnvelope, staff: StaffMember, state: S): Promise<Outbound[]>;
}

export type InboundHandle = (env: InboundEnvelope) => Promise<InboundAnswer>;

export interface BotRouterDeps {
  citizen: InboundHandle;
  /** The step-by-step hotline form (needs Redis); without it only the one-line form works. */
  hotlineForms?: HotlineFormHandler;
  /** The step-by-step reception-register form (needs Redis); without it only the one-line `/tiepdan`. */
  receptionForms?: ReceptionFormHandler;
  /** A button's question waiting for the officer's words (private chats). */
  buttonPrompts?: ButtonPromptStore;
  /**
   * Told when an account was just bound to a staff member by /thamgia (their private chat id is
   * `userId`): the channel publishes that chat's command menu. Failures are the callee's to log.
   */
  onStaffBound?: (userId: string, staff: StaffMember) => Promise<void>;
  /** The app's address for /dangnhap's sign-in link (PUBLIC_URL, or where it listens). */
  consoleBaseUrl?: () => string | undefined;
}

export function createBotRouter(ctx: AppContext, deps: BotRouterDeps): InboundHandle {
  const officer = createOfficerHandler(ctx, {
    ...(deps.hotlineForms ? { hotlineForms: deps.hotlineForms } : {}),
    ...(deps.receptionForms ? { receptionForms: deps.receptionForms } : {}),
    ...(deps.buttonPrompts ? { buttonPrompts: deps.buttonPrompts } : {}),
    ...(deps.consoleBaseUrl ? { consoleBaseUrl: deps.consoleBaseUrl } : {}),
  });
  return async (env) => {
    const conv = env.conversation;
    const userId = conv.userId ?? conv.conversationId;
    const inGroup = conv.userId !== undefined && conv.userId !== conv.conversationId;
    const ev = env.event;

    // An officer filling in a form: their next answers (text, its buttons, /huy) go to it. The
    // hotline form is asked first; a form's own buttons go only to that form.
    const cancel = ev.type === 'command' && ['huy', 'cancel'].includes(ev.command);
    if (!inGroup && (ev.type === 'text' || ev.type === 'choice' || cancel)) {
      const continueForm = async <S>(forms: OfficerForm<S> | undefined, prefix: string) => {
        if (!forms || (ev.type === 'choice' && !ev.value.startsWith(prefix))) return undefined;
        const form = await forms.pending(env);
        const staff = form ? await resolveStaffByTelegramUser(ctx, userId) : null;
        return form && staff ? forms.continue(env, staff, form) : undefined;
      };
      const answered =
        (await continueForm(deps.hotlineForms, HOTLINE_FORM_BUTTON_PREFIX)) ??
        (await continueForm(deps.receptionForms, RECEPTION_FORM_BUTTON_PREFIX));
      if (answered) return answered;
    }
    // An officer answering a button's question: the words complete that command.
    const answer = ev.type === 'text' || (ev.type === 'command' && ['huy', 'cancel'].includes(ev.command));
    if (deps.buttonPrompts && !inGroup && answer) {
      const prompt = await deps.buttonPrompts.load(env.conversation);
      const staff = prompt ? await resolveStaffByTelegramUser(ctx, userId) : null;
      if (prompt && staff) {
        await deps.buttonPrompts.clear(env.conversation);
        if (ev.type !== 'text') return [{ text: `Đã thôi, hồ sơ ${prompt.code} không thay đổi.` }];
        return officer(
          env,
          { staff, inGroup },
          { type: 'command', name: prompt.command, args: commandArgsOfAnswer(prompt, ev.text) },
        );
      }
    }
    if (ev.type === 'choice' && ev.value.startsWith(HOTLINE_FORM_BUTTON_PREFIX)) {
      return [
        {
          text: 'Phiếu ghi nhận cuộc gọi này đã được lưu, đã hủy hoặc đã hết hạn. Gõ /nhanduongday để mở phiếu mới.',
        },
      ];
    }
    if (ev.type === 'choice' && ev.value.startsWith(RECEPTION_FORM_BUTTON_PREFIX)) {
      return [
        {
          text: 'Phiếu ghi sổ tiếp công dân này đã được lưu, đã hủy hoặc đã hết hạn. Gõ /tiepdan để mở phiếu mới.',
        },
      ];
    }

    if (ev.type === 'command' && JOIN_COMMANDS.includes(ev.command))
      return join(ctx, userId, ev.args, inGroup, deps.onStaffBound);

    // Letters (letter-actions.ts): /thu, /maudon, /xinloi and the `lt:` buttons.
    const letter = await handleLetterInput(ctx, env, { inGroup });
    if (letter) return letter;
    // Staff questions for the staff conference (staff-qa-actions.ts): /hoimo, /hoids, /hoigop…
    const staffQa = await handleStaffQaInput(ctx, env, { inGroup });
    if (staffQa) return staffQa;
    // Periodic reports (report-actions.ts): /baocao, /kybaocao.
    const report = await handleReportInput(ctx, PERIODIC_REPORT_DEPS, env, { inGroup });
    if (report) return report;
    // Triage suggestions on a card (triage-actions.ts): the `tg:` buttons.
    const triage = await handleTriageInput(ctx, env, { inGroup });
    if (triage) return triage;

    let input: OfficerInput | undefined;
    if (ev.type === 'command') {
      const name = officerCommandOf(ev.command);
      if (name) input = { type: 'command', name, args: ev.args };
    } else if (ev.type === 'choice') {
      const button = parseCardButton(ev.value);
      const inboxArgs = inboxArgsOfButton(ev.value);
      if (button) input = { type: 'button', ...button };
      else if (inboxArgs !== undefined) input = { type: 'command', name: 'hopthu', args: inboxArgs };
    }

    if (!input) {
      if (inGroup && (await findUnitByTelegramChat(ctx, conv.conversationId))) {
        // A button nobody here knows (an old message's): the presser is told, the group is not.
        return ev.type === 'choice'
          ? refusedPress('Nút này không còn dùng được.', { inGroup, staff: false })
          : [];
      }
      return deps.citizen(env);
    }
    const staff = await resolveStaffByTelegramUser(ctx, userId);
    if (!staff && !inGroup && input.type === 'command') return deps.citizen(env);
    return officer(env, { staff, inGroup }, input);
  };
}

async function join(
  ctx: AppContext,
  userId: string,
  code: string,
  inGroup: boolean,
  onStaffBound: BotRouterDeps['onStaffBound'],
): Promise<Outbound[]> {
  if (inGroup) return [{ text: 'Vì bảo mật, hãy gửi /thamgia <mã mời> trong tin nhắn riêng với bot.' }];
  if (!code.trim()) return [{ text: 'Cú pháp: /thamgia <mã mời>, ví dụ /thamgia ABCD-EFGH-JKMN.' }];
  try {
    const staff = await redeemInvite(ctx, { code, telegramUserId: userId });
    // The binding is done whatever happens to the menu.
    await onStaffBound?.(userId, staff).catch((err: unknown) =>
      ctx.logger.warn({ err: { message: (err as Error).message } }, 'staff command menu not published'),
    );
    const roles = staff.roles.map((r) => `${r.role}${r.unitName ? ` (${r.unitName})` : ''}`).join(', ');
    return [
      {
        text: `✅ Chào ${staff.fullName}! Tài khoản Telegram này đã được gắn với cán bộ. Vai trò: ${roles}.\nGõ /trogiup để xem các lệnh.`,
      },
    ];
  } catch (err) {
    if (isAppError(err) && !err.retryable) return [{ text: err.message }];
    throw err;
  }
}
