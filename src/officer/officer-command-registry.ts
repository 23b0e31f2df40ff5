// Every officer command, once: its Vietnamese name (no diacritics), English aliases, syntax line,
// description in both languages, who may use it and how its arguments are read — like the CLI's
// CliCommand list (src/cli/main.ts). The parser, the /trogiup help, the card buttons' "type the
// rest" prompts and the messenger's command menus are all derived from these entries.
//
// Who may use a command:
// - a command that performs a case action takes its roles from the transition table
//   (CASE_TRANSITIONS[action].actors, and extraActorsByKind for roles allowed on some kinds only),
//   never restated here;
// - any other command names the constant its service checks (letters: letter-signers.ts; reply:
//   case-permissions.ts REPLY_ROLES; reveal: the organisation's policy, identityRevealRoles;
//   hotline: hotline-roles.ts; unit groups: link-unit-group.ts; reception register:
//   reception-vocabulary.ts RECEPTION_LOGGING_ROLES).
// Help and menus only show what a role may try; the services still decide on each case (scope,
// competence, status), so a listed command can still be refused there.
import { parseUserDate, type LocalDate } from '../calendar/local-date.js';
import { REPLY_ROLES } from '../cases/case-permissions.js';
import { CASE_TRANSITIONS, type CaseAction } from '../cases/case-transitions.js';
import {
  CASE_KINDS,
  CASE_KIND_LABELS,
  ROLES,
  type Actor,
  type CaseKind,
  type Label,
  type Role,
} from '../cases/case-vocabulary.js';
import { foldText } from '../core/fold-text.js';
import { UNIT_GROUP_MANAGER_ROLES } from '../directory/link-unit-group.js';
import {
  DEFAULT_IDENTITY_REVEAL_ROLES,
  type OrganizationPolicy,
} from '../directory/organization-settings.js';
import {
  DUTY_OFFICER_ROLE,
  HOTLINE_CALL_LOGGING_ROLES,
  ROSTER_MANAGER_ROLES,
} from '../hotline/hotline-roles.js';
import { RECEPTION_LIST_ROLES } from '../reception/reception-roles.js';
import { DRAFTING_ROLES, PETITION_FORM_ROLES, SIGNING_ROLES } from '../letters/letter-signers.js';
import { RECEPTION_LOGGING_ROLES } from '../reception-register/reception-vocabulary.js';
import { REPORT_SIGNING_ROLES, REPORT_VIEW_ROLES } from '../reports/periodic/report-roles.js';
import {
  STAFF_QA_ANSWERER_ROLES,
  STAFF_QA_ORGANISER_ROLES,
} from '../staff-questions/staff-qa-permissions.js';
import {
  parseCollectionArg,
  parseQaAnswer,
  parseQaAssign,
  parseQaGroup,
  parseQaOpen,
  type StaffQaRequest,
} from './staff-qa-args.js';
import {
  codeAndText,
  head,
  kindThenReason,
  ok,
  parseDutyArgs,
  parseHotlineArgs,
  parseInboxArgs,
  parseOutcome,
  parseReceptionRegisterArgs,
  parseReceptionVisitArgs,
  type LetterRequest,
  type OfficerRequest,
  type Parsed,
  type UsageFail,
} from './officer-command-args.js';

/** The policy keys that change who may use a command (reveal). */
export type CommandPolicy = Pick<OrganizationPolicy, 'identityRevealRoles'>;

/** Who may use a command. */
export interface CommandRoles {
  readonly roles: readonly Role[];
  /** Roles that may use it on some kinds of case only (accept: a handler, not on a complaint). */
  readonly someKinds?: { readonly roles: readonly Role[]; readonly kinds: readonly CaseKind[] };
}

/** A further syntax of the same command with roles of its own (the duty roster). */
export interface CommandForm {
  readonly usage: string;
  readonly description: Label;
  readonly roles: readonly Role[];
}

interface CommandSpecBase<N extends string, R> {
  readonly name: N;
  /** English names for the same command. The first one is shown in English menus. */
  readonly aliases: readonly string[];
  /** The syntax line: `/name <mã hồ sơ> …`; `<…>` required, `[…]` optional. */
  readonly usage: string;
  readonly description: Label;
  /** Said after the syntax when the arguments are wrong (allowed values…). */
  readonly hint?: string;
  readonly example?: string;
  readonly forms?: readonly CommandForm[];
  /** Usable in a unit's group (listed in the groups' menu); false for what must stay private. */
  readonly inGroups: boolean;
  /** The card button this command stands for, when it is not a case action's (view, reply). */
  readonly button?: 'view' | 'reply';
  /**
   * False when the card button of this action must not ask for the words after the code: the
   * refusal button lists the grounds first.
   */
  readonly buttonAsksWords?: false;
  readonly parse: (args: string, fail: UsageFail) => Parsed<R>;
}

/** A case action's command takes its roles from the transition table; any other states its own. */
export type OfficerCommandSpec<N extends string = string, R = unknown> = CommandSpecBase<N, R> &
  (
    | { readonly action: CaseAction; readonly roles?: never }
    | {
        readonly action?: never;
        readonly roles: readonly Role[] | ((policy: CommandPolicy) => readonly Role[]);
      }
  );

/** Every staff role: commands anyone on staff may use (read their inbox, ask who is on duty). */
const ANY_STAFF: readonly Role[] = ROLES;

const isRole = (actor: Actor): actor is Role => (ROLES as readonly Actor[]).includes(actor);

/** The staff roles the transition table allows for `action` (system and sender are not staff). */
export function rolesOfCaseAction(action: CaseAction): CommandRoles {
  const rule = CASE_TRANSITIONS[action];
  const roles = rule.actors.filter(isRole);
  const extra = rule.extraActorsByKind;
  const extraRoles = extra ? extra.actors.filter(isRole).filter((r) => !roles.includes(r)) : [];
  return extra && extraRoles.length
    ? { roles, someKinds: { roles: extraRoles, kinds: extra.kinds } }
    : { roles };
}

const DEFAULT_POLICY: CommandPolicy = { identityRevealRoles: DEFAULT_IDENTITY_REVEAL_ROLES };

/** Who may use `command`; its forms' roles count too (anyone asks who is on duty). */
export function rolesOfCommand(
  command: OfficerCommandSpec,
  policy: CommandPolicy = DEFAULT_POLICY,
): CommandRoles {
  if (command.action) return rolesOfCaseAction(command.action);
  const own = typeof command.roles === 'function' ? command.roles(policy) : command.roles;
  const all = new Set([...own, ...(command.forms ?? []).flatMap((f) => f.roles)]);
  return { roles: ROLES.filter((r) => all.has(r)) };
}

/** Keeps each entry's literal name, so the names form a type. */
function define<const N extends string, R>(spec: OfficerCommandSpec<N, R>): OfficerCommandSpec<N, R> {
  return spec;
}

const action = (a: CaseAction, code: string, params: Extract<OfficerRequest, { type: 'action' }>['params']) =>
  ok<OfficerRequest>({ type: 'action', action: a, code, params });

const KIND_HINT = `loại là một trong: ${CASE_KINDS.join(', ')} (hoặc góp ý, phản ánh, kiến nghị, khiếu nại, tố cáo, khen ngợi)`;

/** The commands that work on cases, the inbox, the duty roster and unit groups, in help order. */
export const CASE_COMMANDS = [
  define({
    name: 'trogiup',
    aliases: ['help'],
    usage: '/trogiup',
    description: { vi: 'Các lệnh bạn dùng được', en: 'The commands you can use' },
    roles: ANY_STAFF,
    inGroups: true,
    parse: () => ok<OfficerRequest>({ type: 'help' }),
  }),
  define({
    name: 'hopthu',
    aliases: ['inbox'],
    usage: '/hopthu [trạng thái] [mã khoa/phòng] [cuatoi | chuagiao] [khan] [quahan] [trang N]',
    description: {
      vi: 'Hộp thư hồ sơ trong phạm vi của bạn, hạn gần nhất trước',
      en: 'Cases within your scope, nearest deadline first',
    },
    example: '/hopthu received ta-knhi, /hopthu quahan hoặc /hopthu tatca trang 2',
    roles: ANY_STAFF,
    inGroups: true,
    parse: parseInboxArgs,
  }),
  define({
    name: 'xem',
    aliases: ['view'],
    usage: '/xem <mã hồ sơ>',
    description: {
      vi: 'Xem hồ sơ (đã che thông tin cá nhân)',
      en: 'View a case (personal data hidden)',
    },
    roles: ANY_STAFF,
    inGroups: true,
    button: 'view',
    parse: (args, fail) => {
      const [code] = head(args);
      return code ? ok<OfficerRequest>({ type: 'view', code }) : fail();
    },
  }),
  define({
    name: 'thuly',
    aliases: ['accept'],
    usage: '/thuly <mã hồ sơ> [ghi chú]',
    description: { vi: 'Thụ lý hồ sơ', en: 'Accept a case' },
    action: 'accept',
    inGroups: true,
    parse: (args, fail) => {
      const [code, reason] = head(args);
      return code ? action('accept', code, reason ? { reason } : {}) : fail();
    },
  }),
  define({
    name: 'tuchoi',
    aliases: ['refuse'],
    usage: '/tuchoi <mã hồ sơ> <mã căn cứ> <lý do>',
    description: {
      vi: 'Không thụ lý; bỏ trống căn cứ để xem danh mục căn cứ',
      en: 'Refuse a case; leave out the ground to list the grounds',
    },
    action: 'refuse',
    inGroups: true,
    buttonAsksWords: false,
    parse: (args, fail) => {
      const [code, rest] = head(args);
      if (!code) return fail();
      const [groundId, reason] = head(rest);
      if (!groundId) return ok<OfficerRequest>({ type: 'refuse_grounds', code });
      return action('refuse', code, { groundId, ...(reason ? { reason } : {}) });
    },
  }),
  define({
    name: 'phanloai',
    aliases: ['reclassify'],
    usage: '/phanloai <mã hồ sơ> <loại> <lý do>',
    description: { vi: 'Phân loại lại hồ sơ', en: 'Change the kind of a case' },
    hint: KIND_HINT,
    action: 'reclassify',
    inGroups: true,
    parse: (args, fail) => {
      const [code, rest] = head(args);
      const { newKind, reason } = kindThenReason(rest);
      if (!code || !newKind || !reason) return fail();
      return action('reclassify', code, { newKind, reason });
    },
  }),
  define({
    name: 'giao',
    aliases: ['assign'],
    usage: '/giao <mã hồ sơ> <mã khoa/phòng hoặc họ tên cán bộ>',
    description: { vi: 'Giao xử lý cho khoa/phòng hoặc cán bộ', en: 'Assign to a unit or an officer' },
    action: 'assign',
    inGroups: true,
    parse: (args, fail) =>
      codeAndText(args, fail, true, (code, target) => ({
        type: 'assign' as const,
        code,
        target,
        reason: null,
      })),
  }),
  define({
    name: 'chuyen',
    aliases: ['forward'],
    usage: '/chuyen <mã hồ sơ> <cơ quan nhận đơn>',
    description: { vi: 'Chuyển đơn đến cơ quan có thẩm quyền', en: 'Forward to the competent body' },
    action: 'forward',
    inGroups: true,
    parse: (args, fail) => {
      const [code, targetBody] = head(args);
      return code && targetBody ? action('forward', code, { targetBody }) : fail();
    },
  }),
  define({
    name: 'huongdan',
    aliases: ['guide'],
    usage: '/huongdan <mã hồ sơ> <nội dung hướng dẫn>',
    description: { vi: 'Hướng dẫn người gửi đến nơi có thẩm quyền', en: 'Guide the sender elsewhere' },
    action: 'guide',
    inGroups: true,
    parse: (args, fail) => {
      const [code, reason] = head(args);
      return code && reason ? action('guide', code, { reason }) : fail();
    },
  }),
  define({
    name: 'gop',
    aliases: ['merge'],
    usage: '/gop <mã hồ sơ> <mã hồ sơ chính> [lý do]',
    description: { vi: 'Gộp hồ sơ trùng vào hồ sơ chính', en: 'Merge a duplicate into the main case' },
    action: 'merge',
    inGroups: true,
    parse: (args, fail) => {
      const [code, rest] = head(args);
      const [masterCode, reason] = head(rest);
      if (!code || !masterCode) return fail();
      return ok<OfficerRequest>({ type: 'merge', code, masterCode, reason: reason || null });
    },
  }),
  define({
    name: 'nhandon',
    aliases: ['petition'],
    usage: '/nhandon <mã hồ sơ> <ngày nhận đơn dd/mm/yyyy> [lý do]',
    description: {
      vi: 'Ghi nhận đơn có chữ ký (khiếu nại, tố cáo)',
      en: 'Record the signed petition (complaint, denunciation)',
    },
    hint: 'Ngày nhận đơn không được sau hôm nay; nếu trước ngày tiếp nhận hồ sơ, hãy ghi lý do.',
    action: 'record_petition_document',
    inGroups: true,
    parse: (args, fail) => {
      const [code, rest] = head(args);
      const [date, reason] = head(rest);
      if (!code || !date) return fail();
      return action('record_petition_document', code, { receivedOn: date, ...(reason ? { reason } : {}) });
    },
  }),
  define({
    name: 'dinhchinhdon',
    aliases: ['fixdate'],
    usage: '/dinhchinhdon <mã hồ sơ> <ngày nhận đơn đúng dd/mm/yyyy> <lý do>',
    description: {
      vi: 'Đính chính ngày nhận đơn (một lần, có lý do)',
      en: 'Correct the date the signed petition was received (once, with a reason)',
    },
    action: 'correct_petition_date',
    inGroups: true,
    parse: (args, fail) => {
      const [code, rest] = head(args);
      const [date, reason] = head(rest);
      if (!code || !date || !reason) return fail();
      return action('correct_petition_date', code, { receivedOn: date, reason });
    },
  }),
  define({
    name: 'batdau',
    aliases: ['work'],
    usage: '/batdau <mã hồ sơ>',
    description: { vi: 'Bắt đầu xử lý', en: 'Start working on a case' },
    action: 'start',
    inGroups: true,
    parse: (args, fail) => {
      const [code, reason] = head(args);
      return code ? action('start', code, reason ? { reason } : {}) : fail();
    },
  }),
  define({
    name: 'tamdung',
    aliases: ['pause'],
    usage: '/tamdung <mã hồ sơ> <lý do>',
    description: { vi: 'Tạm dừng xử lý', en: 'Pause a case' },
    action: 'pause',
    inGroups: true,
    parse: (args, fail) => {
      const [code, reason] = head(args);
      return code && reason ? action('pause', code, { reason }) : fail();
    },
  }),
  define({
    name: 'tieptuc',
    aliases: ['resume'],
    usage: '/tieptuc <mã hồ sơ> [lý do]',
    description: { vi: 'Tiếp tục xử lý hồ sơ đang tạm dừng', en: 'Resume a paused case' },
    action: 'resume',
    inGroups: true,
    parse: (args, fail) => {
      const [code, reason] = head(args);
      return code ? action('resume', code, reason ? { reason } : {}) : fail();
    },
  }),
  define({
    name: 'giahan',
    aliases: ['extend'],
    usage: '/giahan <mã hồ sơ> <số ngày> <lý do>',
    description: { vi: 'Gia hạn thời hạn xử lý', en: 'Extend the time limit' },
    example: '/giahan ABCD-EFG-HJK 10 Cần xác minh thêm',
    action: 'extend',
    inGroups: true,
    parse: (args, fail) => {
      const [code, rest] = head(args);
      const [daysWord, reason] = head(rest);
      const days = Number(daysWord);
      if (!code || !Number.isInteger(days) || days < 1 || days > 365 || !reason) return fail();
      return action('extend', code, { days, reason });
    },
  }),
  define({
    name: 'giaiquyet',
    aliases: ['resolve'],
    usage: '/giaiquyet <mã hồ sơ> <valid|partly_valid|not_valid|not_applicable> <trả lời người gửi>',
    description: { vi: 'Giải quyết và trả lời người gửi', en: 'Resolve and answer the sender' },
    hint: 'kết quả cũng gõ được: đúng, motphan (đúng một phần), sai, khongapdung (không áp dụng)',
    action: 'resolve',
    inGroups: true,
    parse: (args, fail) => {
      const [code, rest] = head(args);
      const [outcomeWord, answer] = head(rest);
      const outcome = outcomeWord ? parseOutcome(outcomeWord) : undefined;
      if (!code || !outcome || !answer) return fail();
      return action('resolve', code, { outcome, answer });
    },
  }),
  define({
    name: 'molai',
    aliases: ['reopen'],
    usage: '/molai <mã hồ sơ> <lý do>',
    description: { vi: 'Mở lại hồ sơ đã giải quyết hoặc đã đóng', en: 'Reopen a resolved or closed case' },
    action: 'reopen',
    inGroups: true,
    parse: (args, fail) => {
      const [code, reason] = head(args);
      return code && reason ? action('reopen', code, { reason }) : fail();
    },
  }),
  define({
    name: 'traloi',
    aliases: ['reply'],
    usage: '/traloi <mã hồ sơ> <nội dung trả lời người gửi>',
    description: { vi: 'Trả lời người gửi', en: 'Reply to the sender' },
    roles: REPLY_ROLES,
    inGroups: true,
    button: 'reply',
    parse: (args, fail) =>
      codeAndText(args, fail, true, (code, text) => ({ type: 'reply' as const, code, text })),
  }),
  define({
    name: 'ghichu',
    aliases: ['note'],
    usage: '/ghichu <mã hồ sơ> <nội dung>',
    description: {
      vi: 'Ghi chú nội bộ, không gửi người gửi',
      en: 'Internal note, never sent to the sender',
    },
    action: 'note',
    inGroups: true,
    parse: (args, fail) =>
      codeAndText(args, fail, true, (code, text) => ({ type: 'note' as const, code, text })),
  }),
  define({
    name: 'danhtinh',
    aliases: ['reveal'],
    usage: '/danhtinh <mã hồ sơ> <lý do cần xem danh tính>',
    description: {
      vi: 'Xem danh tính người gửi, chỉ trong tin nhắn riêng, được ghi nhật ký',
      en: "See the sender's identity, in a private chat only; the access is logged",
    },
    roles: (policy) => policy.identityRevealRoles,
    inGroups: false,
    parse: (args, fail) =>
      codeAndText(args, fail, true, (code, reason) => ({ type: 'reveal' as const, code, reason })),
  }),
  define({
    name: 'truc',
    aliases: ['duty'],
    usage: '/truc',
    description: { vi: 'Ai đang trực đường dây nóng', en: 'Who is on hotline duty' },
    example: '/truc 07:00 02/03/2026 | 19:00 02/03/2026 | Nguyễn Văn A',
    forms: [
      {
        usage: '/truc nhan [số giờ, mặc định 8]',
        description: {
          vi: 'Nhận ca trực đường dây nóng từ bây giờ',
          en: 'Take a hotline shift from now',
        },
        roles: [DUTY_OFFICER_ROLE],
      },
      {
        usage: '/truc <từ> | <đến> | <họ tên>',
        description: {
          vi: 'Xếp ca trực đường dây nóng cho cán bộ, giờ Việt Nam',
          en: 'Put an officer on hotline duty, Vietnam time',
        },
        roles: ROSTER_MANAGER_ROLES,
      },
    ],
    roles: ANY_STAFF,
    inGroups: true,
    parse: parseDutyArgs,
  }),
  define({
    name: 'nhanduongday',
    aliases: ['hotline'],
    usage: '/nhanduongday <loại> | <mã khoa/phòng hoặc -> | <nội dung> | <tên người gọi?> | <số điện thoại?>',
    description: { vi: 'Ghi nhận cuộc gọi đường dây nóng', en: 'Log a hotline call' },
    hint: `${KIND_HINT}. Bỏ trống tên và số nếu người gọi muốn ẩn danh; trong tin nhắn riêng, gõ /nhanduongday để điền từng bước`,
    example:
      '/nhanduongday phản ánh | ta-kcc | Chờ cấp cứu quá lâu, không ai tiếp đón | Trần Văn B | 0912000111',
    roles: HOTLINE_CALL_LOGGING_ROLES,
    inGroups: true,
    parse: parseHotlineArgs,
  }),
  define({
    name: 'tiepdan',
    aliases: ['logvisit'],
    usage:
      '/tiepdan <họ tên> | <CCCD hoặc -> | <địa chỉ hoặc -> | <điện thoại hoặc -> | <hướng xử lý> | <ngày đơn hoặc -> | <loại>: <nội dung> [| <loại>: <nội dung> …] [| hẹn: <mã lịch hẹn hoặc mã hồ sơ>]',
    description: {
      vi: 'Ghi sổ tiếp công dân (không kèm gì: điền từng bước): mỗi nội dung thành một hồ sơ, ngày đơn bắt đầu thời hạn luật định',
      en: 'Log a visit to the reception place (alone: a step-by-step form): each content becomes a case; the đơn date starts the legal clock',
    },
    hint: `hướng xử lý: nhận đơn, hướng dẫn, chuyển đơn, trả lời; ${KIND_HINT}; nội dung vừa khiếu nại vừa tố cáo thì tách thành hai nội dung; gõ /tiepdan không kèm gì để điền từng bước`,
    example:
      '/tiepdan Nguyễn Văn A | 079123456789 | 12 Lê Lợi, Thuận An | 0912000111 | nhận đơn | 12/02/2026 | khiếu nại: Thu viện phí hai lần | tố cáo: Nhân viên nhận tiền ngoài',
    roles: RECEPTION_LOGGING_ROLES,
    // Personal data (name, CCCD, address): typed in a private chat only.
    inGroups: false,
    parse: parseReceptionVisitArgs,
  }),
  define({
    name: 'sotiepdan',
    aliases: ['register'],
    usage: '/sotiepdan <từ ngày> <đến ngày> [pdf|xlsx]',
    description: {
      vi: 'In sổ tiếp công dân của một kỳ (PDF hoặc Excel)',
      en: 'Print the reception register of a period (PDF or Excel)',
    },
    example: '/sotiepdan 01/02/2026 28/02/2026 xlsx',
    roles: RECEPTION_LOGGING_ROLES,
    inGroups: false,
    parse: parseReceptionRegisterArgs,
  }),
  define({
    name: 'ganphong',
    aliases: ['linkgroup'],
    usage: '/ganphong <mã khoa/phòng>',
    description: {
      vi: 'Gắn nhóm Telegram này với khoa/phòng',
      en: 'Link this Telegram group to a unit',
    },
    roles: UNIT_GROUP_MANAGER_ROLES,
    inGroups: true,
    parse: (args, fail) => {
      const [unitCode] = head(args);
      return unitCode ? ok<OfficerRequest>({ type: 'link_group', unitCode: unitCode.toLowerCase() }) : fail();
    },
  }),
  define({
    name: 'dangnhap',
    aliases: ['signin'],
    usage: '/dangnhap',
    description: {
      vi: 'Nhận liên kết đăng nhập bàn làm việc trên web (dùng một lần)',
      en: 'Get a one-time sign-in link to the web console',
    },
    roles: ANY_STAFF,
    // The link signs in whoever opens it first: never in a group.
    inGroups: false,
    parse: (args, fail) => (args.trim() ? fail() : ok<OfficerRequest>({ type: 'console_link' })),
  }),
  define({
    name: 'lichtiep',
    aliases: ['bookings'],
    usage: '/lichtiep [ngày dd/mm/yyyy]',
    description: {
      vi: 'Danh sách người đặt lịch tiếp công dân trong ngày (hôm nay nếu bỏ trống)',
      en: "The day's citizen-reception bookings (today by default)",
    },
    example: '/lichtiep 15/12/2026',
    roles: RECEPTION_LIST_ROLES,
    // Names and phone numbers: private chats only.
    inGroups: false,
    parse: (args, fail) => {
      const [date] = head(args);
      if (!date) return ok<OfficerRequest>({ type: 'reception_day' });
      try {
        return ok<OfficerRequest>({ type: 'reception_day', date: parseUserDate(date) });
      } catch {
        return fail(`Ngày không hợp lệ: "${date}".`);
      }
    },
  }),
] as const;

const THANKS_WORDS = ['camon', 'cam on', 'thanks', 'thank', 'thankyou', 'thank you'];
const APOLOGY_WORDS = ['xinloi', 'xin loi', 'apology', 'sorry'];

/** Letters (run by letter-actions.ts; decision 0014). */
export const LETTER_COMMANDS = [
  define({
    name: 'thu',
    aliases: ['letter'],
    usage: '/thu <mã hồ sơ> camon|xinloi [lời nhắn thêm]',
    description: {
      vi: 'Soạn thư cảm ơn/xin lỗi, gửi trưởng khoa hoặc lãnh đạo duyệt và ký',
      en: 'Draft a thank-you or apology letter for the head or a leader to sign',
    },
    roles: DRAFTING_ROLES,
    inGroups: true,
    parse: (args, fail): Parsed<LetterRequest> => {
      const [code, rest] = head(args);
      if (!code || !rest) return fail();
      // The kind is one word (camon) or two (cảm ơn, xin lỗi).
      const [first, afterFirst] = head(rest);
      const [second, afterSecond] = head(afterFirst);
      const pick = (word: string) =>
        THANKS_WORDS.includes(word) ? 'thank_you' : APOLOGY_WORDS.includes(word) ? 'apology' : undefined;
      const two = second ? pick(foldText(`${first} ${second}`)) : undefined;
      const kind = two ?? pick(foldText(first));
      if (!kind) return fail();
      return ok({ type: 'draft', code, kind, note: two ? afterSecond : afterFirst });
    },
  }),
  define({
    name: 'maudon',
    aliases: ['petitionform'],
    usage: '/maudon <mã hồ sơ>',
    description: {
      vi: 'Gửi người gửi mẫu đơn khiếu nại/tố cáo điền sẵn',
      en: 'Send the sender a pre-filled complaint or denunciation form',
    },
    roles: PETITION_FORM_ROLES,
    inGroups: true,
    parse: (args, fail): Parsed<LetterRequest> => {
      const [code] = head(args);
      return code ? ok({ type: 'petition_form', code }) : fail();
    },
  }),
  define({
    name: 'xinloi',
    aliases: ['newdate'],
    usage: '/xinloi <mã hồ sơ> <ngày hẹn mới dd/mm/yyyy> <lý do>',
    description: {
      vi: 'Hẹn ngày trả kết quả mới (một lần) và gửi thư xin lỗi',
      en: 'Set a new due date (once) and send an apology',
    },
    example: '/xinloi ABCD-EFG-HJK 20/03/2026 Cần thêm thời gian xác minh',
    roles: SIGNING_ROLES,
    inGroups: true,
    parse: (args, fail): Parsed<LetterRequest> => {
      const [code, rest] = head(args);
      const [date, reason] = head(rest);
      if (!code || !date || !reason) return fail();
      let newDate: LocalDate;
      try {
        newDate = parseUserDate(date);
      } catch {
        return fail(`Ngày hẹn mới không hợp lệ: "${date}".`);
      }
      return ok({ type: 'new_date', code, newDate, reason });
    },
  }),
] as const;

/**
 * Staff questions before the staff conference (run by staff-qa-actions.ts; decision 0039): the
 * organising board opens, lists, groups, assigns and publishes; the assigned leader answers.
 * Private chats only: the questions' words are for the board, not for every unit group.
 */
export const STAFF_QA_COMMANDS = [
  define({
    name: 'hoimo',
    aliases: ['qaopen'],
    usage: '/hoimo <ngày mở dd/mm/yyyy> <ngày đóng dd/mm/yyyy> <chủ đề>',
    description: {
      vi: 'Mở đợt lấy câu hỏi của viên chức trước hội nghị',
      en: 'Open a call for staff questions before the staff conference',
    },
    example: '/hoimo 05/01/2027 20/01/2027 Hội nghị viên chức, người lao động năm 2027',
    roles: STAFF_QA_ORGANISER_ROLES,
    inGroups: false,
    parse: parseQaOpen,
  }),
  define({
    name: 'hoids',
    aliases: ['qalist'],
    usage: '/hoids [số đợt]',
    description: {
      vi: 'Câu hỏi của đợt (mới nhất), các nhóm và gợi ý câu trùng',
      en: 'The questions of a call (latest), the groups and likely duplicates',
    },
    roles: [...new Set([...STAFF_QA_ORGANISER_ROLES, ...STAFF_QA_ANSWERER_ROLES])],
    inGroups: false,
    parse: parseCollectionArg('qa_list'),
  }),
  define({
    name: 'hoigop',
    aliases: ['qagroup'],
    usage: '/hoigop [N<số nhóm>] <mã câu hỏi CH-…> [mã khác…] [| nội dung gộp]',
    description: {
      vi: 'Gộp câu hỏi trùng nhau thành một nhóm (hoặc vào nhóm có sẵn)',
      en: 'Merge duplicate questions into a group (new or existing)',
    },
    example: '/hoigop CH-7K3M CH-9QXP | Khi nào chi trả tiền trực đêm?',
    roles: STAFF_QA_ORGANISER_ROLES,
    inGroups: false,
    parse: parseQaGroup,
  }),
  define({
    name: 'hoigiao',
    aliases: ['qaassign'],
    usage: '/hoigiao <N<số nhóm>> <họ tên lãnh đạo>',
    description: {
      vi: 'Giao một nhóm câu hỏi cho lãnh đạo trả lời',
      en: 'Assign a question group to a leader',
    },
    example: '/hoigiao N1 Lê Văn Tâm',
    roles: STAFF_QA_ORGANISER_ROLES,
    inGroups: false,
    parse: parseQaAssign,
  }),
  define({
    name: 'hoitraloi',
    aliases: ['qaanswer'],
    usage: '/hoitraloi <N<số nhóm>> <nội dung trả lời>',
    description: { vi: 'Trả lời nhóm câu hỏi được giao', en: 'Answer the question group assigned to you' },
    roles: STAFF_QA_ANSWERER_ROLES,
    inGroups: false,
    parse: parseQaAnswer,
  }),
  define({
    name: 'hoicongbo',
    aliases: ['qapublish'],
    usage: '/hoicongbo [số đợt]',
    description: {
      vi: 'Công bố câu trả lời cho viên chức (trang hỏi đáp và nhóm các khoa/phòng)',
      en: 'Publish the answers to staff (the Q&A page and the unit groups)',
    },
    roles: STAFF_QA_ORGANISER_ROLES,
    inGroups: false,
    parse: parseCollectionArg('qa_publish'),
  }),
] as const;

export type { StaffQaRequest };

/** The periodic reports' requests (run by report-actions.ts). */
export type ReportRequest = { type: 'report_list' } | { type: 'report_sign'; ref: string };

/**
 * Periodic reports (run by report-actions.ts; decision 0057): the leaders list the organisation's
 * reports and sign a draft, which numbers it and sends it to its recipients. Private chats only.
 */
export const REPORT_COMMANDS = [
  define({
    name: 'baocao',
    aliases: ['reports'],
    usage: '/baocao',
    description: {
      vi: 'Báo cáo định kỳ của đơn vị: dự thảo chờ ký, đã ký, đã gửi',
      en: 'The organisation’s periodic reports: drafts to sign, signed, filed',
    },
    roles: REPORT_VIEW_ROLES,
    inGroups: false,
    parse: (args, fail): Parsed<ReportRequest> => (args.trim() ? fail() : ok({ type: 'report_list' })),
  }),
  define({
    name: 'kybaocao',
    aliases: ['signreport'],
    usage: '/kybaocao <số hiệu BC-…>',
    description: {
      vi: 'Duyệt và ký báo cáo định kỳ; báo cáo được đánh số và gửi nơi nhận',
      en: 'Approve and sign a periodic report; it is numbered and sent to its recipients',
    },
    example: '/kybaocao BC-7K3M9Q',
    roles: REPORT_SIGNING_ROLES,
    inGroups: false,
    parse: (args, fail): Parsed<ReportRequest> => {
      const [ref, extra] = head(args);
      if (!ref || extra || !/^BC-[0-9A-Z]{6}$/i.test(ref)) return fail();
      return ok({ type: 'report_sign', ref: ref.toUpperCase() });
    },
  }),
] as const;

export type OfficerCommandName = (typeof CASE_COMMANDS)[number]['name'];
export type LetterCommandName = (typeof LETTER_COMMANDS)[number]['name'];

/** Every officer command, in help order. */
export const ALL_OFFICER_COMMANDS: readonly OfficerCommandSpec[] = [
  ...CASE_COMMANDS,
  ...LETTER_COMMANDS,
  ...STAFF_QA_COMMANDS,
  ...REPORT_COMMANDS,
];

/** The entry a typed name (Vietnamese or English alias, any case) stands for. */
function find<C extends OfficerCommandSpec>(commands: readonly C[], typed: string): C | undefined {
  const lower = typed.toLowerCase();
  return commands.find((c) => c.name === lower) ?? commands.find((c) => c.aliases.includes(lower));
}

export const findCaseCommand = (typed: string) => find(CASE_COMMANDS, typed);
export const findLetterCommand = (typed: string) => find(LETTER_COMMANDS, typed);
export const findStaffQaCommand = (typed: string) => find(STAFF_QA_COMMANDS, typed);
export const findReportCommand = (typed: string) => find(REPORT_COMMANDS, typed);

/** The answer to wrong arguments: the syntax, its other forms, what the values may be, an example. */
export function usageMessage(command: OfficerCommandSpec, detail?: string): string {
  const syntax = command.forms?.length
    ? [
        'Cú pháp:',
        `${command.usage} — ${lowerFirst(command.description.vi)}`,
        ...command.forms.map((f) => `${f.usage} — ${lowerFirst(f.description.vi)}`),
      ].join('\n')
    : `Cú pháp: ${command.usage}${command.hint ? `\n(${command.hint})` : ''}`;
  return [
    ...(detail ? [detail] : []),
    syntax,
    ...(command.forms?.length && command.hint ? [`(${command.hint})`] : []),
    ...(command.example ? [`Ví dụ: ${command.example}`] : []),
  ].join('\n');
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** Parses `args` with the entry's reader; every mistake is answered with the entry's usage. */
export function parseWith<R>(command: OfficerCommandSpec<string, R>, args: string): Parsed<R> {
  return command.parse(args, (detail) => ({ ok: false, message: usageMessage(command, detail) }));
}

/** The command a card button of `action` stands for. */
export function commandForButton(buttonAction: string): OfficerCommandSpec | undefined {
  return CASE_COMMANDS.find((c) => c.action === buttonAction || c.button === buttonAction);
}

/**
 * What to type after a card button, as `/name {code} <…>`: the usage of the command performing the
 * action, for the actions whose command needs more words than the case code. Undefined when the
 * button acts at once (nothing required after the code) or has no command.
 */
export function buttonTemplate(buttonAction: string): string | undefined {
  const command = commandForButton(buttonAction);
  if (!command || command.buttonAsksWords === false) return undefined;
  const prefix = `/${command.name} <mã hồ sơ> `;
  if (!command.usage.startsWith(prefix)) return undefined;
  const rest = command.usage.slice(prefix.length);
  return rest.startsWith('<') ? `/${command.name} {code} ${rest}` : undefined;
}

const kindList = (kinds: readonly CaseKind[]) =>
  kinds.map((k) => CASE_KIND_LABELS[k].vi.toLowerCase()).join(', ');

/**
 * The help text for someone holding these roles: only the commands (and forms) their roles may
 * use. A command some role may use on some kinds only is listed with those kinds.
 */
export function officerHelp(roles: readonly Role[], policy: CommandPolicy = DEFAULT_POLICY): string {
  const holds = (allowed: readonly Role[]) => allowed.some((r) => roles.includes(r));
  const lines: string[] = [];
  for (const command of ALL_OFFICER_COMMANDS) {
    const who = rolesOfCommand(command, policy);
    const forms = (command.forms ?? []).filter((f) => holds(f.roles));
    const own = command.action
      ? who
      : { roles: typeof command.roles === 'function' ? command.roles(policy) : command.roles };
    const full = holds(own.roles);
    const partly = !full && !!own.someKinds && holds(own.someKinds.roles);
    if (full || partly) {
      const note = partly ? ` — chỉ với hồ sơ ${kindList(own.someKinds!.kinds)}` : '';
      lines.push(`${command.usage} — ${lowerFirst(command.description.vi)} (/${command.aliases[0]})${note}`);
    }
    for (const f of forms) lines.push(`${f.usage} — ${lowerFirst(f.description.vi)}`);
  }
  return [
    'Lệnh dành cho cán bộ:',
    ...lines,
    '',
    'Mã hồ sơ có dạng ABCD-EFG-HJK. Gõ /start để dùng chức năng gửi ý kiến như người dân.',
  ].join('\n');
}

/** May someone with these roles use the command at all (some kinds, some forms included)? */
export function mayUseCommand(
  command: OfficerCommandSpec,
  roles: readonly Role[],
  policy: CommandPolicy = DEFAULT_POLICY,
): boolean {
  const who = rolesOfCommand(command, policy);
  return [...who.roles, ...(who.someKinds?.roles ?? [])].some((r) => roles.includes(r));
}
