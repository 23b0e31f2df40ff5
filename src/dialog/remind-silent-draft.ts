// The `dialog.remind-draft` job: a draft left silent is reminded once, then left to expire 24 hours
// after the last message. The job was scheduled when the draft began; if the person wrote since,
// the reminder moves to half an hour after their last message instead.
import type { AppContext } from '../app-context.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { DEFAULT_DIALOG_OPTIONS } from './dialog-deps.js';
import { hasIntakeContent } from './dialog-draft.js';
import { isIntakeStep } from './dialog-flow.js';
import { textsFor } from './dialog-locale.js';
import type { DraftStore } from './draft.store.js';

export type ReminderOutcome = 'sent' | 'rescheduled' | 'skipped';

export async function remindSilentDraft(
  ctx: AppContext,
  drafts: DraftStore,
  draftId: string,
  reminderAfterMs = DEFAULT_DIALOG_OPTIONS.reminderAfterMs,
): Promise<ReminderOutcome> {
  const found = await drafts.loadById(draftId);
  if (!found) return 'skipped';
  // Under the conversation's lock, read again: a message may be changing the draft right now.
  return drafts.withLock(found.conversation, async () => {
    const draft = await drafts.loadById(draftId);
    if (!draft || draft.remindedAt || draft.audience !== 'citizen') return 'skipped';
    if (!hasIntakeContent(draft) || !isIntakeStep(draft.step)) return 'skipped';
    const now = ctx.clock.now().getTime();
    const dueAt = Date.parse(draft.updatedAt) + reminderAfterMs;
    if (now < dueAt) {
      await ctx.queues.add('dialog.remind-draft', { draftId, dueAt }, { delay: dueAt - now });
      return 'rescheduled';
    }
    const t = textsFor(draft.locale, draft.conversation.channel);
    await enqueueNotification(ctx, {
      channel: draft.conversation.channel,
      recipient: draft.conversation,
      content: { text: t.reminder, buttons: [[{ label: t.continueLabel, value: 'resume' }]] },
      dedupeKey: `dialog-reminder:${draft.id}`,
    });
    draft.remindedAt = new Date(now).toISOString();
    // Not activity: the draft still expires 24 hours after the person's last message.
    await drafts.save(draft, { keepExpiry: true });
    return 'sent';
  });
}
