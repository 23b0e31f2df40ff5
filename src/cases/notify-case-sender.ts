// After a move is committed (run by the case effects job): tell the sender on the channel they came
// from, and after resolution ask how satisfied they are. A no-trace sender has no handle, so nothing can reach them: they
// follow by code and secret. Delivery goes through the notify outbox, once per (case, event).
import type { AppContext } from '../app-context.js';
import { fromDbDate } from '../calendar/local-date.js';
import { localeFromHint } from '../dialog/dialog-locale.js';
import type { ConversationRef, Locale, OutboundFile } from '../dialog/dialog-types.js';
import { buildSatisfactionQuestion } from '../dialog/satisfaction-question.js';
import { findSenderIdentityOfCase } from '../intake/intake.repository.js';
import { findCaseById, findMergedDuplicateIds, findSenderNoticeFacts } from './case.repository.js';
import type { SealedIdentity } from '../intake/sender-identity.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import type { CaseAction } from './case-transitions.js';
import type { ClockRow } from '../deadlines/clock.repository.js';
import { governingDeadlineOf, loadGoverningDeadline } from '../deadlines/governing-deadline.js';
import { mergedFollowerNote, senderNotice, type NoticeFacts } from './sender-notices.js';

export interface CommittedMove {
  caseId: string;
  eventId: string;
  action: CaseAction;
  reason?: string | null;
  targetBody?: string | null;
  /** The sender made the move (withdrew, asked to reopen): the dialog already answered them. */
  bySender?: boolean;
  /** What the statement and the clocks would give, held by a caller that just wrote them (0115). */
  inHand?: SenderNoticeInHand;
}

/** A notice's facts as findSenderNoticeFacts reads them. */
export type SenderNoticeRow = NonNullable<Awaited<ReturnType<typeof findSenderNoticeFacts>>>;

export interface SenderNoticeInHand {
  row: SenderNoticeRow;
  clocks: readonly ClockRow[];
}

/** The sender's handle; its `languageHint` is the language they wrote in ('en'), if not Vietnamese. */
export async function replyHandleOf(ctx: AppContext, caseId: string): Promise<ConversationRef | undefined> {
  const row = await findSenderIdentityOfCase(ctx.db.prisma, caseId);
  return row ? replyHandleIn(ctx, row.ciphertext) : undefined;
}

/** The reply handle sealed in a sender's identity, if they left one. */
function replyHandleIn(ctx: AppContext, sealedIdentity: Uint8Array): ConversationRef | undefined {
  const identity = ctx.sealedBox.openJson<SealedIdentity>(sealedIdentity);
  if (!identity.replyTo) return undefined;
  const { locale, ...handle } = identity.replyTo;
  return { ...handle, ...(locale ? { languageHint: locale } : {}) };
}

/** The language of the notices to this recipient. */
export function noticeLocale(recipient: Pick<ConversationRef, 'languageHint'>): Locale {
  return localeFromHint(recipient.languageHint);
}

/** Tells the sender (and the senders of duplicates merged into the case) what this move means. */
export async function notifySenderOfMove(ctx: AppContext, move: CommittedMove): Promise<void> {
  // Who can hear of it, with the case's facts, in one statement (decision 0100): a sender who left
  // no reply handle (a phone number on a form, the hotline) and has no merged duplicates is told
  // nothing, and then the clocks are not read.
  const c = move.inHand?.row ?? (await findSenderNoticeFacts(ctx.db.prisma, move.caseId));
  if (!c) return;
  const recipient = move.bySender || !c.identity ? undefined : replyHandleIn(ctx, c.identity);
  const followers = move.action === 'merge' ? [] : c.followers;
  if (!recipient && followers.length === 0) return;
  const facts: NoticeFacts = {
    code: c.code,
    unitName: c.unitName,
    organizationName: c.organizationName,
    kind: c.kind,
    outcome: c.outcome,
    answer: c.answer,
    reason: move.reason ?? null,
    targetBody: move.targetBody ?? null,
    deadline: move.inHand
      ? governingDeadlineOf(move.inHand.clocks)
      : await loadGoverningDeadline(ctx.db.prisma, move.caseId),
    receivedOn: c.petitionReceivedOn ? fromDbDate(c.petitionReceivedOn) : null,
  };
  if (!senderNotice(move.action, facts, 'vi')) return;
  // Senders of duplicates merged into this case follow it: they hear of its moves too.
  if (followers.length > 0) {
    await sendToMergedFollowers(
      ctx,
      move.caseId,
      (code, locale) => `${senderNotice(move.action, facts, locale)!}\n\n${mergedFollowerNote(code, locale)}`,
      `event:${move.eventId}`,
    );
  }
  if (!recipient) return;
  await enqueueNotification(ctx, {
    caseId: move.caseId,
    channel: recipient.channel,
    recipient,
    content: { text: senderNotice(move.action, facts, noticeLocale(recipient))! },
    dedupeKey: `case:${move.caseId}:event:${move.eventId}:sender`,
  });
}

/**
 * After resolution: asks the sender, and each sender of a duplicate merged into the case (under
 * their own code: they answer for their own item), how satisfied they are.
 */
export async function askSatisfaction(ctx: AppContext, move: Pick<CommittedMove, 'caseId' | 'eventId'>) {
  const c = await findCaseById(ctx.db.prisma, move.caseId);
  if (!c || c.status !== 'resolved') return;
  const targets = [
    { caseId: c.id, code: c.code, key: `case:${c.id}:event:${move.eventId}:satisfaction` },
    ...(await findMergedDuplicateIds(ctx.db.prisma, c.id)).map((dup) => ({
      caseId: dup.id,
      code: dup.code,
      key: `case:${c.id}:event:${move.eventId}:satisfaction:follower:${dup.id}`,
    })),
  ];
  for (const target of targets) {
    const recipient = await replyHandleOf(ctx, target.caseId);
    if (!recipient) continue;
    await enqueueNotification(ctx, {
      caseId: target.caseId,
      channel: recipient.channel,
      recipient,
      content: buildSatisfactionQuestion(target.code, noticeLocale(recipient)),
      dedupeKey: target.key,
    });
  }
}

/**
 * Queues a message for the senders of the duplicates merged into `caseId`, each under its own
 * code: the master's code belongs to someone else and is replaced wherever it appears. `fileFor`
 * attaches each follower's own document (a letter addressed to them, under their code).
 */
export async function sendToMergedFollowers(
  ctx: AppContext,
  caseId: string,
  textFor: (duplicateCode: string, locale: Locale) => string,
  key: string,
  fileFor?: (duplicate: { id: string; code: string }) => Promise<OutboundFile>,
): Promise<number> {
  const { prisma } = ctx.db;
  const master = await findCaseById(prisma, caseId);
  if (!master) return 0;
  let count = 0;
  for (const dup of await findMergedDuplicateIds(prisma, caseId)) {
    const handle = await replyHandleOf(ctx, dup.id);
    if (!handle) continue;
    await enqueueNotification(ctx, {
      caseId: dup.id,
      channel: handle.channel,
      recipient: handle,
      content: {
        text: textFor(dup.code, noticeLocale(handle)).replaceAll(master.code, dup.code),
        ...(fileFor ? { file: await fileFor(dup) } : {}),
      },
      dedupeKey: `case:${caseId}:${key}:follower:${dup.id}`,
    });
    count++;
  }
  return count;
}
