// What SenderIdentity.ciphertext holds, and the one way to tell whether a conversation is the
// case's own sender (satisfaction answers, reopening, tracking without the secret). The handle is
// compared inside the process and never shown: for a sealed sender no screen may read it.
import type { AppContext } from '../app-context.js';
import type { ConversationRef } from '../dialog/dialog-types.js';
import type { ReplyTo } from './channel-submission.schema.js';
import type { Contact } from './intake-input.js';
import { findSenderIdentityOfCase } from './intake.repository.js';

export interface SealedIdentity {
  contact?: Contact;
  replyTo?: ReplyTo;
}

export function sameConversation(
  a: Pick<ConversationRef, 'channel' | 'conversationId'>,
  b: ReplyTo,
): boolean {
  return a.channel === b.channel && a.conversationId === b.conversationId;
}

export async function isCaseSender(
  ctx: AppContext,
  caseId: string,
  conversation: ConversationRef,
): Promise<boolean> {
  const row = await findSenderIdentityOfCase(ctx.db.prisma, caseId);
  if (!row) return false;
  const identity = ctx.sealedBox.openJson<SealedIdentity>(row.ciphertext);
  return !!identity.replyTo && sameConversation(conversation, identity.replyTo);
}
