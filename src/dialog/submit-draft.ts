// Confirming and cancelling a draft. Confirming turns the draft into a channel submission whose id
// was chosen with the draft (`dlg-<random>`): a double tap, or a retry after a crash between submitting
// and saving, submits once and shows the same code and the same secret.
import { isAppError } from '../core/app-error.js';
import type { ChannelSubmissionInput } from '../intake/channel-submission.schema.js';
import type { IdentityMode } from './dialog-draft.js';
import { unmarkAnswered } from './dialog-flow.js';
import type { Turn } from './dialog-turn.js';
import { startBooking } from './booking-flow.js';

/** Modes after which this conversation must not keep anything that points at the case. */
function leavesNoLink(mode: IdentityMode): boolean {
  return mode === 'anonymous' || mode === 'no_trace';
}

export async function confirmDraft(turn: Turn): Promise<void> {
  const { draft, deps, t } = turn;
  if (!draft.text) {
    unmarkAnswered(draft, 'describe');
    await turn.goTo('describe', { header: t.missingText });
    return;
  }
  const identity: IdentityMode = draft.identity ?? (draft.audience === 'staff' ? 'no_trace' : 'anonymous');
  if (identity !== 'named' && !draft.followUpSecret) {
    draft.followUpSecret = deps.ids.newFollowUpSecret();
    // Saved before submitting: if this process dies after the submission is stored, the retried
    // confirm finds the same secret and can still show it.
    await deps.drafts.save(draft);
  }
  const conversation = turn.env.conversation;
  const replyTo =
    identity === 'named' || identity === 'sealed'
      ? {
          channel: conversation.channel,
          conversationId: conversation.conversationId,
          ...(conversation.userId ? { userId: conversation.userId } : {}),
          // Notices about the case (accepted, answered, letters) follow in the dialog's language.
          ...(draft.locale !== 'vi' ? { locale: draft.locale } : {}),
        }
      : undefined;
  const input: ChannelSubmissionInput = {
    submissionId: turn.submissionId,
    channel: conversation.channel,
    kind: draft.kind ?? 'feedback',
    audience: draft.audience,
    identityMode: identity,
    text: draft.text,
    ...(draft.unit ? { unitCode: draft.unit.code } : {}),
    ...(draft.organizationCode ? { organizationCode: draft.organizationCode } : {}),
    ...(identity === 'named' && draft.contact ? { contact: draft.contact } : {}),
    ...(replyTo ? { replyTo } : {}),
    ...(draft.place ? { place: draft.place } : {}),
    ...(draft.occurredAt ? { occurredAt: draft.occurredAt } : {}),
    ...(draft.involved ? { involved: draft.involved } : {}),
    ...(draft.attachments.length ? { attachmentIds: draft.attachments.map((a) => a.id) } : {}),
    ...(draft.petition ? { petitionDocument: draft.petition } : {}),
    ...(draft.followUpSecret && identity !== 'named' ? { followUpSecret: draft.followUpSecret } : {}),
  };

  let receipt;
  try {
    receipt = await deps.intake.submit(input, { conversation, source: turn.env.source });
  } catch (err) {
    // Past the cap on new cases the wait is an hour, not a retry: the person reads why in the
    // chat, and the draft stays for later (nothing was submitted).
    if (!isAppError(err) || (err.retryable && err.code !== 'rate_limited')) throw err;
    // Vietnamese explanations from the intake; in English only the fact that it failed.
    turn.say(t.submitFailed(turn.draft.locale === 'vi' ? err.message : undefined));
    await turn.prompt();
    return;
  }

  turn.say(
    t.receipt({
      code: receipt.code,
      kind: input.kind,
      audience: draft.audience,
      unit: receipt.unitName,
      organization: receipt.organizationName,
      dueOn: receipt.dueOn,
      identity,
      followUpSecret: identity !== 'named' ? draft.followUpSecret : undefined,
      petition: draft.petition,
    }),
    {
      receipt: {
        code: receipt.code,
        ...(identity !== 'named' && draft.followUpSecret ? { followUpSecret: draft.followUpSecret } : {}),
      },
    },
  );
  if (leavesNoLink(identity)) {
    // Nothing may tie this conversation to the case: not the draft, not the code.
    turn.end = 'delete';
    return;
  }
  turn.resetDraft({ lastSubmission: { draftId: draft.id, code: receipt.code } });
  // "Hẹn gặp cán bộ tiếp công dân" leads to booking, the case's code carried to the meeting.
  if (draft.petition === 'appointment' && draft.audience === 'citizen') {
    await startBooking(turn, {
      caseCode: receipt.code,
      ...(draft.contact?.name ? { name: draft.contact.name } : {}),
      ...(draft.contact?.phone ? { phone: draft.contact.phone } : {}),
    });
  }
}

export async function cancelDraft(turn: Turn): Promise<void> {
  if (turn.draft.attachments.length) await turn.deps.files.discard(turn.submissionId);
  turn.resetDraft();
  turn.say(turn.t.cancelled);
  await turn.prompt();
}
