// Form plumbing of the administration pages: labelled fields with their error beside them, and a
// refused use case turned into those errors. Pure (no request, no database), so it is unit-tested.
import { isAppError } from '../../core/app-error.js';
import { html, raw, type Html } from '../../web/html.js';

/** A form sent back with what the person typed and what was wrong, field by field. */
export interface FormState {
  /** Which form on the page it is (a page may hold several). */
  form: string;
  values: Readonly<Record<string, string>>;
  /** Field name → message; '' for a message about the whole form. */
  errors: Readonly<Record<string, string>>;
  status: 422 | 409;
}

/** The codes a form shows beside its fields; any other error goes to the console's error page. */
const FORM_ERROR_STATUS = { validation: 422, unprocessable: 422, conflict: 409 } as const;

/**
 * The form's state when `err` is a refusal of what was typed; undefined otherwise (rethrow it). Each
 * validation issue goes to the first of its path's segments that is one of the form's fields (a
 * use-case field path such as `deadlineReminders.remindAt` lands on the `remindAt` input).
 */
export function formStateFromError(
  err: unknown,
  form: string,
  values: Readonly<Record<string, string>>,
  fields: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): FormState | undefined {
  if (!isAppError(err)) return undefined;
  const status = (FORM_ERROR_STATUS as Record<string, 422 | 409 | undefined>)[err.code];
  if (!status) return undefined;
  const errors: Record<string, string> = { '': err.message };
  const issues = (err.details?.issues ?? []) as { field?: string; message?: string }[];
  for (const issue of issues) {
    const segments = (issue.field ?? '').split('.').map((s) => aliases[s] ?? s);
    const name = segments.find((s) => fields.includes(s));
    if (name && issue.message && !errors[name]) errors[name] = issue.message;
  }
  return { form, values, errors, status };
}

/** The state's value for a field when it is this form's, else the stored value. */
export function valueOf(state: FormState | undefined, form: string, name: string, stored = ''): string {
  return state?.form === form ? (state.values[name] ?? '') : stored;
}

export function errorOf(state: FormState | undefined, form: string, name: string): string | undefined {
  return state?.form === form ? state.errors[name] : undefined;
}

/** The whole-form message at the top of a form sent back. */
export function formAlert(state: FormState | undefined, form: string, lead: string): Html {
  if (state?.form !== form) return html``;
  return html`<div class="card error" role="alert"><strong>${lead}</strong> ${state.errors[''] ?? ''}</div>`;
}

interface FieldOptions {
  form: string;
  name: string;
  label: string;
  state: FormState | undefined;
  value?: string;
  type?: 'text' | 'date' | 'datetime-local' | 'number' | 'time';
  required?: boolean;
}

const idOf = (form: string, name: string) => `${form}-${name}`;

function describedBy(form: string, name: string, error: string | undefined): Html {
  return error ? html`aria-invalid="true" aria-describedby="${idOf(form, name)}-error"` : raw('');
}

function errorLine(form: string, name: string, error: string | undefined): Html {
  return error ? html`<p class="error" id="${idOf(form, name)}-error">${error}</p>` : html``;
}

/** A labelled input; the error, when there is one, is right below it and announced with it. */
export function textField(o: FieldOptions): Html {
  const error = errorOf(o.state, o.form, o.name);
  const value = valueOf(o.state, o.form, o.name, o.value ?? '');
  const id = idOf(o.form, o.name);
  return html`<label for="${id}">${o.label}</label>
    <input
      type="${o.type ?? 'text'}"
      id="${id}"
      name="${o.name}"
      value="${value}"
      ${o.required ? raw('required') : ''}
      ${describedBy(o.form, o.name, error)}
    />
    ${errorLine(o.form, o.name, error)}`;
}

export function selectField(
  o: FieldOptions & { options: readonly { value: string; label: string }[] },
): Html {
  const error = errorOf(o.state, o.form, o.name);
  const value = valueOf(o.state, o.form, o.name, o.value ?? '');
  const id = idOf(o.form, o.name);
  return html`<label for="${id}">${o.label}</label>
    <select id="${id}" name="${o.name}" ${describedBy(o.form, o.name, error)}>
      ${o.options.map(
        (opt) =>
          html`<option value="${opt.value}" ${opt.value === value ? raw('selected') : ''}>
            ${opt.label}
          </option>`,
      )}
    </select>
    ${errorLine(o.form, o.name, error)}`;
}

export function checkboxField(o: Omit<FieldOptions, 'value'> & { checked: boolean }): Html {
  const error = errorOf(o.state, o.form, o.name);
  const checked = o.state?.form === o.form ? o.state.values[o.name] === 'on' : o.checked;
  const id = idOf(o.form, o.name);
  return html`<p>
      <input type="checkbox" id="${id}" name="${o.name}" ${checked ? raw('checked') : ''} />
      <label for="${id}" style="display:inline;font-weight:normal">${o.label}</label>
    </p>
    ${errorLine(o.form, o.name, error)}`;
}

/** "a, b;c\nd" → ['a', 'b', 'c', 'd']: how the forms take lists. */
export function splitList(text: string | undefined): string[] {
  return (text ?? '')
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** '' → undefined (the use case's default), anything else a number (NaN is refused by its schema). */
export function optionalNumber(text: string | undefined): number | undefined {
  const t = (text ?? '').trim();
  return t === '' ? undefined : Number(t);
}
