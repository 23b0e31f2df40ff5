// The officers' side of the bot, channel-neutral: a parsed command or a card button from a staff
// member (in a private chat or a unit's group) → the use case → the answer with the new state, or
// the service's Vietnamese refusal. Every change goes through the case services, which check role
// and unit scope and write the audit event.
import type { AppContext } from '../app-context.js';
import { absoluteConsoleUrl, issueConsoleSignInLink } from '../console/console-sessions.js';
import { parseUserDate, toVietnamDate } from '../calendar/local-date.js';
import { describeDayBookings } from '../reception/list-day-bookings.js';
import { applyStaffCaseAction } from '../cases/apply-staff-case-action.js';
import { addInternalNote, replyToSender } from '../cases/case-messages.js';
import {
  CASE_ACTIONS,
  CASE_ACTION_LABELS,
  type CaseAction,
  type TransitionParams,
} from '../cases/case-transitions.js';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS } from '../cases/case-vocabulary.js';
import { refusalGroundsFor } from '../cases/refusal-grounds.js';
import { REDACTION_LABELS } from '../cases/redaction.js';
import { revealSenderIdentity } from '../cases/reveal-identity.js';
import { caseIdFromCode, viewCaseForStaff } from '../cases/view-case-for-staff.js';
import { AppError, isAppError } from '../core/app-error.js';
import type { InboundAnswer, InboundEnvelope, Outbound, PressReply } from '../dialog/dialog-types.js';
import { findOrganizationById, findUnitByCode } from '../directory/directory.repository.js';
import { parseOrganizationPolicy } from '../directory/organization-settings.js';
import { linkUnitGroup } from '../directory/link-unit-group.js';
import { findStaffByFullName } from '../directory/resolve-staff.js';
import type { StaffMember } from '../directory/staff-member.js';
import { setDutyShift, whoIsOnDuty } from '../hotline/duty-roster.js';
import { findStaffByName } from '../directory/staff.repository.js';
import { formatVietnamTime } from '../hotline/duty-shift.js';
import { buildCaseCard } from './case-card.js';
import { letterHintAfter } from './letter-actions.js';
import { describeCaseClocksOf } from '../deadlines/describe-case-clocks.js';
import { governingDeadlineText, loadGoverningDeadline } from '../deadlines/governing-deadline.js';
import {
  HOTLINE_FORM_USAGE,
  RECEPTION_FORM_USAGE,
  officerHelp,
  parseOfficerCommand,
  type ActionParams,
  type ButtonAction,
  type OfficerCommandName,
  type OfficerRequest,
} from './officer-commands.js';
import { buttonTemplate } from './officer-command-registry.js';
import { findCaseForCard } from './officer.repository.js';
import { showInbox } from './inbox.js';
import { promptOfTemplate, type ButtonPrompt, type ButtonPromptStore } from './button-prompt.js';
import { logHotlineCallAndAnswer, type HotlineFormHandler } from './hotline-form.handler.js';
import { logReceptionVisitAndAnswer, sendReceptionRegister } from './reception-actions.js';
import type { ReceptionFormHandler } from './reception-form.handler.js';
import { listNotificationStatusesOfCase } from '../notify/notification.repository.js';
import { cardKept, cardRewritten, refusedPress } from './press-answer.js';
import { refreshedCaseCard } from './refresh-case-card.js';

export interface OfficerCaller {
  /** Null when the Telegram account is not bound to an active staff member. */
  staff: StaffMember | null;
  /** A group chat (a unit's group): answers are seen by everyone in it. */
  inGroup: boolean;
}

export type OfficerInput =
  | { type: 'command'; name: OfficerCommandName; args: string }
  | { type: 'button'; action: ButtonAction; code: string };

const NOT_STAFF =
  'Tài khoản Telegram này chưa được gắn với cán bộ nào. Nếu bạn là cán bộ, hãy gửi /thamgia <mã mời> do quản trị viên cấp.';

const STALE_BUTTON = 'Nút này không còn dùng được.';

/**
 * The command to type for an action a button cannot finish alone: the usage of the registry's
 * command performing it (officer-command-registry.ts); actions no command performs say so.
 */
const COMMAND_FOR: Partial<Record<ButtonAction, string>> = {
  withdraw: '(chưa hỗ trợ trên bot)',
  close: '(chưa hỗ trợ trên bot)',
  ...Object.fromEntries(
    [...CASE_ACTIONS, 'reply' as const].flatMap((a) => {
      const template = buttonTemplate(a);
      return template ? [[a, template]] : [];
    }),
  ),
};
/** Buttons that act at once (no parameter needed). */
const DIRECT: readonly ButtonAction[] = ['accept', 'start', 'resume'];

export interface OfficerHandlerDeps {
  /** The step-by-step hotline form; without it `/nhanduongday` explains the one-line form. */
  hotlineForms?: HotlineFormHandler;
  /** The step-by-step reception form; without it `/tiepdan` explains the one-line form. */
  receptionForms?: ReceptionFormHandler;
  /** Where a button that needs words waits for them (private chats); without it, the command to type. */
  buttonPrompts?: ButtonPromptStore;
  /** The address the app is reached at (PUBLIC_URL, or where it listens): /dangnhap's link. */
  consoleBaseUrl?: () => string | undefined;
}

export function createOfficerHandler(ctx: AppContext, deps: OfficerHandlerDeps = {}) {
  return async function handleOfficer(
    env: InboundEnvelope,
    caller: OfficerCaller,
    input: OfficerInput,
  ): Promise<InboundAnswer> {
    const staff = caller.staff;
    // Any button (a card's, the inbox's pages): a refusal is the presser's alone (press-answer.ts).
    const pressed = env.event.type === 'choice';
    const place = { inGroup: caller.inGroup, staff: staff !== null };
    if (!staff) return pressed ? refusedPress(NOT_STAFF, place) : [{ text: NOT_STAFF }];
    if (input.type === 'button') return pressCardButton(ctx, deps, env, caller, staff, input);
    const parsed = parseOfficerCommand(input.name, input.args);
    if (!parsed.ok) return pressed ? refusedPress(parsed.message, place) : [{ text: parsed.message }];
    try {
      return await run(ctx, deps, env, caller, staff, parsed.request);
    } catch (err) {
      if (isAppError(err) && !err.retryable) {
        return pressed ? refusedPress(err.message, place) : [{ text: err.message }];
      }
      throw err;
    }
  };
}

/**
 * A case card's button. A move that changed the case rewrites the card for everyone; a refusal, a
 * view or a question for words leaves it as it is.
 */
async function pressCardButton(
  ctx: AppContext,
  deps: OfficerHandlerDeps,
  env: InboundEnvelope,
  caller: OfficerCaller,
  staff: StaffMember,
  button: { action: ButtonAction; code: string },
): Promise<PressReply> {
  const place = { inGroup: caller.inGroup, staff: true };
  const prompt = deps.buttonPrompts && !caller.inGroup ? askForWords(button.action, button.code) : null;
  if (prompt) {
    await deps.buttonPrompts!.save(env.conversation, prompt.pending);
    return cardKept([{ text: prompt.text }]);
  }
  const request = buttonRequest(button.action, button.code);
  if ('text' in request) {
    return request.text === STALE_BUTTON ? refusedPress(STALE_BUTTON, place) : cardKept([request]);
  }
  try {
    if (request.type !== 'action') return cardKept(await run(ctx, deps, env, caller, staff, request));
    const caseId = await caseIdFromCode(ctx, request.code);
    const done = await act(ctx, staff, request.code, request.action, {}, caseId);
    const card = await refreshedCaseCard(
      ctx,
      caseId,
      { conversationId: env.conversation.conversationId, inGroup: caller.inGroup, staff },
      `✅ ${CASE_ACTION_LABELS[request.action].vi} — ${staff.fullName}`,
    );
    return cardRewritten(done, card, place);
  } catch (err) {
    if (isAppError(err) && !err.retryable) return refusedPress(err.message, place);
    throw err;
  }
}

function askForWords(action: ButtonAction, code: string): { pending: ButtonPrompt; text: string } | null {
  const template = COMMAND_FOR[action];
  const prompt = template ? promptOfTemplate(template) : undefined;
  if (!prompt) return null;
  const verb = CASE_ACTION_LABELS[action as CaseAction]?.verb ?? 'thực hiện';
  return {
    pending: { command: prompt.command, code },
    text: `Để ${verb} hồ sơ ${code}, hãy gõ tiếp: ${prompt.rest}\n(Gõ /huy để thôi.)`,
  };
}

function buttonRequest(action: ButtonAction, code: string): OfficerRequest | Outbound {
  if (action === 'view') return { type: 'view', code };
  if (action === 'refuse') return { type: 'refuse_grounds', code };
  if (DIRECT.includes(action)) return { type: 'action', action: action as CaseAction, code, params: {} };
  const template = COMMAND_FOR[action];
  if (!template) return { text: STALE_BUTTON };
  return {
    text: `Để ${CASE_ACTION_LABELS[action as CaseAction]?.verb ?? 'thực hiện'} hồ sơ ${code}, hãy gửi:\n${template.replace('{code}', code)}`,
  };
}

async function run(
  ctx: AppContext,
  deps: OfficerHandlerDeps,
  env: InboundEnvelope,
  caller: OfficerCaller,
  staff: StaffMember,
  request: OfficerRequest,
): Promise<Outbound[]> {
  switch (request.type) {
    case 'help': {
      // Who may reveal identities is the organisation's policy.
      const org = await findOrganizationById(ctx.db.prisma, staff.organizationId);
      const { policy } = parseOrganizationPolicy(org?.settings ?? {});
      return [
        {
          text: officerHelp(
            staff.roles.map((r) => r.role),
            policy,
          ),
        },
      ];
    }
    case 'inbox':
      return [await showInbox(ctx, staff, request)];
    case 'view':
      return [await view(ctx, staff, request.code)];
    case 'refuse_grounds': {
      const caseId = await caseIdFromCode(ctx, request.code);
      const seen = await viewCaseForStaff(ctx, { staffId: staff.id, caseId });
      const grounds = refusalGroundsFor(seen.view.kind);
      return [
        {
          text: [
            `Căn cứ không thụ lý áp dụng cho ${CASE_KIND_LABELS[seen.view.kind].vi.toLowerCase()} (${seen.view.code}):`,
            ...grounds.map((g) => `• ${g.id} — ${g.label} (${g.source})`),
            '',
            `Gửi: /tuchoi ${seen.view.code} <mã căn cứ> <lý do>`,
          ].join('\n'),
        },
      ];
    }
    case 'action':
      return [await act(ctx, staff, request.code, request.action, toTransitionParams(request.params))];
    case 'assign': {
      const caseId = await caseIdFromCode(ctx, request.code);
      const target = await assignTarget(ctx, staff, request.target);
      return [await act(ctx, staff, request.code, 'assign', target, caseId)];
    }
    case 'merge': {
      const masterCaseId = await caseIdFromCode(ctx, request.masterCode);
      return [
        await act(ctx, staff, request.code, 'merge', {
          masterCaseId,
          ...(request.reason ? { reason: request.reason } : {}),
        }),
      ];
    }
    case 'note': {
      const caseId = await caseIdFromCode(ctx, request.code);
      const note = await addInternalNote(ctx, { caseId, staffId: staff.id, text: request.text });
      return [{ text: `📝 Đã ghi chú nội bộ vào hồ sơ ${note.caseCode}. Ghi chú không gửi cho người gửi.` }];
    }
    case 'reply': {
      const caseId = await caseIdFromCode(ctx, request.code);
      const reply = await replyToSender(ctx, { caseId, staffId: staff.id, text: request.text });
      return [
        {
          text:
            reply.deliveredTo > 0
              ? `✉️ Đã gửi trả lời cho người gửi hồ sơ ${reply.caseCode}; trả lời cũng hiện khi tra cứu mã hồ sơ.`
              : `✉️ Đã lưu trả lời cho hồ sơ ${reply.caseCode}. Người gửi không để lại kênh liên hệ: họ xem trả lời khi tra cứu bằng mã hồ sơ.`,
        },
      ];
    }
    case 'reveal': {
      if (caller.inGroup) {
        return [
          {
            text: 'Vì bảo mật người gửi, chỉ dùng /danhtinh trong tin nhắn riêng với bot, không dùng trong nhóm.',
          },
        ];
      }
      const caseId = await caseIdFromCode(ctx, request.code);
      const revealed = await revealSenderIdentity(ctx, { caseId, staffId: staff.id, reason: request.reason });
      const c = revealed.contact;
      return [
        {
          text: [
            `🔐 Danh tính người gửi hồ sơ ${revealed.caseCode} (chỉ hiển thị cho bạn; lượt xem đã được ghi nhật ký):`,
            ...(c.name ? [`Họ tên: ${c.name}`] : []),
            ...(c.phone ? [`Điện thoại: ${c.phone}`] : []),
            ...(c.email ? [`Email: ${c.email}`] : []),
            ...(c.address ? [`Địa chỉ: ${c.address}`] : []),
            ...(revealed.typed.length
              ? [
                  'Thông tin cá nhân người gửi viết trong nội dung (trên thẻ đã được che):',
                  ...revealed.typed.map((p) => `• ${REDACTION_LABELS[p.kind]} ${p.text}`),
                ]
              : []),
            'Không chia sẻ thông tin này với người khác, nhất là người bị phản ánh.',
          ].join('\n'),
        },
      ];
    }
    case 'duty': {
      const officers = await whoIsOnDuty(ctx, staff.organizationId);
      if (!officers.length) return [{ text: 'Hiện không có cán bộ nào trong ca trực đường dây nóng.' }];
      return [
        {
          text: [
            'Đang trực đường dây nóng:',
            ...officers.map(
              (o) =>
                `• ${o.fullName}${o.title ? ` (${o.title})` : ''} — đến ${formatVietnamTime(o.endsAt)}${o.telegramUserId ? '' : ' (chưa tham gia bot)'}`,
            ),
          ].join('\n'),
        },
      ];
    }
    case 'duty_take':
    case 'duty_set': {
      let staffId = staff.id;
      if (request.type === 'duty_set') {
        const people = await findStaffByName(ctx.db.prisma, staff.organizationId, request.fullName);
        if (!people.length) return [{ text: `Không tìm thấy cán bộ "${request.fullName}" trong đơn vị.` }];
        if (people.length > 1) {
          return [
            {
              text: `Có ${people.length} cán bộ tên "${request.fullName}"; hãy xếp ca bằng lệnh langnghe duty:set --staff <mã cán bộ>.`,
            },
          ];
        }
        staffId = people[0]!.id;
      }
      const now = ctx.clock.now();
      const shift = await setDutyShift(ctx, {
        organizationId: staff.organizationId,
        staffId,
        ...(request.type === 'duty_take'
          ? { startsAt: now, endsAt: new Date(now.getTime() + request.hours * 3600_000) }
          : { startsAt: request.from, endsAt: request.to, byStaffId: staff.id }),
      });
      return [
        {
          text: `✅ ${shift.fullName} trực đường dây nóng từ ${formatVietnamTime(shift.startsAt)} đến ${formatVietnamTime(shift.endsAt)}.${
            shift.telegramUserId
              ? ' Tin khẩn sẽ được gửi đến cán bộ này.'
              : ' Cán bộ chưa tham gia bot nên chưa nhận được tin khẩn.'
          }`,
        },
      ];
    }
    case 'link_group': {
      if (!caller.inGroup) {
        return [{ text: 'Hãy gửi /ganphong <mã khoa/phòng> trong nhóm Telegram của khoa/phòng.' }];
      }
      const linked = await linkUnitGroup(ctx, {
        unitCode: request.unitCode,
        chatId: env.conversation.conversationId,
        byStaffId: staff.id,
      });
      return [
        {
          text: linked.unchanged
            ? `Nhóm này đã là nhóm của ${linked.unitName} (${linked.unitCode}).`
            : `✅ Đã gắn nhóm này với ${linked.unitName} (${linked.unitCode}). Hồ sơ mới của khoa/phòng sẽ được gửi vào đây.${
                linked.replacedPreviousGroup ? ' Nhóm cũ không còn nhận hồ sơ.' : ''
              }`,
        },
      ];
    }
    case 'hotline_form':
      if (deps.hotlineForms && !caller.inGroup) return deps.hotlineForms.open(env, staff);
      return [{ text: HOTLINE_FORM_USAGE }];
    case 'reception_form':
      if (deps.receptionForms && !caller.inGroup) return deps.receptionForms.open(env, staff);
      return [{ text: RECEPTION_FORM_USAGE }];
    case 'reception_day':
      if (caller.inGroup)
        return [
          { text: 'Danh sách có họ tên và số điện thoại: chỉ dùng /lichtiep trong tin nhắn riêng với bot.' },
        ];
      return [
        { text: await describeDayBookings(ctx, staff, request.date ?? toVietnamDate(ctx.clock.now())) },
      ];
    case 'console_link': {
      if (caller.inGroup) {
        return [
          { text: 'Liên kết đăng nhập chỉ gửi trong tin nhắn riêng: hãy nhắn /dangnhap trực tiếp cho bot.' },
        ];
      }
      const link = await issueConsoleSignInLink(ctx, { staffId: staff.id, via: 'bot' });
      return [
        {
          text: [
            'Liên kết đăng nhập bàn làm việc (dùng một lần, hiệu lực đến ' +
              `${formatVietnamTime(link.expiresAt)}):`,
            absoluteConsoleUrl(deps.consoleBaseUrl?.() ?? ctx.config.publicUrl, link.path),
            'Không chuyển liên kết này cho người khác: ai mở trước sẽ đăng nhập bằng tài khoản của bạn.',
          ].join('\n'),
        },
      ];
    }
    case 'hotline_call':
      return [
        await logHotlineCallAndAnswer(
          ctx,
          staff,
          request.call,
          `hotline-${env.eventId.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 64),
        ),
      ];
    case 'reception_visit':
      // The update's id keys the visit: a redelivered message logs it once.
      return [
        await logReceptionVisitAndAnswer(
          ctx,
          staff,
          request.visit,
          `visit-${env.eventId.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 60),
        ),
      ];
    case 'reception_register':
      return [await sendReceptionRegister(ctx, staff, request)];
  }
}

function toTransitionParams(p: ActionParams): TransitionParams {
  const { receivedOn, ...rest } = p;
  return { ...rest, ...(receivedOn ? { receivedOn: parseUserDate(receivedOn) } : {}) };
}

async function act(
  ctx: AppContext,
  staff: StaffMember,
  code: string,
  action: CaseAction,
  params: TransitionParams,
  knownCaseId?: string,
): Promise<Outbound> {
  const caseId = knownCaseId ?? (await caseIdFromCode(ctx, code));
  // Cards for a new unit or person, the forward slip, letters and notices are the move's effects,
  // carried out by the case effects job for every door (src/cases/run-case-effects.ts).
  await applyStaffCaseAction(ctx, { caseId, staffId: staff.id, action, params });
  const after = await findCaseForCard(ctx.db.prisma, caseId);
  const deadline = after ? await loadGoverningDeadline(ctx.db.prisma, caseId) : null;
  const state = after
    ? `Trạng thái: ${CASE_STATUS_LABELS[after.status].vi}${after.paused ? ' (tạm dừng)' : ''}${
        after.unit ? ` · ${after.unit.name}` : ''
      }${deadline ? `\n${governingDeadlineText(deadline)}` : ''}`
    : '';
  const hint = letterHintAfter(action, after);
  const slip =
    action === 'forward'
      ? '\n📄 Phiếu chuyển đơn đang được lập; bản đã ký (hoặc dự thảo gửi lãnh đạo ký) sẽ được gửi cho bạn.'
      : '';
  return {
    text: `✅ ${CASE_ACTION_LABELS[action].vi}: hồ sơ ${after?.code ?? code}.\n${state}${hint ? `\n${hint}` : ''}${slip}`.trim(),
  };
}

async function view(ctx: AppContext, staff: StaffMember, code: string): Promise<Outbound> {
  const caseId = await caseIdFromCode(ctx, code);
  const seen = await viewCaseForStaff(ctx, { staffId: staff.id, caseId });
  const c = await findCaseForCard(ctx.db.prisma, caseId);
  // Officers see every clock of the case and how it was counted; the governing one leads.
  const clocks = c ? await describeCaseClocksOf(ctx, c.organizationId, caseId) : [];
  const card = buildCaseCard(seen.view, {
    unitName: c?.unit?.name ?? null,
    organizationName: c?.organization.name ?? '',
    deadline: await loadGoverningDeadline(ctx.db.prisma, caseId),
    clocks,
    attachmentCount: c?._count.attachments ?? 0,
    actions: seen.actions,
  });
  // Messages that did not reach their recipient (a closed Zalo window, a blocked bot): officers
  // must know the sender has not heard from them. Reasons are short and carry no personal data.
  const notDelivered = (await listNotificationStatusesOfCase(ctx.db.prisma, caseId)).filter(
    (n) => n.status === 'undeliverable' || n.status === 'failed',
  );
  if (!notDelivered.length) return card;
  const reasons = [...new Set(notDelivered.map((n) => n.lastError ?? 'không rõ lý do'))];
  return {
    ...card,
    text: `${card.text}\n\n⚠️ ${notDelivered.length} tin nhắn chưa gửi được:\n${reasons.map((r) => `• ${r}`).join('\n')}`,
  };
}

async function assignTarget(ctx: AppContext, staff: StaffMember, target: string): Promise<TransitionParams> {
  const word = target.trim();
  const unit = /^\S+$/.test(word) ? await findUnitByCode(ctx.db.prisma, word.toLowerCase()) : null;
  if (unit) {
    if (unit.organizationId !== staff.organizationId) {
      throw new AppError('forbidden', `Khoa/phòng "${unit.code}" không thuộc đơn vị của bạn.`);
    }
    return { unitId: unit.id };
  }
  const org = await findOrganizationById(ctx.db.prisma, staff.organizationId);
  const people = org ? await findStaffByFullName(ctx, org.code, word) : [];
  if (people.length === 0) {
    throw new AppError('not_found', `Không tìm thấy khoa/phòng có mã hoặc cán bộ có họ tên "${word}".`);
  }
  if (people.length > 1) {
    throw new AppError(
      'conflict',
      `Có ${people.length} cán bộ cùng họ tên "${word}"; hãy giao cho khoa/phòng.`,
    );
  }
  return { assigneeId: people[0]!.id };
}
