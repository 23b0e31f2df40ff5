// What a sender may attach: photos, documents and voice notes up to a size. The declared type is
// checked against the file's first bytes where the format has a signature, so a renamed program
// does not pass for a photo; formats without one are accepted on their declared type and extension.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_SUBMISSION = 10;

const OFFICE_ZIP_TYPES = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
] as const;
const OFFICE_LEGACY_TYPES = [
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
] as const;

export const ALLOWED_ATTACHMENT_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'image/heif',
  'application/pdf',
  ...OFFICE_ZIP_TYPES,
  ...OFFICE_LEGACY_TYPES,
  'audio/ogg',
  'audio/mpeg',
  'audio/mp4',
  'audio/aac',
  'audio/wav',
  'audio/webm',
  'audio/amr',
];

const EXTENSION_TYPES: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  heic: 'image/heic',
  heif: 'image/heif',
  pdf: 'application/pdf',
  docx: OFFICE_ZIP_TYPES[0],
  xlsx: OFFICE_ZIP_TYPES[1],
  pptx: OFFICE_ZIP_TYPES[2],
  odt: OFFICE_ZIP_TYPES[3],
  ods: OFFICE_ZIP_TYPES[4],
  doc: OFFICE_LEGACY_TYPES[0],
  xls: OFFICE_LEGACY_TYPES[1],
  ppt: OFFICE_LEGACY_TYPES[2],
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  wav: 'audio/wav',
  weba: 'audio/webm',
  amr: 'audio/amr',
};

const ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/mp3': 'audio/mpeg',
  'audio/opus': 'audio/ogg',
  'audio/x-aac': 'audio/aac',
};

export type AttachmentRefusal = 'empty' | 'too_large' | 'type_not_allowed';

export function extensionOf(fileName: string | undefined): string {
  const match = /\.([A-Za-z0-9]{1,8})$/.exec(fileName ?? '');
  return match ? match[1]!.toLowerCase() : '';
}

/** The type the sender's app claims, in canonical form, falling back to the extension. */
export function declaredType(mimeType: string | undefined, fileName: string | undefined): string | undefined {
  const declared = mimeType?.split(';')[0]?.trim().toLowerCase();
  if (declared && declared !== 'application/octet-stream') return ALIASES[declared] ?? declared;
  return EXTENSION_TYPES[extensionOf(fileName)];
}

/** Refuses early, before downloading, what the channel already says is too big or not allowed. */
export function checkDeclaredAttachment(input: {
  mimeType?: string | undefined;
  fileName?: string | undefined;
  sizeBytes?: number | undefined;
}): AttachmentRefusal | undefined {
  if (input.sizeBytes !== undefined && input.sizeBytes > MAX_ATTACHMENT_BYTES) return 'too_large';
  const type = declaredType(input.mimeType, input.fileName);
  if (type && !ALLOWED_ATTACHMENT_TYPES.includes(type)) return 'type_not_allowed';
  return undefined;
}

type Sniffed = string | 'zip' | 'ole' | 'unknown';

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...bytes.subarray(from, to));
}

export function sniffType(bytes: Uint8Array): Sniffed {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(bytes, 0, 3) === 'ID3' || startsWith(bytes, [0xff, 0xfb]) || startsWith(bytes, [0xff, 0xf3]))
    return 'audio/mpeg';
  if (startsWith(bytes, [0xff, 0xf1]) || startsWith(bytes, [0xff, 0xf9])) return 'audio/aac';
  if (ascii(bytes, 0, 5) === '#!AMR') return 'audio/amr';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'audio/webm';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (['heic', 'heix', 'hevc', 'heim', 'heis'].includes(brand)) return 'image/heic';
    if (['mif1', 'msf1'].includes(brand)) return 'image/heif';
    if (brand.startsWith('M4A')) return 'audio/mp4';
    return 'video/mp4';
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  return 'unknown';
}

/**
 * The type to store the file under, or why it is refused. Photos from a chat app often come
 * without a declared type; `fallbackType` is what the channel's kind of message implies.
 */
export function resolveAttachmentType(input: {
  bytes: Uint8Array;
  mimeType?: string | undefined;
  fileName?: string | undefined;
  fallbackType?: string | undefined;
}): { ok: true; mimeType: string } | { ok: false; reason: AttachmentRefusal } {
  if (input.bytes.length === 0) return { ok: false, reason: 'empty' };
  if (input.bytes.length > MAX_ATTACHMENT_BYTES) return { ok: false, reason: 'too_large' };
  const declared = declaredType(input.mimeType, input.fileName) ?? input.fallbackType;
  const sniffed = sniffType(input.bytes);
  const allowed = (t: string | undefined): t is string => !!t && ALLOWED_ATTACHMENT_TYPES.includes(t);
  if (sniffed === 'zip') {
    return (OFFICE_ZIP_TYPES as readonly string[]).includes(declared ?? '')
      ? { ok: true, mimeType: declared! }
      : { ok: false, reason: 'type_not_allowed' };
  }
  if (sniffed === 'ole') {
    return (OFFICE_LEGACY_TYPES as readonly string[]).includes(declared ?? '')
      ? { ok: true, mimeType: declared! }
      : { ok: false, reason: 'type_not_allowed' };
  }
  if (sniffed !== 'unknown')
    return allowed(sniffed) ? { ok: true, mimeType: sniffed } : { ok: false, reason: 'type_not_allowed' };
  // No signature we know. Formats with a signature must show it; the rest pass on their name.
  const needsSignature = ['image/', 'application/pdf'].some((p) => declared?.startsWith(p));
  if (allowed(declared) && !needsSignature) return { ok: true, mimeType: declared };
  return { ok: false, reason: 'type_not_allowed' };
}

/** A name safe to show and store: no path, no control characters, NFC, bounded. */
export function safeFileName(fileName: string | undefined, fallback: string): string {
  const base = (fileName ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim()
    .slice(-120);
  return cleaned || fallback;
}
