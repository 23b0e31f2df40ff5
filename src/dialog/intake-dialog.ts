// The one intake conversation, for every channel: an adapter turns an update into an
// InboundEnvelope, calls `handle`, and renders the Outbound messages it gets back.
//
//   const dialog = createIntakeDialog(createDialogDeps(ctx));
//   const replies = await dialog.handle(envelope);
//
// Each message: ignore it if its event id was seen; take the conversation's lock (one message of a
// conversation at a time, across processes); load the draft (or start one); apply the message to
// the current step; save the draft (restarting its 24-hour expiry) or delete it; schedule the
// reminder of an unfinished draft once.
import { isAppError } from '../core/app-error.js';
import { DEFAULT_DIALOG_OPTIONS, type DialogDeps, type DialogOptions } from './dialog-deps.js';
import { createDraft, hasIntakeContent, STEP_IDS, type Draft, type StepId } from './dialog-draft.js';
import { isIntakeStep } from './dialog-flow.js';
import { runCommand, runGlobalChoice } from './dialog-commands.js';
import { localeFromHint } from './dialog-locale.js';
import { FREE_TEXT_MATCH_THRESHOLD, INTAKE_STEPS, keepCaption, receiveFile } from './dialog-steps.js';
import type { InboundEnvelope, Outbound } from './dialog-types.js';
import { Turn, type StepDef, type StepRegistry } from './dialog-turn.js';
import { SIDE_FLOW_STEPS } from './side-flows.js';
import { STAFF_QUESTION_STEPS } from './staff-question-flow.js';
import { BOOKING_STEPS } from './booking-flow.js';
import { matchChoice } from './text-match.js';

export interface IntakeDialog {
  handle(envelope: InboundEnvelope): Promise<Outbound[]>;
}

const STEPS: StepRegistry = {
  ...INTAKE_STEPS,
  ...SIDE_FLOW_STEPS,
  ...STAFF_QUESTION_STEPS,
  ...BOOKING_STEPS,
};

export function createIntakeDialog(deps: DialogDeps, options: Partial<DialogOptions> = {}): IntakeDialog {
  const settings: DialogOptions = { ...DEFAULT_DIALOG_OPTIONS, ...options };

  async function runTurn(envelope: InboundEnvelope): Promise<Outbound[]> {
    const stored = await deps.drafts.load(envelope.conversation);
    const draft: Draft =
      stored ??
      createDraft({
        id: deps.ids.newDraftId(),
        submissionId: `dlg-${deps.ids.newDraftId()}`,
        conversation: envelope.conversation,
        locale: localeFromHint(envelope.conversation.languageHint),
        now: deps.clock.now(),
        organizationCode: deps.directory.defaultOrganizationCode(),
      });
    draft.conversation = envelope.conversation;
    const turn = new Turn(deps, settings, envelope, draft, STEPS);
    if (!stored && envelope.event.type !== 'command' && envelope.event.type !== 'choice') {
      // Someone writing for the first time without /start still gets the greeting.
      turn.say(turn.t.welcome({}));
    }

    await dispatch(turn);

    if (turn.end === 'delete') {
      await deps.drafts.delete(turn.draft);
      return turn.out;
    }
    const saved = turn.draft;
    saved.updatedAt = turn.now.toISOString();
    // Staff drafts are never reminded: a stored message to the account, at the hour someone wrote
    // staff feedback, would itself point at them.
    const remind =
      saved.audience === 'citizen' &&
      hasIntakeContent(saved) &&
      isIntakeStep(saved.step) &&
      !saved.reminderScheduled &&
      !saved.remindedAt;
    if (remind) saved.reminderScheduled = true;
    await deps.drafts.save(saved);
    if (remind) {
      await deps.reminders.schedule({
        draftId: saved.id,
        at: new Date(turn.now.getTime() + settings.reminderAfterMs),
      });
    }
    return turn.out;
  }

  return {
    async handle(envelope) {
      const { channel } = envelope.conversation;
      if (!(await deps.drafts.claimEvent(channel, envelope.eventId))) return [];
      try {
        return await deps.drafts.withLock(envelope.conversation, () => runTurn(envelope));
      } catch (err) {
        // Not handled: let the channel's retry of the same event be handled.
        await deps.drafts.releaseEvent(channel, envelope.eventId).catch(() => undefined);
        throw err;
      }
    },
  };
}

async function dispatch(turn: Turn): Promise<void> {
  const { event } = turn.env;
  const step = STEPS[turn.draft.step];
  try {
    switch (event.type) {
      case 'command':
        return await runCommand(turn, event.command.toLowerCase(), event.args);
      case 'choice':
        return await onChoice(turn, step, event.value);
      case 'text': {
        const command = /^\/([A-Za-z_]+)(?:@\S+)?(?:\s+([\s\S]*))?$/.exec(event.text.trim());
        if (command) return await runCommand(turn, command[1]!.toLowerCase(), command[2] ?? '');
        return await onText(turn, step, event.text);
      }
      case 'file':
        if (step.onFile) return await after(turn, await step.onFile(turn, event));
        // People often send the photo first, or remember it late: any intake step keeps it.
        if (!isIntakeStep(turn.draft.step)) return await turn.prompt(turn.t.fileNotHere);
        await receiveFile(turn, event);
        // Its caption is kept too: the description, or more of it.
        if (keepCaption(turn, event.caption) && turn.draft.step === 'menu')
          return await turn.prompt(turn.t.textKeptAskKind);
        return await turn.prompt();
      case 'sticker':
        // A sticker is a reaction, not an answer: say so kindly and repeat the question.
        return await turn.prompt(turn.t.stickerReceived);
      case 'location':
        if (!step.onLocation) return await turn.prompt(turn.t.locationNotHere);
        return await after(turn, step.onLocation(turn, event.latitude, event.longitude));
      case 'contact':
        if (step.onContact) return await after(turn, step.onContact(turn, event.phone, event.name));
        return await onText(turn, step, event.phone);
    }
  } catch (err) {
    // A refusal the person can act on (an unknown unit, a file rejected) is said, not thrown.
    if (!isAppError(err) || err.retryable) throw err;
    turn.say(turn.draft.locale === 'vi' ? err.message : turn.t.submitFailed(undefined));
  }
}

async function after(turn: Turn, outcome: 'next' | 'stay'): Promise<void> {
  if (outcome === 'next') await turn.advance();
}

function isStepId(value: string): value is StepId {
  return (STEP_IDS as readonly string[]).includes(value);
}

async function onChoice(turn: Turn, step: StepDef, value: string): Promise<void> {
  if (await runGlobalChoice(turn, value)) return;
  const colon = value.indexOf(':');
  const owner = colon > 0 ? value.slice(0, colon) : '';
  const choice = value.slice(colon + 1);
  if (!isStepId(owner) || owner !== turn.draft.step || !step.onChoice) {
    const last = turn.draft.lastSubmission;
    if (owner === 'summary' && choice === 'confirm') {
      turn.say(last ? turn.t.alreadySubmitted(last.code) : turn.t.nothingToConfirm);
      return;
    }
    return turn.prompt(turn.t.staleButton);
  }
  await after(turn, await step.onChoice(turn, choice));
}

async function onText(turn: Turn, step: StepDef, text: string): Promise<void> {
  if (step.ownTextMatching && step.onText) return after(turn, await step.onText(turn, text));
  const options = step.options ? await step.options(turn) : [];
  const match = options.length ? matchChoice(text, options) : ({ type: 'none' } as const);
  if (step.onText) {
    // Where free text is an answer ("sáng thứ Hai"), only a word that is exactly a button counts.
    if (match.type === 'match' && match.score >= FREE_TEXT_MATCH_THRESHOLD && step.onChoice)
      return after(turn, await step.onChoice(turn, match.value));
    return after(turn, await step.onText(turn, text));
  }
  if (match.type === 'match' && step.onChoice) return after(turn, await step.onChoice(turn, match.value));
  if (match.type === 'ambiguous') {
    const labels = options.filter((o) => match.values.includes(o.value)).map((o) => o.label);
    return turn.prompt(turn.t.ambiguous(labels));
  }
  return turn.prompt(step.unmatched?.(turn) ?? turn.t.notUnderstood);
}
