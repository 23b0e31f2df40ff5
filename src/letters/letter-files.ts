// Letters as files: rendered from the stored row (so the same letter renders to the same bytes)
// and kept in the file store under files/letters/ (decision 0021). Also what tracking offers a
// sender with no reply handle: the list of their case's issued letters and the file of one.
import type { AppContext } from '../app-context.js';
import { fromDbDate, toVietnamDate } from '../calendar/local-date.js';
import { AppError } from '../core/app-error.js';
import { isUuid } from '../core/ids.js';
import type { SealedIdentity } from '../intake/sender-identity.js';
import { findSenderIdentityOfCase } from '../intake/intake.repository.js';
import { FILES_DIR, hasStoredFile, putFile, readStoredFile } from '../files/file-store.js';
import { renderPdf, type TDocumentDefinitions } from '../pdf/render-pdf.js';
import { renderSignedPdf } from '../pdf/sign-pdf.js';
import { letterSignature, loadSigningCertificate, type SigningCertificate } from './letter-certificate.js';
import { parseLetterContent, type LetterContent } from './letter-content.js';
import { buildLetterDocument, buildPetitionFormDocument, type SignatureBlock } from './letter-document.js';
import { parseLetterSettings, symbolFor } from './letter-settings.js';
import { letterText, petitionFormText } from './letter-texts.js';
import { findLetterById, findOrganizationForLetter, listLetters } from './letter.repository.js';
import { goesToSender, type LetterKind } from './letter-vocabulary.js';
import { signatureBlock } from './letter-document.js';

export const LETTERS_DIR = `${FILES_DIR}/letters`;

const PDF = 'application/pdf';

const FILE_SLUGS: Readonly<Record<LetterKind, string>> = {
  thank_you: 'thu-cam-on',
  apology: 'thu-xin-loi',
  apology_new_date: 'thu-xin-loi-hen-ngay-moi',
  petition_form: 'mau-don',
  forward_slip: 'phieu-chuyen-don',
};

/** The name a person sees: ASCII, the kind, the number when there is one, the case code. */
export function letterFileName(letter: {
  kind: LetterKind;
  number: number | null;
  caseCode: string;
}): string {
  const number = letter.number !== null ? `-so-${letter.number}` : '';
  return `${FILE_SLUGS[letter.kind]}${number}-${letter.caseCode}.pdf`;
}

type LoadedLetter = NonNullable<Awaited<ReturnType<typeof findLetterById>>>;

/** The sender's contact as they gave it (their own copy is addressed to them). */
async function senderContact(ctx: AppContext, caseId: string) {
  const row = await findSenderIdentityOfCase(ctx.db.prisma, caseId);
  if (!row) return undefined;
  return ctx.sealedBox.openJson<SealedIdentity>(row.ciphertext).contact;
}

/**
 * Renders the letter: the draft a head reviews (no number, no date, no sender name, watermark) or
 * the signed copy (number, date of signature, addressed to the sender by name when they gave one).
 * `signWith` adds the organisation's digital signature to a signed copy (decision 0052).
 */
export async function renderLetter(
  ctx: AppContext,
  letter: LoadedLetter,
  options: { draft: boolean; copyFor?: FollowerCase; signWith?: SigningCertificate },
): Promise<Buffer> {
  const org = await findOrganizationForLetter(ctx.db.prisma, letter.organizationId);
  const settings = parseLetterSettings(org, org.settings);
  const copyFor = options.copyFor;
  const content = copyFor
    ? followerContent(parseLetterContent(letter.content), copyFor)
    : parseLetterContent(letter.content);
  const addresseeCaseId = copyFor?.id ?? letter.caseId;
  const kind = letter.kind as LetterKind;
  const creationDate = letter.signedAt ?? letter.createdAt;

  if (kind === 'petition_form') {
    const contact = await senderContact(ctx, letter.caseId);
    return renderPdf(
      buildPetitionFormDocument({
        text: petitionFormText({
          caseKind: content.caseKind,
          caseCode: content.caseCode,
          organizationName: org.name,
          senderName: contact?.name ?? null,
          senderAddress: contact?.address ?? null,
          senderPhone: contact?.phone ?? null,
          description: letter.case.description,
        }),
        creationDate,
      }),
    );
  }

  const signed = !options.draft && letter.signedAt !== null && letter.signerName !== null;
  const senderName = goesToSender(kind)
    ? options.draft
      ? ('draft' as const)
      : ((await senderContact(ctx, addresseeCaseId))?.name ?? null)
    : null;
  const signature: SignatureBlock = signed
    ? signatureBlock({
        organizationKind: org.kind,
        headTitle: settings.headTitle,
        signerTitle: letter.signerTitle,
        signerRole: 'leader',
        unitName: null,
        signerName: letter.signerName!,
        signed: true,
      })
    : { authority: [settings.headTitle.toLocaleUpperCase('vi')], name: '……………………', signed: false };
  const render = (doc: TDocumentDefinitions) =>
    signed && options.signWith
      ? renderDigitallySigned(ctx, doc, options.signWith, { signerName: letter.signerName!, org })
      : renderPdf(doc);
  return render(
    buildLetterDocument({
      heading: {
        parentName: org.parent?.name ?? null,
        organizationName: org.name,
        place: org.place,
        number: signed ? letter.number : null,
        symbol: symbolFor(kind, settings),
        date: signed ? toVietnamDate(letter.signedAt!) : null,
      },
      text: letterText({ content, organizationName: org.name, senderName }),
      signature,
      draft: !signed,
      creationDate,
    }),
  );
}

/**
 * The signed copy with the digital signature, made now. A failure is the letter's to wait out
 * (decision 0052): the caller stores and sends nothing, and the retry finds it again.
 */
async function renderDigitallySigned(
  ctx: AppContext,
  doc: TDocumentDefinitions,
  certificate: SigningCertificate,
  v: { signerName: string; org: { name: string } },
): Promise<Buffer> {
  try {
    return await renderSignedPdf(
      doc,
      letterSignature(certificate, {
        signerName: v.signerName,
        organizationName: v.org.name,
        at: ctx.clock.now(),
      }),
    );
  } catch (err) {
    ctx.logger.warn({ err }, 'a letter could not be signed digitally; it waits for the next try');
    throw signingFailure('không tạo được chữ ký số bằng chứng thư đã nạp');
  }
}

/**
 * What the signer reads when the digital signature could not be applied: the letter waits. Not a
 * retryable code: the bot shows it to the signer instead of retrying the press; the recovery sweep
 * is what tries again.
 */
function signingFailure(reason: string): AppError {
  return new AppError(
    'unprocessable',
    `Thư đã được ký và vào sổ nhưng chưa ký số được: ${reason}. Thư chưa được gửi. Quản trị viên kiểm tra chứng thư số của đơn vị (lệnh langnghe letters:certificate); thư sẽ được gửi ở lần thử lại sau đó.`,
  );
}

/**
 * The organisation's certificate when the letter is to carry a digital signature: a signed letter
 * (not a draft, not the pre-filled đơn nobody of ours signs) of an organisation that loaded one.
 */
async function certificateFor(
  ctx: AppContext,
  letter: LoadedLetter,
  options: { draft: boolean },
): Promise<SigningCertificate | undefined> {
  if (options.draft || letter.signedAt === null || letter.signerName === null) return undefined;
  if ((letter.kind as LetterKind) === 'petition_form') return undefined;
  try {
    return (await loadSigningCertificate(ctx, letter.organizationId)) ?? undefined;
  } catch (err) {
    if (err instanceof AppError) throw signingFailure(lowerFirst(err.message.replace(/\.$/, '')));
    throw err;
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A duplicate merged into the letter's case: its sender gets a copy of their own. */
export interface FollowerCase {
  id: string;
  code: string;
  kind: LetterContent['caseKind'];
  receivedAt: Date;
  petitionReceivedOn: Date | null;
}

/**
 * The follower's copy speaks of their own item (code, kind, dates): the master's code and its
 * sender's name belong to someone else. Number, date and signature stay the letter's own.
 */
function followerContent(content: LetterContent, follower: FollowerCase): LetterContent {
  const { petitionReceivedOn: _master, ...rest } = content;
  return {
    ...rest,
    caseCode: follower.code,
    caseKind: follower.kind,
    receivedOn: toVietnamDate(follower.receivedAt),
    ...(follower.petitionReceivedOn ? { petitionReceivedOn: fromDbDate(follower.petitionReceivedOn) } : {}),
  };
}

/**
 * The signed copy for a merged duplicate's sender, rendered once and kept next to the letter's
 * own file; returns its key in the file store.
 */
export async function storeFollowerCopy(
  ctx: AppContext,
  letter: LoadedLetter,
  follower: FollowerCase,
): Promise<string> {
  const key = `${LETTERS_DIR}/${letter.id}-copy-${follower.id}.pdf`;
  if (!(await hasStoredFile(ctx, key))) {
    const signWith = await certificateFor(ctx, letter, { draft: false });
    const bytes = await renderLetter(ctx, letter, {
      draft: false,
      copyFor: follower,
      ...(signWith ? { signWith } : {}),
    });
    await putFile(ctx, key, bytes, { mimeType: PDF });
  }
  return key;
}

/**
 * Renders and stores the file; returns its key in the file store and, when the file carries the
 * organisation's digital signature, the certificate's fingerprint. A draft is stored again after a
 * revision (the head reads the latest); a signed letter's first stored copy stays.
 */
export async function storeLetterFile(
  ctx: AppContext,
  letter: LoadedLetter,
  options: { draft: boolean },
): Promise<{ key: string; certificate: string | null }> {
  const signWith = await certificateFor(ctx, letter, options);
  const bytes = await renderLetter(ctx, letter, { ...options, ...(signWith ? { signWith } : {}) });
  const key = `${LETTERS_DIR}/${letter.id}${options.draft ? '-draft' : ''}.pdf`;
  await putFile(ctx, key, bytes, { mimeType: PDF, replace: options.draft });
  if (!signWith) return { key, certificate: null };
  // The first stored copy stays: a run that died after storing the file may have stored it before
  // the certificate was loaded. The certificate is named only when the stored file is this one.
  const stored = await readStoredFile(ctx, key);
  return { key, certificate: stored?.equals(bytes) ? signWith.fingerprint : null };
}

export interface IssuedLetterSummary {
  id: string;
  kind: LetterKind;
  number: number | null;
  year: number | null;
  signedAt: Date | null;
}

/**
 * The letters of a case that a sender may download on tracking: signed (or, for the pre-filled
 * đơn, prepared) and stored. Drafts and forward slips are internal.
 */
export async function listLettersOfCase(ctx: AppContext, caseId: string): Promise<IssuedLetterSummary[]> {
  if (!isUuid(caseId)) return [];
  const rows = await listLetters(ctx.db.prisma, { caseId });
  return rows
    .filter((l) => l.status !== 'draft' && l.filePath && goesToSender(l.kind as LetterKind))
    .map((l) => ({
      id: l.id,
      kind: l.kind as LetterKind,
      number: l.number,
      year: l.year,
      signedAt: l.signedAt,
    }));
}

/** The stored PDF of an issued letter (the caller has already checked the sender may see the case). */
export async function readLetterFile(
  ctx: AppContext,
  letterId: string,
): Promise<{ fileName: string; mimeType: 'application/pdf'; bytes: Buffer }> {
  const letter = isUuid(letterId) ? await findLetterById(ctx.db.prisma, letterId) : null;
  if (!letter || letter.status === 'draft' || !letter.filePath || !goesToSender(letter.kind as LetterKind)) {
    throw new AppError('not_found', 'Không tìm thấy thư.');
  }
  const bytes = await readStoredFile(ctx, letter.filePath);
  if (!bytes) throw new AppError('not_found', 'Không tìm thấy tệp của thư.');
  return {
    fileName: letterFileName({
      kind: letter.kind as LetterKind,
      number: letter.number,
      caseCode: letter.case.code,
    }),
    mimeType: 'application/pdf',
    bytes,
  };
}
