// One message being handled: the draft as it is being changed, the replies gathered so far, and the
// moves between steps. Steps and flows receive a Turn; only the engine (intake-dialog.ts) creates
// one, loads the draft before and saves it after.
import type { Button, InboundEnvelope, Outbound } from './dialog-types.js';
import type { DialogDeps, DialogOptions } from './dialog-deps.js';
import { createDraft, type Draft, type StepId } from './dialog-draft.js';
import { flowOf, isIntakeStep, markAnswered, nextStep } from './dialog-flow.js';
import { localeFromHint, textsFor } from './dialog-locale.js';
import type { DialogTexts } from './dialog-texts.js';
import type { ChoiceOption } from './text-match.js';

export type StepOutcome = 'next' | 'stay';

export interface StepDef {
  prompt(turn: Turn): Promise<Outbound> | Outbound;
  /** Buttons of the step; typed text is matched against them too. */
  options?(turn: Turn): Promise<ChoiceOption[]> | ChoiceOption[];
  /** Buttons per row (default 1). */
  columns?: number;
  /** What to say when typed text matches no button (default: "please tap a button"). */
  unmatched?(turn: Turn): string;
  /** The step matches typed text itself (the menu keeps a long message as the description). */
  ownTextMatching?: boolean;
  onChoice?(turn: Turn, choice: string): Promise<StepOutcome> | StepOutcome;
  /** Free text; without it, only text matching a button is taken. */
  onText?(turn: Turn, text: string): Promise<StepOutcome> | StepOutcome;
  onFile?(turn: Turn, event: Extract<InboundEnvelope['event'], { type: 'file' }>): Promise<StepOutcome>;
  onLocation?(turn: Turn, latitude: number, longitude: number): StepOutcome;
  onContact?(turn: Turn, phone: string, name: string | undefined): StepOutcome;
}

export type StepRegistry = Readonly<Record<StepId, StepDef>>;

/** A step's button value: `<step>:<choice>`, so a stale button is recognised as such. */
export function stepValue(step: StepId, choice: string): string {
  return `${step}:${choice}`;
}

export function layoutButtons(buttons: Button[], columns: number): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += columns) rows.push(buttons.slice(i, i + columns));
  return rows;
}

export class Turn {
  readonly out: Outbound[] = [];
  /** 'delete': nothing of this conversation may stay (anonymous senders after confirming). */
  end: 'keep' | 'delete' = 'keep';
  readonly now: Date;

  constructor(
    readonly deps: DialogDeps,
    readonly options: DialogOptions,
    readonly env: InboundEnvelope,
    public draft: Draft,
    private readonly steps: StepRegistry,
  ) {
    this.now = deps.clock.now();
  }

  get t(): DialogTexts {
    return textsFor(this.draft.locale, this.env.conversation.channel);
  }

  say(text: string, extra: Omit<Outbound, 'text'> = {}): void {
    this.out.push({ text, ...extra });
  }

  /** The current step's question, optionally after a line that explains why it is asked again. */
  async prompt(header?: string): Promise<void> {
    const step = this.steps[this.draft.step];
    const message = await step.prompt(this);
    if (step.options && !message.buttons) {
      const options = (await step.options(this)).filter((o) => !o.hidden);
      if (options.length) {
        message.buttons = layoutButtons(
          options.map((o) => ({ label: o.label, value: stepValue(this.draft.step, o.value) })),
          step.columns ?? 1,
        );
      }
    }
    this.out.push(header ? { ...message, text: `${header}\n\n${message.text}` } : message);
  }

  /** The current step is done: on to the first step of the flow not yet answered. */
  async advance(): Promise<void> {
    const { draft } = this;
    markAnswered(draft, draft.step);
    draft.history.push(draft.step);
    const next = nextStep(draft);
    // The description written before it was asked (a first long message, a photo's caption) is
    // passed over on the way, yet /quaylai must be able to return to it.
    const flow = flowOf(draft);
    const from = flow.indexOf(draft.step);
    if (from >= 0) {
      for (const skipped of flow.slice(from + 1, flow.indexOf(next))) {
        if (skipped === 'describe' && draft.answered.includes(skipped)) draft.history.push(skipped);
      }
    }
    draft.step = next;
    await this.prompt();
  }

  async goTo(step: StepId, options: { remember?: boolean; header?: string } = {}): Promise<void> {
    if (options.remember !== false && isIntakeStep(this.draft.step)) this.draft.history.push(this.draft.step);
    this.draft.step = step;
    await this.prompt(options.header);
  }

  /** Enters a side flow (tracking, satisfaction), remembering where an unfinished intake was. */
  beginSideFlow(step: StepId): void {
    if (isIntakeStep(this.draft.step) && this.draft.step !== 'menu') this.draft.returnTo = this.draft.step;
    this.draft.step = step;
  }

  /** Leaves a side flow: back to the unfinished intake, if any. */
  async endSideFlow(): Promise<void> {
    this.draft.tracking = undefined;
    this.draft.satisfaction = undefined;
    this.draft.reopen = undefined;
    this.draft.staffQuestion = undefined;
    this.draft.booking = undefined;
    const back = this.draft.returnTo;
    this.draft.returnTo = undefined;
    this.draft.step = back ?? 'menu';
    if (back) await this.prompt(this.t.backToDraft);
  }

  /** A fresh draft for the same conversation, keeping the language and what was last submitted. */
  resetDraft(keep: Partial<Pick<Draft, 'lastSubmission'>> = {}): void {
    const fresh = createDraft({
      id: this.deps.ids.newDraftId(),
      submissionId: `dlg-${this.deps.ids.newDraftId()}`,
      conversation: this.env.conversation,
      locale: this.draft.locale ?? localeFromHint(this.env.conversation.languageHint),
      now: this.now,
      organizationCode: this.deps.directory.defaultOrganizationCode(),
    });
    this.draft = { ...fresh, ...keep };
  }

  /** The submission id of this draft: stable, so a confirm pressed twice submits once. */
  get submissionId(): string {
    return this.draft.submissionId;
  }
}
