// A file a sender attaches while the submission is still a draft: checked, stored once in the file
// store under files/<sha256> (the key is the checksum, so the same photo sent twice is one stored
// file and a changed byte is a different one), and recorded as an Attachment of the submission with
// no case yet. The intake worker links it to the case.
import { createHash } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { deleteFile, FILES_DIR, putFile } from '../files/file-store.js';
import { resolveAttachmentType, safeFileName, type AttachmentRefusal } from './attachment-policy.js';
import {
  countAttachmentsWithChecksum,
  deleteUnlinkedAttachments,
  findAttachmentOfSubmission,
  insertAttachment,
} from './intake.repository.js';

export interface StoredAttachment {
  id: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
}

export type StoreAttachmentResult =
  { ok: true; attachment: StoredAttachment } | { ok: false; reason: AttachmentRefusal };

/** The file store's key of an attachment (also its `storagePath`). */
export function attachmentKey(sha256: string): string {
  return `${FILES_DIR}/${sha256}`;
}

export async function storeAttachment(
  ctx: AppContext,
  input: {
    submissionId: string;
    bytes: Buffer;
    fileName?: string | undefined;
    mimeType?: string | undefined;
    /** The type the kind of chat message implies when the app sends none (a photo is a JPEG). */
    fallbackType?: string | undefined;
    fallbackName: string;
  },
): Promise<StoreAttachmentResult> {
  const type = resolveAttachmentType({
    bytes: input.bytes,
    mimeType: input.mimeType,
    fileName: input.fileName,
    fallbackType: input.fallbackType,
  });
  if (!type.ok) return type;
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const fileName = safeFileName(input.fileName, input.fallbackName);

  const same = await findAttachmentOfSubmission(ctx.db.prisma, input.submissionId, sha256);
  if (same) return { ok: true, attachment: pick(same) };

  await putFile(ctx, attachmentKey(sha256), input.bytes, { mimeType: type.mimeType });
  const row = await insertAttachment(ctx.db.prisma, {
    submissionId: input.submissionId,
    fileName,
    mimeType: type.mimeType,
    sizeBytes: input.bytes.length,
    sha256,
    storagePath: attachmentKey(sha256),
  });
  return { ok: true, attachment: pick(row) };
}

/** A draft given up (/huy): its files go, unless another submission holds the same bytes. */
export async function discardDraftAttachments(ctx: AppContext, submissionId: string): Promise<void> {
  const checksums = await deleteUnlinkedAttachments(ctx.db.prisma, submissionId);
  for (const sha256 of new Set(checksums)) {
    if ((await countAttachmentsWithChecksum(ctx.db.prisma, sha256)) === 0) {
      await deleteFile(ctx, attachmentKey(sha256));
    }
  }
}

function pick(row: StoredAttachment): StoredAttachment {
  const { id, fileName, mimeType, sizeBytes, sha256 } = row;
  return { id, fileName, mimeType, sizeBytes, sha256 };
}
