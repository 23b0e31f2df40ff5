// Outbound → the OA API messages that show it (POST /v3.0/oa/message/cs). Pure, so every rule is
// unit-tested:
// - plain text, split at line breaks under Zalo's 2 000-character limit;
// - buttons as a `template` attachment of `oa.query.hide` buttons on the last text (at most 5 per
//   message: more rows continue in one short follow-up message, and what does not fit there is
//   listed as words to type, which the dialog matches like a press). Pressing one makes the user's app
//   send `#ln:<value>` as a hidden message, which the event mapper turns back into a `choice`;
// - a file: uploaded first (/v2.0/oa/upload/image for JPEG/PNG up to 1 MB, /v2.0/oa/upload/file
//   for PDF/DOC/DOCX up to 5 MB), then sent as its own message after the text;
// - answers that go out together are combined (combineOutbounds): every OA message counts against
//   Zalo's 8 free replies to the person's message (decision 0027);
// - requestContact: the OA API has no "share my number" button for customer-service messages, so
//   the person types it; the dialog's question already says so in words.
import type { Button, Outbound, OutboundFile } from '../../src/dialog/dialog-types.js';
import { checkedButton, RenderError } from '../shared/render-button.js';
import { splitText } from '../shared/split-text.js';
import { BUTTON_PAYLOAD_PREFIX } from './zalo-event.mapper.js';

export const TEXT_LIMIT = 2000;
export const BUTTONS_PER_MESSAGE = 5;
/** Messages that carry one answer's buttons: every OA message counts against Zalo's reply quota. */
export const BUTTON_MESSAGES_PER_ANSWER = 2;
export const BUTTON_TITLE_LIMIT = 100;
export const IMAGE_UPLOAD_LIMIT = 1024 * 1024;
export const FILE_UPLOAD_LIMIT = 5 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
const FILE_TYPES = new Set([
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);

export interface ZaloButton {
  title: string;
  type: 'oa.query.hide';
  payload: string;
}

export type ZaloMessage =
  | { text: string; attachment?: { type: 'template'; payload: { buttons: ZaloButton[] } } }
  | {
      attachment:
        | {
            type: 'template';
            payload: { template_type: 'media'; elements: [{ media_type: 'image'; attachment_id: string }] };
          }
        | { type: 'file'; payload: { token: string } };
    };

export type ZaloCall =
  | { kind: 'send'; message: ZaloMessage }
  /** Upload the file, then send the message built from the id Zalo gives back. */
  | { kind: 'upload'; upload: 'image' | 'file'; file: OutboundFile };

const MORE_CHOICES = { vi: 'Lựa chọn khác:', en: 'More choices:' };
const TYPE_ONE_OF = { vi: 'Hoặc gõ một trong các lựa chọn:', en: 'Or type one of:' };

export interface RenderOptions {
  languageHint?: string | undefined;
}

export function renderOutbound(outbound: Outbound, options: RenderOptions = {}): ZaloCall[] {
  const en = options.languageHint?.toLowerCase().startsWith('en');
  const more = en ? MORE_CHOICES.en : MORE_CHOICES.vi;
  const all = (outbound.buttons ?? []).flat().map(toZaloButton);
  const shown = BUTTONS_PER_MESSAGE * BUTTON_MESSAGES_PER_ANSWER;
  const buttons = all.slice(0, shown);
  const typed = all.slice(shown).map((button) => `• ${button.title}`);
  const text = outbound.text.trim() === '' ? '' : outbound.text;
  if (buttons.length > 0 && text === '') throw new RenderError('a message with buttons needs text');

  const calls: ZaloCall[] = splitText(text, TEXT_LIMIT).map((chunk) => ({
    kind: 'send',
    message: { text: chunk },
  }));
  if (buttons.length > 0) {
    const groups: ZaloButton[][] = [];
    for (let i = 0; i < buttons.length; i += BUTTONS_PER_MESSAGE)
      groups.push(buttons.slice(i, i + BUTTONS_PER_MESSAGE));
    const last = calls[calls.length - 1]!;
    if (last.kind === 'send' && 'text' in last.message) {
      last.message = { text: last.message.text, attachment: template(groups[0]!) };
    }
    for (const group of groups.slice(1)) {
      const list = typed.length ? `\n\n${en ? TYPE_ONE_OF.en : TYPE_ONE_OF.vi}\n${typed.join('\n')}` : '';
      const text = [...`${more}${list}`].length <= TEXT_LIMIT ? `${more}${list}` : more;
      calls.push({ kind: 'send', message: { text, attachment: template(group) } });
    }
  }
  if (outbound.file) {
    const { mimeType, bytes } = outbound.file;
    // A stored file's key is read where the message is sent from (the notify worker).
    if (!bytes) throw new RenderError('a file to send needs its bytes');
    const upload = IMAGE_TYPES.has(mimeType) ? 'image' : FILE_TYPES.has(mimeType) ? 'file' : undefined;
    if (!upload) throw new RenderError(`Zalo OA cannot send files of type ${mimeType}`);
    if (bytes.length > (upload === 'image' ? IMAGE_UPLOAD_LIMIT : FILE_UPLOAD_LIMIT)) {
      throw new RenderError(`file too large for a Zalo ${upload} upload`);
    }
    calls.push({ kind: 'upload', upload, file: outbound.file });
  }
  return calls;
}

/**
 * Joins answers sent together into as few messages as Zalo needs: a text without buttons or a file
 * goes in front of the next answer's text, as long as the two fit in one Zalo message.
 */
export function combineOutbounds(outbounds: readonly Outbound[]): Outbound[] {
  const combined: Outbound[] = [];
  for (const next of outbounds) {
    const prev = combined.at(-1);
    const plain = prev && !prev.buttons?.length && !prev.file && prev.text.trim() !== '';
    const text = prev ? `${prev.text}\n\n${next.text}` : '';
    if (plain && next.text.trim() !== '' && [...text].length <= TEXT_LIMIT) {
      combined[combined.length - 1] = { ...next, text };
    } else combined.push(next);
  }
  return combined;
}

/** The message that shows an uploaded image or file. */
export function uploadedMessage(upload: 'image' | 'file', id: string): ZaloMessage {
  return upload === 'image'
    ? {
        attachment: {
          type: 'template',
          payload: { template_type: 'media', elements: [{ media_type: 'image', attachment_id: id }] },
        },
      }
    : { attachment: { type: 'file', payload: { token: id } } };
}

function template(buttons: ZaloButton[]) {
  return { type: 'template' as const, payload: { buttons } };
}

function toZaloButton(b: Button): ZaloButton {
  const { title, value } = checkedButton(b, BUTTON_TITLE_LIMIT);
  return { title, type: 'oa.query.hide', payload: `${BUTTON_PAYLOAD_PREFIX}${value}` };
}

export { RenderError, splitText };
