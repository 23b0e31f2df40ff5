// An organisation's certificate for signing letters (decision 0052). An administrator loads the
// PKCS#12 its CA issued (`langnghe letters:certificate`); it is checked here — readable, the
// passphrase right, a private key and the certificate that matches it, valid today — and kept
// sealed in the database with its passphrase. Signing a letter then opens it and applies a PAdES
// signature beside the printed signer block; an organisation without one issues letters as before.
import { createHash } from 'node:crypto';
import forge from 'node-forge';
import type { AppContext } from '../app-context.js';
import { formatVietnameseDate, toVietnamDate } from '../calendar/local-date.js';
import { AppError } from '../core/app-error.js';
import {
  certificateDer,
  distinguishedName,
  nameAttributeText,
  openPkcs12,
  Pkcs12Error,
  type Pkcs12Problem,
} from '../pdf/pkcs12.js';
import type { PdfSignature } from '../pdf/sign-pdf.js';
import {
  deleteLetterCertificate,
  findLetterCertificate,
  upsertLetterCertificate,
} from './letter.repository.js';

type CertificateContext = Pick<AppContext, 'db' | 'sealedBox' | 'clock'>;

/** What an administrator is shown of a certificate (nothing secret). */
export interface CertificateSummary {
  subject: string;
  /** The subject's common name: the signer a PDF reader shows. */
  commonName: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the certificate (DER), hex. */
  fingerprint: string;
}

/** What is sealed: the file as the CA issued it and the passphrase that opens it. */
interface SealedCertificate {
  p12: string;
  passphrase: string;
}

const day = (d: Date) => formatVietnameseDate(toVietnamDate(d));

/** Why a PKCS#12 is refused, as the administrator reads it (nothing secret). */
const PKCS12_PROBLEMS: Readonly<Record<Pkcs12Problem, string>> = {
  unreadable:
    'Không đọc được tệp chứng thư: tệp không phải PKCS#12 (.p12/.pfx), bị hỏng, hoặc dùng loại khóa chưa hỗ trợ (chỉ hỗ trợ khóa RSA).',
  passphrase: 'Sai mật khẩu của tệp chứng thư.',
  no_key: 'Tệp chứng thư không có khóa bí mật: cần xuất lại kèm khóa bí mật (tệp .p12/.pfx đầy đủ).',
  no_certificate: 'Tệp chứng thư không có chứng thư khớp với khóa bí mật.',
};

/**
 * Opens the PKCS#12 and checks it can sign today; the summary of the certificate that matches its
 * private key. Every refusal says what is wrong in Vietnamese and names nothing secret.
 */
export function inspectCertificate(p12: Buffer, passphrase: string, now: Date): CertificateSummary {
  let cert: forge.pki.Certificate;
  try {
    cert = openPkcs12(p12, passphrase).certificate;
  } catch (err) {
    if (err instanceof Pkcs12Error) throw new AppError('validation', PKCS12_PROBLEMS[err.problem]);
    throw err;
  }
  const { notBefore, notAfter } = cert.validity;
  if (now.getTime() > notAfter.getTime()) {
    throw new AppError('validation', `Chứng thư đã hết hạn ngày ${day(notAfter)}.`);
  }
  if (now.getTime() < notBefore.getTime()) {
    throw new AppError('validation', `Chứng thư chưa có hiệu lực (từ ngày ${day(notBefore)}).`);
  }
  const commonName = cert.subject.getField('CN') as forge.pki.CertificateField | null;
  return {
    subject: distinguishedName(cert.subject.attributes),
    commonName: commonName ? nameAttributeText(commonName) : distinguishedName(cert.subject.attributes),
    issuer: distinguishedName(cert.issuer.attributes),
    serialNumber: cert.serialNumber,
    notBefore,
    notAfter,
    fingerprint: createHash('sha256').update(certificateDer(cert)).digest('hex'),
  };
}

/** Checks and stores (or replaces) the organisation's certificate. */
export async function setLetterCertificate(
  ctx: CertificateContext,
  input: { organizationId: string; p12: Buffer; passphrase: string },
): Promise<CertificateSummary> {
  const summary = inspectCertificate(input.p12, input.passphrase, ctx.clock.now());
  const sealed: SealedCertificate = { p12: input.p12.toString('base64'), passphrase: input.passphrase };
  await upsertLetterCertificate(ctx.db.prisma, {
    organizationId: input.organizationId,
    ciphertext: new Uint8Array(ctx.sealedBox.sealJson(sealed)),
    keyId: ctx.sealedBox.keyId,
    subject: summary.subject,
    issuer: summary.issuer,
    serialNumber: summary.serialNumber,
    notBefore: summary.notBefore,
    notAfter: summary.notAfter,
    fingerprint: summary.fingerprint,
  });
  return summary;
}

/** Removes it: the organisation's letters are signed by the printed block only, as before. */
export async function removeLetterCertificate(
  ctx: Pick<AppContext, 'db'>,
  organizationId: string,
): Promise<boolean> {
  return deleteLetterCertificate(ctx.db.prisma, organizationId);
}

/** The stored certificate's summary, or null when the organisation has none. */
export async function describeLetterCertificate(
  ctx: Pick<AppContext, 'db'>,
  organizationId: string,
): Promise<(CertificateSummary & { updatedAt: Date }) | null> {
  const row = await findLetterCertificate(ctx.db.prisma, organizationId);
  if (!row) return null;
  const cn = /(?:^|, )CN=([^,]*)/.exec(row.subject)?.[1];
  return {
    subject: row.subject,
    commonName: cn ?? row.subject,
    issuer: row.issuer,
    serialNumber: row.serialNumber,
    notBefore: row.notBefore,
    notAfter: row.notAfter,
    fingerprint: row.fingerprint,
    updatedAt: row.updatedAt,
  };
}

/** The PKCS#12 and passphrase a signature needs, with the certificate's fingerprint. */
export interface SigningCertificate {
  p12: Buffer;
  passphrase: string;
  fingerprint: string;
}

/**
 * The organisation's certificate, opened, for signing now; null when it has none. A certificate
 * that expired since it was loaded is refused (the letter waits, decision 0052).
 */
export async function loadSigningCertificate(
  ctx: CertificateContext,
  organizationId: string,
): Promise<SigningCertificate | null> {
  const row = await findLetterCertificate(ctx.db.prisma, organizationId);
  if (!row) return null;
  const now = ctx.clock.now();
  if (now.getTime() > row.notAfter.getTime() || now.getTime() < row.notBefore.getTime()) {
    throw new AppError(
      'unavailable',
      `Chứng thư số của đơn vị ${now.getTime() > row.notAfter.getTime() ? `đã hết hạn ngày ${day(row.notAfter)}` : `chưa có hiệu lực (từ ngày ${day(row.notBefore)})`}.`,
    );
  }
  const sealed = ctx.sealedBox.openJson<SealedCertificate>(row.ciphertext);
  return {
    p12: Buffer.from(sealed.p12, 'base64'),
    passphrase: sealed.passphrase,
    fingerprint: row.fingerprint,
  };
}

/** The reason every letter's signature states. */
export const LETTER_SIGNATURE_REASON = 'Ký ban hành văn bản';

/** The signature of a letter signed by `signerName` for `organizationName`, made now. */
export function letterSignature(
  certificate: SigningCertificate,
  v: { signerName: string; organizationName: string; at: Date },
): PdfSignature {
  return {
    p12: certificate.p12,
    passphrase: certificate.passphrase,
    signerName: v.signerName,
    reason: LETTER_SIGNATURE_REASON,
    location: v.organizationName,
    signingTime: v.at,
  };
}
