// The inbox's HTML: the filter form (a plain GET form; htmx swaps only the list), the list with its
// cursor links, and one row — the same function for the page, the swapped list and a live row.
import { formatVietnameseDate, fromDbDate } from '../../calendar/local-date.js';
import {
  CASE_KINDS,
  CASE_KIND_LABELS,
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  CHANNELS,
  CHANNEL_LABELS,
} from '../../cases/case-vocabulary.js';
import { INTAKE_FAILURE_FLAG } from '../../intake/submission-failure.js';
import { html, raw, type Html } from '../../web/html.js';
import type { ConsoleLang } from '../console-texts.js';
import { consoleTexts } from '../console-texts.js';
import type { ConsoleInboxRow } from './console-inbox.repository.js';
import { DUE_STATES, dueStateOf, type ConsoleInboxPage, type ConsoleInboxQuery } from './console-inbox.js';

export const INBOX_LIST_ID = 'inbox-list';
export const INBOX_ROWS_ID = 'inbox-rows';
export const rowUrlOf = (code: string) => `/console/hop-thu/dong/${encodeURIComponent(code)}`;

const selected = (on: boolean) => (on ? raw(' selected') : '');

function select(
  name: string,
  label: string,
  current: string | undefined,
  options: readonly { value: string; label: string }[],
  anyLabel: string | null,
): Html {
  return html`<div class="field">
    <label for="f-${name}">${label}</label>
    <select id="f-${name}" name="${name}">
      ${anyLabel !== null ? html`<option value="">${anyLabel}</option>` : ''}
      ${options.map((o) => html`<option value="${o.value}" ${selected(o.value === current)}>${o.label}</option>`)}
    </select>
  </div>`;
}

export function inboxFilterForm(
  lang: ConsoleLang,
  query: ConsoleInboxQuery,
  units: readonly { id: string; name: string }[],
): Html {
  const t = consoleTexts(lang).inbox;
  return html`<form
    class="filters card"
    method="get"
    action="/console"
    role="search"
    aria-label="${t.filters}"
    hx-get="/console"
    hx-target="#${INBOX_LIST_ID}"
    hx-push-url="true"
    hx-trigger="submit, change from:select"
  >
    <div class="grid">
      ${select(
        'status',
        t.status,
        query.status,
        [
          { value: 'all', label: t.statusAll },
          ...CASE_STATUSES.map((s) => ({ value: s, label: CASE_STATUS_LABELS[s][lang] })),
        ],
        t.statusOpen,
      )}
      ${select(
        'kind',
        t.kind,
        query.kind,
        CASE_KINDS.map((k) => ({ value: k, label: CASE_KIND_LABELS[k][lang] })),
        t.any,
      )}
      ${select(
        'unit',
        t.unit,
        query.unit,
        units.map((u) => ({ value: u.id, label: u.name })),
        t.any,
      )}
      ${select(
        'channel',
        t.channel,
        query.channel,
        CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c][lang] })),
        t.any,
      )}
      ${select(
        'due',
        t.due,
        query.due,
        DUE_STATES.map((d) => ({ value: d, label: t.dueStates[d] })),
        t.any,
      )}
      ${select(
        'assignee',
        t.assignee,
        query.assignee,
        [
          { value: 'me', label: t.assigneeMe },
          { value: 'none', label: t.assigneeNone },
        ],
        t.any,
      )}
      <div class="field wide">
        <label for="f-q">${t.search}</label>
        <input
          id="f-q"
          type="search"
          name="q"
          value="${query.q ?? ''}"
          maxlength="200"
          aria-describedby="f-q-hint"
        />
        <p id="f-q-hint" class="muted small">${t.searchHint}</p>
      </div>
      <div class="field check">
        <input id="f-urgent" type="checkbox" name="urgent" value="1" ${query.urgent ? raw('checked') : ''} />
        <label for="f-urgent">${t.urgent}</label>
      </div>
    </div>
    <button type="submit">${t.apply}</button>
    <a href="/console">${t.reset}</a>
  </form>`;
}

export function inboxRow(
  row: ConsoleInboxRow,
  lang: ConsoleLang,
  page: Pick<ConsoleInboxPage, 'today' | 'dueSoonUntil'>,
): Html {
  const t = consoleTexts(lang).inbox;
  const state = dueStateOf(row.governingDueOn, page.today, page.dueSoonUntil);
  const due = row.governingDueOn ? formatVietnameseDate(fromDbDate(row.governingDueOn)) : t.noDue;
  return html`<tr id="row-${row.code}">
    <td>
      <a href="/console/ho-so/${encodeURIComponent(row.code)}">${row.code}</a>
      ${row.urgency === 'urgent' ? html` <span class="badge overdue">${t.urgentMark}</span>` : ''}
    </td>
    <td>${CASE_KIND_LABELS[row.kind][lang]}</td>
    <td>
      ${CASE_STATUS_LABELS[row.status][lang]}${row.paused ? ` (${t.paused})` : ''}${
        row.intakeFailureReason ? html`<br /><span class="muted">${INTAKE_FAILURE_FLAG}</span>` : ''
      }
    </td>
    <td>${row.unit?.name ?? t.unassignedUnit}</td>
    <td>${CHANNEL_LABELS[row.channel][lang]}</td>
    <td>${due}${state ? html` <span class="badge ${state}">${t.dueStates[state]}</span>` : ''}</td>
  </tr>`;
}

function pageHref(query: ConsoleInboxQuery, cursor: { after?: string; before?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, after: undefined, before: undefined, ...cursor })) {
    if (typeof value === 'string' && value !== '') params.set(key, value);
  }
  const s = params.toString();
  return s ? `/console?${s}` : '/console';
}

export function inboxList(lang: ConsoleLang, query: ConsoleInboxQuery, page: ConsoleInboxPage): Html {
  const t = consoleTexts(lang).inbox;
  const link = (href: string, text: string) =>
    html`<a href="${href}" hx-get="${href}" hx-target="#${INBOX_LIST_ID}" hx-push-url="true">${text}</a>`;
  return html`<div id="${INBOX_LIST_ID}">
    <p role="status">${t.count(page.total, page.totalCapped)}</p>
    ${
      page.rows.length === 0
        ? html`<p>${t.none}</p>`
        : html`<table class="rows">
            <thead>
              <tr>
                <th scope="col">${t.code}</th>
                <th scope="col">${t.kind}</th>
                <th scope="col">${t.status}</th>
                <th scope="col">${t.unit}</th>
                <th scope="col">${t.channel}</th>
                <th scope="col">${t.dueOn}</th>
              </tr>
            </thead>
            <tbody id="${INBOX_ROWS_ID}">
              ${page.rows.map((r) => inboxRow(r, lang, page))}
            </tbody>
          </table>`
    }
    ${
      page.previous || page.next
        ? html`<nav aria-label="${t.pages}" class="pager">
            ${page.previous ? link(pageHref(query, { before: page.previous }), t.previous) : ''}
            ${page.next ? link(pageHref(query, { after: page.next }), t.next) : ''}
          </nav>`
        : ''
    }
  </div>`;
}
