// After a move is committed: tell the sender on the channel they came from, and after resolution
// ask how satisfied they are. A no-trace sender has no handle, so nothing can reach them: they
// follow by code and secret. Delivery goes through the notify outbox, once per (case, event).
import type { AppContext } from '../app-context.js';
import { fromDbDate } from '../calendar/local-date.js';
import type { ConversationRef, OutboundFile } from '../dialog/dialog-types.js';
import { buildSatisfactionQuestion } from '../dialog/satisfaction-question.js';
import { findSenderIdentityOfCase } from '../intake/intake.repository.js';
import { findCaseById, findMergedDuplicateIds } from './case.repository.js';
import type { SealedIdentity } from '../intake/sender-identity.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import type { CaseAction, CaseEffect } from './case-transitions.js';
import { ACTIONS_TOLD_TO_SENDER, senderNotice } from './sender-notices.js';

export interface CommittedMove {
  caseId: string;
  eventId: string;
  action: CaseAction;
  effects: readonly CaseEffect[];
  reason?: string | null;
  targetBody?: string | null;
}

export async function replyHandleOf(ctx: AppContext, caseId: string): Promise<ConversationRef | undefined> {
  const row = await findSenderIdentityOfCase(ctx.db.prisma, caseId);
  if (!row) return undefined;
  const identity = ctx.sealedBox.openJson<SealedIdentity>(row.ciphertext);
  return identity.replyTo ? { ...identity.replyTo } : undefined;
}

export async function notifyCaseSender(ctx: AppContext, move: CommittedMove): Promise<void> {
  const told =
    ACTIONS_TOLD_TO_SENDER.includes(move.action) &&
    (move.action === 'assign' || move.effects.some((e) => e.type === 'notify_sender'));
  const askSatisfaction =
    move.effects.some((e) => e.type === 'request_satisfaction') || move.action === 'resolve';
  if (!told && !askSatisfaction) return;

  const recipient = await replyHandleOf(ctx, move.caseId);
  const c = await ctx.db.prisma.case.findUniqueOrThrow({
    where: { id: move.caseId },
    include: {
      unit: { select: { name: true } },
      organization: { select: { name: true } },
      clocks: { where: { status: { not: 'stopped' } }, orderBy: { dueOn: 'desc' }, take: 1 },
    },
  });
  const text = told
    ? senderNotice(move.action, {
        code: c.code,
        unitName: c.unit?.name,
        organizationName: c.organization.name,
        outcome: c.outcome,
        answer: c.answer,
        reason: move.reason ?? null,
        targetBody: move.targetBody ?? null,
        dueOn: c.clocks[0] ? fromDbDate(c.clocks[0].dueOn) : null,
      })
    : undefined;
  // Senders of duplicates merged into this case follow it: they hear of its moves too.
  if (text && move.action !== 'merge') {
    await sendToMergedFollowers(
      ctx,
      c.id,
      (code) => `${text}\n\n(Hồ sơ ${code} của bạn đã được gộp vào hồ sơ này.)`,
      `event:${move.eventId}`,
    );
  }
  if (!recipient) return;
  if (text) {
    await enqueueNotification(ctx, {
      caseId: c.id,
      channel: recipient.channel,
      recipient,
      content: { text },
      dedupeKey: `case:${c.id}:event:${move.eventId}:sender`,
    });
  }
  if (askSatisfaction && c.status === 'resolved') {
    await enqueueNotification(ctx, {
      caseId: c.id,
      channel: recipient.channel,
      recipient,
      content: buildSatisfactionQuestion(c.code, recipient.languageHint?.startsWith('en') ? 'en' : 'vi'),
      dedupeKey: `case:${c.id}:event:${move.eventId}:satisfaction`,
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
  textFor: (duplicateCode: string) => string,
  key: string,
  fileFor?: (duplicate: { id: string; code: string }) => Promise<OutboundFile>,
): Promise<number> {
  const { prisma } = ctx.db;
  const master = await findCaseById(prisma, caseId);
  if (!master) return 0;
  let count = 0;
  for (const dup of await findMergedDuplicateIds(prisma, caseId)) {
    const handle = await replyHandleOf(ctx, dup.id);
    const row = handle ? await findCaseById(prisma, dup.id) : null;
    if (!handle || !row) continue;
    await enqueueNotification(ctx, {
      caseId: dup.id,
      channel: handle.channel,
      recipient: handle,
      content: {
        text: textFor(row.code).replaceAll(master.code, row.code),
        ...(fileFor ? { file: await fileFor({ id: row.id, code: row.code }) } : {}),
      },
      dedupeKey: `case:${caseId}:${key}:follower:${dup.id}`,
    });
    count++;
  }
  return count;
}
