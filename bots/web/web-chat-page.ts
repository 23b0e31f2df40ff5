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

const CHAT_CSS = `
#chat{display:flex;flex-direction:column;min-height:calc(100vh - 6rem)}
.chat-top{display:flex;justify-content:space-between;align-items:center;gap:.5rem}
.chat-top h1{margin:.25rem 0}
#chat-log{flex:1;display:flex;flex-direction:column;gap:.5rem;padding:.25rem 0 1rem}
.msg{max-width:90%;border-radius:12px;padding:.5rem .75rem;overflow-wrap:anywhere}
.msg p{margin:0;white-space:pre-wrap}
.msg.bot{background:#eef2f6;align-self:flex-start}
.msg.me{background:#dbeafe;align-self:flex-end}
.msg.failed{background:#fdecec}
.msg .choices{margin-top:.5rem;display:flex;flex-direction:column;gap:.4rem}
.msg .row{display:flex;flex-wrap:wrap;gap:.4rem}
.msg .row button{flex:1 1 auto;min-height:44px;text-align:left}
.msg button:disabled{opacity:.55;cursor:default}
.receipt{margin:.5rem 0 0;padding:.5rem;background:#fff;border:1px solid var(--line);border-radius:8px}
.receipt a{font-weight:600}
.secret{display:block;margin-top:.25rem}
#chat-form{position:sticky;bottom:0;background:var(--bg);border-top:1px solid var(--line);padding:.5rem 0}
#chat-form label{margin:.25rem 0}
.compose{display:flex;gap:.5rem;align-items:flex-end}
.compose textarea{flex:1;min-height:2.75rem;max-height:8rem;resize:vertical;width:100%;padding:.55rem;border:1px solid var(--line);border-radius:6px}
.compose button{min-height:44px}
.file-row{margin-top:.4rem}
.file-button{display:inline-block;margin:0;font-weight:400;padding:.45rem .8rem;border:1px dashed var(--accent);border-radius:6px;color:var(--accent);cursor:pointer}
.file-button::before{content:"+ "}
#chat-file:focus-visible+.file-button{outline:3px solid #ffb000;outline-offset:2px}
#chat-file:disabled+.file-button{opacity:.55;cursor:default}
.msg{scroll-margin-bottom:10rem}
#chat-form label[for=chat-text]{font-size:.9rem}
#chat-progress{width:100%}
#chat-status{min-height:1.2em;margin:.25rem 0 0;font-size:.9rem}
`;

const EMBED_CSS = `header.site{display:none}main{padding:.5rem}#chat{min-height:calc(100vh - 1rem)}.chat-top h1{font-size:1.1rem}`;

export interface ChatPageOptions {
  embed: boolean;
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
      aria-busy="true"
    >
      <div class="chat-top">
        <h1>
          ${unit ? html`${unit.name}<br /><small class="muted">${unit.organizationName}</small>` : 'Gửi ý kiến'}
        </h1>
        <button type="button" id="chat-lang" class="secondary" lang="en" aria-label="Switch to English">
          English
        </button>
      </div>
      <noscript
        ><p class="error">Trang trò chuyện cần JavaScript. Bạn cũng có thể gọi đường dây nóng.</p></noscript
      >
      <div id="chat-log" role="log" aria-live="polite" aria-label="Cuộc trò chuyện"></div>
      <form id="chat-form" autocomplete="off">
        <label for="chat-text" id="chat-text-label">Tin nhắn của bạn</label>
        <div class="compose">
          <textarea id="chat-text" name="text" rows="2" maxlength="10000"></textarea>
          <button type="submit" id="chat-send">Gửi</button>
        </div>
        <div class="file-row">
          <input type="file" id="chat-file" name="file" class="sr-only" accept="${ACCEPT}" />
          <label for="chat-file" id="chat-file-label" class="file-button"
            >Gửi ảnh hoặc tệp (tối đa 10 MB)</label
          >
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
