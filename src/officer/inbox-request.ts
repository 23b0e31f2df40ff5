// What /hopthu asks for (filters, a typed page or a cursor), the words that say it, and the paging
// buttons that carry it: `ib:<status><flags>:<unit>:<a|b><cursor>`, at most 64 bytes (Telegram's
// callback_data limit), turned back into /hopthu arguments by inboxArgsOfButton.
import { CASE_STATUSES, type CaseStatus } from '../cases/case-vocabulary.js';
import type { InboxDirection } from '../cases/case-inbox-scope.js';
import { foldText } from '../core/fold-text.js';

export interface InboxRequest {
  /** null: the open statuses; 'all': any. */
  status: CaseStatus | 'all' | null;
  unitCode: string | null;
  assignee: 'me' | 'none' | null;
  urgent: boolean;
  overdue: boolean;
  /** A page typed by hand (`trang N`); the buttons carry a cursor instead. */
  page: number;
  cursor: { direction: InboxDirection; token: string } | null;
}

export const DEFAULT_INBOX_REQUEST: Readonly<InboxRequest> = {
  status: null,
  unitCode: null,
  assignee: null,
  urgent: false,
  overdue: false,
  page: 1,
  cursor: null,
};

type InboxFlag = 'me' | 'none' | 'urgent' | 'overdue';

/** Folded words (no diacritics, no spaces) for the extra filters; English aliases too. */
const FLAG_WORDS: Readonly<Record<string, InboxFlag>> = {
  cuatoi: 'me',
  mine: 'me',
  chuagiao: 'none',
  unassigned: 'none',
  khan: 'urgent',
  urgent: 'urgent',
  quahan: 'overdue',
  overdue: 'overdue',
};
const FLAG_WORD: Record<InboxFlag, string> = {
  me: 'cuatoi',
  none: 'chuagiao',
  urgent: 'khan',
  overdue: 'quahan',
};
const FLAG_BIT: Record<InboxFlag, number> = { me: 1, none: 2, urgent: 4, overdue: 8 };

const CURSOR_WORDS: Readonly<Record<string, InboxDirection>> = {
  sau: 'after',
  after: 'after',
  truoc: 'before',
  before: 'before',
};
const CURSOR_TOKEN = /^[A-Za-z0-9_-]{24}$/;

/** Sets the filter a word names; false when the word names none. */
export function applyInboxFlagWord(request: InboxRequest, word: string): boolean {
  const flag = FLAG_WORDS[foldText(word).replace(/[\s-]/g, '')];
  if (!flag) return false;
  if (flag === 'me' || flag === 'none') request.assignee = flag;
  else request[flag] = true;
  return true;
}

/** `sau <cursor>` / `trước <cursor>`: the direction the word names, if it is one. */
export function inboxCursorWord(word: string): InboxDirection | undefined {
  return CURSOR_WORDS[foldText(word)];
}

export function isInboxCursorToken(word: string): boolean {
  return CURSOR_TOKEN.test(word);
}

export const INBOX_BUTTON_PREFIX = 'ib:';
const BUTTON_LIMIT = 64;

/** The paging button for the cases after or before `cursorToken`; null when it would not fit. */
export function inboxButtonValue(
  request: Pick<InboxRequest, 'status' | 'unitCode' | 'assignee' | 'urgent' | 'overdue'>,
  direction: InboxDirection,
  cursorToken: string,
): string | null {
  const status =
    request.status === null
      ? '-'
      : request.status === 'all'
        ? '*'
        : CASE_STATUSES.indexOf(request.status).toString(36);
  const flags =
    (request.assignee ? FLAG_BIT[request.assignee] : 0) +
    (request.urgent ? FLAG_BIT.urgent : 0) +
    (request.overdue ? FLAG_BIT.overdue : 0);
  const value = `${INBOX_BUTTON_PREFIX}${status}${flags.toString(16)}:${request.unitCode ?? '-'}:${
    direction === 'after' ? 'a' : 'b'
  }${cursorToken}`;
  return Buffer.byteLength(value) <= BUTTON_LIMIT ? value : null;
}

/** The /hopthu arguments a paging button stands for, or undefined when it is not one. */
export function inboxArgsOfButton(value: string): string | undefined {
  const m = /^ib:([-*0-9a-z])([0-9a-f]):([a-z0-9-]{1,40}|-):([ab])([A-Za-z0-9_-]{24})$/.exec(value);
  if (m) {
    const [, s, f, unit, d, token] = m as unknown as [string, string, string, string, string, string];
    const status = s === '-' ? '' : s === '*' ? 'tatca' : CASE_STATUSES[parseInt(s, 36)];
    if (status === undefined) return undefined;
    const bits = parseInt(f, 16);
    const flags = (Object.keys(FLAG_BIT) as InboxFlag[])
      .filter((k) => bits & FLAG_BIT[k])
      .map((k) => FLAG_WORD[k]);
    return [status, unit === '-' ? '' : unit, ...flags, d === 'a' ? 'sau' : 'truoc', token]
      .filter(Boolean)
      .join(' ');
  }
  // Buttons of the earlier page-number form, still on older messages in chats.
  const old = /^ib:([a-z_]+|-):([a-z0-9-]+):(\d{1,4})$/.exec(value);
  if (!old) return undefined;
  return [old[1] !== '-' ? old[1] : '', old[2] !== '-' ? old[2] : '', `trang ${old[3]}`]
    .filter(Boolean)
    .join(' ');
}
