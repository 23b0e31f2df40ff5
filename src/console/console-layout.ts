// The console's page shell: skip link, header with the main navigation, language switch and
// sign-out, and the two same-origin scripts (htmx, console.js). No inline script (the CSP stays);
// htmx's eval-based features are turned off in its meta config, and the CSRF token reaches every
// htmx request through hx-headers on <body>. Colours keep WCAG 2.1 AA contrast (4.5:1 for text).
import type { ConsoleActor } from './console-actor.js';
import { consoleTexts, type ConsoleLang } from './console-texts.js';
import { html, raw, type Html } from '../web/html.js';

export type ConsoleNavKey = 'inbox' | 'letters' | 'reports' | 'admin' | 'sessions';

/** The one list of main navigation entries, in order. */
export const CONSOLE_NAV: readonly { key: ConsoleNavKey; href: string }[] = [
  { key: 'inbox', href: '/console' },
  { key: 'letters', href: '/console/so-cong-van' },
  { key: 'reports', href: '/console/bao-cao' },
  { key: 'admin', href: '/console/quan-tri' },
  { key: 'sessions', href: '/console/phien' },
];

export const CONSOLE_ASSETS = {
  htmx: '/console/assets/htmx.min.js',
  script: '/console/assets/console.js',
} as const;

/** htmx without eval (hx-on, js: values) and only to this origin. */
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  selfRequestsOnly: true,
  includeIndicatorStyles: false,
});

const CONSOLE_CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--bg:#fff;--soft:#f6f8fa;--accent:#0b5cad;--line:#d0d7de;--ok:#1a7f37;--warn:#8a5a00;--bad:#b3261e}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
.skip{position:absolute;left:-999px;top:0;background:#fff;color:var(--accent);padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
header.bar{background:var(--accent);color:#fff;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1rem;padding:.5rem 1rem}
header.bar a,header.bar button{color:#fff}
header.bar .brand{font-weight:700;text-decoration:none;margin-right:auto}
header.bar nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem .75rem;margin:0;padding:0}
header.bar nav a{text-decoration:none;padding:.25rem .1rem;border-bottom:2px solid transparent}
header.bar nav a[aria-current=page]{border-bottom-color:#fff;font-weight:600}
header.bar form{margin:0}
header.bar button{background:transparent;border:1px solid #fff;border-radius:6px;padding:.25rem .6rem;cursor:pointer;font:inherit}
main{max-width:80rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.25rem 0 1rem}
a{color:var(--accent)}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
input,textarea,select,button{font:inherit}
input[type=text],input[type=search],input[type=date],textarea,select{width:100%;padding:.45rem;border:1px solid #6e7781;border-radius:6px;background:#fff;color:var(--fg)}
button,.button{display:inline-block;background:var(--accent);color:#fff;border:0;border-radius:6px;padding:.5rem 1rem;cursor:pointer;text-decoration:none}
button.secondary{background:var(--soft);color:var(--fg);border:1px solid #6e7781}
:focus-visible{outline:3px solid #ffb000;outline-offset:2px}
.muted{color:var(--muted)}
.error{color:var(--bad)}
.ok{color:var(--ok)}
.card{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}
.badge{display:inline-block;border-radius:999px;padding:0 .5rem;font-size:.85rem;border:1px solid currentColor}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(12rem,1fr));gap:0 1rem;align-items:start}
.grid .field.wide{grid-column:span 2}
.field.check{display:flex;align-items:center;gap:.5rem;margin-top:2.1rem}
.field.check label{display:inline;margin:0}
.field.check input{width:1.2rem;height:1.2rem}
.small{font-size:.875rem;margin:.25rem 0}
form.filters > button{margin:.5rem .75rem .25rem 0}
.overdue{color:var(--bad)}.due_soon{color:var(--warn)}.on_time{color:var(--ok)}
@media (max-width:40rem){main{padding:.75rem}.grid .field.wide{grid-column:auto}.field.check{margin-top:.75rem}table.rows thead{display:none}table.rows tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}table.rows td{display:block;border:0;padding:.1rem 0}}
`;

/** The hidden CSRF field every console form carries. */
export function csrfField(actor: ConsoleActor): Html {
  return html`<input type="hidden" name="_csrf" value="${actor.csrfToken}" />`;
}

/** A page outside the signed-in shell (sign-in, errors before sign-in): same styles, no nav. */
export function consoleBarePage(opts: { title: string; lang: ConsoleLang; body: Html }): string {
  return shell({ title: opts.title, lang: opts.lang, header: barHeader(opts.lang, html``), body: opts.body });
}

export function consolePage(opts: {
  title: string;
  actor: ConsoleActor;
  body: Html;
  nav?: ConsoleNavKey;
}): string {
  const t = consoleTexts(opts.actor.lang);
  const other: ConsoleLang = opts.actor.lang === 'vi' ? 'en' : 'vi';
  const right = html`<nav aria-label="${t.navLabel}">
      <ul>
        ${CONSOLE_NAV.map(
          (item) =>
            html`<li>
              <a href="${item.href}" ${item.key === opts.nav ? raw('aria-current="page"') : ''}
                >${t.nav[item.key]}</a
              >
            </li>`,
        )}
      </ul>
    </nav>
    <a href="/console/ngon-ngu/${other}" lang="${other}">${t.switchLang}</a>
    <form method="post" action="/console/dang-xuat">
      ${csrfField(opts.actor)}
      <button type="submit">${t.signOut}</button>
    </form>`;
  return shell({
    title: opts.title,
    lang: opts.actor.lang,
    header: barHeader(opts.actor.lang, right),
    body: opts.body,
    hxHeaders: JSON.stringify({ 'x-csrf-token': opts.actor.csrfToken }),
  });
}

function barHeader(lang: ConsoleLang, right: Html): Html {
  return html`<header class="bar">
    <a class="brand" href="/console">${consoleTexts(lang).appName}</a>
    ${right}
  </header>`;
}

function shell(opts: {
  title: string;
  lang: ConsoleLang;
  header: Html;
  body: Html;
  hxHeaders?: string;
}): string {
  const t = consoleTexts(opts.lang);
  return `<!doctype html>${
    html`<html lang="${opts.lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="htmx-config" content="${HTMX_CONFIG}" />
        <meta name="robots" content="noindex" />
        <title>${opts.title}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style>
          ${raw(CONSOLE_CSS)}
        </style>
        <script src="${CONSOLE_ASSETS.htmx}" defer></script>
        <script src="${CONSOLE_ASSETS.script}" defer></script>
      </head>
      <body ${opts.hxHeaders ? html`hx-headers="${opts.hxHeaders}"` : ''}>
        <a class="skip" href="#main">${t.skip}</a>
        ${opts.header}
        <main id="main" tabindex="-1">${opts.body}</main>
      </body>
    </html>`.value
  }`;
}
