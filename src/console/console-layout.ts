// TEMPORARY stub of consolecore's contract (replaced by consolecore's file on merge).
import { html, page, type Html } from '../web/html.js';
import type { ConsoleActor } from './console-actor.js';

export type ConsoleNavKey = 'inbox' | 'letters' | 'reports' | 'admin' | 'sessions';

export function consolePage(opts: { title: string; actor: ConsoleActor; body: Html; nav?: ConsoleNavKey }): string {
  return page({ title: opts.title, lang: opts.actor.lang, body: opts.body });
}

export function csrfField(actor: ConsoleActor): Html {
  return html`<input type="hidden" name="_csrf" value="${actor.csrfToken}" />`;
}
