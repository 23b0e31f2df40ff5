import { describe, expect, it } from 'vitest';
import {
  MAX_ATTACHMENT_BYTES,
  checkDeclaredAttachment,
  resolveAttachmentType,
  safeFileName,
} from './attachment-policy.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
const PDF = Buffer.from('%PDF-1.7\n');
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('attachment policy', () => {
  it('trusts the bytes over the declared type', () => {
    expect(resolveAttachmentType({ bytes: JPEG, fallbackType: 'image/jpeg' })).toEqual({
      ok: true,
      mimeType: 'image/jpeg',
    });
    expect(resolveAttachmentType({ bytes: PDF, mimeType: 'image/png' })).toEqual({
      ok: true,
      mimeType: 'application/pdf',
    });
    expect(resolveAttachmentType({ bytes: Buffer.from('MZ..'), mimeType: 'image/jpeg' })).toEqual({
      ok: false,
      reason: 'type_not_allowed',
    });
  });

  it('accepts office files only as what they claim to be', () => {
    expect(resolveAttachmentType({ bytes: ZIP, fileName: 'don.docx' })).toEqual({ ok: true, mimeType: DOCX });
    expect(resolveAttachmentType({ bytes: ZIP, fileName: 'virus.zip' })).toMatchObject({ ok: false });
  });

  it('refuses what is empty, too big or not allowed, early when the channel says so', () => {
    expect(resolveAttachmentType({ bytes: Buffer.alloc(0) })).toEqual({ ok: false, reason: 'empty' });
    expect(checkDeclaredAttachment({ sizeBytes: MAX_ATTACHMENT_BYTES + 1 })).toBe('too_large');
    expect(checkDeclaredAttachment({ mimeType: 'video/mp4' })).toBe('type_not_allowed');
    expect(checkDeclaredAttachment({ fileName: 'ghi-am.ogg', sizeBytes: 1000 })).toBeUndefined();
  });

  it('keeps file names safe to store and show', () => {
    expect(safeFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(safeFileName('Hóa đơn.pdf'.normalize('NFD'), 'x')).toBe('Hóa đơn.pdf'.normalize('NFC'));
    expect(safeFileName(undefined, 'anh-1.jpg')).toBe('anh-1.jpg');
  });
});
