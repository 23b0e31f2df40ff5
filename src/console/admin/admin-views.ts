// The administration pages' bodies, from plain data (the routes load it through the use cases).
// Every form is a plain POST with the CSRF field and works without JavaScript.
import { ACTOR_LABELS, CASE_KINDS, CASE_KIND_LABELS, ROLES, type Role } from '../../cases/case-vocabulary.js';
import type { StoredCalendarDay } from '../../calendar/calendar-days.service.js';
import type { DirectoryAction } from '../../directory/directory-audit.js';
import type { DirectoryOrganization } from '../../directory/list-directory.js';
import type { DeadlinePolicy } from '../../directory/organization-settings.js';
import { formatStaffRole } from '../../directory/staff-role-spec.js';
import { formatVietnamTime } from '../../hotline/duty-shift.js';
import { html, raw, type Html } from '../../web/html.js';
import type { ConsoleActor } from '../console-actor.js';
import { csrfField } from '../console-layout.js';
import { checkboxField, formAlert, selectField, textField, type FormState } from './admin-form.js';
import {
  ADMIN_SECTIONS,
  ADMIN_SECTION_PATHS,
  adminTexts,
  type AdminNotice,
  type AdminSection,
  type AdminTexts,
} from './admin-texts.js';

export const ADMIN_ROOT = '/console/quan-tri';
export const QUEUE_BOARD_PATH = '/console/hang-doi';

export function organizationPath(code: string, section: AdminSection = 'info'): string {
  return `${ADMIN_ROOT}/to-chuc/${encodeURIComponent(code)}/${ADMIN_SECTION_PATHS[section]}`;
}

const UNIT_KINDS = ['board', 'office', 'department', 'station', 'clinic', 'union', 'other'] as const;

export function renderAdminIndex(
  actor: ConsoleActor,
  organizations: readonly { code: string; name: string; parentName: string | null }[],
): Html {
  const t = adminTexts(actor.lang);
  return html`<h1>${t.title}</h1>
    <p>${t.intro}</p>
    <ul>
      ${organizations.map(
        (o) =>
          html`<li>
            <a href="${organizationPath(o.code)}">${o.name}</a>
            <span class="muted">(${o.code}${o.parentName ? html` — ${o.parentName}` : ''})</span>
          </li>`,
      )}
    </ul>
    <h2>${t.queues}</h2>
    <p><a href="${QUEUE_BOARD_PATH}/">${t.queues}</a> — <span class="muted">${t.queuesHint}</span></p>`;
}

/** The organisation's heading and its section tabs, then the section, then a notice if any. */
export function renderOrganizationFrame(opts: {
  actor: ConsoleActor;
  org: { code: string; name: string };
  section: AdminSection;
  notice?: AdminNotice;
  body: Html;
}): Html {
  const t = adminTexts(opts.actor.lang);
  return html`<p><a href="${ADMIN_ROOT}">${t.title}</a></p>
    <h1>${opts.org.name} <span class="muted">(${opts.org.code})</span></h1>
    <nav aria-label="${t.sectionNav}">
      <ul style="display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0">
        ${ADMIN_SECTIONS.map(
          (s) =>
            html`<li>
              <a
                href="${organizationPath(opts.org.code, s)}"
                ${s === opts.section ? raw('aria-current="page"') : ''}
                >${t.sections[s]}</a
              >
            </li>`,
        )}
      </ul>
    </nav>
    ${opts.notice ? html`<p class="card ok" role="status">${t.notices[opts.notice]}</p>` : ''}
    <h2>${t.sections[opts.section]}</h2>
    ${opts.body}`;
}

function form(actor: ConsoleActor, action: string, body: Html, submit: string): Html {
  return html`<form method="post" action="${action}">
    ${csrfField(actor)} ${body}
    <p><button type="submit">${submit}</button></p>
  </form>`;
}

/** A one-button form (deactivate, remove, switch), labelled by its button. */
function buttonForm(actor: ConsoleActor, action: string, label: string, hidden: Html = html``): Html {
  return html`<form method="post" action="${action}" style="display:inline">
    ${csrfField(actor)} ${hidden}
    <button type="submit" class="secondary">${label}</button>
  </form>`;
}

export interface OrganizationInfo {
  code: string;
  name: string;
  place: string | null;
  hotlineNumbers: string[];
  deadlinePolicy: DeadlinePolicy;
  /** As stored; empty when the default (the code) is used. */
  letterSymbol: string;
}

export function renderInfoSection(actor: ConsoleActor, org: OrganizationInfo, state?: FormState): Html {
  const t = adminTexts(actor.lang);
  const base = organizationPath(org.code);
  const ladder = (level: 'unit_head' | 'leaders') =>
    String(org.deadlinePolicy.escalation.find((s) => s.level === level)?.afterOverdueWorkingDays ?? '');
  return html`<h3>${t.infoHeading}</h3>
    ${formAlert(state, 'info', t.formError)}
    ${form(
      actor,
      `${base}/sua`,
      html`${textField({ form: 'info', name: 'name', label: t.field.name, state, value: org.name, required: true })}
      ${textField({ form: 'info', name: 'place', label: t.field.place, state, value: org.place ?? '' })}
      ${textField({
        form: 'info',
        name: 'hotlineNumbers',
        label: t.field.hotlineNumbers,
        state,
        value: org.hotlineNumbers.join(', '),
      })}`,
      t.save,
    )}
    <h3>${t.settingsHeading}</h3>
    ${formAlert(state, 'settings', t.formError)}
    ${form(
      actor,
      `${base}/cai-dat`,
      html`${textField({
        form: 'settings',
        name: 'dueSoonWorkingDays',
        label: t.field.dueSoonWorkingDays,
        state,
        value: org.deadlinePolicy.dueSoonWorkingDays.join(', '),
      })}
      ${textField({
        form: 'settings',
        name: 'remindAt',
        label: t.field.remindAt,
        state,
        value: org.deadlinePolicy.remindAt,
        type: 'time',
      })}
      ${checkboxField({
        form: 'settings',
        name: 'apologyPrompt',
        label: t.field.apologyPrompt,
        state,
        checked: org.deadlinePolicy.apologyPrompt,
      })}
      ${textField({
        form: 'settings',
        name: 'escalationUnitHead',
        label: t.field.escalationUnitHead,
        state,
        value: ladder('unit_head'),
      })}
      ${textField({
        form: 'settings',
        name: 'escalationLeaders',
        label: t.field.escalationLeaders,
        state,
        value: ladder('leaders'),
      })}
      ${textField({
        form: 'settings',
        name: 'letterSymbol',
        label: t.field.letterSymbol,
        state,
        value: org.letterSymbol,
      })}`,
      t.save,
    )}`;
}

type Unit = DirectoryOrganization['units'][number];

export function renderUnitsSection(
  actor: ConsoleActor,
  org: { code: string; units: readonly Unit[] },
  state?: FormState,
): Html {
  const t = adminTexts(actor.lang);
  const base = organizationPath(org.code, 'units');
  return html`<table class="rows">
      <thead>
        <tr>
          <th scope="col">${t.field.code}</th>
          <th scope="col">${t.field.name}</th>
          <th scope="col">${t.field.kind}</th>
          <th scope="col">${t.group}</th>
        </tr>
      </thead>
      <tbody>
        ${org.units.map(
          (u) =>
            html`<tr>
              <td>${u.code}</td>
              <td>${u.name}${u.active ? '' : html` <span class="badge">${t.inactive}</span>`}</td>
              <td>${u.kind}</td>
              <td>
                ${
                  u.telegramGroupLinked
                    ? html`${t.linked}
                      ${buttonForm(actor, `${base}/${encodeURIComponent(u.code)}/bo-nhom`, t.unlink)}`
                    : html`${t.notLinked}
                        <form method="post" action="${base}/${encodeURIComponent(u.code)}/nhom">
                          ${csrfField(actor)}
                          <label for="chat-${u.code}">${t.field.chatId}</label>
                          <input type="text" id="chat-${u.code}" name="chatId" required />
                          <button type="submit" class="secondary">${t.link}</button>
                        </form>`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
    ${formAlert(state, 'group', t.formError)}
    <h3>${t.newUnit}</h3>
    ${formAlert(state, 'unit', t.formError)}
    ${form(
      actor,
      base,
      html`${textField({ form: 'unit', name: 'code', label: t.field.code, state, required: true })}
      ${textField({ form: 'unit', name: 'name', label: t.field.name, state, required: true })}
      ${textField({ form: 'unit', name: 'nameEn', label: t.field.nameEn, state })}
      ${selectField({
        form: 'unit',
        name: 'kind',
        label: t.field.kind,
        state,
        value: 'department',
        options: UNIT_KINDS.map((k) => ({ value: k, label: k })),
      })}
      ${textField({ form: 'unit', name: 'hotlineNumbers', label: t.field.hotlineNumbers, state })}`,
      t.add,
    )}`;
}

type Staff = DirectoryOrganization['staff'][number];

export function roleLabel(actor: ConsoleActor, role: Role, unitCode: string | null): string {
  return `${ACTOR_LABELS[role][actor.lang]}${unitCode ? ` — ${unitCode}` : ''}`;
}

export function renderStaffSection(
  actor: ConsoleActor,
  org: { code: string; staff: readonly Staff[]; units: readonly Unit[] },
  state?: FormState,
  invite?: { code: string; fullName: string; expiresAt: Date },
): Html {
  const t = adminTexts(actor.lang);
  const base = organizationPath(org.code, 'staff');
  const unitOptions = [
    { value: '', label: t.field.wholeOrganization },
    ...org.units.filter((u) => u.active).map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })),
  ];
  const roleOptions = ROLES.map((r) => ({ value: r, label: ACTOR_LABELS[r][actor.lang] }));
  return html`${
      invite
        ? html`<div class="card" role="status">
            <h3>${t.inviteHeading} — ${invite.fullName}</h3>
            <p style="font-size:1.5rem;font-family:monospace">${invite.code}</p>
            <p>${t.inviteShownOnce(formatVietnamTime(invite.expiresAt))}</p>
          </div>`
        : ''
    }
    ${formAlert(state, 'staffRow', t.formError)}
    <table class="rows">
      <thead>
        <tr>
          <th scope="col">${t.field.fullName}</th>
          <th scope="col">${t.field.role}</th>
          <th scope="col">${t.telegram}</th>
          <th scope="col"><span class="sr-only">${t.deactivate}</span></th>
        </tr>
      </thead>
      <tbody>
        ${org.staff.map((s) => {
          const path = `${base}/${s.id}`;
          return html`<tr>
            <td>
              ${s.fullName}${s.title ? html` <span class="muted">(${s.title})</span>` : ''}
              ${s.active ? '' : html` <span class="badge">${t.inactive}</span>`}
            </td>
            <td>
              <ul style="margin:0;padding-left:1rem">
                ${s.roles.map(
                  (r) =>
                    html`<li>
                      ${roleLabel(actor, r.role, r.unitCode)}
                      ${
                        s.active
                          ? buttonForm(
                              actor,
                              `${path}/thu-hoi`,
                              t.revoke,
                              html`<input type="hidden" name="role" value="${r.role}" /><input
                                  type="hidden"
                                  name="unitCode"
                                  value="${r.unitCode ?? ''}"
                                />`,
                            )
                          : ''
                      }
                    </li>`,
                )}
              </ul>
              ${
                s.active
                  ? html`<details>
                      <summary>${t.grant}</summary>
                      <form method="post" action="${path}/vai-tro">
                        ${csrfField(actor)}
                        <label for="role-${s.id}">${t.field.role}</label>
                        <select id="role-${s.id}" name="role">
                          ${roleOptions.map((o) => html`<option value="${o.value}">${o.label}</option>`)}
                        </select>
                        <label for="unit-${s.id}">${t.field.unitCode}</label>
                        <select id="unit-${s.id}" name="unitCode">
                          ${unitOptions.map((o) => html`<option value="${o.value}">${o.label}</option>`)}
                        </select>
                        <p><button type="submit" class="secondary">${t.grant}</button></p>
                      </form>
                    </details>`
                  : ''
              }
            </td>
            <td>${s.telegramLinked ? t.joined : t.notJoined}</td>
            <td>
              ${
                s.active
                  ? html`${buttonForm(actor, `${path}/ma-moi`, t.invite)}
                    ${buttonForm(actor, `${path}/ngung`, t.deactivate)}`
                  : ''
              }
            </td>
          </tr>`;
        })}
      </tbody>
    </table>
    <h3>${t.newStaff}</h3>
    ${formAlert(state, 'staff', t.formError)}
    ${form(
      actor,
      base,
      html`${textField({ form: 'staff', name: 'fullName', label: t.field.fullName, state, required: true })}
      ${textField({ form: 'staff', name: 'title', label: t.field.title, state })}
      ${textField({ form: 'staff', name: 'roles', label: t.field.roles, state, required: true })}`,
      t.add,
    )}
    <h3>${t.rolesHeading}</h3>
    <table>
      <tbody>
        ${ROLES.map(
          (r) =>
            html`<tr>
              <th scope="row">
                ${ACTOR_LABELS[r][actor.lang]} <span class="muted">(${formatStaffRole(r, null)})</span>
              </th>
              <td>${t.roleHelp[r]}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

export interface RosterShift {
  shiftId: string;
  fullName: string;
  startsAt: Date;
  endsAt: Date;
}

export function renderRosterSection(
  actor: ConsoleActor,
  org: {
    code: string;
    shifts: readonly RosterShift[];
    officers: readonly { id: string; fullName: string }[];
  },
  state?: FormState,
): Html {
  const t = adminTexts(actor.lang);
  const base = organizationPath(org.code, 'roster');
  return html`<h3>${t.rosterHeading}</h3>
    ${
      org.shifts.length
        ? html`<ul>
            ${org.shifts.map(
              (s) =>
                html`<li>
                  ${formatVietnamTime(s.startsAt)} → ${formatVietnamTime(s.endsAt)}: ${s.fullName}
                  ${buttonForm(actor, `${base}/${s.shiftId}/xoa`, t.remove)}
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t.none}</p>`
    }
    <h3>${t.newShift}</h3>
    ${formAlert(state, 'shift', t.formError)}
    ${
      org.officers.length
        ? form(
            actor,
            base,
            html`${selectField({
              form: 'shift',
              name: 'staffId',
              label: t.field.staffId,
              state,
              options: org.officers.map((o) => ({ value: o.id, label: o.fullName })),
            })}
            ${textField({
              form: 'shift',
              name: 'startsAt',
              label: t.field.startsAt,
              state,
              type: 'datetime-local',
              required: true,
            })}
            ${textField({
              form: 'shift',
              name: 'endsAt',
              label: t.field.endsAt,
              state,
              type: 'datetime-local',
              required: true,
            })}`,
            t.add,
          )
        : html`<p>${t.noHotlineStaff}</p>`
    }`;
}

export interface RoutingRuleRow {
  id: string;
  priority: number;
  kind: string | null;
  category: string | null;
  keywords: string[];
  active: boolean;
  unit: { code: string; name: string };
}

export function renderRoutingSection(
  actor: ConsoleActor,
  org: { code: string; rules: readonly RoutingRuleRow[]; units: readonly Unit[] },
  state?: FormState,
): Html {
  const t = adminTexts(actor.lang);
  const base = organizationPath(org.code, 'routing');
  const kindLabel = (k: string) => CASE_KIND_LABELS[k as keyof typeof CASE_KIND_LABELS]?.[actor.lang] ?? k;
  return html`<h3>${t.routingHeading}</h3>
    ${
      org.rules.length
        ? html`<table class="rows">
            <thead>
              <tr>
                <th scope="col">${t.field.priority}</th>
                <th scope="col">${t.field.unitCode}</th>
                <th scope="col">${t.field.caseKind}</th>
                <th scope="col">${t.field.keywords}</th>
                <th scope="col"><span class="sr-only">${t.switchOff}</span></th>
              </tr>
            </thead>
            <tbody>
              ${org.rules.map(
                (r) =>
                  html`<tr>
                    <td>${r.priority}</td>
                    <td>${r.unit.name} (${r.unit.code})</td>
                    <td>
                      ${r.kind ? kindLabel(r.kind) : t.field.anyKind}${r.category ? html` — ${r.category}` : ''}
                    </td>
                    <td>${r.keywords.length ? r.keywords.join(', ') : t.everyCase}</td>
                    <td>
                      ${r.active ? t.ruleOn : t.ruleOff}
                      ${buttonForm(
                        actor,
                        `${base}/${r.id}/bat-tat`,
                        r.active ? t.switchOff : t.switchOn,
                        html`<input type="hidden" name="active" value="${r.active ? 'off' : 'on'}" />`,
                      )}
                    </td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${t.none}</p>`
    }
    <h3>${t.newRule}</h3>
    ${formAlert(state, 'rule', t.formError)}
    ${form(
      actor,
      base,
      html`${selectField({
        form: 'rule',
        name: 'unitCode',
        label: t.field.unitCode,
        state,
        options: org.units
          .filter((u) => u.active)
          .map((u) => ({ value: u.code, label: `${u.name} (${u.code})` })),
      })}
      ${selectField({
        form: 'rule',
        name: 'kind',
        label: t.field.caseKind,
        state,
        options: [
          { value: '', label: t.field.anyKind },
          ...CASE_KINDS.map((k) => ({ value: k, label: kindLabel(k) })),
        ],
      })}
      ${textField({ form: 'rule', name: 'category', label: t.field.category, state })}
      ${textField({ form: 'rule', name: 'keywords', label: t.field.keywords, state })}
      ${textField({ form: 'rule', name: 'priority', label: t.field.priority, state, value: '100', type: 'number' })}`,
      t.add,
    )}`;
}

export function renderCalendarSection(
  actor: ConsoleActor,
  org: { code: string; days: readonly StoredCalendarDay[] },
  state?: FormState,
): Html {
  const t = adminTexts(actor.lang);
  const base = organizationPath(org.code, 'calendar');
  return html`<p>${t.calendarHint}</p>
    <h3>${t.calendarHeading}</h3>
    ${
      org.days.length
        ? html`<ul>
            ${org.days.map(
              (d) =>
                html`<li>
                  ${d.date}: ${t.dayTypes[d.type]} — ${d.name} <span class="muted">(${d.source})</span>
                  ${buttonForm(actor, `${base}/${d.id}/xoa`, t.remove)}
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t.none}</p>`
    }
    <h3>${t.newDay}</h3>
    ${formAlert(state, 'day', t.formError)}
    ${form(
      actor,
      base,
      html`${textField({ form: 'day', name: 'date', label: t.field.date, state, type: 'date', required: true })}
      ${selectField({
        form: 'day',
        name: 'type',
        label: t.field.dayType,
        state,
        options: (['day_off', 'working_day'] as const).map((d) => ({ value: d, label: t.dayTypes[d] })),
      })}
      ${textField({ form: 'day', name: 'name', label: t.field.dayName, state, required: true })}
      ${textField({ form: 'day', name: 'source', label: t.field.source, state, required: true })}`,
      t.add,
    )}`;
}

export interface LogRow {
  action: string;
  at: Date;
  /** Null: the CLI. */
  by: string | null;
}

export function renderLogSection(actor: ConsoleActor, rows: readonly LogRow[]): Html {
  const t: AdminTexts = adminTexts(actor.lang);
  return html`<h3>${t.logHeading}</h3>
    ${
      rows.length
        ? html`<table class="rows">
            <thead>
              <tr>
                <th scope="col">${t.logWhen}</th>
                <th scope="col">${t.logWhat}</th>
                <th scope="col">${t.logWho}</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr>
                    <td>${formatVietnamTime(r.at)}</td>
                    <td>${t.actions[r.action as DirectoryAction] ?? r.action}</td>
                    <td>${r.by ?? t.logCli}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">${t.none}</p>`
    }`;
}
