// The public citizen-reception schedule of an organisation (NĐ 64/2014 Điều 4: posted at the
// reception place and on the website): the coming sessions, who receives, where, how to book.
// Server-rendered through the escaping template; no script.
import { formatVietnameseDateWithWeekday } from '../calendar/local-date.js';
import type { ReceptionOffer } from '../reception/reception-booking-types.js';
import { RECEIVER_ROLE_LABELS } from '../reception/reception-session.js';
import { html, page } from './html.js';

export function receptionSchedulePage(data: {
  organization: { code: string; name: string };
  offers: ReceptionOffer[];
}): string {
  const { organization: org, offers } = data;
  const rows = offers.map(
    (o) =>
      html`<tr>
        <td>
          ${formatVietnameseDateWithWeekday(o.date)}${o.movedFrom ? html`<br /><span class="muted">(dời từ ${formatVietnameseDateWithWeekday(o.movedFrom)} do ngày nghỉ)</span>` : ''}
        </td>
        <td>${o.startTime}–${o.endTime}</td>
        <td>${o.receiverName}<br /><span class="muted">${RECEIVER_ROLE_LABELS[o.receiverRole].vi}</span></td>
        <td>
          ${o.mode === 'online' ? html`Trực tuyến: <a href="${o.meetingLink ?? ''}" rel="noopener">${o.meetingLink ?? ''}</a>` : o.place}
        </td>
        <td>${o.free > 0 ? `Còn ${o.free} chỗ` : 'Đã đủ người'}</td>
      </tr>`,
  );
  return page({
    title: `Lịch tiếp công dân – ${org.name} – Lắng Nghe`,
    description: `Lịch tiếp công dân của ${org.name}`,
    body: html`<h1>Lịch tiếp công dân — ${org.name}</h1>
      <p>
        Thủ trưởng đơn vị tiếp công dân định kỳ và đột xuất theo Luật Tiếp công dân 2013. Bạn có thể đến trực
        tiếp, hoặc đặt lịch trước qua <a href="/chat">trò chuyện trực tuyến</a>, Telegram hoặc Zalo (chọn «Đặt
        lịch gặp trực tiếp», hoặc gõ /datlich).
      </p>
      ${
        offers.length
          ? html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Ngày</th>
                    <th scope="col">Giờ</th>
                    <th scope="col">Người tiếp</th>
                    <th scope="col">Địa điểm</th>
                    <th scope="col">Chỗ</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows}
                </tbody>
              </table>
            </div>`
          : html`<p>Hiện chưa có buổi tiếp công dân nào được công bố trong thời gian tới.</p>`
      }
      <p class="muted">
        Khi đến, vui lòng mang theo căn cước công dân (CCCD) hoặc giấy tờ tùy thân và các giấy tờ, tài liệu
        liên quan.
      </p>`,
  });
}
