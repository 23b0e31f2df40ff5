// Server-rendered pages without a framework: an escaping tagged template and one page shell (small
// CSS inline, mobile-first, readable on a slow phone). Every interpolated value is escaped unless it
// is already Html, so a case text can never become markup.

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

type Interpolated = Html | string | number | boolean | null | undefined | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/** html`<p>${text}</p>`: values are escaped, nested html`` fragments and arrays of them are not. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => (out += render(v) + strings[i + 1]!));
  return new Html(out);
}

/** Trusted markup (our own constants only). */
export const raw = (markup: string): Html => new Html(markup);

export interface PageOptions {
  title: string;
  lang?: 'vi' | 'en';
  body: Html;
  /** Extra head content (page-specific style or a script tag with a nonce-less same-origin src). */
  head?: Html;
  /** Short description for link previews. */
  description?: string;
}

const BASE_CSS = `
:root{--fg:#1b1f24;--muted:#57606a;--bg:#fff;--accent:#0b5cad;--line:#d0d7de;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e}
*{box-sizing:border-box}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--fg);background:var(--bg)}
main{max-width:42rem;margin:0 auto;padding:1rem}
header.site{background:var(--accent);color:#fff;padding:.6rem 1rem}
header.site a{color:#fff;text-decoration:none;font-weight:600}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
a{color:var(--accent)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,textarea,select,button{font:inherit}
input[type=text],input[type=tel],textarea,select{width:100%;padding:.55rem;border:1px solid var(--line);border-radius:6px}
button,.button{display:inline-block;background:var(--accent);color:#fff;border:0;border-radius:6px;padding:.6rem 1rem;cursor:pointer;text-decoration:none}
button.secondary{background:#eef2f6;color:var(--fg);border:1px solid var(--line)}
:focus-visible{outline:3px solid #ffb000;outline-offset:2px}
.muted{color:var(--muted)}
.error{color:var(--bad)}
.card{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);border:0}
`;

export function page(options: PageOptions): string {
  const lang = options.lang ?? 'vi';
  return `<!doctype html>${
    html`<html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${options.title}</title>
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        ${options.description ? html`<meta name="description" content="${options.description}" />` : ''}
        <style>
          ${raw(BASE_CSS)}
        </style>
        ${options.head ?? ''}
      </head>
      <body>
        <header class="site"><a href="/">Lắng Nghe</a></header>
        <main id="main">${options.body}</main>
      </body>
    </html>`.value
  }`;
}
