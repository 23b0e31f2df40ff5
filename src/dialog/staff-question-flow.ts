// A staff member's question for the staff conference: a side flow entered by /cauhoi (/question),
// so an unfinished intake is kept. Staff access code (the same check and lockout as staff feedback:
// decision 0007) → the open collection → sealed or no trace → the question → confirm. What is sent
// on carries nothing about the conversation (decision 0039); once sent, the question leaves the
// draft, and a draft with nothing else in it is deleted.
//
// `/cauhoi HD-XXXX-XXXX-XXXX` shows a sealed asker their own question and, once published, its answer.
import { hasIntakeContent } from './dialog-draft.js';
import type { StepDef, StepOutcome, Turn } from './dialog-turn.js';
import { staffQuestionTexts } from './staff-question-texts.js';
import {
  checkQuestionText,
  STAFF_QUESTION_MAX_CHARS,
  STAFF_QUESTION_MIN_CHARS,
} from '../staff-questions/staff-qa-rules.js';

export type StaffQuestionStep = 'qaCode' | 'qaCollection' | 'qaMode' | 'qaText' | 'qaConfirm';

const textsOf = (turn: Turn) => staffQuestionTexts(turn.draft.locale);

export async function startStaffQuestion(turn: Turn, args: string): Promise<void> {
  const deps = turn.deps.staffQuestions;
  const t = textsOf(turn);
  if (!deps) {
    turn.say(t.unavailable);
    return;
  }
  if (/^\s*hd/i.test(args)) {
    const found = await deps.lookUp(args.trim());
    turn.say(found ? t.lookUp(found) : t.lookUpNotFound);
    return;
  }
  if (await staffCodeLocked(turn)) {
    turn.say(turn.t.staffCodeLocked);
    return;
  }
  if (!(turn.draft.step as string).startsWith('qa')) turn.beginSideFlow('qaCode');
  turn.draft.step = 'qaCode';
  turn.draft.staffQuestion = { questionId: deps.newQuestionId(), followUpCode: deps.newFollowUpCode() };
  await turn.prompt();
}

async function staffCodeLocked(turn: Turn): Promise<boolean> {
  const failures = await turn.deps.drafts.staffCodeFailures(turn.env.conversation);
  return failures >= turn.options.maxStaffCodeAttempts;
}

async function leave(turn: Turn): Promise<void> {
  const nothingElse = !turn.draft.returnTo && !hasIntakeContent(turn.draft);
  await turn.endSideFlow();
  // Nothing of this conversation needs to stay: the draft goes with the question.
  if (nothingElse) turn.end = 'delete';
}

async function goTo(turn: Turn, step: StaffQuestionStep): Promise<StepOutcome> {
  turn.draft.step = step;
  await turn.prompt();
  return 'stay';
}

const qaCode: StepDef = {
  prompt: (turn) => ({ text: textsOf(turn).codePrompt }),
  async onText(turn, text): Promise<StepOutcome> {
    const { options } = turn;
    const q = turn.draft.staffQuestion;
    const deps = turn.deps.staffQuestions;
    if (!q || !deps) {
      await leave(turn);
      return 'stay';
    }
    if (await staffCodeLocked(turn)) {
      turn.say(turn.t.staffCodeLocked);
      await leave(turn);
      return 'stay';
    }
    const org = await turn.deps.staffAccess.verify(text);
    if (!org) {
      const failures = await turn.deps.drafts.recordStaffCodeFailure(
        turn.env.conversation,
        options.staffCodeLockoutSeconds,
      );
      if (failures >= options.maxStaffCodeAttempts) {
        turn.say(turn.t.staffCodeLocked);
        await leave(turn);
      } else {
        turn.say(turn.t.staffCodeWrong(options.maxStaffCodeAttempts - failures));
      }
      return 'stay';
    }
    q.organizationCode = org.organizationCode;
    const open = await deps.openCollections(org.organizationCode);
    if (!open.length) {
      turn.say(textsOf(turn).noOpenCollection(org.organizationName));
      await leave(turn);
      return 'stay';
    }
    turn.say(turn.t.staffCodeAccepted(org.organizationName));
    if (open.length === 1) {
      q.collection = open[0]!;
      return goTo(turn, 'qaMode');
    }
    return goTo(turn, 'qaCollection');
  },
};

const qaCollection: StepDef = {
  prompt: (turn) => ({ text: textsOf(turn).collectionPrompt }),
  options: async (turn) => {
    const code = turn.draft.staffQuestion?.organizationCode;
    const open = code && turn.deps.staffQuestions ? await turn.deps.staffQuestions.openCollections(code) : [];
    return open.map((c) => ({ value: c.id, label: c.topic }));
  },
  async onChoice(turn, choice): Promise<StepOutcome> {
    const q = turn.draft.staffQuestion;
    const code = q?.organizationCode;
    const open = code && turn.deps.staffQuestions ? await turn.deps.staffQuestions.openCollections(code) : [];
    const picked = open.find((c) => c.id === choice);
    if (!q || !picked) return goTo(turn, 'qaCollection');
    q.collection = picked;
    return goTo(turn, 'qaMode');
  },
};

const qaMode: StepDef = {
  prompt: (turn) => ({ text: textsOf(turn).modePrompt(turn.draft.staffQuestion?.collection?.topic ?? '') }),
  options: (turn) => [
    { value: 'sealed', label: textsOf(turn).modeLabels.sealed, synonyms: ['kín', 'sealed'] },
    { value: 'no_trace', label: textsOf(turn).modeLabels.no_trace, synonyms: ['không dấu vết', 'no trace'] },
  ],
  async onChoice(turn, choice): Promise<StepOutcome> {
    const q = turn.draft.staffQuestion;
    if (!q || (choice !== 'sealed' && choice !== 'no_trace')) return 'stay';
    q.mode = choice;
    return goTo(turn, q.text ? 'qaConfirm' : 'qaText');
  },
};

const qaText: StepDef = {
  prompt: (turn) => ({ text: textsOf(turn).textPrompt }),
  async onText(turn, text): Promise<StepOutcome> {
    const q = turn.draft.staffQuestion;
    if (!q) {
      await leave(turn);
      return 'stay';
    }
    const checked = checkQuestionText(text);
    if (!checked.ok) {
      const t = textsOf(turn);
      turn.say(
        checked.reason === 'too_short'
          ? t.tooShort(STAFF_QUESTION_MIN_CHARS)
          : t.tooLong(STAFF_QUESTION_MAX_CHARS),
      );
      return 'stay';
    }
    q.text = checked.text;
    return goTo(turn, 'qaConfirm');
  },
};

const qaConfirm: StepDef = {
  prompt: (turn) => {
    const q = turn.draft.staffQuestion;
    return { text: textsOf(turn).confirmPrompt(q?.text ?? '', q?.mode ?? 'no_trace') };
  },
  columns: 3,
  options: (turn) => {
    const l = textsOf(turn).confirmLabels;
    return [
      { value: 'send', label: l.send, synonyms: ['gửi', 'send'] },
      { value: 'edit', label: l.edit, synonyms: ['sửa', 'viết lại', 'edit'] },
      { value: 'cancel', label: l.cancel, synonyms: ['hủy', 'cancel'] },
    ];
  },
  async onChoice(turn, choice): Promise<StepOutcome> {
    const q = turn.draft.staffQuestion;
    const deps = turn.deps.staffQuestions;
    const t = textsOf(turn);
    if (choice === 'edit') return goTo(turn, 'qaText');
    if (choice === 'cancel' || !q || !deps || !q.collection || !q.mode || !q.text || !q.organizationCode) {
      turn.say(t.cancelled);
      await leave(turn);
      return 'stay';
    }
    if (choice !== 'send') return 'stay';
    const { ref } = await deps.ask({
      questionId: q.questionId,
      collectionId: q.collection.id,
      organizationCode: q.organizationCode,
      text: q.text,
      mode: q.mode,
      ...(q.mode === 'sealed' ? { followUpCode: q.followUpCode } : {}),
    });
    turn.say(q.mode === 'sealed' ? t.sentSealed(ref, q.followUpCode) : t.sentNoTrace(ref));
    await leave(turn);
    return 'stay';
  },
};

export const STAFF_QUESTION_STEPS: Readonly<Record<StaffQuestionStep, StepDef>> = {
  qaCode,
  qaCollection,
  qaMode,
  qaText,
  qaConfirm,
};
