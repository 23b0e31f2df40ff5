// An Outbound as stored in `notifications.content` (JSON): the same shape, with file bytes in
// base64. Validated on the way in (a bad message is refused when queued, not when sent) and on the
// way out (a row edited by hand cannot crash a channel adapter).
import { z } from 'zod';
import type { Outbound } from '../dialog/dialog-types.js';
import { fileKeyOfLegacyPath } from '../files/file-store.js';

/** Button values travel back as Telegram callback_data: at most 64 bytes, a safe alphabet. */
export const BUTTON_VALUE_PATTERN = /^[A-Za-z0-9_:.-]{1,64}$/;

const ZButtonSchema = z.object({
  label: z.string().min(1).max(200),
  value: z.string().regex(BUTTON_VALUE_PATTERN, 'button value: 1–64 characters of A-Z a-z 0-9 _ : . -'),
});

export const ZStoredOutboundSchema = z.object({
  text: z.string().max(20_000),
  buttons: z.array(z.array(ZButtonSchema).min(1)).optional(),
  file: z
    .object({
      fileName: z.string().min(1).max(255),
      mimeType: z.string().min(1).max(255),
      key: z.string().min(1).max(500).optional(),
      /** Before decision 0021: the file's absolute path under the enqueuing process's DATA_DIR. */
      path: z.string().min(1).optional(),
      bytesBase64: z.string().optional(),
    })
    .refine(
      (f) => [f.key, f.path, f.bytesBase64].filter((v) => v !== undefined).length === 1,
      'a file needs exactly one of key or bytes',
    )
    .optional(),
  requestContact: z.boolean().optional(),
});

export type StoredOutbound = z.infer<typeof ZStoredOutboundSchema>;

export function toStoredOutbound(content: Outbound): StoredOutbound {
  const stored: StoredOutbound = { text: content.text };
  if (content.buttons?.length) stored.buttons = content.buttons.map((row) => row.map((b) => ({ ...b })));
  if (content.requestContact) stored.requestContact = true;
  if (content.file) {
    const { fileName, mimeType, key, bytes } = content.file;
    stored.file = { fileName, mimeType, ...(key ? { key } : {}) };
    if (bytes) stored.file.bytesBase64 = bytes.toString('base64');
  }
  return ZStoredOutboundSchema.parse(stored);
}

export function fromStoredOutbound(json: unknown): Outbound {
  const stored = ZStoredOutboundSchema.parse(json);
  const content: Outbound = { text: stored.text };
  if (stored.buttons) content.buttons = stored.buttons;
  if (stored.requestContact) content.requestContact = true;
  if (stored.file) {
    const { fileName, mimeType, key, path, bytesBase64 } = stored.file;
    content.file = { fileName, mimeType };
    // An older row's path still names its file: the key is the part under DATA_DIR.
    const fileKey = key ?? (path ? fileKeyOfLegacyPath(path) : undefined);
    if (path && !fileKey) throw new Error('stored file path is not under a data directory');
    if (fileKey) content.file.key = fileKey;
    if (bytesBase64 !== undefined) content.file.bytes = Buffer.from(bytesBase64, 'base64');
  }
  return content;
}
