// The staff Q&A page (/hoi-dap): the published answers of an organisation's calls for staff
// questions, behind the staff access code, and a sealed asker's own question by their code.
// Rendering only; no script (the Content-Security-Policy forbids inline script and none is needed).
import { CSRF_FIELD } from '../http/csrf.js';
import { html, page, type Html } from './html.js';

export interface StaffQaFormData {
  csrfToken: string;
  error?: string;
}

export interface PublishedCollection {
  topic: string;
  groups: { number: number; wording: string; answer: string; answeredBy: string | null }[];
}

export interface StaffQaResultData {
  csrfToken: string;
  organizationName: string;
  collections: PublishedCollection[];
  own?: { text: string; status: 'waiting' | 'grouped' | 'answered'; answer: string | null } | 'not_found';
}

const nav = html`<nav aria-label="Trang">
  <a href="/">Trang chủ</a> · <a href="/hoi-dap">Hỏi – đáp viên chức</a>
</nav>`;

function form(data: StaffQaFormData): Html {
  return html`<form method="post" action="/hoi-dap" class="card" autocomplete="off">
    <input type="hidden" name="${CSRF_FIELD}" value="${data.csrfToken}" />
    ${data.error ? html`<p class="error" role="alert" id="qa-error">${data.error}</p>` : ''}
    <label for="staffCode">Mã truy cập góp ý nội bộ</label>
    <input
      type="text"
      id="staffCode"
      name="staffCode"
      required
      maxlength="30"
      spellcheck="false"
      autocapitalize="characters"
      ${data.error ? html`aria-describedby="qa-error"` : ''}
    />
    <label for="questionCode">Mã xem trả lời <span class="muted">(nếu bạn gửi câu hỏi kín)</span></label>
    <input
      type="text"
      id="questionCode"
      name="questionCode"
      maxlength="30"
      spellcheck="false"
      autocapitalize="characters"
      placeholder="HD-XXXX-XXXX-XXXX"
    />
    <p><button type="submit">Xem câu trả lời</button></p>
  </form>`;
}

export function staffQaFormPage(data: StaffQaFormData): string {
  return page({
    title: 'Hỏi – đáp viên chức – Lắng Nghe',
    body: html`${nav}
      <h1>Trả lời câu hỏi của viên chức, người lao động</h1>
      ${form(data)}
      <p class="muted">
        Mã truy cập dùng chung cho toàn đơn vị: nó không cho biết bạn là ai. Trang này không ghi lại ai đã
        xem.
      </p>`,
  });
}

const OWN_STATUS = {
  waiting: 'Câu hỏi đang chờ ban tổ chức tổng hợp.',
  grouped: 'Câu hỏi đã được tổng hợp và giao lãnh đạo; câu trả lời chưa được công bố.',
  answered: 'Đã có câu trả lời.',
} as const;

export function staffQaResultPage(data: StaffQaResultData): string {
  const own = data.own
    ? data.own === 'not_found'
      ? html`<p class="error" role="alert">Mã xem trả lời không đúng.</p>`
      : html`<section class="card">
          <h2>Câu hỏi của bạn</h2>
          <p>${data.own.text}</p>
          <p class="muted">${OWN_STATUS[data.own.status]}</p>
          ${data.own.answer ? html`<p><b>Trả lời:</b> ${data.own.answer}</p>` : ''}
        </section>`
    : '';
  const collections = data.collections.length
    ? data.collections.map(
        (c) =>
          html`<section>
            <h2>${c.topic}</h2>
            ${c.groups.map(
              (g, i) =>
                html`<article class="card">
                  <p><b>Câu ${i + 1}.</b> ${g.wording}</p>
                  <p><b>Trả lời${g.answeredBy ? html` (${g.answeredBy})` : ''}:</b> ${g.answer}</p>
                </article>`,
            )}
          </section>`,
      )
    : html`<p>${data.organizationName} chưa công bố câu trả lời nào.</p>`;
  return page({
    title: 'Hỏi – đáp viên chức – Lắng Nghe',
    body: html`${nav}
      <h1>Hỏi – đáp viên chức — ${data.organizationName}</h1>
      ${own} ${collections}
      <h2>Xem bằng mã khác</h2>
      ${form({ csrfToken: data.csrfToken })}`,
  });
}
