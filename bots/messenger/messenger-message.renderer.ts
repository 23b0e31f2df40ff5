// Outbound → the Send API messages that show it. Pure, so every rule is unit-tested:
// - plain text, split under Messenger's 2 000-character limit;
// - buttons as quick replies on the last text (at most 13 a message; more continue in a short
//   follow-up). A quick reply's title shows 20 characters: when a label is longer, the full labels
//   are listed in the text as well, so nothing the person must read is cut. The payload is the
//   Button.value, which comes back in the message's `quick_reply.payload`;
// - a file: sent as its own message after the text, uploaded with the call (multipart `filedata`);
// - requestContact: Messenger's phone quick reply (`user_phone_number`) prefills the number the
//   person gave Facebook; the dialog's question already tells them to type it, so text suffices.
import type { Button, Outbound, OutboundFile } from '../../src/dialog/dialog-types.js';
import { checkedButton, RenderError } from '../shared/render-button.js';
import { splitText } from '../shared/split-text.js';

export const TEXT_LIMIT = 2000;
export const QUICK_REPLIES_PER_MESSAGE = 13;
export const QUICK_REPLY_TITLE_LIMIT = 20;
/** Attachment uploads of the Send API: 25 MB. */
export const FILE_UPLOAD_LIMIT = 25 * 1024 * 1024;

export interface QuickReply {
  content_type: 'text';
  title: string;
  payload: string;
}

export type MessengerMessage = { text: string; quick_replies?: QuickReply[] };

export type MessengerCall =
  | { kind: 'send'; message: MessengerMessage }
  /** Upload and send the file in one multipart call. */
  | { kind: 'file'; file: OutboundFile; type: 'image' | 'file' };

const MORE_CHOICES = { vi: 'Lựa chọn khác:', en: 'More choices:' };

export function renderOutbound(
  outbound: Outbound,
  options: { languageHint?: string | undefined } = {},
): MessengerCall[] {
  const more = options.languageHint?.toLowerCase().startsWith('en') ? MORE_CHOICES.en : MORE_CHOICES.vi;
  const buttons = (outbound.buttons ?? []).flat();
  const replies = buttons.map(toQuickReply);
  let text = outbound.text.trim() === '' ? '' : outbound.text;
  if (replies.length > 0 && text === '') throw new RenderError('a message with buttons needs text');
  // A cut title would hide part of a choice: list them whole in the text.
  if (buttons.some((b) => [...b.label.trim()].length > QUICK_REPLY_TITLE_LIMIT)) {
    text = `${text}\n\n${buttons.map((b) => `• ${b.label.trim()}`).join('\n')}`;
  }
  const calls: MessengerCall[] = splitText(text, TEXT_LIMIT).map((chunk) => ({
    kind: 'send',
    message: { text: chunk },
  }));
  if (replies.length > 0) {
    const groups: QuickReply[][] = [];
    for (let i = 0; i < replies.length; i += QUICK_REPLIES_PER_MESSAGE)
      groups.push(replies.slice(i, i + QUICK_REPLIES_PER_MESSAGE));
    const last = calls[calls.length - 1]!;
    if (last.kind === 'send') last.message = { text: last.message.text, quick_replies: groups[0]! };
    for (const group of groups.slice(1))
      calls.push({ kind: 'send', message: { text: more, quick_replies: group } });
  }
  if (outbound.file) {
    const { mimeType, bytes } = outbound.file;
    if (!bytes) throw new RenderError('a file to send needs its bytes');
    if (bytes.length > FILE_UPLOAD_LIMIT) throw new RenderError('file too large for a Messenger upload');
    calls.push({ kind: 'file', file: outbound.file, type: mimeType.startsWith('image/') ? 'image' : 'file' });
  }
  return calls;
}

function toQuickReply(b: Button): QuickReply {
  const { title, value } = checkedButton(b, QUICK_REPLY_TITLE_LIMIT);
  return { content_type: 'text', title, payload: value };
}

export { RenderError };
