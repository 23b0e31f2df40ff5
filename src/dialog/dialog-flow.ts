// The order of the intake steps, as a pure function of what the draft holds. The dialog always goes
// to the first step of the flow not yet answered: that one rule gives the normal forward order,
// skips what a QR code or an earlier message already filled in, resumes where the person was once
// the step /quaylai went back to is answered again, and returns to the summary after an edit (asking only what the edit made necessary,
// e.g. a phone number after switching from anonymous to named).
import { SIDE_STEP_IDS, type Draft, type StepId } from './dialog-draft.js';

export const SIDE_STEPS: readonly StepId[] = SIDE_STEP_IDS;

export function flowOf(draft: Draft): StepId[] {
  if (draft.audience === 'staff') {
    return [
      'menu',
      'staffCode',
      'staffMode',
      'staffKind',
      'describe',
      'attach',
      'unit',
      'when',
      'where',
      'involved',
      ...(draft.identity === 'sealed' ? (['consent'] as const) : []),
      'summary',
    ];
  }
  const statutory = draft.kind === 'complaint' || draft.kind === 'denunciation';
  const praise = draft.kind === 'praise';
  return [
    'menu',
    ...(statutory ? (['petition'] as const) : []),
    'describe',
    'attach',
    ...(draft.organizationCode ? [] : (['organization'] as const)),
    'unit',
    ...(praise ? [] : (['when', 'where'] as const)),
    'involved',
    'contact',
    ...(draft.identity === 'named' ? (['phone', 'name'] as const) : []),
    ...(draft.identity === 'named' || draft.identity === 'sealed' ? (['consent'] as const) : []),
    'summary',
  ];
}

export function nextStep(draft: Draft): StepId {
  return flowOf(draft).find((step) => !draft.answered.includes(step)) ?? 'summary';
}

export function markAnswered(draft: Draft, step: StepId): void {
  if (!SIDE_STEPS.includes(step) && !draft.answered.includes(step)) draft.answered.push(step);
}

export function unmarkAnswered(draft: Draft, ...steps: StepId[]): void {
  draft.answered = draft.answered.filter((s) => !steps.includes(s));
}

/** The step /quaylai returns to: the last one passed that still belongs to the flow. */
export function previousStep(draft: Draft): StepId | undefined {
  const flow = flowOf(draft);
  while (draft.history.length) {
    const step = draft.history.pop()!;
    if (step !== draft.step && (flow.includes(step) || step === 'edit')) return step;
  }
  return undefined;
}

export function isIntakeStep(step: StepId): boolean {
  return !SIDE_STEPS.includes(step);
}
