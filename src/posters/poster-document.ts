// The A4 poster hung in each department (Chỉ thị 09/CT-BYT: hotline numbers posted where people
// see them): the unit, a large QR code to its web chat, the other channels beside it, the hotline
// numbers of the unit, the organisation and the Sở Y tế, the Ministry's national line under its own
// name, and how to send. Pure: data in, pdfmake document out.
import type { Content, TDocumentDefinitions } from '../pdf/render-pdf.js';
import type { ChannelLinks } from '../intake/channel-links.js';

export interface PosterHotline {
  /** Whose numbers: the unit, the organisation or the Sở Y tế, by name. */
  owner: string;
  numbers: string[];
}

export interface PosterData {
  unitName: string;
  organizationName: string;
  links: ChannelLinks;
  /** Where a sender follows a case (`<base>/tra-cuu`). */
  trackingUrl: string;
  /**
   * Only owners with at least one number are printed; the national line is not among them (it is
   * printed under its own name, `nationalHotline`).
   */
  hotlines: PosterHotline[];
  /** The Ministry of Health's line, labelled as such (src/hotline/national-hotline.ts). */
  nationalHotline: PosterHotline;
  /**
   * Set when the QR code holds an address a phone outside cannot reach (a trial print with
   * --allow-local): printed in large red letters across the top, so such a poster is never hung.
   */
  notForPostingReason?: string;
  /** The organisation's citizen-reception sessions, one line each (src/reception); none: not printed. */
  receptionSessions?: string[];
}

const ACCENT = '#0b5cad';

/**
 * Read from a few metres on a wall: body text at 18 pt (a common minimum for signage read at
 * 1–2 m), headings larger. Exported for the test that reads the sizes back.
 */
export const POSTER_FONT_SIZES = {
  body: 18,
  heading: 24,
  unit: 36,
  organization: 18,
  lead: 20,
  link: 18,
  hotlineNumber: 22,
  footer: 11,
} as const;

export function buildPosterDocument(data: PosterData): TDocumentDefinitions {
  const otherChannels: Content[] = [];
  if (data.links.telegram) otherChannels.push(channelLine('Telegram', data.links.telegram));
  if (data.links.zalo) {
    otherChannels.push(
      channelLine(
        'Zalo',
        data.links.zalo,
        data.links.zaloKeyword ? `gửi tin nhắn đầu tiên: ${data.links.zaloKeyword}` : undefined,
      ),
    );
  }
  if (data.links.messenger) otherChannels.push(channelLine('Messenger', data.links.messenger));

  // Beside the code, what it is for: the steps read while the camera is pointed at it. The
  // addresses go below at full width: wrapped at a hyphen, an address would be misread.
  const codeAndSteps: Content = {
    columns: [
      { width: 190, qr: data.links.web, fit: 180, eccLevel: 'M', margin: [0, 2, 0, 2] },
      {
        width: '*',
        stack: [
          { text: 'Cách gửi', style: 'heading', margin: [0, 0, 0, 2] },
          {
            ol: [
              'Quét mã QR bằng camera điện thoại (hoặc gõ địa chỉ in dưới mã).',
              'Chọn loại ý kiến, kể sự việc; có thể kèm ảnh.',
              'Giữ mã hồ sơ nhận được để xem kết quả.',
            ],
          },
        ],
        margin: [8, 10, 0, 0],
      },
    ],
  };
  const addresses: Content[] = [
    { text: data.links.web, style: 'link', alignment: 'center' },
    { text: [{ text: 'Xem kết quả: ' }, { text: data.trackingUrl, style: 'link' }], alignment: 'center' },
  ];
  const channels: Content[] = [
    codeAndSteps,
    ...addresses,
    ...(otherChannels.length
      ? [
          { text: 'Hoặc nhắn tin qua', style: 'subheading', margin: [0, 8, 0, 2] } as Content,
          ...otherChannels,
        ]
      : []),
  ];

  const hotlines = [...data.hotlines, data.nationalHotline].filter((h) => h.numbers.length > 0);
  const hotlineTable: Content[] = hotlines.length
    ? [
        { text: 'ĐƯỜNG DÂY NÓNG', style: 'heading', margin: [0, 10, 0, 4] },
        {
          table: {
            widths: ['*', 'auto'],
            body: hotlines.map((h) => [
              { text: h.owner, margin: [0, 2, 0, 2] },
              {
                text: h.numbers.join('  ·  '),
                bold: true,
                fontSize: POSTER_FONT_SIZES.hotlineNumber,
                margin: [0, 0, 0, 0],
              },
            ]),
          },
          layout: 'lightHorizontalLines',
        },
      ]
    : [];
  const warning: Content[] = data.notForPostingReason
    ? [
        {
          text: `BẢN IN THỬ – KHÔNG NIÊM YẾT (${data.notForPostingReason})`,
          bold: true,
          color: '#cf222e',
          fontSize: POSTER_FONT_SIZES.body,
          alignment: 'center',
          margin: [0, 0, 0, 6],
        },
      ]
    : [];

  return {
    pageSize: 'A4',
    pageMargins: [44, 32, 44, 40],
    info: { title: `Mã QR gửi ý kiến – ${data.unitName}`, subject: 'Lắng Nghe', creator: 'Lắng Nghe' },
    content: [
      ...warning,
      { text: data.organizationName.toUpperCase(), alignment: 'center', style: 'organization' },
      { text: data.unitName, alignment: 'center', style: 'unit' },
      {
        text: 'GỬI Ý KIẾN, PHẢN ÁNH, GÓP Ý, KHEN NGỢI',
        alignment: 'center',
        style: 'heading',
        margin: [0, 8, 0, 2],
      },
      {
        text: `Quét mã để gửi ý kiến cho ${data.unitName}`,
        alignment: 'center',
        style: 'lead',
      },
      ...channels,
      ...hotlineTable,
      ...(data.receptionSessions?.length
        ? [
            { text: 'LỊCH TIẾP CÔNG DÂN', style: 'subheading', margin: [0, 8, 0, 2] } as Content,
            ...data.receptionSessions.map(
              (line) => ({ text: line, style: 'note', italics: false }) as Content,
            ),
            { text: 'Đặt lịch trước: chọn «Đặt lịch gặp trực tiếp» khi nhắn tin.', style: 'note' } as Content,
          ]
        : []),
      {
        text: 'Bạn có thể gửi ẩn danh; người bị phản ánh không biết ai đã gửi.',
        style: 'note',
        margin: [0, 8, 0, 0],
      },
    ],
    footer: {
      text: 'Niêm yết theo Chỉ thị số 09/CT-BYT của Bộ trưởng Bộ Y tế về đường dây nóng.',
      alignment: 'center',
      fontSize: POSTER_FONT_SIZES.footer,
      color: '#57606a',
    },
    defaultStyle: { fontSize: POSTER_FONT_SIZES.body, lineHeight: 1.15 },
    styles: {
      organization: { fontSize: POSTER_FONT_SIZES.organization, bold: true, color: '#57606a' },
      unit: { fontSize: POSTER_FONT_SIZES.unit, bold: true, color: ACCENT, margin: [0, 2, 0, 0] },
      heading: { fontSize: POSTER_FONT_SIZES.heading, bold: true },
      subheading: { fontSize: POSTER_FONT_SIZES.body, bold: true, margin: [0, 0, 0, 6] },
      lead: { fontSize: POSTER_FONT_SIZES.lead, margin: [0, 0, 0, 4] },
      link: { fontSize: POSTER_FONT_SIZES.link, color: ACCENT },
      note: { fontSize: POSTER_FONT_SIZES.body, italics: true, color: '#333333' },
    },
  };
}

function channelLine(name: string, url: string, hint?: string): Content {
  return {
    text: [
      { text: `${name}: `, bold: true },
      { text: url, style: 'link', link: url },
      ...(hint ? [` — ${hint}`] : []),
    ],
    margin: [0, 0, 0, 4],
  };
}
