// A letter's life: drafted (by the handler, the unit's head or a leader), sent as a draft PDF to the
// heads with "sign" and "return" buttons, signed (numbered in the organisation's register for the
// year, once), stored under DATA_DIR/files/letters/, and sent to the sender through the notify
// outbox (once: a dedupe key and status conditions). Every step writes an audit case event. Each
// step can run again — a second button press, a retry — and ends in the same single letter.
import type { AppContext } from '../app-context.js';
import { formatVietnameseDate, toVietnamDate } from '../calendar/local-date.js';
import { appendCaseEvent, findCaseById } from '../cases/case.repository.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import { noticeLocale, replyHandleOf, sendToMergedFollowers } from '../cases/notify-case-sender.js';
import type { Locale } from '../dialog/dialog-types.js';
import type { CaseScope } from '../cases/case-permissions.js';
import { AppError } from '../core/app-error.js';
import { isUuid } from '../core/ids.js';
import type { Prisma } from '../db/generated/client.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import type { CaseStatus } from '../db/generated/enums.js';
import type { Outbound } from '../dialog/dialog-types.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import type { LetterContent } from './letter-content.js';
import { parseLetterContent } from './letter-content.js';
import { resolveSignerTitle } from './letter-document.js';
import { readStoredFile } from '../files/file-store.js';
import { letterFileName, storeFollowerCopy, storeLetterFile } from './letter-files.js';
import { parseLetterSettings, symbolFor } from './letter-settings.js';
import { mayDraftByHand, type CaseLetter } from './letter-rules.js';
import { draftingRole, findLetterSigners, signingRole } from './letter-signers.js';
import {
  claimLetterForSigning,
  deleteDraftLetter,
  findLetterById,
  findLetterOfCase,
  findOrganizationForLetter,
  findStaffTelegram,
  findUnitName,
  insertLetter,
  markLetterSent,
  reviseDraftLetter,
  setLetterFileOnce,
  setLetterNumber,
  takeRegisterNumber,
  type Tx,
} from './letter.repository.js';
import { LETTER_KIND_LABELS, goesToSender, type LetterKind } from './letter-vocabulary.js';

/** Button values (Telegram callback_data ≤ 64 bytes): `lt:sign:<letterId>`, `lt:back:<letterId>`. */
export const LETTER_BUTTON_PREFIX = 'lt:';
export const signButtonValue = (letterId: string) => `${LETTER_BUTTON_PREFIX}sign:${letterId}`;
export const returnButtonValue = (letterId: string) => `${LETTER_BUTTON_PREFIX}back:${letterId}`;

type LoadedLetter = NonNullable<Awaited<ReturnType<typeof findLetterById>>>;

const label = (kind: LetterKind) => LETTER_KIND_LABELS[kind].vi;
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

async function loadLetter(ctx: AppContext, letterId: string): Promise<LoadedLetter> {
  const letter = isUuid(letterId) ? await findLetterById(ctx.db.prisma, letterId) : null;
  if (!letter) throw new AppError('not_found', 'Không tìm thấy thư (có thể dự thảo đã được trả lại).');
  return letter;
}

/** "12/TTYT-THUAN-AN". */
export async function registerNumberText(ctx: AppContext, letter: LoadedLetter): Promise<string | null> {
  if (letter.number === null) return null;
  const org = await findOrganizationForLetter(ctx.db.prisma, letter.organizationId);
  return `${letter.number}/${symbolFor(letter.kind as LetterKind, parseLetterSettings(org, org.settings))}`;
}

export interface CreatedLetter {
  letterId: string;
  /** False when the case already had a letter of this kind (the existing one is returned). */
  created: boolean;
}

/** What identifies a case on every letter. */
interface LetterCase {
  id: string;
  organizationId: string;
  code: string;
  kind: LetterContent['caseKind'];
  receivedAt: Date;
  status: string;
}

/**
 * The id of `existing`, or of a new letter of `content.kind` made with its `letter_draft` event:
 * a case has one letter of each kind, so a repeated command finds the first one.
 */
export async function letterOnce(
  ctx: AppContext,
  c: LetterCase,
  existing: { id: string } | null,
  draft: {
    content: Omit<LetterContent, 'caseCode' | 'caseKind' | 'receivedOn'>;
    status: 'draft' | 'approved';
    actor: LetterActor;
    eventData?: Record<string, string>;
  },
): Promise<string> {
  if (existing) return existing.id;
  const at = ctx.clock.now();
  return ctx.db.prisma.$transaction((tx) =>
    insertLetterWithEvent(tx, {
      caseId: c.id,
      organizationId: c.organizationId,
      content: {
        caseCode: c.code,
        caseKind: c.kind,
        receivedOn: toVietnamDate(c.receivedAt),
        ...draft.content,
      },
      status: draft.status,
      actor: draft.actor,
      caseStatus: c.status,
      at,
      ...(draft.eventData ? { eventData: draft.eventData } : {}),
    }),
  );
}

/** Who drafts: a staff member in a role, or the system (a draft made by a case move's effect). */
export type LetterActor = { staffId: string; role: string } | 'system';

/** Inserts the letter and its `letter_draft` event, in the caller's transaction. */
export async function insertLetterWithEvent(
  tx: Tx,
  input: {
    caseId: string;
    organizationId: string;
    content: LetterContent;
    status: 'draft' | 'approved';
    actor: LetterActor;
    caseStatus: string;
    at: Date;
    /** More for the `letter_draft` event, e.g. the resolution that asked for the letter. */
    eventData?: Record<string, string>;
  },
): Promise<string> {
  const row = await insertLetter(tx, {
    caseId: input.caseId,
    organizationId: input.organizationId,
    kind: input.content.kind,
    content: input.content as unknown as Prisma.InputJsonValue,
    status: input.status,
    at: input.at,
  });
  await appendCaseEvent(tx, {
    caseId: input.caseId,
    action: 'letter_draft',
    fromStatus: input.caseStatus as never,
    toStatus: input.caseStatus as never,
    ...(input.actor === 'system'
      ? { actorType: 'system' as const }
      : { actorType: 'staff' as const, actorStaffId: input.actor.staffId, actorRole: input.actor.role }),
    data: { ...input.eventData, letterId: row.id, kind: input.content.kind },
    at: input.at,
  });
  return row.id;
}

export interface DraftLetterInput {
  caseId: string;
  staffId: string;
  kind: 'thank_you' | 'apology';
  note?: string;
}

export interface DraftLetterResult extends CreatedLetter {
  caseCode: string;
  /** Heads who were sent the draft on Telegram. */
  signers: string[];
}

/**
 * What a thank-you or apology holds besides the case's reference: the drafter's note, and for an
 * apology the finding and the answer it apologises for.
 */
export function caseLetterContent(
  c: { outcome: LetterContent['outcome'] | null; answer: string | null },
  kind: CaseLetter,
  extra: { note?: string | undefined; draftedByStaffId?: string | undefined },
): Omit<LetterContent, 'caseCode' | 'caseKind' | 'receivedOn'> {
  const note = extra.note?.normalize('NFC').trim();
  return {
    kind,
    ...(note ? { note: note.slice(0, 2000) } : {}),
    ...(kind === 'apology' && c.outcome ? { outcome: c.outcome } : {}),
    ...(kind === 'apology' && c.answer ? { answer: c.answer.slice(0, 4000) } : {}),
    ...(extra.draftedByStaffId ? { draftedByStaffId: extra.draftedByStaffId } : {}),
  };
}

/**
 * `/thu <mã> camon|xinloi [lời nhắn]`: drafts the letter and sends the draft to the heads.
 * Resolving a case drafts its letter in an effects job; an officer who types `/thu` at once can
 * meet that insert (unique case and kind) between reading "no letter yet" and inserting one. The
 * second pass finds the job's draft and revises it with the officer's words, as if it had been
 * there first.
 */
export async function draftLetter(ctx: AppContext, input: DraftLetterInput): Promise<DraftLetterResult> {
  try {
    return await draftLetterOnce(ctx, input);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return draftLetterOnce(ctx, input);
  }
}

async function draftLetterOnce(ctx: AppContext, input: DraftLetterInput): Promise<DraftLetterResult> {
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { case: c, scope } = await loadCaseWithScope(ctx, input.caseId);
  const role = draftingRole(staff, scope);
  if (!role) {
    throw new AppError(
      'forbidden',
      'Chỉ cán bộ xử lý, trưởng khoa/phòng hoặc lãnh đạo phụ trách hồ sơ mới được soạn thư.',
    );
  }
  const allowed = mayDraftByHand(c, input.kind);
  if (!allowed.ok) throw new AppError('unprocessable', allowed.message);
  const existing = await findLetterOfCase(ctx.db.prisma, c.id, input.kind);
  if (existing && existing.status !== 'draft') {
    const n = await registerNumberText(ctx, existing);
    throw new AppError(
      'conflict',
      `Hồ sơ ${c.code} đã có ${lower(label(input.kind))}${n ? ` số ${n}` : ''}; mỗi hồ sơ chỉ phát hành một thư loại này.`,
    );
  }
  const content = caseLetterContent(c, input.kind, { note: input.note, draftedByStaffId: staff.id });
  // A draft made when the case was resolved may still take the officer's own words: the heads get
  // the revised draft (a new version to read, under its own dedupe key).
  const revision =
    existing && input.note?.trim() ? await reviseDraft(ctx, c, existing.id, content, staff.id, role) : null;
  const letterId = await letterOnce(ctx, c, existing, {
    content,
    status: 'draft',
    actor: { staffId: staff.id, role },
  });
  const signers = await sendDraftToSigners(ctx, letterId, scope, staff.fullName, revision ?? undefined);
  return { letterId, created: !existing, caseCode: c.code, signers };
}

async function reviseDraft(
  ctx: AppContext,
  c: { id: string; status: CaseStatus },
  letterId: string,
  content: Omit<LetterContent, 'caseCode' | 'caseKind' | 'receivedOn'>,
  staffId: string,
  role: string,
): Promise<string | null> {
  const current = await findLetterById(ctx.db.prisma, letterId);
  if (!current) return null;
  const merged = { ...(current.content as Record<string, unknown>), ...content } as Prisma.InputJsonValue;
  return ctx.db.prisma.$transaction(async (tx) => {
    if (!(await reviseDraftLetter(tx, letterId, merged))) return null;
    const event = await appendCaseEvent(tx, {
      caseId: c.id,
      action: 'letter_draft_revised',
      fromStatus: c.status,
      toStatus: c.status,
      actorType: 'staff',
      actorStaffId: staffId,
      actorRole: role,
      data: { letterId },
      at: ctx.clock.now(),
    });
    return event.id;
  });
}

/**
 * The draft PDF with its buttons, to each head on Telegram (once per head and revision: dedupe
 * key).
 */
export async function sendDraftToSigners(
  ctx: AppContext,
  letterId: string,
  scope: CaseScope,
  drafterName: string,
  revision?: string,
): Promise<string[]> {
  const letter = await loadLetter(ctx, letterId);
  const kind = letter.kind as LetterKind;
  const signers = await findLetterSigners(ctx, scope, kind);
  if (!signers.length) return [];
  const { key: draftKey } = await storeLetterFile(ctx, letter, { draft: true });
  const content = parseLetterContent(letter.content);
  for (const signer of signers) {
    await enqueueNotification(ctx, {
      caseId: letter.caseId,
      channel: 'telegram',
      recipient: { channel: 'telegram', conversationId: signer.telegramUserId },
      content: {
        text: `📝 Dự thảo ${lower(label(kind))} — hồ sơ ${content.caseCode}, do ${drafterName} soạn.\nXin đồng chí xem, duyệt và ký; thư sẽ được đánh số và gửi ngay sau khi ký.`,
        file: {
          key: draftKey,
          fileName: `du-thao-${letterFileName({ kind, number: null, caseCode: content.caseCode })}`,
          mimeType: 'application/pdf',
        },
        buttons: [
          [
            { label: '✍️ Duyệt và ký', value: signButtonValue(letter.id) },
            { label: '↩️ Trả lại', value: returnButtonValue(letter.id) },
          ],
        ],
      },
      dedupeKey: `letter:${letter.id}:draft:${signer.id}${revision ? `:${revision}` : ''}`,
    });
  }
  return signers.map((s) => s.fullName);
}

export interface SignLetterResult {
  letterId: string;
  kind: LetterKind;
  caseCode: string;
  /** "12/TTYT-THUAN-AN". */
  numberText: string;
  /** False when it had been signed before (this run changed nothing). */
  signedNow: boolean;
  /** Where it went: the sender's channel, stored for tracking (no handle), or back to the officer. */
  delivery: 'sender' | 'stored' | 'officer';
  /** The signed PDF's key in the file store. */
  fileKey: string;
  fileName: string;
}

/**
 * "✍️ Duyệt và ký": numbers the letter (once) in the signing transaction, then stores and sends it.
 * Pressing it again, or another head pressing it, finds the letter signed and finishes whatever
 * step had not happened yet.
 */
export async function signLetter(
  ctx: AppContext,
  input: { letterId: string; staffId: string },
): Promise<SignLetterResult> {
  const letter = await loadLetter(ctx, input.letterId);
  const kind = letter.kind as LetterKind;
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { scope } = await loadCaseWithScope(ctx, letter.caseId);
  const role = signingRole(staff, scope, kind);
  if (!role) {
    throw new AppError(
      'forbidden',
      kind === 'forward_slip'
        ? 'Chỉ lãnh đạo đơn vị được ký phiếu chuyển đơn.'
        : 'Chỉ trưởng khoa/phòng phụ trách hoặc lãnh đạo đơn vị được duyệt và ký thư.',
    );
  }
  let signedNow = false;
  if (letter.status === 'draft' || letter.status === 'approved') {
    const org = await findOrganizationForLetter(ctx.db.prisma, letter.organizationId);
    const settings = parseLetterSettings(org, org.settings);
    const unitName = scope.unitId ? ((await findUnitName(ctx.db.prisma, scope.unitId))?.name ?? null) : null;
    const title = resolveSignerTitle({
      headTitle: settings.headTitle,
      signerTitle: staff.title,
      signerRole: role,
      unitName,
    });
    const at = ctx.clock.now();
    signedNow = await ctx.db.prisma.$transaction(async (tx) => {
      const claimed = await claimLetterForSigning(tx, letter.id, { name: staff.fullName, title, at });
      if (claimed.count === 0) return false;
      const year = Number(toVietnamDate(at).slice(0, 4));
      const number = await takeRegisterNumber(tx, letter.organizationId, year);
      await setLetterNumber(tx, letter.id, year, number);
      await appendCaseEvent(tx, {
        caseId: letter.caseId,
        action: 'letter_sign',
        fromStatus: letter.case.status,
        toStatus: letter.case.status,
        actorType: 'staff',
        actorStaffId: staff.id,
        actorRole: role,
        data: { letterId: letter.id, kind, number, year },
        at,
      });
      return true;
    });
  }
  const done = await completeLetter(ctx, letter.id, { actorStaffId: staff.id });
  return { ...done, signedNow };
}

/**
 * The steps after the signature, each once: store the signed PDF, then send it. Safe to run again
 * (a retry, a second press): the file is recorded once, the message has a dedupe key and
 * signed → sent happens once.
 */
export async function completeLetter(
  ctx: AppContext,
  letterId: string,
  options: { actorStaffId?: string } = {},
): Promise<Omit<SignLetterResult, 'signedNow'>> {
  let letter = await loadLetter(ctx, letterId);
  const kind = letter.kind as LetterKind;
  if (letter.status === 'draft') throw new AppError('conflict', 'Thư chưa được ký.');
  const content = parseLetterContent(letter.content);
  if (!letter.filePath) {
    // With the organisation's certificate the stored file is the digitally signed one; the event
    // names the certificate that signed it (decision 0052).
    const { key, certificate } = await storeLetterFile(ctx, letter, { draft: false });
    await changeOnceWithEvent(ctx, letter, 'letter_store', certificate ? { certificate } : {}, (tx) =>
      setLetterFileOnce(tx, letter.id, key),
    );
    letter = await loadLetter(ctx, letterId);
  }
  const numberText = (await registerNumberText(ctx, letter)) ?? '';
  const fileKey = letter.filePath!;
  const fileName = letterFileName({ kind, number: letter.number, caseCode: letter.case.code });
  const base = { letterId: letter.id, kind, caseCode: letter.case.code, numberText, fileKey, fileName };
  const file = { key: fileKey, fileName, mimeType: 'application/pdf' };

  if (!goesToSender(kind)) {
    // The slip goes back to the officer who forwarded the case, to print and attach; when that
    // officer is the one signing, the answer to the button or command carries it.
    const drafter = content.draftedByStaffId;
    if (letter.status !== 'sent' && drafter && drafter !== options.actorStaffId) {
      const account = await findStaffTelegram(ctx.db.prisma, drafter);
      if (account?.active && account.telegramUserId) {
        await enqueueNotification(ctx, {
          caseId: letter.caseId,
          channel: 'telegram',
          recipient: { channel: 'telegram', conversationId: account.telegramUserId },
          content: {
            text: `📄 Phiếu chuyển đơn số ${numberText} (hồ sơ ${letter.case.code}) đã được ký. In và gửi kèm hồ sơ đến ${content.targetBody ?? 'cơ quan nhận'}.`,
            file,
          },
          dedupeKey: `letter:${letter.id}:officer`,
        });
      }
    }
    await recordSent(ctx, letter, { to: 'officer' });
    return { ...base, delivery: 'officer' };
  }

  const org = await findOrganizationForLetter(ctx.db.prisma, letter.organizationId);
  const message = (caseCode: string, locale: Locale) =>
    senderMessage(
      kind,
      {
        organizationName: org.name,
        numberText,
        caseCode,
        signedOn: letter.signedAt ? formatVietnameseDate(toVietnamDate(letter.signedAt)) : null,
      },
      locale,
    );
  if (letter.status !== 'sent' && kind !== 'petition_form') {
    await sendToFollowers(ctx, letter, (locale) => message(letter.case.code, locale));
  }
  const handle = await replyHandleOf(ctx, letter.caseId);
  if (!handle) return { ...base, delivery: 'stored' };
  if (letter.status !== 'sent') {
    await enqueueNotification(ctx, {
      caseId: letter.caseId,
      channel: handle.channel,
      recipient: handle,
      content: { text: message(letter.case.code, noticeLocale(handle)), file },
      dedupeKey: `letter:${letter.id}:sender`,
    });
    await recordSent(ctx, letter, { to: 'sender', channel: handle.channel });
  }
  return { ...base, delivery: 'sender' };
}

/**
 * The senders of duplicates merged into the case get the letter too, each a copy addressed to
 * them under their own code, on their own channel; once per (letter, follower) by dedupe key.
 * The pre-filled đơn is excluded: it is one sender's own document.
 */
async function sendToFollowers(
  ctx: AppContext,
  letter: LoadedLetter,
  text: (locale: Locale) => string,
): Promise<void> {
  const kind = letter.kind as LetterKind;
  await sendToMergedFollowers(
    ctx,
    letter.caseId,
    (_code, locale) => text(locale),
    `letter:${letter.id}`,
    async (dup) => {
      const follower = await findCaseById(ctx.db.prisma, dup.id);
      return {
        key: await storeFollowerCopy(ctx, letter, follower!),
        fileName: letterFileName({ kind, number: letter.number, caseCode: dup.code }),
        mimeType: 'application/pdf',
      };
    },
  );
}

function senderMessage(
  kind: LetterKind,
  v: { organizationName: string; numberText: string; caseCode: string; signedOn: string | null },
  locale: Locale,
): string {
  // The letter itself is in Vietnamese (an official document); the message around it is in the
  // sender's language.
  if (locale === 'en') {
    if (kind === 'petition_form') {
      return `📄 ${v.organizationName} sends you a pre-filled petition form (đơn) for case ${v.caseCode}. Please check it, complete the empty fields, date and sign it, and hand it in (in person or by post) so that it can be accepted under the law.`;
    }
    return `📄 ${v.organizationName} sends you its ${lower(LETTER_KIND_LABELS[kind].en)} no. ${v.numberText}${
      v.signedOn ? ` of ${v.signedOn}` : ''
    } about case ${v.caseCode} (in Vietnamese).`;
  }
  if (kind === 'petition_form') {
    return `📄 ${v.organizationName} gửi Ông/Bà mẫu đơn đã điền sẵn cho hồ sơ ${v.caseCode}. Ông/Bà vui lòng kiểm tra, bổ sung các mục còn trống, ghi ngày, ký tên và nộp lại (trực tiếp hoặc qua bưu điện) để đơn được thụ lý theo quy định.`;
  }
  return `📄 ${v.organizationName} trân trọng gửi Ông/Bà ${lower(label(kind))} số ${v.numberText}${
    v.signedOn ? ` ngày ${v.signedOn}` : ''
  } về hồ sơ ${v.caseCode}.`;
}

async function recordSent(
  ctx: AppContext,
  letter: LoadedLetter,
  data: { to: 'sender' | 'officer'; channel?: string },
): Promise<void> {
  await changeOnceWithEvent(ctx, letter, 'letter_send', data, (tx, at) => markLetterSent(tx, letter.id, at));
}

/**
 * Applies a conditional change to the letter (true when this call made it) and, only then, its
 * system audit event, in one transaction: a step run twice is recorded once.
 */
async function changeOnceWithEvent(
  ctx: AppContext,
  letter: LoadedLetter,
  action: 'letter_store' | 'letter_send',
  data: Record<string, unknown>,
  change: (tx: Tx, at: Date) => Promise<boolean>,
): Promise<void> {
  const at = ctx.clock.now();
  await ctx.db.prisma.$transaction(async (tx) => {
    if (!(await change(tx, at))) return;
    await appendCaseEvent(tx, {
      caseId: letter.caseId,
      action,
      fromStatus: letter.case.status,
      toStatus: letter.case.status,
      actorType: 'system',
      data: { letterId: letter.id, kind: letter.kind, ...data } as Prisma.InputJsonValue,
      at,
    });
  });
}

/** "↩️ Trả lại": the draft is withdrawn (the handler may draft again) and its drafter told. */
export async function returnLetter(
  ctx: AppContext,
  input: { letterId: string; staffId: string },
): Promise<{ caseCode: string; kind: LetterKind; returnedNow: boolean }> {
  const letter = await loadLetter(ctx, input.letterId);
  const kind = letter.kind as LetterKind;
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { scope } = await loadCaseWithScope(ctx, letter.caseId);
  const role = signingRole(staff, scope, kind);
  if (!role) throw new AppError('forbidden', 'Chỉ người có thẩm quyền ký mới được trả lại dự thảo.');
  if (letter.status !== 'draft') {
    throw new AppError('conflict', 'Thư đã được ký, không thể trả lại.');
  }
  const content = parseLetterContent(letter.content);
  const at = ctx.clock.now();
  const returnedNow = await ctx.db.prisma.$transaction(async (tx) => {
    const { count } = await deleteDraftLetter(tx, letter.id);
    if (count === 0) return false;
    await appendCaseEvent(tx, {
      caseId: letter.caseId,
      action: 'letter_return',
      fromStatus: letter.case.status,
      toStatus: letter.case.status,
      actorType: 'staff',
      actorStaffId: staff.id,
      actorRole: role,
      data: { letterId: letter.id, kind },
      at,
    });
    return true;
  });
  const drafter = content.draftedByStaffId;
  if (returnedNow && drafter && drafter !== staff.id) {
    const account = await findStaffTelegram(ctx.db.prisma, drafter);
    if (account?.active && account.telegramUserId) {
      await enqueueNotification(ctx, {
        caseId: letter.caseId,
        channel: 'telegram',
        recipient: { channel: 'telegram', conversationId: account.telegramUserId },
        content: {
          text: `↩️ ${staff.fullName} đã trả lại dự thảo ${lower(label(kind))} của hồ sơ ${letter.case.code}. Có thể soạn lại bằng lệnh /thu.`,
        },
        dedupeKey: `letter:${letter.id}:returned`,
      });
    }
  }
  return { caseCode: letter.case.code, kind, returnedNow };
}

/**
 * What the signer reads after pressing "sign" (the forward slip comes back as the document itself,
 * its bytes read here: the answer goes straight to the chat, not through the notify worker).
 */
export async function signedAnswer(ctx: AppContext, result: SignLetterResult): Promise<Outbound> {
  const what = `${label(result.kind)} số ${result.numberText} (hồ sơ ${result.caseCode})`;
  switch (result.delivery) {
    case 'sender':
      return { text: `✅ Đã ký ${lower(what)}; thư đã được gửi cho người gửi.` };
    case 'stored':
      return {
        text: `✅ Đã ký ${lower(what)}. Người gửi không để lại kênh liên hệ: thư được lưu và người gửi tải về khi tra cứu mã hồ sơ.`,
      };
    case 'officer': {
      const bytes = await readStoredFile(ctx, result.fileKey);
      if (!bytes) throw new AppError('unavailable', 'Chưa đọc được tệp phiếu đã ký, vui lòng thử lại.');
      return {
        text: `✅ Đã ký ${lower(what)}. In phiếu và gửi kèm hồ sơ.`,
        file: { bytes, fileName: result.fileName, mimeType: 'application/pdf' },
      };
    }
  }
}
