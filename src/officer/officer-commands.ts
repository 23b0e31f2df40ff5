// Officers' commands and card buttons, parsed. Pure: a command name and its argument text in, a
// typed request (or a Vietnamese usage message) out. Vietnamese names without diacritics first,
// English aliases beside them; the handler (officer-handler.ts) runs the use cases.
import {
  CASE_KINDS,
  CASE_STATUSES,
  OUTCOMES,
  type CaseKind,
  type CaseStatus,
  type Outcome,
} from '../cases/case-vocabulary.js';
import type { CaseAction } from '../cases/case-transitions.js';
import type { Role } from '../cases/case-vocabulary.js';
import { foldText } from '../routing/fold-text.js';
import {
  DEFAULT_INBOX_REQUEST,
  INBOX_USAGE,
  applyInboxFlagWord,
  inboxCursorWord,
  isInboxCursorToken,
  type InboxRequest,
} from './inbox-request.js';

export const OFFICER_COMMANDS = [
  'trogiup',
  'hopthu',
  'xem',
  'thuly',
  'batdau',
  'tuchoi',
  'phanloai',
  'giao',
  'chuyen',
  'huongdan',
  'gop',
  'ghichu',
  'traloi',
  'nhandon',
  'tamdung',
  'tieptuc',
  'giahan',
  'giaiquyet',
  'molai',
  'danhtinh',
  'truc',
  'ganphong',
  'nhanduongday',
] as const;
export type OfficerCommandName = (typeof OFFICER_COMMANDS)[number];

/** English aliases → the Vietnamese command. */
export const OFFICER_ALIASES: Readonly<Record<string, OfficerCommandName>> = {
  help: 'trogiup',
  inbox: 'hopthu',
  view: 'xem',
  accept: 'thuly',
  work: 'batdau',
  refuse: 'tuchoi',
  reclassify: 'phanloai',
  assign: 'giao',
  forward: 'chuyen',
  guide: 'huongdan',
  merge: 'gop',
  note: 'ghichu',
  reply: 'traloi',
  petition: 'nhandon',
  pause: 'tamdung',
  resume: 'tieptuc',
  extend: 'giahan',
  resolve: 'giaiquyet',
  reopen: 'molai',
  reveal: 'danhtinh',
  duty: 'truc',
  linkgroup: 'ganphong',
  hotline: 'nhanduongday',
};

/** Commands anyone may send (they bind or check a staff account). */
export const JOIN_COMMANDS: readonly string[] = ['thamgia', 'join'];

/** The officer command a typed name stands for, or undefined (then it is not an officer command). */
export function officerCommandOf(name: string): OfficerCommandName | undefined {
  const lower = name.toLowerCase();
  if ((OFFICER_COMMANDS as readonly string[]).includes(lower)) return lower as OfficerCommandName;
  return OFFICER_ALIASES[lower];
}

/** Card buttons: `oc:<action>:<caseCode>`, at most 64 bytes (Telegram's callback_data limit). */
export const BUTTON_PREFIX = 'oc:';
export type ButtonAction = CaseAction | 'view' | 'reply';

export function cardButtonValue(action: ButtonAction, code: string): string {
  return `${BUTTON_PREFIX}${action}:${code}`;
}

export function parseCardButton(value: string): { action: ButtonAction; code: string } | undefined {
  const m = /^oc:([a-z_]{1,32}):([2-9A-Za-z-]{4,20})$/.exec(value);
  if (!m) return undefined;
  return { action: m[1] as ButtonAction, code: m[2]! };
}

export type OfficerRequest =
  | { type: 'help' }
  | ({ type: 'inbox' } & InboxRequest)
  | { type: 'view'; code: string }
  | { type: 'action'; action: CaseAction; code: string; params: ActionParams }
  | { type: 'refuse_grounds'; code: string }
  | { type: 'note'; code: string; text: string }
  | { type: 'reply'; code: string; text: string }
  | { type: 'assign'; code: string; target: string; reason: string | null }
  | { type: 'merge'; code: string; masterCode: string; reason: string | null }
  | { type: 'reveal'; code: string; reason: string }
  | { type: 'duty' }
  /** A hotline officer starts a shift now, for `hours`. */
  | { type: 'duty_take'; hours: number }
  /** A leader or administrator puts someone on duty; times as `YYYY-MM-DDTHH:mm`, Vietnam time. */
  | { type: 'duty_set'; from: string; to: string; fullName: string }
  | { type: 'link_group'; unitCode: string }
  | { type: 'hotline_form' }
  | { type: 'hotline_call'; call: HotlineCallForm };

export interface ActionParams {
  reason?: string;
  groundId?: string;
  targetBody?: string;
  outcome?: Outcome;
  answer?: string;
  newKind?: CaseKind;
  receivedOn?: string;
  days?: number;
}

export interface HotlineCallForm {
  kind: CaseKind;
  unitCode: string | null;
  text: string;
  callerName: string | null;
  callerPhone: string | null;
}

export type ParsedOfficerCommand = { ok: true; request: OfficerRequest } | { ok: false; message: string };

const usage = (message: string): ParsedOfficerCommand => ({ ok: false, message });
const ok = (request: OfficerRequest): ParsedOfficerCommand => ({ ok: true, request });

/** Splits "CODE rest of the text" into the first word and the rest (trimmed). */
function head(args: string): [string, string] {
  const text = args.normalize('NFC').trim();
  const m = /^(\S+)\s*([\s\S]*)$/.exec(text);
  return m ? [m[1]!, m[2]!.trim()] : ['', ''];
}

const OUTCOME_WORDS: Readonly<Record<string, Outcome>> = {
  dung: 'valid',
  'dung mot phan': 'partly_valid',
  dungmotphan: 'partly_valid',
  motphan: 'partly_valid',
  sai: 'not_valid',
  'khong dung': 'not_valid',
  khongdung: 'not_valid',
  'khong ap dung': 'not_applicable',
  khongapdung: 'not_applicable',
};

export function parseOutcome(word: string): Outcome | undefined {
  if ((OUTCOMES as readonly string[]).includes(word)) return word as Outcome;
  return OUTCOME_WORDS[foldText(word)];
}

const KIND_WORDS: Readonly<Record<string, CaseKind>> = {
  'gop y': 'feedback',
  gopy: 'feedback',
  'phan anh': 'report',
  phananh: 'report',
  'kien nghi': 'petition',
  kiennghi: 'petition',
  'khieu nai': 'complaint',
  khieunai: 'complaint',
  'to cao': 'denunciation',
  tocao: 'denunciation',
  'khen ngoi': 'praise',
  khenngoi: 'praise',
  khen: 'praise',
};

export function parseCaseKind(word: string): CaseKind | undefined {
  const lower = word.trim().toLowerCase();
  if ((CASE_KINDS as readonly string[]).includes(lower)) return lower as CaseKind;
  return KIND_WORDS[foldText(word)];
}

const STATUS_WORDS: Readonly<Record<string, CaseStatus | 'all'>> = {
  moi: 'received',
  'tiep nhan': 'received',
  thuly: 'accepted',
  'thu ly': 'accepted',
  giao: 'assigned',
  dangxuly: 'in_progress',
  'dang xu ly': 'in_progress',
  xuly: 'in_progress',
  giaiquyet: 'resolved',
  'giai quyet': 'resolved',
  tatca: 'all',
  'tat ca': 'all',
  all: 'all',
};

export function parseStatusFilter(word: string): CaseStatus | 'all' | undefined {
  const lower = word.trim().toLowerCase();
  if ((CASE_STATUSES as readonly string[]).includes(lower)) return lower as CaseStatus;
  return STATUS_WORDS[foldText(word)];
}

/** A case action that takes the code and, after it, one free-text field. */
function codeAndText(
  args: string,
  build: (code: string, text: string) => ParsedOfficerCommand,
  example: string,
  textRequired: boolean,
): ParsedOfficerCommand {
  const [code, rest] = head(args);
  if (!code || (textRequired && !rest)) return usage(`Cú pháp: ${example}`);
  return build(code, rest);
}

export function parseOfficerCommand(name: OfficerCommandName, args: string): ParsedOfficerCommand {
  const action = (a: CaseAction, code: string, params: ActionParams) =>
    ok({ type: 'action', action: a, code, params });
  switch (name) {
    case 'trogiup':
      return ok({ type: 'help' });
    case 'hopthu':
      return parseInboxArgs(args);
    case 'xem': {
      const [code] = head(args);
      return code ? ok({ type: 'view', code }) : usage('Cú pháp: /xem <mã hồ sơ>');
    }
    case 'thuly':
      return codeAndText(
        args,
        (code, reason) => action('accept', code, reason ? { reason } : {}),
        '/thuly <mã hồ sơ> [ghi chú]',
        false,
      );
    case 'batdau':
      return codeAndText(
        args,
        (code, reason) => action('start', code, reason ? { reason } : {}),
        '/batdau <mã hồ sơ>',
        false,
      );
    case 'tuchoi': {
      const [code, rest] = head(args);
      if (!code) return usage('Cú pháp: /tuchoi <mã hồ sơ> <mã căn cứ> <lý do>');
      const [groundId, reason] = head(rest);
      if (!groundId) return ok({ type: 'refuse_grounds', code });
      return action('refuse', code, { groundId, ...(reason ? { reason } : {}) });
    }
    case 'phanloai': {
      const [code, rest] = head(args);
      // The kind is one word (complaint, khieunai) or a two-word label (khiếu nại).
      const [kindWord, firstReason] = head(rest);
      let reason = firstReason;
      let newKind = kindWord ? parseCaseKind(kindWord) : undefined;
      if (!newKind && kindWord) {
        const [second, after] = head(reason);
        newKind = parseCaseKind(`${kindWord} ${second}`);
        if (newKind) reason = after;
      }
      if (!code || !newKind || !reason) {
        return usage(
          `Cú pháp: /phanloai <mã hồ sơ> <loại> <lý do>; loại là một trong: ${CASE_KINDS.join(', ')}.`,
        );
      }
      return action('reclassify', code, { newKind, reason });
    }
    case 'giao': {
      const [code, rest] = head(args);
      if (!code || !rest) return usage('Cú pháp: /giao <mã hồ sơ> <mã khoa/phòng hoặc họ tên cán bộ>');
      return ok({ type: 'assign', code, target: rest, reason: null });
    }
    case 'chuyen':
      return codeAndText(
        args,
        (code, targetBody) => action('forward', code, { targetBody }),
        '/chuyen <mã hồ sơ> <cơ quan nhận đơn>',
        true,
      );
    case 'huongdan':
      return codeAndText(
        args,
        (code, reason) => action('guide', code, { reason }),
        '/huongdan <mã hồ sơ> <nội dung hướng dẫn>',
        true,
      );
    case 'gop': {
      const [code, rest] = head(args);
      const [masterCode, reason] = head(rest);
      if (!code || !masterCode) return usage('Cú pháp: /gop <mã hồ sơ trùng> <mã hồ sơ chính> [lý do]');
      return ok({ type: 'merge', code, masterCode, reason: reason || null });
    }
    case 'ghichu':
      return codeAndText(
        args,
        (code, text) => ok({ type: 'note', code, text }),
        '/ghichu <mã hồ sơ> <nội dung>',
        true,
      );
    case 'traloi':
      return codeAndText(
        args,
        (code, text) => ok({ type: 'reply', code, text }),
        '/traloi <mã hồ sơ> <nội dung trả lời người gửi>',
        true,
      );
    case 'nhandon': {
      const [code, rest] = head(args);
      const [date] = head(rest);
      if (!code || !date) return usage('Cú pháp: /nhandon <mã hồ sơ> <ngày nhận đơn dd/mm/yyyy>');
      return action('record_petition_document', code, { receivedOn: date });
    }
    case 'tamdung':
      return codeAndText(
        args,
        (code, reason) => action('pause', code, { reason }),
        '/tamdung <mã hồ sơ> <lý do>',
        true,
      );
    case 'tieptuc':
      return codeAndText(
        args,
        (code, reason) => action('resume', code, reason ? { reason } : {}),
        '/tieptuc <mã hồ sơ> [lý do]',
        false,
      );
    case 'giahan': {
      const [code, rest] = head(args);
      const [daysWord, reason] = head(rest);
      const days = Number(daysWord);
      if (!code || !Number.isInteger(days) || days < 1 || days > 365 || !reason) {
        return usage(
          'Cú pháp: /giahan <mã hồ sơ> <số ngày> <lý do>, ví dụ /giahan ABCD-EFG-HJK 10 Cần xác minh thêm.',
        );
      }
      return action('extend', code, { days, reason });
    }
    case 'giaiquyet': {
      const [code, rest] = head(args);
      const [outcomeWord, answer] = head(rest);
      const outcome = outcomeWord ? parseOutcome(outcomeWord) : undefined;
      if (!code || !outcome || !answer) {
        return usage(
          'Cú pháp: /giaiquyet <mã hồ sơ> <kết quả> <trả lời người gửi>; kết quả: valid (đúng), partly_valid (đúng một phần), not_valid (sai), not_applicable (không áp dụng).',
        );
      }
      return action('resolve', code, { outcome, answer });
    }
    case 'molai':
      return codeAndText(
        args,
        (code, reason) => action('reopen', code, { reason }),
        '/molai <mã hồ sơ> <lý do>',
        true,
      );
    case 'danhtinh':
      return codeAndText(
        args,
        (code, reason) => ok({ type: 'reveal', code, reason }),
        '/danhtinh <mã hồ sơ> <lý do cần xem danh tính>',
        true,
      );
    case 'truc':
      return parseDutyCommand(args);
    case 'ganphong': {
      const [unitCode] = head(args);
      return unitCode
        ? ok({ type: 'link_group', unitCode: unitCode.toLowerCase() })
        : usage('Cú pháp: /ganphong <mã khoa/phòng>');
    }
    case 'nhanduongday':
      return parseHotlineForm(args);
  }
}

export function parseInboxArgs(args: string): ParsedOfficerCommand {
  const request: InboxRequest = { ...DEFAULT_INBOX_REQUEST };
  const words = args.trim().split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const s = parseStatusFilter(word);
    const direction = inboxCursorWord(word);
    if (['trang', 'page'].includes(word.toLowerCase())) {
      if (!/^\d{1,4}$/.test(words[i + 1] ?? '')) return usage(INBOX_USAGE);
      request.page = Math.max(1, Number(words[++i]));
    } else if (direction) {
      // A paging button's cursor (inbox-request.ts), passed on as typed.
      if (!isInboxCursorToken(words[i + 1] ?? '')) return usage(INBOX_USAGE);
      request.cursor = { direction, token: words[++i]! };
    } else if (applyInboxFlagWord(request, word)) continue;
    else if (s && request.status === null) request.status = s;
    else if (/^[a-z0-9][a-z0-9-]{1,40}$/i.test(word) && request.unitCode === null)
      request.unitCode = word.toLowerCase();
    else return usage(INBOX_USAGE);
  }
  return ok({ type: 'inbox', ...request });
}

export { INBOX_BUTTON_PREFIX, inboxArgsOfButton, inboxButtonValue } from './inbox-request.js';

export const DUTY_USAGE =
  'Ca trực đường dây nóng:\n' +
  '/truc — ai đang trực\n' +
  '/truc nhan [số giờ, mặc định 8] — nhận ca trực từ bây giờ (cán bộ trực đường dây nóng)\n' +
  '/truc <từ> | <đến> | <họ tên> — xếp ca cho cán bộ (lãnh đạo, quản trị), giờ Việt Nam, ví dụ:\n' +
  '/truc 07:00 02/03/2026 | 19:00 02/03/2026 | Nguyễn Văn A';

/** `07:00 02/03/2026`, `02/03/2026 07:00` or `2026-03-02T07:00` → `2026-03-02T07:00`; null if none. */
export function parseDutyTime(input: string): string | null {
  const text = input.trim();
  const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})$/.exec(text);
  if (iso) return `${iso[1]}T${iso[2]}`;
  const timeFirst = /^(\d{1,2}):(\d{2})\s+(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const dateFirst = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})$/.exec(text);
  const [h, mi, d, mo, y] = timeFirst
    ? timeFirst.slice(1)
    : dateFirst
      ? [dateFirst[4], dateFirst[5], dateFirst[1], dateFirst[2], dateFirst[3]]
      : [];
  if (!y) return null;
  const two = (v: string | undefined) => v!.padStart(2, '0');
  return `${y}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}`;
}

export function parseDutyCommand(args: string): ParsedOfficerCommand {
  const text = args.normalize('NFC').trim();
  if (!text) return ok({ type: 'duty' });
  const [first, rest] = head(text);
  if (['nhan', 'nhận', 'take'].includes(first.toLowerCase())) {
    const hours = rest ? Number(rest.replace(/\s*(giờ|gio|h)$/i, '')) : 8;
    if (!Number.isInteger(hours) || hours < 1 || hours > 24) {
      return usage('Số giờ trực là một số nguyên từ 1 đến 24, ví dụ /truc nhan 12.');
    }
    return ok({ type: 'duty_take', hours });
  }
  const parts = text.split('|').map((p) => p.trim());
  const from = parseDutyTime(parts[0] ?? '');
  const to = parseDutyTime(parts[1] ?? '');
  if (parts.length !== 3 || !from || !to || !parts[2]) return usage(DUTY_USAGE);
  return ok({ type: 'duty_set', from, to, fullName: parts[2] });
}

export const HOTLINE_FORM_USAGE =
  'Ghi nhận cuộc gọi đường dây nóng trong một dòng:\n' +
  '/nhanduongday <loại> | <mã khoa/phòng hoặc -> | <nội dung> | <tên người gọi?> | <số điện thoại?>\n' +
  'Ví dụ: /nhanduongday phản ánh | ta-kcc | Chờ cấp cứu quá lâu, không ai tiếp đón | Trần Văn B | 0912000111\n' +
  `Loại: ${CASE_KINDS.join(', ')} (hoặc góp ý, phản ánh, kiến nghị, khiếu nại, tố cáo, khen ngợi). Bỏ trống tên và số nếu người gọi muốn ẩn danh.`;

export function parseHotlineForm(args: string): ParsedOfficerCommand {
  const text = args.normalize('NFC').trim();
  if (!text) return ok({ type: 'hotline_form' });
  const parts = text.split('|').map((p) => p.trim());
  const kind = parseCaseKind(parts[0] ?? '');
  const unit = parts[1] ?? '';
  const content = parts[2] ?? '';
  if (!kind || parts.length < 3 || !content) return usage(HOTLINE_FORM_USAGE);
  return ok({
    type: 'hotline_call',
    call: {
      kind,
      unitCode: unit && unit !== '-' ? unit.toLowerCase() : null,
      text: content,
      callerName: parts[3] || null,
      callerPhone: parts[4] || null,
    },
  });
}

interface HelpLine {
  command: string;
  text: string;
  /** Shown to holders of any of these roles; everyone when absent. */
  roles?: readonly Role[];
}

const TRIAGE: readonly Role[] = ['receiver', 'unit_head', 'leader'];
const OFFICE: readonly Role[] = ['receiver', 'leader'];
const WORKERS: readonly Role[] = ['handler', 'unit_head', 'leader'];
const REPLIERS: readonly Role[] = ['receiver', 'handler', 'unit_head', 'leader'];

const HELP: readonly HelpLine[] = [
  {
    command: '/hopthu [trạng thái] [mã khoa/phòng] [cuatoi|chuagiao] [khan] [quahan]',
    text: 'hộp thư hồ sơ trong phạm vi của bạn, hạn gần nhất trước (/inbox)',
  },
  { command: '/xem <mã>', text: 'xem hồ sơ (đã che thông tin cá nhân) (/view)' },
  { command: '/thuly <mã>', text: 'thụ lý (/accept)', roles: TRIAGE },
  {
    command: '/tuchoi <mã> <căn cứ> <lý do>',
    text: 'không thụ lý; bỏ trống căn cứ để xem danh mục (/refuse)',
    roles: TRIAGE,
  },
  { command: '/phanloai <mã> <loại> <lý do>', text: 'phân loại lại (/reclassify)', roles: OFFICE },
  { command: '/giao <mã> <khoa/phòng|cán bộ>', text: 'giao xử lý (/assign)', roles: TRIAGE },
  { command: '/chuyen <mã> <cơ quan>', text: 'chuyển đơn (/forward)', roles: OFFICE },
  { command: '/huongdan <mã> <nội dung>', text: 'hướng dẫn người gửi (/guide)', roles: OFFICE },
  { command: '/gop <mã> <mã hồ sơ chính>', text: 'gộp hồ sơ trùng (/merge)', roles: OFFICE },
  { command: '/nhandon <mã> <dd/mm/yyyy>', text: 'ghi nhận đơn có chữ ký (/petition)', roles: OFFICE },
  { command: '/batdau <mã>', text: 'bắt đầu xử lý (/work)', roles: WORKERS },
  { command: '/tamdung <mã> <lý do>', text: 'tạm dừng (/pause)', roles: WORKERS },
  { command: '/tieptuc <mã>', text: 'tiếp tục (/resume)', roles: WORKERS },
  { command: '/giahan <mã> <số ngày> <lý do>', text: 'gia hạn (/extend)', roles: WORKERS },
  { command: '/giaiquyet <mã> <kết quả> <trả lời>', text: 'giải quyết (/resolve)', roles: WORKERS },
  { command: '/molai <mã> <lý do>', text: 'mở lại (/reopen)', roles: ['leader', 'admin'] },
  { command: '/traloi <mã> <nội dung>', text: 'trả lời người gửi (/reply)', roles: REPLIERS },
  {
    command: '/ghichu <mã> <nội dung>',
    text: 'ghi chú nội bộ, không gửi người gửi (/note)',
    roles: ['admin', 'receiver', 'handler', 'unit_head', 'leader', 'hotline'],
  },
  {
    command: '/danhtinh <mã> <lý do>',
    text: 'xem danh tính người gửi, chỉ trong tin nhắn riêng, được ghi nhật ký (/reveal)',
  },
  { command: '/truc', text: 'ai đang trực đường dây nóng (/duty)' },
  { command: '/truc nhan [số giờ]', text: 'nhận ca trực đường dây nóng từ bây giờ', roles: ['hotline'] },
  {
    command: '/truc <từ> | <đến> | <họ tên>',
    text: 'xếp ca trực đường dây nóng',
    roles: ['leader', 'admin'],
  },
  {
    command: '/nhanduongday',
    text: 'ghi nhận cuộc gọi đường dây nóng (/hotline)',
    roles: ['hotline', 'receiver', 'leader'],
  },
  {
    command: '/ganphong <mã khoa/phòng>',
    text: 'gắn nhóm Telegram này với khoa/phòng (/linkgroup)',
    roles: ['admin', 'unit_head'],
  },
  // Letters: parsed and run by letter-actions.ts.
  {
    command: '/thu <mã> camon|xinloi [lời nhắn]',
    text: 'soạn thư cảm ơn/xin lỗi, gửi trưởng khoa hoặc lãnh đạo duyệt và ký (/letter)',
    roles: WORKERS,
  },
  {
    command: '/maudon <mã>',
    text: 'gửi người gửi mẫu đơn khiếu nại/tố cáo điền sẵn (/petitionform)',
    roles: REPLIERS,
  },
  {
    command: '/xinloi <mã> <dd/mm/yyyy> <lý do>',
    text: 'hẹn ngày trả kết quả mới (một lần) và gửi thư xin lỗi (/newdate)',
    roles: ['unit_head', 'leader'],
  },
];

/** The help text for someone holding these roles (only the commands their roles can use). */
export function officerHelp(roles: readonly Role[]): string {
  const lines = HELP.filter((l) => !l.roles || l.roles.some((r) => roles.includes(r))).map(
    (l) => `${l.command} — ${l.text}`,
  );
  return [
    'Lệnh dành cho cán bộ:',
    ...lines,
    '',
    'Mã là mã hồ sơ, ví dụ ABCD-EFG-HJK. Gõ /start để dùng chức năng gửi ý kiến như người dân.',
  ].join('\n');
}
