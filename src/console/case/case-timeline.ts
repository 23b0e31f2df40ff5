// The full timeline of a case as the console shows it: every audit event (with the note or reply
// it wrote, the letter it concerns, the routing reason), the sender's own messages, and every
// message the system sent with whether it was delivered (the notify outbox). Pure: rows in,
// entries out, oldest first. Labels come from the vocabularies; texts the sender wrote are redacted.
import { CASE_ACTIONS, CASE_ACTION_LABELS, type CaseAction } from '../../cases/case-transitions.js';
import {
  ACTOR_LABELS,
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  OUTCOME_LABELS,
  type Actor,
  type CaseKind,
  type CaseStatus,
  type Channel,
  type Label,
  type Outcome,
} from '../../cases/case-vocabulary.js';
import { redactText } from '../../cases/redaction.js';
import { findRefusalGround } from '../../cases/refusal-grounds.js';
import { LETTER_KIND_LABELS, type LetterKind } from '../../letters/letter-vocabulary.js';
import { OTHER_EVENT_LABELS, CASE_TEXTS, type ConsoleLang } from './case-texts.js';

export interface TimelineEventRow {
  id: string;
  action: string;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus | null;
  actorType: 'staff' | 'sender' | 'system';
  actorRole: string | null;
  reason: string | null;
  data: unknown;
  createdAt: Date;
}

export interface TimelineMessageRow {
  id: string;
  direction: 'inbound' | 'outbound';
  visibility: 'public' | 'internal';
  body: string;
  channel: Channel | null;
  createdAt: Date;
}

export interface TimelineNotificationRow {
  id: string;
  channel: Channel;
  status: 'pending' | 'sent' | 'failed' | 'undeliverable';
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export interface TimelineLetterRow {
  id: string;
  kind: LetterKind;
}

export interface TimelineEntry {
  id: string;
  at: Date;
  /** Who: a role, the sender or the system. */
  actor: string;
  label: string;
  /** Status change, e.g. "Đã tiếp nhận → Đã thụ lý". */
  statusChange?: string;
  /** Short facts: the reason, the outcome, the ground, the routing reason… */
  details: string[];
  /** A note, a reply or the sender's message. */
  body?: string;
  bodyKind?: 'internal' | 'public' | 'inbound';
  letter?: { id: string; label: string };
  delivery?: { status: TimelineNotificationRow['status']; text: string };
}

const isCaseAction = (a: string): a is CaseAction => (CASE_ACTIONS as readonly string[]).includes(a);
const record = (data: unknown): Record<string, unknown> =>
  data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

export function eventLabel(action: string, lang: ConsoleLang): string {
  if (isCaseAction(action)) return CASE_ACTION_LABELS[action][lang];
  return OTHER_EVENT_LABELS[action]?.[lang] ?? action;
}

export function actorLabel(
  row: Pick<TimelineEventRow, 'actorType' | 'actorRole'>,
  lang: ConsoleLang,
): string {
  const role = row.actorRole as Actor | null;
  if (role && Object.hasOwn(ACTOR_LABELS, role)) return ACTOR_LABELS[role][lang];
  const t = CASE_TEXTS[lang];
  return row.actorType === 'sender' ? t.senderActor : t.system;
}

function label<K extends string>(labels: Readonly<Record<K, Label>>, key: unknown, lang: ConsoleLang) {
  return typeof key === 'string' && Object.hasOwn(labels, key) ? labels[key as K][lang] : undefined;
}

/** The facts of an event worth a line: what the data says, in words. Never personal data. */
function eventDetails(row: TimelineEventRow, lang: ConsoleLang): string[] {
  const d = record(row.data);
  const out: string[] = [];
  if (row.reason) out.push(row.reason);
  if (row.action === 'route' && str(d.reason)) out.push(str(d.reason)!);
  const outcome = label<Outcome>(OUTCOME_LABELS, d.outcome, lang);
  if (outcome) out.push(outcome);
  if (str(d.answer)) out.push(redactText(str(d.answer)!));
  const ground = str(d.groundId) ? findRefusalGround(str(d.groundId)!) : undefined;
  if (ground) out.push(`${lang === 'vi' ? ground.label : ground.labelEn} (${ground.source})`);
  if (str(d.targetBody)) out.push(str(d.targetBody)!);
  const toKind = label<CaseKind>(CASE_KIND_LABELS, d.toKind, lang);
  if (toKind) out.push(`→ ${toKind}`);
  if (str(d.receivedOn)) out.push(str(d.receivedOn)!);
  if (typeof d.days === 'number') out.push(lang === 'vi' ? `${d.days} ngày` : `${d.days} days`);
  const letterKind = label<LetterKind>(LETTER_KIND_LABELS, d.kind, lang);
  if (letterKind && row.action.startsWith('letter_')) out.push(letterKind);
  if (typeof d.number === 'number') out.push(`${CASE_TEXTS[lang].letterNumber} ${d.number}`);
  // A route event keeps its reason both as the event's reason and in its data: say it once.
  return [...new Set(out)];
}

export function buildTimeline(
  input: {
    events: readonly TimelineEventRow[];
    messages: readonly TimelineMessageRow[];
    notifications: readonly TimelineNotificationRow[];
    letters: readonly TimelineLetterRow[];
  },
  lang: ConsoleLang,
): TimelineEntry[] {
  const t = CASE_TEXTS[lang];
  const messages = new Map(input.messages.map((m) => [m.id, m]));
  const letters = new Map(input.letters.map((l) => [l.id, l]));
  const shownMessages = new Set<string>();
  const entries: TimelineEntry[] = [];

  for (const row of input.events) {
    const d = record(row.data);
    const entry: TimelineEntry = {
      id: `e-${row.id}`,
      at: row.createdAt,
      actor: actorLabel(row, lang),
      label: eventLabel(row.action, lang),
      details: eventDetails(row, lang),
    };
    if (row.fromStatus && row.toStatus && row.fromStatus !== row.toStatus) {
      entry.statusChange = `${CASE_STATUS_LABELS[row.fromStatus][lang]} → ${CASE_STATUS_LABELS[row.toStatus][lang]}`;
    }
    const message = str(d.messageId) ? messages.get(str(d.messageId)!) : undefined;
    if (message) {
      shownMessages.add(message.id);
      entry.body = message.body;
      entry.bodyKind = message.visibility === 'internal' ? 'internal' : 'public';
    } else if (row.action === 'note' && str(d.text)) {
      entry.body = str(d.text)!;
      entry.bodyKind = 'internal';
    }
    const letter = str(d.letterId) ? letters.get(str(d.letterId)!) : undefined;
    if (letter) entry.letter = { id: letter.id, label: LETTER_KIND_LABELS[letter.kind][lang] };
    entries.push(entry);
  }

  for (const m of input.messages) {
    if (shownMessages.has(m.id)) continue;
    const inbound = m.direction === 'inbound';
    entries.push({
      id: `m-${m.id}`,
      at: m.createdAt,
      actor: inbound ? t.senderActor : t.system,
      label: inbound ? t.inbound : m.visibility === 'internal' ? t.internalNote : t.publicReply,
      details: m.channel ? [CHANNEL_LABELS[m.channel][lang]] : [],
      // What a sender writes may carry phone numbers and names: masked like the case text.
      body: inbound ? redactText(m.body) : m.body,
      bodyKind: inbound ? 'inbound' : m.visibility === 'internal' ? 'internal' : 'public',
    });
  }

  for (const n of input.notifications) {
    entries.push({
      id: `n-${n.id}`,
      at: n.createdAt,
      actor: t.system,
      label: t.notification(CHANNEL_LABELS[n.channel][lang]),
      details: n.lastError && n.status !== 'sent' ? [n.lastError] : [],
      delivery: { status: n.status, text: t.delivery[n.status] },
    });
  }

  return entries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
}

const TIME_FORMAT = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

/** "05/12/2026 23:06" in Vietnam time, whatever the server's zone. */
export function formatVietnamTime(at: Date): string {
  const part = Object.fromEntries(TIME_FORMAT.formatToParts(at).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}`;
}
