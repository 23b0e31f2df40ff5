// The public pages people open without an account: home, tracking (/tra-cuu) and transparency
// (/cong-khai). Rendering only: each function takes what the route found and returns the page.
// No inline script (the Content-Security-Policy forbids it): the tracking page's small script is
// /assets/tra-cuu.js.
import { formatVietnameseDate, parseLocalDate, toVietnamDate } from '../calendar/local-date.js';
import type { PublicCaseStatus } from '../cases/get-public-status.js';
import { OUTCOME_LABELS, type Outcome } from '../cases/case-vocabulary.js';
import { textsFor } from '../dialog/dialog-locale.js';
import type { TransparencyPeriod, TransparencySummary } from '../reports/transparency.js';
import { CSRF_FIELD } from '../http/csrf.js';
import { html, page, type Html } from './html.js';

const dateTime = (iso: string) => {
  const at = new Date(iso);
  const local = new Date(at.getTime() + 7 * 3600_000);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${hh}:${mm} ${formatVietnameseDate(toVietnamDate(at))}`;
};

const PAGE_CSS = html`<style>
  .nav a {
    margin-right: 1rem;
  }
  .status {
    font-size: 1.25rem;
    font-weight: 600;
  }
  .reply {
    white-space: pre-wrap;
  }
  fieldset {
    border: 1px solid var(--line);
    border-radius: 8px;
    margin: 0.75rem 0;
  }
  .scores label {
    font-weight: 400;
    display: flex;
    gap: 0.5rem;
    align-items: center;
    margin: 0.35rem 0;
  }
  .num {
    text-align: right;
  }
  .stats {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr));
    gap: 0.5rem;
  }
  .stat {
    border: 1px solid var(--line);
    border-radius: 8px;
    padding: 0.5rem 0.75rem;
  }
  .stat b {
    display: block;
    font-size: 1.4rem;
  }
  .table-wrap {
    overflow-x: auto;
  }
</style>`;

function shell(title: string, body: Html, head?: Html): string {
  return page({
    title: `${title} – Lắng Nghe`,
    body: html`<nav class="nav" aria-label="Trang">
        <a href="/chat">Gửi ý kiến</a><a href="/tra-cuu">Tra cứu hồ sơ</a
        ><a href="/cong-khai">Công khai kết quả</a>
      </nav>
      ${body}`,
    head: html`${PAGE_CSS}${head ?? ''}`,
  });
}

// ---------------------------------------------------------------- home

export interface HomeData {
  organization: { name: string; hotlineNumbers: string[] } | null;
  managingBody: { name: string; hotlineNumbers: string[] } | null;
}

export function homePage(data: HomeData): string {
  const hotlines = [data.organization, data.managingBody].filter(
    (o): o is NonNullable<typeof o> => !!o && o.hotlineNumbers.length > 0,
  );
  return shell(
    'Trang chủ',
    html`<h1>Lắng Nghe${data.organization ? html` – ${data.organization.name}` : ''}</h1>
      <p>
        Tiếp nhận phản ánh, góp ý, kiến nghị, khiếu nại, tố cáo và khen ngợi. Mỗi ý kiến được cấp một mã hồ sơ
        để theo dõi, được chuyển đến đúng khoa/phòng và trả lời đúng hạn.
      </p>
      <div class="card">
        <h2>Gửi ý kiến</h2>
        <p>Trò chuyện trực tuyến, không cần đăng ký. Có thể gửi ẩn danh, kèm ảnh.</p>
        <a class="button" href="/chat">Mở hộp trò chuyện</a>
      </div>
      <div class="card">
        <h2>Theo dõi hồ sơ</h2>
        <p>Nhập mã hồ sơ (và mã bí mật nếu bạn gửi ẩn danh) để xem tình trạng, hạn trả lời và câu trả lời.</p>
        <a class="button" href="/tra-cuu">Tra cứu hồ sơ</a>
      </div>
      <div class="card">
        <h2>Công khai kết quả</h2>
        <p>
          Số liệu tiếp nhận, giải quyết, tỷ lệ đúng hạn và mức hài lòng theo từng tháng; không có thông tin cá
          nhân.
        </p>
        <a href="/cong-khai">Xem kết quả công khai</a>
      </div>
      ${
        hotlines.length
          ? html`<div class="card">
              <h2>Đường dây nóng</h2>
              <ul>
                ${hotlines.map(
                  (o) =>
                    html`<li>
                      ${o.name}:
                      ${o.hotlineNumbers.map(
                        (n, i) => html`${i ? ', ' : ''}<a href="tel:${n.replace(/[^\d+]/g, '')}">${n}</a>`,
                      )}
                    </li>`,
                )}
              </ul>
            </div>`
          : ''
      }`,
  );
}

// ---------------------------------------------------------------- tracking

export interface TrackingFormData {
  csrfToken: string;
  code?: string;
  error?: string;
}

function trackingForm(data: TrackingFormData): Html {
  return html`<form method="post" action="/tra-cuu" class="card" autocomplete="off">
    <input type="hidden" name="${CSRF_FIELD}" value="${data.csrfToken}" />
    ${data.error ? html`<p class="error" role="alert" id="lookup-error">${data.error}</p>` : ''}
    <label for="code">Mã hồ sơ</label>
    <input
      type="text"
      id="code"
      name="code"
      required
      maxlength="20"
      inputmode="text"
      autocapitalize="characters"
      spellcheck="false"
      placeholder="ví dụ 7K3M-9QX-PRF"
      value="${data.code ?? ''}"
      ${data.error ? html`aria-describedby="lookup-error"` : ''}
    />
    <label for="secret">Mã bí mật <span class="muted">(chỉ khi bạn gửi ẩn danh)</span></label>
    <input
      type="text"
      id="secret"
      name="secret"
      maxlength="20"
      spellcheck="false"
      autocapitalize="characters"
    />
    <p><button type="submit">Tra cứu</button></p>
  </form>`;
}

export function trackingFormPage(data: TrackingFormData): string {
  return shell(
    'Tra cứu hồ sơ',
    html`<h1>Tra cứu hồ sơ</h1>
      ${trackingForm(data)}
      <p class="muted">
        Mã hồ sơ có trong tin nhắn xác nhận khi bạn gửi ý kiến. Mã bí mật chỉ được cấp một lần cho người gửi
        ẩn danh.
      </p>`,
    html`<script src="/assets/tra-cuu.js" defer></script>`,
  );
}

export interface TrackingResultData {
  status: PublicCaseStatus;
  csrfToken: string;
  /** Echoed into the satisfaction form so the answer carries the same proof as the lookup. */
  secret?: string;
  secretRejected: boolean;
  notice?: string;
  letters: { title: string; href: string }[];
}

const SATISFACTION_LABELS = textsFor('vi').satisfactionLabels;

export function trackingResultPage(data: TrackingResultData): string {
  const s = data.status;
  const resolved = s.status === 'resolved' || s.status === 'closed';
  const canAnswer = resolved && s.replies !== null;
  return shell(
    `Hồ sơ ${s.code}`,
    html`<h1>Hồ sơ ${s.code}</h1>
      ${data.notice ? html`<p class="card" role="status">${data.notice}</p>` : ''}
      <div class="card" id="case-status">
        <p class="status">${s.statusLabel}</p>
        ${s.statusNote ? html`<p role="note">⚠️ ${s.statusNote}</p>` : ''}
        <table>
          ${
            s.kindLabel
              ? html`<tr>
                  <th scope="row">Loại</th>
                  <td>${s.kindLabel}</td>
                </tr>`
              : ''
          }
          ${
            s.organization
              ? html`<tr>
                  <th scope="row">Đơn vị</th>
                  <td>${s.organization}</td>
                </tr>`
              : ''
          }
          <tr>
            <th scope="row">Khoa/phòng</th>
            <td>${s.unit ?? 'Đang phân công'}</td>
          </tr>
          <tr>
            <th scope="row">Ngày nhận</th>
            <td>${dateTime(s.receivedAt)}</td>
          </tr>
          ${s.dueDates.map(
            (d) =>
              html`<tr>
                <th scope="row">${d.label}</th>
                <td>
                  ${formatVietnameseDate(parseLocalDate(d.dueOn))}${d.paused ? ' (đang tạm dừng)' : ''}
                  <br /><small>${d.basis}</small>
                </td>
              </tr>`,
          )}
          <tr>
            <th scope="row">Cập nhật</th>
            <td>${dateTime(s.updatedAt)}</td>
          </tr>
        </table>
      </div>
      ${
        data.secretRejected
          ? html`<p class="error" role="alert">
              Mã bí mật không đúng. Câu trả lời chỉ hiện khi nhập đúng mã bí mật.
            </p>`
          : ''
      }
      ${
        s.repliesNeedSecret && !data.secretRejected
          ? html`<p class="muted">Hồ sơ gửi ẩn danh: nhập cả mã bí mật để xem câu trả lời và đánh giá.</p>`
          : ''
      }
      ${
        s.answer
          ? html`<h2>Kết quả giải quyết</h2>
              <div class="card" id="case-answer">
                ${
                  s.outcome && OUTCOME_LABELS[s.outcome as Outcome]
                    ? html`<p><strong>${OUTCOME_LABELS[s.outcome as Outcome].vi}</strong></p>`
                    : ''
                }
                <p class="reply">${s.answer}</p>
              </div>`
          : ''
      }
      ${
        s.replies && s.replies.length
          ? html`<h2>Trả lời của đơn vị</h2>
              ${s.replies.map(
                (r) =>
                  html`<div class="card">
                    <p class="muted">${dateTime(r.at)}</p>
                    <p class="reply">${r.text}</p>
                  </div>`,
              )}`
          : ''
      }
      ${
        data.letters.length
          ? html`<h2>Văn bản</h2>
              <ul>
                ${data.letters.map((l) => html`<li><a href="${l.href}" download>${l.title}</a></li>`)}
              </ul>`
          : ''
      }
      ${
        canAnswer && s.satisfaction !== null
          ? html`<p class="card" id="satisfaction-recorded">
              Bạn đã đánh giá: ${SATISFACTION_LABELS[s.satisfaction as 1 | 2 | 3 | 4 | 5] ?? s.satisfaction}.
              Cảm ơn bạn.
            </p>`
          : ''
      }
      ${
        canAnswer && s.satisfaction === null
          ? html`<form method="post" action="/tra-cuu/danh-gia" class="card" id="satisfaction">
              <input type="hidden" name="${CSRF_FIELD}" value="${data.csrfToken}" />
              <input type="hidden" name="code" value="${s.code}" />
              ${data.secret ? html`<input type="hidden" name="secret" value="${data.secret}" />` : ''}
              <fieldset class="scores">
                <legend>Bạn có hài lòng với cách giải quyết không?</legend>
                ${([1, 2, 3, 4, 5] as const).map(
                  (score) =>
                    html`<label
                      ><input type="radio" name="score" value="${score}" required />
                      ${SATISFACTION_LABELS[score]}</label
                    >`,
                )}
              </fieldset>
              <label for="comment">Ý kiến thêm <span class="muted">(không bắt buộc)</span></label>
              <textarea id="comment" name="comment" rows="3" maxlength="1000"></textarea>
              <p><button type="submit">Gửi đánh giá</button></p>
            </form>`
          : ''
      }
      <p><a href="/tra-cuu">Tra cứu hồ sơ khác</a></p>`,
  );
}

// ---------------------------------------------------------------- transparency

export function transparencyIndexPage(orgs: { code: string; name: string }[]): string {
  return shell(
    'Công khai kết quả',
    html`<h1>Công khai kết quả tiếp nhận, giải quyết ý kiến</h1>
      <p>Chọn đơn vị:</p>
      <ul>
        ${orgs.map((o) => html`<li><a href="/cong-khai/${encodeURIComponent(o.code)}">${o.name}</a></li>`)}
      </ul>`,
  );
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

export function transparencyPage(data: {
  organization: { code: string; name: string };
  period: TransparencyPeriod;
  summary: TransparencySummary;
}): string {
  const { summary: s, period, organization: org } = data;
  const countTable = (caption: string, head: string, rows: { name: string; count: number }[]) =>
    rows.length
      ? html`<div class="table-wrap">
          <table>
            <caption class="sr-only">
              ${caption}
            </caption>
            <thead>
              <tr>
                <th scope="col">${head}</th>
                <th scope="col" class="num">Số hồ sơ</th>
              </tr>
            </thead>
            <tbody>
              ${rows.map(
                (r) =>
                  html`<tr>
                    <td>${r.name}</td>
                    <td class="num">${r.count}</td>
                  </tr>`,
              )}
            </tbody>
          </table>
        </div>`
      : html`<p class="muted">Không có.</p>`;
  return shell(
    `Công khai – ${org.name}`,
    html`<h1>Kết quả tiếp nhận, giải quyết ý kiến – ${org.name}</h1>
      <form method="get" action="/cong-khai/${encodeURIComponent(org.code)}" class="card">
        <label for="ky">Kỳ (tháng)</label>
        <input type="month" id="ky" name="ky" value="${period.from.slice(0, 7)}" />
        <p><button type="submit">Xem</button></p>
      </form>
      <p>Kỳ: <strong>${period.label}</strong></p>
      <div class="stats">
        <div class="stat"><b>${s.received}</b>hồ sơ tiếp nhận</div>
        <div class="stat"><b>${s.resolved}</b>hồ sơ đã giải quyết</div>
        <div class="stat">
          <b>${percent(s.onTime.rate)}</b>giải quyết đúng
          hạn${s.onTime.of ? ` (${s.onTime.count}/${s.onTime.of})` : ''}
        </div>
        <div class="stat">
          <b
            >${s.satisfaction.average === null ? '—' : s.satisfaction.average.toFixed(1).replace('.', ',')}/5</b
          >
          mức hài lòng trung bình (${s.satisfaction.answers} lượt)
        </div>
      </div>
      <h2>Theo loại ý kiến</h2>
      ${countTable(
        'Số hồ sơ theo loại',
        'Loại',
        s.byKind.map((k) => ({ name: k.label, count: k.count })),
      )}
      <h2>Theo khoa/phòng</h2>
      ${countTable(
        'Số hồ sơ theo khoa/phòng',
        'Khoa/phòng',
        s.byUnit.map((u) => ({ name: u.unitName, count: u.count })),
      )}
      <h2>Theo kết quả giải quyết</h2>
      ${countTable(
        'Số hồ sơ theo kết quả',
        'Kết quả',
        s.byOutcome.map((o) => ({ name: o.label, count: o.count })),
      )}
      <h2>Hồ sơ đã giải quyết</h2>
      ${
        s.resolvedCases.length
          ? html`<div class="table-wrap">
              <table id="resolved-cases">
                <thead>
                  <tr>
                    <th scope="col">Loại</th>
                    <th scope="col">Khoa/phòng</th>
                    <th scope="col">Ngày nhận</th>
                    <th scope="col">Ngày giải quyết</th>
                    <th scope="col">Kết quả</th>
                    <th scope="col">Đúng hạn</th>
                  </tr>
                </thead>
                <tbody>
                  ${s.resolvedCases.map(
                    (c) =>
                      html`<tr>
                        <td>${c.kindLabel}</td>
                        <td>${c.unitName}</td>
                        <td>${c.receivedOn}</td>
                        <td>${c.resolvedOn}</td>
                        <td>${c.outcomeLabel}</td>
                        <td>${c.onTime === null ? '—' : c.onTime ? 'Có' : 'Không'}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">Chưa có hồ sơ được giải quyết trong kỳ.</p>`
      }
      <p class="muted">
        Để bảo vệ người gửi, trang này không đăng nội dung, tên, số điện thoại hay chi tiết nhận dạng của bất
        kỳ ai; ý kiến nội bộ của viên chức không được công khai tại đây.
      </p>`,
  );
}

// ---------------------------------------------------------------- errors

export function messagePage(
  title: string,
  message: string,
  link = html`<a href="/">Về trang chủ</a>`,
): string {
  return shell(
    title,
    html`<h1>${title}</h1>
      <p role="alert">${message}</p>
      <p>${link}</p>`,
  );
}
