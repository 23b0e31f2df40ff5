// What was said in a web chat's unfinished draft, so a reload (or a phone that discarded the tab)
// shows the person what they already wrote instead of a bare question. Kept sealed in Redis under
// the session key, as the stored answers are (decision 0009), for as long as a draft lives (24 h
// after the last message), and emptied once the draft ends: submitted (the receipt is then kept on
// the device, not here), cancelled or started over.
//
// The same record says when the session was last used: a draft left longer than the idle limit is
// *locked* — the next visit gets a "continue?" question and nothing of the draft until the person
// says it is theirs (decision 0028). Only what a person sent makes a draft worth locking.
import type { Redis } from 'ioredis';
import type { SealedBox } from '../../src/core/sealed-box.js';
import type { Inbound } from '../../src/dialog/dialog-types.js';
import type { WebChatMessageView } from './web-chat-mailbox.js';

export interface TranscriptEntry {
  who: 'me' | 'bot';
  text: string;
}

type ButtonView = { label: string; value: string };

/** The newest entries kept: a long conversation's start matters less than its end. */
const MAX_ENTRIES = 80;
/** As long as a draft (src/dialog/draft.store.ts): a transcript never outlives its draft. */
const TTL_SECONDS = 24 * 3600;

/** Commands and presses after which no draft remains (`/huy`, "start again"). */
const ENDS_DRAFT = new Set(['command:huy', 'command:cancel', 'choice:restart']);

export function endsDraft(event: Inbound): boolean {
  if (event.type === 'command') return ENDS_DRAFT.has(`command:${event.command}`);
  if (event.type === 'text') {
    const typed = /^\/([A-Za-z_]+)/.exec(event.text.trim());
    return typed ? ENDS_DRAFT.has(`command:${typed[1]!.toLowerCase()}`) : false;
  }
  if (event.type === 'choice') return ENDS_DRAFT.has(`choice:${event.value}`);
  return false;
}

export interface WebChatTranscript {
  /** What the page shows again: no buttons (they were answered). */
  read(sessionKey: string): Promise<TranscriptEntry[]>;
  /** One handled event: what the person sent (as the page showed it) and the answers. */
  append(sessionKey: string, event: Inbound, answers: WebChatMessageView[]): Promise<void>;
  /** The buttons of the latest answer (a reload's too), so the next press is shown by its label. */
  rememberButtons(sessionKey: string, answers: WebChatMessageView[]): Promise<void>;
  clear(sessionKey: string): Promise<void>;
  /** Whether the person has sent anything the transcript holds. */
  hasContent(sessionKey: string): Promise<boolean>;
  /** Milliseconds since epoch of the last handled event, if any. */
  lastActive(sessionKey: string): Promise<number | undefined>;
  touch(sessionKey: string, at: Date): Promise<void>;
  isLocked(sessionKey: string): Promise<boolean>;
  setLocked(sessionKey: string, locked: boolean): Promise<void>;
}

export function createWebChatTranscript(
  redis: Redis,
  prefix: string,
  sealedBox: SealedBox,
): WebChatTranscript {
  const listKey = (s: string) => `${prefix}:web:transcript:${s}`;
  const activeKey = (s: string) => `${prefix}:web:active:${s}`;
  const lockKey = (s: string) => `${prefix}:web:locked:${s}`;
  const sentKey = (s: string) => `${prefix}:web:sent:${s}`;
  const buttonsKey = (s: string) => `${prefix}:web:buttons:${s}`;

  const offered = async (sessionKey: string): Promise<ButtonView[]> => {
    const sealed = await redis.getBuffer(buttonsKey(sessionKey));
    if (!sealed) return [];
    try {
      return sealedBox.openJson<ButtonView[]>(sealed);
    } catch {
      return [];
    }
  };
  const rememberButtons = async (sessionKey: string, answers: WebChatMessageView[]) => {
    const buttons = answers.flatMap((a) => a.buttons?.flat() ?? []);
    await redis.set(buttonsKey(sessionKey), sealedBox.sealJson(buttons), 'EX', TTL_SECONDS);
  };

  const readStored = async (sessionKey: string): Promise<TranscriptEntry[]> => {
    const rows = await redis.lrangeBuffer(listKey(sessionKey), 0, -1);
    return rows.flatMap((row) => {
      try {
        return [sealedBox.openJson<TranscriptEntry>(row)];
      } catch {
        return []; // Sealed with a retired key: left out rather than breaking the page.
      }
    });
  };

  return {
    read: readStored,
    async append(sessionKey, event, answers) {
      const entries: TranscriptEntry[] = [];
      const mine = await shownAs(event, () => offered(sessionKey));
      if (mine) entries.push({ who: 'me', text: mine });
      for (const answer of answers) entries.push({ who: 'bot', text: answer.text });
      await rememberButtons(sessionKey, answers);
      if (!entries.length) return;
      const key = listKey(sessionKey);
      const multi = redis.multi();
      multi.rpush(key, ...entries.map((e) => sealedBox.sealJson(e)));
      multi.ltrim(key, -MAX_ENTRIES, -1);
      multi.expire(key, TTL_SECONDS);
      if (mine) multi.set(sentKey(sessionKey), '1', 'EX', TTL_SECONDS);
      await multi.exec();
    },
    rememberButtons,
    async clear(sessionKey) {
      await redis.del(listKey(sessionKey), sentKey(sessionKey), lockKey(sessionKey), buttonsKey(sessionKey));
    },
    async hasContent(sessionKey) {
      return (await redis.exists(sentKey(sessionKey))) === 1;
    },
    async lastActive(sessionKey) {
      const value = await redis.get(activeKey(sessionKey));
      return value ? Number(value) : undefined;
    },
    async touch(sessionKey, at) {
      await redis.set(activeKey(sessionKey), String(at.getTime()), 'EX', TTL_SECONDS);
    },
    async isLocked(sessionKey) {
      return (await redis.exists(lockKey(sessionKey))) === 1;
    },
    async setLocked(sessionKey, locked) {
      if (locked) await redis.set(lockKey(sessionKey), '1', 'EX', TTL_SECONDS);
      else await redis.del(lockKey(sessionKey));
    },
  };
}

/** What the page showed as the person's own bubble for this event (commands show nothing). */
async function shownAs(event: Inbound, offered: () => Promise<ButtonView[]>): Promise<string | undefined> {
  switch (event.type) {
    case 'text':
      return event.text;
    case 'file':
      return `📎 ${event.file.fileName ?? ''}`.trim();
    case 'choice':
      // The label of the pressed button, from the answer that offered it (the page retires older ones).
      return (await offered()).find((b) => b.value === event.value)?.label;
    case 'location':
    case 'contact':
    case 'command':
    case 'sticker':
      return undefined;
  }
}
