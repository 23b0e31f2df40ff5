// The web chat page: a server-rendered shell (src/web/html.ts) and one small script. Everything the
// conversation says comes from the dialog through /api/chat/*; the page holds no step of its own.
import { readFileSync } from 'node:fs';
import { ALLOWED_ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../../src/intake/attachment-policy.js';
import { html, page, raw } from '../../src/web/html.js';

export const CHAT_SCRIPT = readFileSync(new URL('./assets/chat.js', import.meta.url), 'utf8');
export const WIDGET_SCRIPT = readFileSync(new URL('./assets/widget.js', import.meta.url), 'utf8');

const ACCEPT = [
  ...ALLOWED_ATTACHMENT_TYPES.filter((t) => !t.startsWith('audio/')),
  '.heic',
  '.docx',
  '.pdf',
].join(',');

// The page is as tall as the screen: the log scrolls inside it and the message box sits below the
// log, never over it, so what is new is never hidden behind the box (decision 0028). Sizes are in
// rem so that large text (a phone's font setting) grows them, and the box stays small at 200 %.
const CHAT_CSS = `
body{display:flex;flex-direction:column;height:100vh;height:100dvh}
header.site{padding:.3rem 1rem}
main{flex:1;min-height:0;width:100%;display:flex;flex-direction:column;padding-bottom:0}
#chat{flex:1;min-height:0;display:flex;flex-direction:column}
.chat-top{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:0 .5rem}
.chat-top h1{flex:1 1 9rem;min-width:0;margin:.25rem 0;font-size:1.1rem;line-height:1.25}
.chat-top h1>span{display:block;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.chat-top small{font-size:.8rem}
.chat-top .tools{display:flex;gap:.3rem;flex:none;margin-left:auto}
.chat-top .tools button{padding:.3rem .55rem;min-height:44px;font-size:.9rem}
#chat-log{flex:1;min-height:0;overflow-y:auto;overscroll-behavior:contain;position:relative;display:flex;flex-direction:column;gap:.5rem;padding:.25rem .1rem 1rem}
.msg{max-width:90%;border-radius:12px;padding:.5rem .75rem;overflow-wrap:anywhere}
.msg p{margin:0;white-space:pre-wrap}
.msg.bot{background:#eef2f6;align-self:flex-start}
.msg.me{background:#dbeafe;align-self:flex-end}
.msg.failed{background:#fdecec}
.msg.earlier{opacity:.8}
.earlier.muted{margin:.25rem 0 0;font-size:.85rem;text-align:center}
.msg .choices{margin-top:.5rem;display:flex;flex-direction:column;gap:.4rem}
.msg .row{display:flex;flex-wrap:wrap;gap:.4rem}
.msg .row button{flex:1 1 auto;min-height:44px;text-align:left}
.msg button:disabled{opacity:.55;cursor:default}
.receipt{margin:0;padding:.6rem .75rem;background:#fff;border:2px solid var(--ok);border-radius:10px}
.receipt p{margin:0 0 .35rem}
.receipt .code,.receipt .secret strong{font-family:ui-monospace,monospace;font-size:1.05rem;white-space:nowrap}
.receipt .row{display:flex;flex-wrap:wrap;gap:.4rem}
.receipt .row>*{min-height:44px}
#chat-form{flex:none;background:var(--bg);border-top:1px solid var(--line);padding:.4rem 0}
.compose{display:flex;gap:.4rem;align-items:flex-end}
.compose textarea{flex:1;min-height:2.75rem;max-height:min(8rem,22vh);resize:none;width:100%;padding:.55rem;border:1px solid var(--line);border-radius:6px}
.compose button{min-height:44px;flex:none}
.file-button{flex:none;display:inline-flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;margin:0;font-weight:400;border:1px dashed var(--accent);border-radius:6px;color:var(--accent);cursor:pointer}
#chat-file:focus-visible+.file-button{outline:3px solid #ffb000;outline-offset:2px}
#chat-file:disabled+.file-button{opacity:.55;cursor:default}
#chat-progress{width:100%}
#chat-status{margin:.25rem 0 0;font-size:.9rem}
#chat-status:empty{display:none}
`;

const EMBED_CSS = `header.site{display:none}main{padding:.5rem .5rem 0}.chat-top h1{font-size:1rem}`;

export interface ChatPageOptions {
  embed: boolean;
  /** After this long without a message the page asks the server again (WEB_CHAT_IDLE_LOCK_MINUTES). */
  idleLockMs: number;
  unit?: { code: string; name: string; organizationName: string };
}

export function chatPage(options: ChatPageOptions): string {
  const { unit, embed } = options;
  const title = unit ? `Góp ý – ${unit.name}` : 'Gửi ý kiến – Lắng Nghe';
  return page({
    title,
    description: 'Gửi phản ánh, góp ý, khiếu nại, tố cáo hoặc lời khen đến cơ sở y tế.',
    head: html`<style>
        ${raw(CHAT_CSS)}${embed ? raw(EMBED_CSS) : ''}
      </style>
      <script src="/chat/chat.js" defer></script>`,
    body: html`<div
      id="chat"
      data-unit="${unit?.code ?? ''}"
      data-max-bytes="${MAX_ATTACHMENT_BYTES}"
      data-idle-lock-ms="${options.idleLockMs}"
      data-embed="${embed ? '1' : '0'}"
      aria-busy="true"
    >
      <div class="chat-top">
        <h1>
          ${
            unit
              ? html`<span>${unit.name}</span
                  ><span><small class="muted">${unit.organizationName}</small></span>`
              : html`<span>Gửi ý kiến</span>`
          }
        </h1>
        <div class="tools">
          <button type="button" id="chat-menu" class="secondary" aria-label="Về menu chính">Menu</button>
          <button type="button" id="chat-lang" class="secondary" lang="en" aria-label="Switch to English">
            English
          </button>
        </div>
      </div>
      <noscript
        ><p class="error">Trang trò chuyện cần JavaScript. Bạn cũng có thể gọi đường dây nóng.</p></noscript
      >
      <div id="chat-log" role="log" aria-live="polite" aria-label="Cuộc trò chuyện"></div>
      <form id="chat-form" autocomplete="off">
        <label for="chat-text" id="chat-text-label" class="sr-only">Tin nhắn của bạn</label>
        <div class="compose">
          <input type="file" id="chat-file" name="file" class="sr-only" accept="${ACCEPT}" />
          <label
            for="chat-file"
            id="chat-file-label"
            class="file-button"
            title="Gửi ảnh hoặc tệp (tối đa 10 MB)"
            ><span aria-hidden="true">📎</span
            ><span id="chat-file-name" class="sr-only">Gửi ảnh hoặc tệp (tối đa 10 MB)</span></label
          >
          <textarea
            id="chat-text"
            name="text"
            rows="1"
            maxlength="10000"
            placeholder="Nhập tin nhắn…"
          ></textarea>
          <button type="submit" id="chat-send">Gửi</button>
        </div>
        <progress id="chat-progress" max="100" value="0" hidden aria-label="Tiến độ tải tệp"></progress>
        <p id="chat-status" class="muted" role="status"></p>
      </form>
    </div>`,
  });
}

export function chatUnitNotFoundPage(): string {
  return page({
    title: 'Không tìm thấy khoa/phòng',
    body: html`<h1>Không tìm thấy khoa/phòng này</h1>
      <p>Mã khoa/phòng trong đường dẫn không đúng hoặc đã ngừng sử dụng.</p>
      <p><a class="button" href="/chat">Gửi ý kiến chung cho đơn vị</a></p>`,
  });
}
