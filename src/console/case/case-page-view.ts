// The case page and the letter register as HTML (the escaping template of src/web/html.ts). Plain
// forms that post and come back (303) work without JavaScript. Every label comes from a vocabulary
// or case-texts.ts.
import { formatVietnameseDate } from '../../calendar/local-date.js';
import {
  CASE_ACTION_LABELS,
  type CaseAction,
  type TransitionParamName,
} from '../../cases/case-transitions.js';
import {
  ACTOR_LABELS,
  AUDIENCE_LABELS,
  CASE_KINDS,
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  OUTCOMES,
  OUTCOME_LABELS,
} from '../../cases/case-vocabulary.js';
import { reachActs } from '../../cases/case-permissions.js';
import { MIN_REVEAL_REASON_CHARS, type RevealedIdentity } from '../../cases/reveal-identity.js';
import { clockKindLabel } from '../../deadlines/clock-labels.js';
import { governingDeadlineText } from '../../deadlines/governing-deadline.js';
import {
  LETTER_KIND_LABELS,
  LETTER_STATUS_LABELS,
  type LetterKind,
} from '../../letters/letter-vocabulary.js';
import { html, raw, type Html } from '../../web/html.js';
import type { ConsoleActor } from '../console-actor.js';
import { csrfField } from '../console-layout.js';
import { formFieldsOf, type FormField } from './case-forms.js';
import type { CasePageModel } from './case-page-model.js';
import { formatVietnamTime } from './case-timeline.js';
import { CASE_TEXTS, PARAM_LABELS, type ConsoleLang } from './case-texts.js';

export const casePath = (code: string) => `/console/ho-so/${encodeURIComponent(code)}`;
export const actionPath = (code: string, action: CaseAction) => `${casePath(code)}/thao-tac/${action}`;
export const replyPath = (code: string) => `${casePath(code)}/tra-loi`;
export const notePath = (code: string) => `${casePath(code)}/ghi-chu`;
export const revealPath = (code: string) => `${casePath(code)}/danh-tinh`;
export const triagePath = (code: string) => `${casePath(code)}/phan-loai`;
export const draftLetterPath = (code: string) => `${casePath(code)}/thu`;
export const letterPdfPath = (letterId: string) => `/console/thu/${letterId}/pdf`;
export const signLetterPath = (letterId: string) => `/console/thu/${letterId}/ky`;
export const resendLetterPath = (letterId: string) => `/console/thu/${letterId}/gui-ky`;
export const returnLetterPath = (letterId: string) => `/console/thu/${letterId}/tra-lai`;
export const petitionFormPath = (code: string) => `${casePath(code)}/mau-don`;
export const newDatePath = (code: string) => `${casePath(code)}/hen-ngay-moi`;
export const attachmentPath = (attachmentId: string) => `/console/tep/${attachmentId}`;
export const REGISTER_PATH = '/console/so-cong-van';

/** Actions drawn with a form of their own elsewhere on the page (the note form sits with reply). */
const OWN_FORM: readonly CaseAction[] = ['note'];

export interface CasePageExtras {
  /** A refused move: the Vietnamese reason, shown at the top of the case section. */
  error?: string;
  /** Shown once after a successful move (query ?ok=…). */
  done?: string;
  /** The contact just revealed (never stored in the page's URL or a redirect). */
  revealed?: RevealedIdentity;
}

export function renderCaseSection(
  model: CasePageModel,
  actor: ConsoleActor,
  extras: CasePageExtras = {},
): Html {
  const lang = actor.lang;
  const t = CASE_TEXTS[lang];
  const v = model.view;
  // Plain forms: each move posts and comes back to this page (303), or shows the refusal with its
  // status. No htmx history snapshot: the page holds case text (and, after a reveal, a contact).
  return html`<div id="case-page" hx-history="false">
    <p><a href="/console">${t.back}</a></p>
    <h1>${t.pageTitle(v.code)}${v.urgent ? html` <span class="badge urgent">${t.urgent}</span>` : ''}</h1>
    ${extras.error ? html`<div class="notice error" role="alert"><strong>${t.refused}:</strong> ${extras.error}</div>` : ''}
    ${extras.done ? html`<div class="notice ok" role="status">${extras.done}</div>` : ''}
    ${summary(model, lang)} ${contentSection(model, lang)} ${clockSection(model, lang)}
    ${routingSection(model, lang)} ${duplicateSection(model, lang)} ${triageSection(model, actor)}
    ${actionSection(model, actor)} ${identitySection(model, actor, extras.revealed)}
    ${letterSection(model, actor)} ${timelineSection(model, lang)}
  </div>`;
}

function summary(model: CasePageModel, lang: ConsoleLang): Html {
  const t = CASE_TEXTS[lang];
  const v = model.view;
  return html`<dl class="facts">
    <dt>${t.kind}</dt>
    <dd>
      ${CASE_KIND_LABELS[v.kind][lang]}${v.audience === 'staff' ? ` (${AUDIENCE_LABELS.staff[lang]})` : ''}
    </dd>
    <dt>${t.channel}</dt>
    <dd>${CHANNEL_LABELS[v.channel][lang]}</dd>
    <dt>${t.unit}</dt>
    <dd>${model.row.unit?.name ?? t.noUnit} · ${model.row.organization.name}</dd>
    <dt>${t.status}</dt>
    <dd>
      ${CASE_STATUS_LABELS[v.status][lang]}${v.paused ? ` (${t.paused})` : ''}${
        v.outcome ? ` · ${t.outcome}: ${OUTCOME_LABELS[v.outcome][lang]}` : ''
      }
    </dd>
    ${
      v.kind === 'complaint' || v.kind === 'denunciation'
        ? html`<dt>${t.petition}</dt>
            <dd>${v.petitionRecorded ? t.petitionRecorded : t.petitionMissing}</dd>`
        : ''
    }
    <dt>${t.sender}</dt>
    <dd>${v.senderNamed ? t.senderNamed : t.senderAnonymous}</dd>
    <dt>${t.yourRole}</dt>
    <dd>${ACTOR_LABELS[model.role][lang]}${reachActs(model.reach) ? '' : ` (${t.readOnlyOversight})`}</dd>
  </dl>`;
}

function contentSection(model: CasePageModel, lang: ConsoleLang): Html {
  const t = CASE_TEXTS[lang];
  const v = model.view;
  const files = model.row.attachments;
  const opensFiles = reachActs(model.reach);
  return html`<section aria-labelledby="h-content">
    <h2 id="h-content">${t.content}</h2>
    ${v.contentUnreadable ? html`<p class="notice">${t.unreadable}</p>` : ''}
    <p class="case-text">${v.description}</p>
    ${v.place ? html`<p><strong>${t.place}:</strong> ${v.place}</p>` : ''}
    ${v.occurredAt ? html`<p><strong>${t.occurredAt}:</strong> ${v.occurredAt}</p>` : ''}
    ${v.involved ? html`<p><strong>${t.involved}:</strong> ${v.involved}</p>` : ''}
    <h3>${t.attachments}</h3>
    ${
      files.length
        ? html`<ul class="attachments">
            ${files.map(
              (f) =>
                html`<li>
                  ${
                    !opensFiles
                      ? html`${f.fileName}`
                      : f.mimeType.startsWith('image/')
                        ? html`<img src="${attachmentPath(f.id)}" alt="${f.fileName}" loading="lazy" />`
                        : ''
                  }
                  ${
                    opensFiles
                      ? html`<a href="${attachmentPath(f.id)}?tai=1" download="${f.fileName}"
                          >${t.download}: ${f.fileName}</a
                        >`
                      : ''
                  }
                  (${Math.ceil(f.sizeBytes / 1024)} KB)
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t.noAttachments}</p>`
    }
    ${files.length && !opensFiles ? html`<p class="muted">${t.filesSealed}</p>` : ''}
  </section>`;
}

function clockSection(model: CasePageModel, lang: ConsoleLang): Html {
  const t = CASE_TEXTS[lang];
  return html`<section aria-labelledby="h-clocks">
    <h2 id="h-clocks">${t.clocks}</h2>
    ${model.governing ? html`<p><strong>${t.governing}:</strong> ${governingDeadlineText(model.governing, lang)}</p>` : ''}
    ${
      model.clocks.length
        ? html`<ul>
            ${model.clocks.map(
              (c) =>
                html`<li>
                  <strong>${clockKindLabel(c.kind)[lang]}</strong>: ${t.due} ${formatVietnameseDate(c.dueOn)}
                  (${t.clockStatus[c.status]}) — ${c.explanation}
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t.noClocks}</p>`
    }
  </section>`;
}

function routingSection(model: CasePageModel, lang: ConsoleLang): Html {
  const t = CASE_TEXTS[lang];
  return html`<section aria-labelledby="h-routing">
    <h2 id="h-routing">${t.routing}</h2>
    <p>${model.routing ? model.routing.reason : t.noRouting}</p>
  </section>`;
}

function duplicateSection(model: CasePageModel, lang: ConsoleLang): Html {
  const t = CASE_TEXTS[lang];
  const { duplicateOf, duplicates } = model.row;
  const merged = duplicates.filter((d) => d.status === 'merged');
  return html`<section aria-labelledby="h-dups">
    <h2 id="h-dups">${t.duplicates}</h2>
    ${duplicateOf ? html`<p>${t.mergedInto} <a href="${casePath(duplicateOf.code)}">${duplicateOf.code}</a>.</p>` : ''}
    ${
      merged.length
        ? html`<p>${t.mergedHere}:</p>
            <ul>
              ${merged.map((d) => html`<li><a href="${casePath(d.code)}">${d.code}</a></li>`)}
            </ul>`
        : ''
    }
    ${!duplicateOf && !merged.length ? html`<p class="muted">${t.noDuplicates}</p>` : ''}
  </section>`;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

/**
 * The triage card's choices (src/officer/triage-card.ts) as forms: the urgency, and one-press
 * acceptance of the suggested kind or unit. Each posts to recordTriageChoice, like the buttons.
 */
function triageSection(model: CasePageModel, actor: ConsoleActor): Html {
  const lang = actor.lang;
  const t = CASE_TEXTS[lang];
  const code = model.view.code;
  const current = model.view.urgent ? 'urgent' : 'normal';
  const triage = model.triage;
  const why = (words: readonly string[]) =>
    words.length ? ` — ${t.because}: ${words.map((w) => `“${w}”`).join(', ')}` : '';
  const choice = (field: 'kind' | 'unit', value: string, label: string) =>
    html`<form method="post" action="${triagePath(code)}" class="inline">
      ${csrfField(actor)}<input type="hidden" name="field" value="${field}" /><input
        type="hidden"
        name="value"
        value="${value}"
      /><button type="submit" class="secondary">${label}</button>
    </form>`;
  let body: Html | string = html`<p class="muted">${t.noSuggestion}</p>`;
  if (triage) {
    const f = triage.facts;
    body = html`<p>${t.suggestionBy(f.source)}:</p>
      <ul>
        <li>
          ${t.suggestedKind}:
          ${f.kind ? `${CASE_KIND_LABELS[f.kind][lang]} (${pct(f.kindConfidence)})${why(f.because.kind)}` : t.unsure(pct(f.kindConfidence))}
        </li>
        <li>
          ${t.suggestedUnit}:
          ${f.unitName ? `${f.unitName} (${pct(f.unitConfidence)})${why(f.because.unit)}` : t.unsure(pct(f.unitConfidence))}
        </li>
        <li>
          ${t.suggestedUrgency}:
          ${
            f.urgency
              ? `${t.urgencyLabels[f.urgency]} (${pct(f.urgencyConfidence)})${f.urgency === 'urgent' ? why(f.because.urgency) : ''}`
              : t.unsure(pct(f.urgencyConfidence))
          }
        </li>
        ${f.chosenUrgency ? html`<li>${t.chosenUrgency}: ${t.urgencyLabels[f.chosenUrgency]}</li>` : ''}
        ${f.duplicates.map(
          (d) =>
            html`<li>
              <a href="${casePath(d.code)}">${t.likelyDuplicate(d.code, pct(d.similarity))}</a>
            </li>`,
        )}
      </ul>
      ${
        triage.acceptKind || triage.acceptUnit
          ? html`<p>
              ${triage.acceptKind && f.kind ? choice('kind', f.kind, t.acceptKind(CASE_KIND_LABELS[f.kind][lang])) : ''}
              ${triage.acceptUnit && f.unitId && f.unitName ? choice('unit', f.unitId, t.acceptUnit(f.unitName)) : ''}
            </p>`
          : ''
      }
      ${
        triage.urgency.offered
          ? html`<form method="post" action="${triagePath(code)}">
              ${csrfField(actor)}<input type="hidden" name="field" value="urgency" />
              <fieldset>
                <legend>${t.urgencyLegend}</legend>
                ${(['urgent', 'normal'] as const).map(
                  (u) =>
                    html`<label class="choice"
                      ><input type="radio" name="value" value="${u}" ${u === current ? raw('checked') : ''} />
                      ${t.urgencyLabels[u]}</label
                    >`,
                )}
              </fieldset>
              <p><button type="submit">${t.urgencySubmit}</button></p>
            </form>`
          : html`<p class="muted">${triage.urgency.why}</p>`
      }`;
  }
  return html`<section aria-labelledby="h-triage">
    <h2 id="h-triage">${t.triage}</h2>
    <p>
      <strong>${t.urgencyNow}:</strong>
      ${model.view.urgent ? html`<span class="badge urgent">${t.urgencyLabels.urgent}</span>` : t.urgencyLabels.normal}
    </p>
    ${body}
  </section>`;
}

function options(list: { value: string; label: string }[], lang: ConsoleLang): Html {
  return html`<option value="">${CASE_TEXTS[lang].choose}</option>
    ${list.map((o) => html`<option value="${o.value}">${o.label}</option>`)}`;
}

function selectOptions(model: CasePageModel, name: TransitionParamName, lang: ConsoleLang): Html {
  switch (name) {
    case 'unitId':
      return options(
        model.choices.units.map((u) => ({ value: u.id, label: u.name })),
        lang,
      );
    case 'assigneeId':
      return options(
        model.choices.staff.map((s) => ({ value: s.id, label: s.fullName })),
        lang,
      );
    case 'groundId':
      return options(
        model.choices.grounds.map((g) => ({
          value: g.id,
          label: `${lang === 'vi' ? g.label : g.labelEn} (${g.source})`,
        })),
        lang,
      );
    case 'outcome':
      return options(
        OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o][lang] })),
        lang,
      );
    case 'newKind':
      return options(
        CASE_KINDS.filter((k) => k !== model.view.kind).map((k) => ({
          value: k,
          label: CASE_KIND_LABELS[k][lang],
        })),
        lang,
      );
    case 'answer':
    case 'clockKind':
    case 'days':
    case 'masterCaseId':
    case 'reason':
    case 'receivedOn':
    case 'targetBody':
    case 'text':
      return options([], lang);
    default: {
      const never: never = name;
      return never;
    }
  }
}

function fieldHtml(model: CasePageModel, action: string, f: FormField, lang: ConsoleLang): Html {
  const id = `f-${action}-${f.name}`;
  const labelText = PARAM_LABELS[f.name][lang];
  const req = f.required ? html` required aria-required="true"` : '';
  const label = html`<label for="${id}">${labelText}${f.required ? ' *' : ''}</label>`;
  switch (f.widget) {
    case 'textarea':
      return html`${label}<textarea id="${id}" name="${f.name}" rows="3" ${req}></textarea>`;
    case 'select':
      return html`${label}<select id="${id}" name="${f.name}" ${req}>
          ${selectOptions(model, f.name, lang)}
        </select>`;
    case 'date':
      return html`${label}<input type="date" id="${id}" name="${f.name}" ${req} />`;
    case 'number':
      return html`${label}<input
          type="number"
          min="1"
          step="1"
          inputmode="numeric"
          id="${id}"
          name="${f.name}"
          ${req}
        />`;
    case 'text':
      return html`${label}<input type="text" id="${id}" name="${f.name}" ${req} />`;
    default: {
      const never: never = f.widget;
      return never;
    }
  }
}

function actionSection(model: CasePageModel, actor: ConsoleActor): Html {
  const lang = actor.lang;
  const t = CASE_TEXTS[lang];
  const code = model.view.code;
  const shown = model.actions.filter((a) => !OWN_FORM.includes(a));
  const canNote = model.actions.includes('note');
  return html`<section aria-labelledby="h-actions">
    <h2 id="h-actions">${t.actions}</h2>
    ${!shown.length && !canNote && !model.canReply ? html`<p class="muted">${t.noActions}</p>` : ''}
    ${shown.map(
      (action) =>
        html`<details class="action">
          <summary>${CASE_ACTION_LABELS[action][lang]}</summary>
          <form method="post" action="${actionPath(code, action)}">
            ${csrfField(actor)} ${formFieldsOf(action).map((f) => fieldHtml(model, action, f, lang))}
            <p><button type="submit">${CASE_ACTION_LABELS[action][lang]}</button></p>
          </form>
        </details>`,
    )}
    ${
      model.canReply
        ? html`<details class="action" open>
            <summary>${t.reply}</summary>
            <form method="post" action="${replyPath(code)}">
              ${csrfField(actor)}
              <label for="f-reply-text">${t.replyText} *</label>
              <textarea id="f-reply-text" name="text" rows="4" required aria-required="true"></textarea>
              <p><button type="submit">${t.replySubmit}</button></p>
            </form>
          </details>`
        : ''
    }
    ${
      canNote
        ? html`<details class="action">
            <summary>${CASE_ACTION_LABELS.note[lang]}</summary>
            <form method="post" action="${notePath(code)}">
              ${csrfField(actor)}
              <label for="f-note-text">${PARAM_LABELS.text[lang]} *</label>
              <textarea id="f-note-text" name="text" rows="3" required aria-required="true"></textarea>
              <p><button type="submit">${CASE_ACTION_LABELS.note[lang]}</button></p>
            </form>
          </details>`
        : ''
    }
  </section>`;
}

function identitySection(model: CasePageModel, actor: ConsoleActor, revealed?: RevealedIdentity): Html {
  const lang = actor.lang;
  const t = CASE_TEXTS[lang];
  if (revealed) {
    const c = revealed.contact;
    return html`<section aria-labelledby="h-identity" class="identity revealed">
      <h2 id="h-identity">${t.identity}</h2>
      <p role="status">${t.revealed}</p>
      <dl class="facts">
        ${
          c.name
            ? html`<dt>${t.contactName}</dt>
                <dd>${c.name}</dd>`
            : ''
        }
        ${
          c.phone
            ? html`<dt>${t.contactPhone}</dt>
                <dd>${c.phone}</dd>`
            : ''
        }
        ${
          c.email
            ? html`<dt>${t.contactEmail}</dt>
                <dd>${c.email}</dd>`
            : ''
        }
        ${
          c.address
            ? html`<dt>${t.contactAddress}</dt>
                <dd>${c.address}</dd>`
            : ''
        }
      </dl>
      ${
        revealed.typed.length
          ? html`<p>${t.typedData}:</p>
              <ul>
                ${revealed.typed.map((d) => html`<li>${d.text}</li>`)}
              </ul>`
          : ''
      }
    </section>`;
  }
  return html`<section aria-labelledby="h-identity" class="identity">
    <h2 id="h-identity">${t.identity}</h2>
    <p>${t.identityHidden}</p>
    ${
      model.reveal.offered
        ? html`<form method="post" action="${revealPath(model.view.code)}">
            ${csrfField(actor)}
            <label for="f-reveal-reason">${t.revealReason(MIN_REVEAL_REASON_CHARS)} *</label>
            <textarea
              id="f-reveal-reason"
              name="reason"
              rows="2"
              minlength="${MIN_REVEAL_REASON_CHARS}"
              required
              aria-required="true"
            ></textarea>
            <p><button type="submit">${t.revealSubmit}</button></p>
          </form>`
        : html`<p class="muted">${model.reveal.why}</p>`
    }
  </section>`;
}

function letterSection(model: CasePageModel, actor: ConsoleActor): Html {
  const lang = actor.lang;
  const t = CASE_TEXTS[lang];
  return html`<section aria-labelledby="h-letters">
    <h2 id="h-letters">${t.letters}</h2>
    ${
      model.letters.length
        ? html`<table>
            <caption class="sr-only">
              ${t.letters}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t.letterKind}</th>
                <th scope="col">${t.letterNumber}</th>
                <th scope="col">${t.letterStatus}</th>
                <th scope="col">${t.actions}</th>
              </tr>
            </thead>
            <tbody>
              ${model.letters.map(
                (l) =>
                  html`<tr>
                    <td>${LETTER_KIND_LABELS[l.kind][lang]}</td>
                    <td>${l.number !== null ? `${l.number}/${l.year ?? ''}` : '—'}</td>
                    <td>${LETTER_STATUS_LABELS[l.status][lang]}</td>
                    <td>
                      ${reachActs(model.reach) ? html`<a href="${letterPdfPath(l.id)}">${t.preview}</a>` : ''}
                      ${
                        l.canSign
                          ? html`<form method="post" action="${signLetterPath(l.id)}" class="inline">
                              ${csrfField(actor)}<button type="submit">${t.sign}</button>
                            </form>`
                          : ''
                      }
                      ${
                        l.canResend
                          ? html`<form method="post" action="${resendLetterPath(l.id)}" class="inline">
                              ${csrfField(actor)}<button type="submit" class="secondary">
                                ${t.sendToSigners}
                              </button>
                            </form>`
                          : ''
                      }
                      ${
                        l.canReturn
                          ? html`<form method="post" action="${returnLetterPath(l.id)}" class="inline">
                              ${csrfField(actor)}<button type="submit" class="secondary">
                                ${t.returnDraft}
                              </button>
                            </form>`
                          : ''
                      }
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${t.noLetters}</p>`
    }
    ${
      model.draftable.length
        ? html`<details class="action">
            <summary>${t.draftLetter}</summary>
            <form method="post" action="${draftLetterPath(model.view.code)}">
              ${csrfField(actor)}
              <label for="f-letter-kind">${t.letterKind} *</label>
              <select id="f-letter-kind" name="kind" required aria-required="true">
                ${model.draftable.map((k) => html`<option value="${k}">${LETTER_KIND_LABELS[k][lang]}</option>`)}
              </select>
              <label for="f-letter-note">${t.letterNote}</label>
              <textarea id="f-letter-note" name="note" rows="3"></textarea>
              <p><button type="submit">${t.draftSubmit}</button></p>
            </form>
          </details>`
        : ''
    }
    ${
      model.petitionForm
        ? html`<details class="action">
            <summary>${t.petitionForm}</summary>
            <form method="post" action="${petitionFormPath(model.view.code)}">
              ${csrfField(actor)}
              <p id="petition-hint">${t.petitionFormHint}</p>
              <p><button type="submit" aria-describedby="petition-hint">${t.petitionForm}</button></p>
            </form>
          </details>`
        : ''
    }
    ${
      model.newDate
        ? html`<details class="action">
            <summary>${t.newDate}</summary>
            <form method="post" action="${newDatePath(model.view.code)}">
              ${csrfField(actor)}
              <p id="new-date-hint">${t.newDateHint}</p>
              <label for="f-new-date">${t.newDateField} *</label>
              <input type="date" id="f-new-date" name="newDate" required aria-required="true" />
              <label for="f-new-date-reason">${t.newDateReason} *</label>
              <textarea
                id="f-new-date-reason"
                name="reason"
                rows="2"
                required
                aria-required="true"
              ></textarea>
              <p><button type="submit" aria-describedby="new-date-hint">${t.newDateSubmit}</button></p>
            </form>
          </details>`
        : ''
    }
    <p><a href="${REGISTER_PATH}">${t.register}</a></p>
  </section>`;
}

function timelineSection(model: CasePageModel, lang: ConsoleLang): Html {
  const t = CASE_TEXTS[lang];
  return html`<section aria-labelledby="h-timeline">
    <h2 id="h-timeline">${t.timeline}</h2>
    ${
      model.timeline.length
        ? html`<ol class="timeline">
            ${model.timeline.map(
              (e) =>
                html`<li id="${e.id}" class="${e.delivery ? `delivery-${e.delivery.status}` : ''}">
                  <time datetime="${e.at.toISOString()}">${formatVietnamTime(e.at)}</time> ·
                  <span class="actor">${e.actor}</span> · <strong>${e.label}</strong>
                  ${e.statusChange ? html` · <span>${e.statusChange}</span>` : ''}
                  ${e.delivery ? html` · <span class="delivery">${e.delivery.text}</span>` : ''}
                  ${e.details.length ? html`<div class="details">${e.details.join(' · ')}</div>` : ''}
                  ${e.body ? html`<blockquote class="${e.bodyKind ?? ''}">${e.body}</blockquote>` : ''}
                  ${
                    e.letter
                      ? reachActs(model.reach)
                        ? html`<div>
                            <a href="${letterPdfPath(e.letter.id)}">${t.letterLink}: ${e.letter.label}</a>
                          </div>`
                        : html`<div>${t.letterLink}: ${e.letter.label}</div>`
                      : ''
                  }
                </li>`,
            )}
          </ol>`
        : html`<p class="muted">${t.noTimeline}</p>`
    }
  </section>`;
}

export interface RegisterRow {
  id: string;
  kind: LetterKind;
  number: number | null;
  year: number | null;
  signerName: string | null;
  signedAt: Date | null;
  caseCode: string;
}

export function renderRegister(rows: readonly RegisterRow[], year: number, lang: ConsoleLang): Html {
  const t = CASE_TEXTS[lang];
  return html`<h1>${t.registerTitle(year)}</h1>
    <form method="get" action="${REGISTER_PATH}">
      <label for="f-year">${t.year}</label>
      <input type="number" id="f-year" name="nam" value="${year}" min="2000" max="2100" />
      <p><button type="submit">${t.show}</button></p>
    </form>
    ${
      rows.length
        ? html`<table>
            <caption class="sr-only">
              ${t.registerTitle(year)}
            </caption>
            <thead>
              <tr>
                <th scope="col">${t.letterNumber}</th>
                <th scope="col">${t.letterKind}</th>
                <th scope="col">${t.registerCase}</th>
                <th scope="col">${t.registerSigner}</th>
                <th scope="col">${t.registerSignedAt}</th>
                <th scope="col">PDF</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr>
                    <td>${r.number ?? '—'}</td>
                    <td>${LETTER_KIND_LABELS[r.kind][lang]}</td>
                    <td><a href="${casePath(r.caseCode)}">${r.caseCode}</a></td>
                    <td>${r.signerName ?? '—'}</td>
                    <td>${r.signedAt ? formatVietnamTime(r.signedAt) : '—'}</td>
                    <td><a href="${letterPdfPath(r.id)}">${t.preview}</a></td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${t.registerEmpty}</p>`
    }`;
}
