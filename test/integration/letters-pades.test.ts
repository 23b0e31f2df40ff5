// A letter signed by an organisation that loaded its certificate carries a PAdES signature that
// poppler's pdfsig verifies, beside the printed signer block; the file stored, hashed and sent is
// the signed one. A certificate that can't sign holds the letter back (numbered, not sent) until
// it is replaced or removed (decision 0052). Real database (both engines) and Redis, fake clock.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { parseInput } from '../../src/core/validation.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { findOrganizationByCode } from '../../src/directory/directory.repository.js';
import { readStoredFile } from '../../src/files/file-store.js';
import { processSubmission } from '../../src/intake/process-submission.js';
import { ZSubmissionSchema } from '../../src/intake/submission.schema.js';
import { submitSubmission } from '../../src/intake/submit-submission.js';
import { completeUnfinishedLetters } from '../../src/letters/complete-unfinished-letters.js';
import { draftLetter, signLetter } from '../../src/letters/issue-letter.js';
import {
  describeLetterCertificate,
  removeLetterCertificate,
  setLetterCertificate,
} from '../../src/letters/letter-certificate.js';
import { cmsSigner, pdfSignatureParts } from '../helpers/cms-inspect.js';
import { pdfSignatureReport, pdfText } from '../helpers/pdf-inspect.js';
import { makeTestP12, makeTestSigningCertificate } from '../helpers/test-certificate.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const clock = fixedClock(new Date('2026-03-02T02:00:00Z')); // Monday 02/03/2026, 09:00 in Hà Nội
const year = 365 * 24 * 3600_000;
const validFrom = new Date(clock.now().getTime() - year);
const validUntil = new Date(clock.now().getTime() + year);
let t: TestContext;
let dataDir: string;
let organizationId: string;
const staff: Record<string, string> = {};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-pades-'));
  t = await createTestContext({ clock, env: { DATA_DIR: dataDir } });
  organizationId = (await findOrganizationByCode(t.ctx.db.prisma, 'ttyt-thuan-an'))!.id;
  const handler = await createStaff(t.ctx, {
    organizationCode: 'ttyt-thuan-an',
    fullName: 'Điều dưỡng Khoa Nhi',
    roles: [{ role: 'handler', unitCode: 'ta-knhi' }] as never,
  });
  const head = await createStaff(t.ctx, {
    organizationCode: 'ttyt-thuan-an',
    fullName: 'Nguyễn Thị Hồng',
    roles: [{ role: 'unit_head', unitCode: 'ta-knhi' }] as never,
  });
  staff.handler = handler.id;
  staff.head = head.id;
  // The head is on Telegram: the draft is sent (and stored) for them to sign.
  await t.ctx.db.prisma.staff.update({ where: { id: head.id }, data: { telegramUserId: '7102' } });
}, 60_000);

afterAll(async () => {
  await t?.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

/** A resolved complaint of Khoa Nhi whose sender has a Telegram reply handle. */
async function resolvedCase(): Promise<string> {
  const s = parseInput(ZSubmissionSchema, {
    submissionId: `pades-${randomUUID()}`,
    channel: 'web',
    kind: 'report',
    text: 'Điều dưỡng trực đêm nói năng thiếu tôn trọng với người nhà bệnh nhân.',
    unitCode: 'ta-knhi',
  });
  await submitSubmission(t.ctx, s);
  const { caseId } = await processSubmission(t.ctx, s.submissionId);
  const identity = {
    contact: { name: 'Phạm Thị Lan' },
    replyTo: { channel: 'telegram', conversationId: String(9_200_000 + Math.floor(Math.random() * 99_999)) },
  };
  const ciphertext = Buffer.from(t.ctx.sealedBox.sealJson(identity));
  await t.ctx.db.prisma.senderIdentity.upsert({
    where: { caseId },
    create: { caseId, ciphertext, keyId: 'test' },
    update: { ciphertext },
  });
  await t.ctx.db.prisma.case.update({
    where: { id: caseId },
    data: { status: 'resolved', outcome: 'valid', answer: 'Khoa đã nhắc nhở điều dưỡng trực.' },
  });
  return caseId;
}

// The CMS attributes PAdES baseline B-B signs (RFC 5652, RFC 5035), named here, not imported.
const CONTENT_TYPE = '1.2.840.113549.1.9.3';
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest();

const words = async (pdf: Buffer) => (await pdfText(pdf)).normalize('NFC').replace(/\s+/g, ' ');

describe('letters signed with the organisation certificate (PAdES)', () => {
  it('refuses a file that is not PKCS#12, a wrong passphrase, an expired certificate, one without key', async () => {
    const refused = async (p12: Buffer, passphrase: string, message: RegExp) => {
      await expect(setLetterCertificate(t.ctx, { organizationId, p12, passphrase })).rejects.toMatchObject({
        code: 'validation',
        message: expect.stringMatching(message),
      });
    };
    await refused(Buffer.from('%PDF-1.7 not a certificate'), '', /không phải PKCS#12/);
    const good = makeTestP12({ passphrase: 'đúng', notBefore: validFrom, notAfter: validUntil });
    await refused(good, 'sai', /Sai mật khẩu/);
    await refused(
      makeTestP12({ notBefore: validFrom, notAfter: new Date(clock.now().getTime() - 1000) }),
      '',
      /hết hạn ngày 02\/03\/2026/,
    );
    await refused(
      makeTestP12({ notBefore: validFrom, notAfter: validUntil, withoutKey: true }),
      '',
      /không có khóa bí mật/,
    );
    expect(await describeLetterCertificate(t.ctx, organizationId)).toBeNull();
  }, 60_000);

  it('a signed letter is stored, hashed and sent with a signature pdfsig verifies; a changed byte breaks it', async () => {
    const { p12, certificateDer } = makeTestSigningCertificate({
      passphrase: 'mật khẩu',
      notBefore: validFrom,
      notAfter: validUntil,
    });
    const summary = await setLetterCertificate(t.ctx, { organizationId, p12, passphrase: 'mật khẩu' });
    expect(summary.commonName).toBe('Trung tâm Y tế Thuận An');
    const row = await t.ctx.db.prisma.letterCertificate.findUniqueOrThrow({ where: { organizationId } });
    // Sealed: neither the file nor the passphrase is in the row in clear.
    expect(Buffer.from(row.ciphertext).includes(p12.subarray(0, 64))).toBe(false);
    expect(Buffer.from(row.ciphertext).includes(Buffer.from('mật khẩu'))).toBe(false);
    expect(await describeLetterCertificate(t.ctx, organizationId)).toMatchObject({
      commonName: 'Trung tâm Y tế Thuận An',
      fingerprint: summary.fingerprint,
    });

    const caseId = await resolvedCase();
    // A duplicate merged into it: its sender gets their own copy, signed too.
    const follower = await resolvedCase();
    await t.ctx.db.prisma.case.update({
      where: { id: follower },
      data: { status: 'merged', duplicateOfId: caseId },
    });
    const drafted = await draftLetter(t.ctx, { caseId, staffId: staff.handler!, kind: 'apology' });
    // The draft a head reviews is not signed.
    const draft = await readStoredFile(t.ctx, `files/letters/${drafted.letterId}-draft.pdf`);
    expect(await pdfSignatureReport(draft!)).toMatch(/does not contain any signatures/);

    const signed = await signLetter(t.ctx, { letterId: drafted.letterId, staffId: staff.head! });
    expect(signed.delivery).toBe('sender');
    const letter = await t.ctx.db.prisma.letter.findUniqueOrThrow({ where: { id: drafted.letterId } });
    expect(letter.status).toBe('sent');
    const stored = await t.ctx.db.prisma.storedFile.findUniqueOrThrow({ where: { key: letter.filePath! } });
    const bytes = Buffer.from(stored.bytes);
    expect(stored.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    const report = await pdfSignatureReport(bytes);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signer Certificate Common Name: Trung tâm Y tế Thuận An');
    expect(report).toContain('Total document signed');
    // PAdES baseline B-B (decision 0060): ETSI.CAdES.detached, whose CMS signs content-type,
    // message-digest and the signer certificate's SHA-256 (signing-certificate-v2) — no
    // signing-time: pdfsig's signing time is the dictionary's /M.
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(bytes.includes(Buffer.from('/SubFilter /ETSI.CAdES.detached'))).toBe(true);
    expect(report).toContain('Signing Time: Mar 02 2026 02:00:00');
    const { cms, signedBytes } = pdfSignatureParts(bytes);
    const signer = cmsSigner(cms);
    expect([...signer.signedAttributes.keys()].sort()).toEqual(
      [CONTENT_TYPE, MESSAGE_DIGEST, SIGNING_CERTIFICATE_V2].sort(),
    );
    expect(signer.signedAttributesDer).toEqual([...signer.signedAttributesDer].sort(Buffer.compare));
    const digest = signer.signedAttributes.get(MESSAGE_DIGEST)!;
    expect(Buffer.from(digest.value as string, 'binary')).toEqual(sha256(signedBytes));
    // SigningCertificateV2 { certs: [ESSCertIDv2 { certHash (SHA-256 is the default, so no
    // hashAlgorithm), issuerSerial }] }
    const [certs] = signer.signedAttributes.get(SIGNING_CERTIFICATE_V2)!.value as forge.asn1.Asn1[];
    const [essCertId] = certs!.value as forge.asn1.Asn1[];
    const [certHash, issuerSerial] = essCertId!.value as forge.asn1.Asn1[];
    expect(certHash!.type).toBe(forge.asn1.Type.OCTETSTRING);
    expect(Buffer.from(certHash!.value as string, 'binary')).toEqual(sha256(certificateDer));
    expect(sha256(certificateDer).toString('hex')).toBe(summary.fingerprint);
    const serial = (issuerSerial!.value as forge.asn1.Asn1[])[1]!;
    expect(Buffer.from(serial.value as string, 'binary').toString('hex')).toBe('0a1b2c3d');
    expect(signer.certificates[0]).toEqual(certificateDer);
    // The printed signer block is still there.
    const text = await words(bytes);
    expect(text).toContain('TL. GIÁM ĐỐC TRƯỞNG KHOA NHI');
    expect(text).toContain('(Đã ký)');
    expect(text).toContain('Nguyễn Thị Hồng');
    expect(text).toContain('Số: ');

    // What went to the sender is this file; the audit names the certificate that signed it.
    const [sent] = await t.ctx.db.prisma.notification.findMany({
      where: { dedupeKey: `letter:${letter.id}:sender` },
    });
    expect((sent!.content as { file: { key: string } }).file.key).toBe(letter.filePath);
    const [storeEvent] = await t.ctx.db.prisma.caseEvent.findMany({
      where: { caseId, action: 'letter_store' },
    });
    expect(storeEvent!.data).toMatchObject({ letterId: letter.id, certificate: summary.fingerprint });

    const [toFollower] = await t.ctx.db.prisma.notification.findMany({ where: { caseId: follower } });
    const copyKey = (toFollower!.content as { file: { key: string } }).file.key;
    expect(copyKey).not.toBe(letter.filePath);
    const copy = (await readStoredFile(t.ctx, copyKey))!;
    expect(await pdfSignatureReport(copy)).toContain('Signature Validation: Signature is Valid.');

    const tampered = Buffer.from(bytes);
    const at = tampered.indexOf('/Producer');
    tampered[at + 2] = tampered[at + 2]! ^ 0x01;
    const tamperedReport = await pdfSignatureReport(tampered);
    expect(tamperedReport).toContain('Signature Validation:');
    expect(tamperedReport).not.toContain('Signature is Valid.');
  }, 60_000);

  it('a certificate that expired holds the signed letter back; removed, the letter goes out unsigned as before', async () => {
    // Loaded while valid, expired since.
    await t.ctx.db.prisma.letterCertificate.update({
      where: { organizationId },
      data: { notAfter: new Date(clock.now().getTime() - 24 * 3600_000) },
    });
    const caseId = await resolvedCase();
    const drafted = await draftLetter(t.ctx, { caseId, staffId: staff.handler!, kind: 'thank_you' });
    await expect(
      signLetter(t.ctx, { letterId: drafted.letterId, staffId: staff.head! }),
    ).rejects.toMatchObject({
      code: 'unprocessable',
      message: expect.stringMatching(
        /đã được ký và vào sổ nhưng chưa ký số được: chứng thư số của đơn vị đã hết hạn/,
      ),
    });
    let letter = await t.ctx.db.prisma.letter.findUniqueOrThrow({ where: { id: drafted.letterId } });
    expect(letter).toMatchObject({ status: 'signed', filePath: null, sentAt: null });
    expect(letter.number).not.toBeNull();
    expect(
      await t.ctx.db.prisma.notification.count({ where: { dedupeKey: `letter:${letter.id}:sender` } }),
    ).toBe(0);
    // The sweep tries again and still holds it back.
    await completeUnfinishedLetters(t.ctx, 0);
    letter = await t.ctx.db.prisma.letter.findUniqueOrThrow({ where: { id: drafted.letterId } });
    expect(letter.status).toBe('signed');

    expect(await removeLetterCertificate(t.ctx, organizationId)).toBe(true);
    expect(await removeLetterCertificate(t.ctx, organizationId)).toBe(false);
    await completeUnfinishedLetters(t.ctx, 0);
    letter = await t.ctx.db.prisma.letter.findUniqueOrThrow({ where: { id: drafted.letterId } });
    expect(letter.status).toBe('sent');
    const bytes = (await readStoredFile(t.ctx, letter.filePath!))!;
    expect(await pdfSignatureReport(bytes)).toMatch(/does not contain any signatures/);
    expect(await words(bytes)).toContain('(Đã ký)');
    const [storeEvent] = await t.ctx.db.prisma.caseEvent.findMany({
      where: { caseId, action: 'letter_store' },
    });
    expect(storeEvent!.data).not.toHaveProperty('certificate');
  }, 60_000);
});
