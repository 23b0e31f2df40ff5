// Things a person may do at any moment without losing an unfinished intake: look up a case, read
// the hotline numbers, answer the satisfaction question, ask for a resolved case to be reopened.
import { parseTrackingCode } from '../cases/tracking-code.js';
import type { TrackedCase } from './dialog-deps.js';
import { buildSatisfactionQuestion, type SatisfactionScore } from './satisfaction-question.js';
import type { StepDef, StepOutcome, Turn } from './dialog-turn.js';
import { cleanFreeText } from '../core/free-text.js';
import { NATIONAL_HOTLINE } from '../hotline/national-hotline.js';

export async function showHotlines(turn: Turn): Promise<void> {
  const code = turn.draft.organizationCode ?? turn.deps.directory.defaultOrganizationCode();
  const org = code ? await turn.deps.directory.findOrganization(code) : null;
  const national = { name: NATIONAL_HOTLINE.name[turn.draft.locale], numbers: [...NATIONAL_HOTLINE.numbers] };
  const entries = org?.hotlines.length ? org.hotlines : [national];
  turn.say(turn.t.hotlines(entries));
}

/** `/tracuu [code]`, the menu's "tra cứu", `/start t_<code>`. */
export async function startTracking(turn: Turn, rawCode: string | undefined): Promise<void> {
  if (turn.draft.step !== 'trackCode' && turn.draft.step !== 'trackSecret') turn.beginSideFlow('trackCode');
  else turn.draft.step = 'trackCode';
  if (rawCode?.trim()) await lookUp(turn, rawCode);
  else await turn.prompt();
}

async function lookUp(turn: Turn, rawCode: string): Promise<void> {
  const { t, deps } = turn;
  const parsed = parseTrackingCode(rawCode);
  turn.draft.step = 'trackCode';
  if (!parsed.ok) {
    // A typo (the check symbol does not match) is told apart from a code in the wrong format.
    turn.say(t.trackCodeError(parsed.reason));
    return;
  }
  const result = await deps.tracking.track({ code: parsed.code, conversation: turn.env.conversation });
  if (!result.found) {
    turn.say(t.trackNotFound(parsed.code));
    return;
  }
  await showCase(turn, result.case);
}

async function showCase(turn: Turn, view: TrackedCase): Promise<void> {
  const { t } = turn;
  turn.say(view.kind ? t.trackStatus(view) : t.trackPending(view.code));
  if (view.replies === null) {
    turn.draft.tracking = { code: view.code, secretAttempts: turn.draft.tracking?.secretAttempts ?? 0 };
    turn.draft.step = 'trackSecret';
    await turn.prompt();
    return;
  }
  if (view.canRate) turn.out.push(buildSatisfactionQuestion(view.code, turn.draft.locale));
  // The sender of an open case may ask to meet in person about it ("gặp trực tiếp"), its code carried.
  const open = view.status !== 'resolved' && view.status !== 'closed';
  if (view.isSender && open && view.kind)
    turn.say(turn.t.reception.meetAboutCase, {
      buttons: [[{ label: turn.t.reception.bookFromCaseLabel, value: `bkcase:${view.code}` }]],
    });
  await turn.endSideFlow();
}

const trackCode: StepDef = {
  prompt: (turn) => ({ text: turn.t.trackCodePrompt }),
  async onText(turn, text): Promise<StepOutcome> {
    await lookUp(turn, text);
    return 'stay';
  },
};

const trackSecret: StepDef = {
  prompt: (turn) => ({ text: turn.t.trackSecretPrompt }),
  options: (turn) => [{ value: 'skip', label: turn.t.skipLabel, synonyms: turn.t.skipSynonyms }],
  async onChoice(turn): Promise<StepOutcome> {
    await turn.endSideFlow();
    return 'stay';
  },
  async onText(turn, text): Promise<StepOutcome> {
    const { draft, deps, t, options } = turn;
    const tracking = draft.tracking;
    if (!tracking) {
      await turn.endSideFlow();
      return 'stay';
    }
    const result = await deps.tracking.track({
      code: tracking.code,
      secret: text,
      conversation: turn.env.conversation,
    });
    if (!result.found) {
      turn.say(t.trackNotFound(tracking.code));
      await turn.endSideFlow();
      return 'stay';
    }
    if (result.secretRejected) {
      tracking.secretAttempts += 1;
      const left = options.maxSecretAttempts - tracking.secretAttempts;
      if (left <= 0) {
        turn.say(t.trackSecretLocked);
        await turn.endSideFlow();
      } else {
        turn.say(t.trackSecretWrong(left));
      }
      return 'stay';
    }
    await showCase(turn, result.case);
    return 'stay';
  },
};

/** A press on the satisfaction question (`sat:<code>:<score>`), which may come at any step. */
export async function answerSatisfaction(
  turn: Turn,
  rawCode: string,
  score: SatisfactionScore,
): Promise<void> {
  const { t, deps } = turn;
  const parsed = parseTrackingCode(rawCode);
  if (!parsed.ok) {
    turn.say(t.followUpRefused('not_found'));
    return;
  }
  const result = await deps.followUp.recordSatisfaction({
    code: parsed.code,
    score,
    conversation: turn.env.conversation,
  });
  if (!result.ok) {
    turn.say(t.followUpRefused(result.reason));
    return;
  }
  if (turn.draft.step !== 'satisfactionComment') turn.beginSideFlow('satisfactionComment');
  turn.draft.satisfaction = { code: parsed.code, score };
  turn.say(t.satisfactionRecorded(score, result.canReopen), {
    buttons: [
      [{ label: t.skipLabel, value: 'satisfactionComment:skip' }],
      ...(result.canReopen ? [[{ label: t.reopenLabel, value: `reopen:${parsed.code}` }]] : []),
    ],
  });
}

const satisfactionComment: StepDef = {
  prompt: (turn) => ({ text: turn.t.satisfactionRecorded(turn.draft.satisfaction?.score ?? 0, false) }),
  options: (turn) => [{ value: 'skip', label: turn.t.skipLabel, synonyms: turn.t.skipSynonyms }],
  async onChoice(turn): Promise<StepOutcome> {
    await turn.endSideFlow();
    return 'stay';
  },
  async onText(turn, text): Promise<StepOutcome> {
    const answer = turn.draft.satisfaction;
    if (answer) {
      const result = await turn.deps.followUp.recordSatisfaction({
        code: answer.code,
        score: answer.score,
        comment: cleanFreeText(text).slice(0, 1000),
        conversation: turn.env.conversation,
      });
      turn.say(result.ok ? turn.t.satisfactionCommentThanks : turn.t.followUpRefused(result.reason));
    }
    await turn.endSideFlow();
    return 'stay';
  },
};

/** A press on "Đề nghị xem xét lại" (`reopen:<code>`). */
export async function askReopenReason(turn: Turn, rawCode: string): Promise<void> {
  const parsed = parseTrackingCode(rawCode);
  if (!parsed.ok) {
    turn.say(turn.t.followUpRefused('not_found'));
    return;
  }
  if (turn.draft.step !== 'satisfactionComment' && turn.draft.step !== 'reopenReason')
    turn.beginSideFlow('reopenReason');
  turn.draft.step = 'reopenReason';
  turn.draft.reopen = { code: parsed.code };
  await turn.prompt();
}

const reopenReason: StepDef = {
  prompt: (turn) => ({ text: turn.t.reopenPrompt }),
  async onText(turn, text): Promise<StepOutcome> {
    const reopen = turn.draft.reopen;
    const reason = cleanFreeText(text);
    if (reason.length < 5) {
      turn.say(turn.t.describeTooShort);
      return 'stay';
    }
    if (reopen) {
      const result = await turn.deps.followUp.requestReopen({
        code: reopen.code,
        reason: reason.slice(0, 1000),
        conversation: turn.env.conversation,
      });
      turn.say(result.ok ? turn.t.reopenDone(reopen.code) : turn.t.followUpRefused(result.reason));
    }
    await turn.endSideFlow();
    return 'stay';
  },
};

export const SIDE_FLOW_STEPS = { trackCode, trackSecret, satisfactionComment, reopenReason };
