// What officers' commands turn into, and the pieces their arguments are read with. Pure. Each
// command's entry in officer-command-registry.ts strings these together; a helper that finds the
// arguments wrong answers with the `fail` it is given, so every usage message is built from the
// entry's own syntax line.
import type { LocalDate } from '../calendar/local-date.js';
import type { CaseAction } from '../cases/case-transitions.js';
import {
  CASE_KINDS,
  CASE_STATUSES,
  OUTCOMES,
  type CaseKind,
  type CaseStatus,
  type Outcome,
} from '../cases/case-vocabulary.js';
import { foldText } from '../core/fold-text.js';
import {
  DEFAULT_INBOX_REQUEST,
  applyInboxFlagWord,
  inboxCursorWord,
  isInboxCursorToken,
  type InboxRequest,
} from './inbox-request.js';
import { cleanFreeText } from '../core/free-text.js';
import { parseUserDate } from '../calendar/local-date.js';
import { REGISTER_FORMATS, type RegisterFormat } from '../reception-register/print-reception-register.js';
import {
  RECEPTION_HANDLINGS,
  RECEPTION_HANDLING_WORDS,
  type ReceptionHandling,
} from '../reception-register/reception-vocabulary.js';

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
  | { type: 'hotline_call'; call: HotlineCallForm }
  /** A visit to the reception place, typed on one line (src/reception-register). */
  | { type: 'reception_visit'; visit: ReceptionVisitForm }
  /** `/tiepdan` with no arguments: the step-by-step reception form (private chats). */
  | { type: 'reception_form' }
  /** The reception register of a period, sent back as a file. */
  | { type: 'reception_register'; from: LocalDate; to: LocalDate; format: RegisterFormat }
  /** The day's citizen-reception bookings (today when no date). */
  | { type: 'reception_day'; date?: LocalDate }
  /** A one-time sign-in link to the web console (private chats only). */
  | { type: 'console_link' };

/** What `/tiepdan` carries: the visitor, the handling, the đơn's date and one content per case. */
export interface ReceptionVisitForm {
  name: string;
  idNumber: string | null;
  address: string | null;
  phone: string | null;
  handling: ReceptionHandling;
  petitionDate: LocalDate | null;
  contents: { kind: CaseKind; text: string }[];
  /** A booking reference or a case code the person brought ("hẹn: …" or "mã: …"). */
  bookingReference: string | null;
}

/** The segment labels of `/tiepdan` that carry the booking or case code instead of a content. */
const BOOKING_LABELS = ['hen', 'lich hen', 'ma', 'ma ho so'];

/** The letter commands' requests (run by letter-actions.ts), and the letter buttons'. */
export type LetterRequest =
  | { type: 'draft'; code: string; kind: 'thank_you' | 'apology'; note: string }
  | { type: 'petition_form'; code: string }
  | { type: 'new_date'; code: string; newDate: LocalDate; reason: string }
  | { type: 'sign'; letterId: string }
  | { type: 'return'; letterId: string }
  | { type: 'apology_hint'; clockId: string }
  | { type: 'on_time'; clockId: string; dueOn: LocalDate };

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

export type Parsed<R> = { ok: true; request: R } | { ok: false; message: string };
export type ParsedOfficerCommand = Parsed<OfficerRequest>;
export type ParsedLetterCommand = Parsed<LetterRequest>;

/** The usage answer of the command being parsed; `detail` goes before the syntax when given. */
export type UsageFail = (detail?: string) => { ok: false; message: string };

export const ok = <R>(request: R): { ok: true; request: R } => ({ ok: true, request });

/** Splits "CODE rest of the text" into the first word and the rest (trimmed). */
export function head(args: string): [string, string] {
  const text = cleanFreeText(args);
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

/** The code and, after it, one free-text field (required or not). */
export function codeAndText<R>(
  args: string,
  fail: UsageFail,
  textRequired: boolean,
  build: (code: string, text: string) => R,
): Parsed<R> {
  const [code, rest] = head(args);
  if (!code || (textRequired && !rest)) return fail();
  return ok(build(code, rest));
}

/** `/phanloai`: the kind is one word (complaint, khieunai) or a two-word label (khiếu nại). */
export function kindThenReason(rest: string): { newKind: CaseKind | undefined; reason: string } {
  const [kindWord, firstReason] = head(rest);
  let reason = firstReason;
  let newKind = kindWord ? parseCaseKind(kindWord) : undefined;
  if (!newKind && kindWord) {
    const [second, after] = head(reason);
    newKind = parseCaseKind(`${kindWord} ${second}`);
    if (newKind) reason = after;
  }
  return { newKind, reason };
}

export function parseInboxArgs(args: string, fail: UsageFail): ParsedOfficerCommand {
  const request: InboxRequest = { ...DEFAULT_INBOX_REQUEST };
  const words = args.trim().split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const s = parseStatusFilter(word);
    const direction = inboxCursorWord(word);
    if (['trang', 'page'].includes(word.toLowerCase())) {
      if (!/^\d{1,4}$/.test(words[i + 1] ?? '')) return fail();
      request.page = Math.max(1, Number(words[++i]));
    } else if (direction) {
      // A paging button's cursor (inbox-request.ts), passed on as typed.
      if (!isInboxCursorToken(words[i + 1] ?? '')) return fail();
      request.cursor = { direction, token: words[++i]! };
    } else if (applyInboxFlagWord(request, word)) continue;
    else if (s && request.status === null) request.status = s;
    else if (/^[a-z0-9][a-z0-9-]{1,40}$/i.test(word) && request.unitCode === null)
      request.unitCode = word.toLowerCase();
    else return fail();
  }
  return ok({ type: 'inbox', ...request });
}

export { INBOX_BUTTON_PREFIX, inboxArgsOfButton, inboxButtonValue } from './inbox-request.js';

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

export function parseDutyArgs(args: string, fail: UsageFail): ParsedOfficerCommand {
  const text = cleanFreeText(args);
  if (!text) return ok({ type: 'duty' });
  const [first, rest] = head(text);
  if (['nhan', 'nhận', 'take'].includes(first.toLowerCase())) {
    const hours = rest ? Number(rest.replace(/\s*(giờ|gio|h)$/i, '')) : 8;
    if (!Number.isInteger(hours) || hours < 1 || hours > 24) {
      return fail('Số giờ trực là một số nguyên từ 1 đến 24, ví dụ /truc nhan 12.');
    }
    return ok({ type: 'duty_take', hours });
  }
  const parts = text.split('|').map((p) => p.trim());
  const from = parseDutyTime(parts[0] ?? '');
  const to = parseDutyTime(parts[1] ?? '');
  if (parts.length !== 3 || !from || !to || !parts[2]) return fail();
  return ok({ type: 'duty_set', from, to, fullName: parts[2] });
}

export function parseHotlineArgs(args: string, fail: UsageFail): ParsedOfficerCommand {
  const text = cleanFreeText(args);
  if (!text) return ok({ type: 'hotline_form' });
  const parts = text.split('|').map((p) => p.trim());
  const kind = parseCaseKind(parts[0] ?? '');
  const unit = parts[1] ?? '';
  const content = parts[2] ?? '';
  if (!kind || parts.length < 3 || !content) return fail();
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

const blank = (s: string | undefined) => (!s || s === '-' ? null : s);

function parseHandling(word: string): ReceptionHandling | undefined {
  const lower = word.trim().toLowerCase();
  if ((RECEPTION_HANDLINGS as readonly string[]).includes(lower)) return lower as ReceptionHandling;
  return RECEPTION_HANDLING_WORDS[foldText(word)];
}

function tryDate(text: string): LocalDate | undefined {
  try {
    return parseUserDate(text);
  } catch {
    return undefined;
  }
}

/**
 * `/tiepdan <họ tên> | <CCCD|-> | <địa chỉ|-> | <điện thoại|-> | <hướng xử lý> | <ngày đơn|-> |
 * <loại>: <nội dung> [| <loại>: <nội dung> …]`: each content after the sixth bar is one case.
 */
export function parseReceptionVisitArgs(args: string, fail: UsageFail): ParsedOfficerCommand {
  if (!cleanFreeText(args)) return ok({ type: 'reception_form' });
  const parts = cleanFreeText(args)
    .split('|')
    .map((p) => p.trim());
  if (parts.length < 7 || !parts[0]) return fail();
  const handling = parseHandling(parts[4] ?? '');
  if (!handling) return fail(`Hướng xử lý "${parts[4]}" chưa đúng.`);
  const dateText = blank(parts[5]);
  const petitionDate = dateText ? tryDate(dateText) : null;
  if (petitionDate === undefined) return fail(`Ngày đơn "${dateText}" chưa đúng (dd/mm/yyyy).`);
  const contents: { kind: CaseKind; text: string }[] = [];
  let bookingReference: string | null = null;
  for (const segment of parts.slice(6)) {
    const colon = segment.indexOf(':');
    const label = colon > 0 ? segment.slice(0, colon) : '';
    const text = colon > 0 ? segment.slice(colon + 1).trim() : '';
    if (BOOKING_LABELS.includes(foldText(label)) && text) {
      bookingReference = text;
      continue;
    }
    const kind = label ? parseCaseKind(label) : undefined;
    if (!kind || !text) return fail(`Nội dung "${segment.slice(0, 40)}" cần dạng <loại>: <nội dung>.`);
    contents.push({ kind, text });
  }
  return ok({
    type: 'reception_visit',
    visit: {
      name: parts[0],
      idNumber: blank(parts[1]),
      address: blank(parts[2]),
      phone: blank(parts[3]),
      handling,
      petitionDate,
      contents,
      bookingReference,
    },
  });
}

/** `/sotiepdan <từ ngày> <đến ngày> [pdf|xlsx]`. */
export function parseReceptionRegisterArgs(args: string, fail: UsageFail): ParsedOfficerCommand {
  const [fromText, toText, formatText, ...rest] = cleanFreeText(args).split(/\s+/);
  const from = fromText ? tryDate(fromText) : undefined;
  const to = toText ? tryDate(toText) : undefined;
  const format = (formatText ?? 'pdf').toLowerCase();
  if (!from || !to || rest.length || !(REGISTER_FORMATS as readonly string[]).includes(format)) return fail();
  return ok({ type: 'reception_register', from, to, format: format as RegisterFormat });
}
