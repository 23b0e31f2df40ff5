// The console's form for each case action. Which fields an action asks for comes from the
// transition table (CASE_TRANSITIONS[action].requires and its reason rule); this file adds only
// the optional fields a person may fill (an officer besides the unit, the number of days) and how
// each field is drawn. Posted forms are read with zod into TransitionParams.
import { z } from 'zod';
import {
  CASE_TRANSITIONS,
  type CaseAction,
  type TransitionParamName,
  type TransitionParams,
} from '../../cases/case-transitions.js';
import { CASE_KINDS, OUTCOMES } from '../../cases/case-vocabulary.js';
import { AppError } from '../../core/app-error.js';
import { CASE_TEXTS, type ConsoleLang } from './case-texts.js';

/** Fields an action may take besides those it requires (see each rule's apply). */
const OPTIONAL_PARAMS: Partial<Record<CaseAction, readonly TransitionParamName[]>> = {
  assign: ['assigneeId'],
  extend: ['days'],
};

export type FieldWidget = 'text' | 'textarea' | 'date' | 'number' | 'select';

/** How each parameter is asked for. Select options are filled by the page (units, grounds…). */
export const PARAM_WIDGETS: Readonly<Record<TransitionParamName, FieldWidget>> = {
  reason: 'textarea',
  groundId: 'select',
  targetBody: 'text',
  masterCaseId: 'text',
  unitId: 'select',
  assigneeId: 'select',
  outcome: 'select',
  answer: 'textarea',
  newKind: 'select',
  receivedOn: 'date',
  clockKind: 'text',
  days: 'number',
  text: 'textarea',
};

export interface FormField {
  name: TransitionParamName;
  widget: FieldWidget;
  required: boolean;
}

/** The fields of `action`'s form, in the order the table lists them, the reason last. */
export function formFieldsOf(action: CaseAction): FormField[] {
  const rule = CASE_TRANSITIONS[action];
  const fields: FormField[] = rule.requires.map((name) => ({
    name,
    widget: PARAM_WIDGETS[name],
    required: true,
  }));
  // Assign takes a unit or a person: the table lists unitId, the rule accepts either.
  if (action === 'assign') fields[0] = { ...fields[0]!, required: false };
  for (const name of OPTIONAL_PARAMS[action] ?? []) {
    fields.push({ name, widget: PARAM_WIDGETS[name], required: false });
  }
  fields.push({
    name: 'reason',
    widget: 'textarea',
    required: rule.reason === 'required' || rule.reason === 'required_for_staff',
  });
  return fields;
}

const field = z
  .string()
  .max(5000)
  .transform((s) => s.normalize('NFC').trim())
  .optional();

/** A posted action form: every value is text; empty means not given. */
export const ZActionFormSchema = z.looseObject({
  _csrf: z.string().optional(),
  reason: field,
  groundId: field,
  targetBody: field,
  masterCaseId: field,
  unitId: field,
  assigneeId: field,
  outcome: field,
  answer: field,
  newKind: field,
  receivedOn: field,
  clockKind: field,
  days: field,
  text: field,
});

/**
 * The parameters the form gives, checked for form only (the planner checks the rest and says why in
 * Vietnamese). `masterCaseId` is still the typed code here; the route turns it into an id.
 */
export function paramsOfForm(body: unknown, lang: ConsoleLang = 'vi'): TransitionParams {
  const t = CASE_TEXTS[lang];
  const parsed = ZActionFormSchema.safeParse(body ?? {});
  if (!parsed.success) throw new AppError('validation', t.invalidForm);
  const f = parsed.data;
  const params: TransitionParams = {};
  const texts = [
    'reason',
    'groundId',
    'targetBody',
    'masterCaseId',
    'unitId',
    'assigneeId',
    'answer',
    'receivedOn',
    'clockKind',
    'text',
  ] as const;
  for (const name of texts) if (f[name]) params[name] = f[name];
  if (f.outcome) {
    if (!(OUTCOMES as readonly string[]).includes(f.outcome))
      throw new AppError('validation', t.invalidChoice(f.outcome));
    params.outcome = f.outcome as (typeof OUTCOMES)[number];
  }
  if (f.newKind) {
    if (!(CASE_KINDS as readonly string[]).includes(f.newKind))
      throw new AppError('validation', t.invalidChoice(f.newKind));
    params.newKind = f.newKind as (typeof CASE_KINDS)[number];
  }
  if (f.days) {
    if (!/^\d{1,3}$/.test(f.days) || Number(f.days) < 1) throw new AppError('validation', t.invalidDays);
    params.days = Number(f.days);
  }
  return params;
}

/** A free-text form (note, reply, reveal reason, letter note): one field, read the same way. */
export const ZTextFormSchema = z.looseObject({
  _csrf: z.string().optional(),
  text: field,
  reason: field,
  kind: field,
  note: field,
  newDate: field,
});
