// The A4 poster hung in each department (Chỉ thị 09/CT-BYT: hotline numbers posted where people
// see them): the unit, a large QR code to its web chat, the other channels beside it, the hotline
// numbers of the unit, the organisation and the Sở Y tế, and how to send. Pure: data in, pdfmake
// document out.
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
  /** Only owners with at least one number are printed. */
  hotlines: PosterHotline[];
}

const ACCENT = '#0b5cad';

export function buildPosterDocument(data: PosterData): TDocumentDefinitions {
  const otherChannels: Content[] = [];
  if (data.links.telegram) otherChannels.push(channelLine('Telegram', data.links.telegram));
  if (data.links.zalo) {
    otherChannels.push(
      channelLine(
        'Zalo',
        data.links.zalo,
        data.links.zaloKeyword ? `Gửi tin nhắn đầu tiên: ${data.links.zaloKeyword}` : undefined,
      ),
    );
  }

  if (data.links.messenger) otherChannels.push(channelLine('Messenger', data.links.messenger));

  const qr: Content = {
    qr: data.links.web,
    fit: 250,
    eccLevel: 'M',
    alignment: 'center',
    margin: [0, 4, 0, 4],
  };
  const qrBlock: Content = {
    stack: [qr, { text: data.links.web, style: 'link', alignment: 'center', margin: [0, 4, 0, 0] }],
  };
  const channels: Content = otherChannels.length
    ? {
        columns: [
          { width: '*', ...qrBlock },
          {
            width: 190,
            stack: [{ text: 'Hoặc nhắn tin qua', style: 'subheading' }, ...otherChannels],
            margin: [12, 40, 0, 0],
          },
        ],
      }
    : qrBlock;

  const hotlines = data.hotlines.filter((h) => h.numbers.length > 0);
  const hotlineTable: Content[] = hotlines.length
    ? [
        { text: 'ĐƯỜNG DÂY NÓNG', style: 'heading', margin: [0, 16, 0, 6] },
        {
          table: {
            widths: ['*', 'auto'],
            body: hotlines.map((h) => [
              { text: h.owner, margin: [0, 3, 0, 3] },
              { text: h.numbers.join('  ·  '), bold: true, fontSize: 15, margin: [0, 1, 0, 1] },
            ]),
          },
          layout: 'lightHorizontalLines',
        },
      ]
    : [];

  return {
    pageSize: 'A4',
    pageMargins: [48, 40, 48, 48],
    info: { title: `Mã QR gửi ý kiến – ${data.unitName}`, subject: 'Lắng Nghe', creator: 'Lắng Nghe' },
    content: [
      { text: data.organizationName.toUpperCase(), alignment: 'center', style: 'organization' },
      { text: data.unitName, alignment: 'center', style: 'unit' },
      {
        text: 'GỬI Ý KIẾN, PHẢN ÁNH, GÓP Ý, KHEN NGỢI',
        alignment: 'center',
        style: 'heading',
        margin: [0, 14, 0, 2],
      },
      {
        text: `Quét mã để gửi ý kiến cho ${data.unitName}`,
        alignment: 'center',
        style: 'lead',
      },
      channels,
      ...hotlineTable,
      { text: 'Cách gửi', style: 'heading', margin: [0, 16, 0, 4] },
      {
        ol: [
          'Mở camera điện thoại và quét mã QR ở trên (hoặc gõ địa chỉ in dưới mã).',
          'Chọn loại ý kiến, mô tả sự việc; có thể gửi kèm ảnh.',
          `Ghi lại mã hồ sơ nhận được để theo dõi kết quả tại ${data.trackingUrl}`,
        ],
        margin: [0, 0, 0, 8],
      },
      {
        text:
          'Bạn có thể gửi ẩn danh. Thông tin của người gửi được mã hoá, tách riêng khỏi nội dung ' +
          'và được bảo mật theo quy định của pháp luật; người bị phản ánh không biết ai đã gửi.',
        style: 'note',
      },
    ],
    footer: {
      text: 'Niêm yết theo Chỉ thị số 09/CT-BYT của Bộ trưởng Bộ Y tế về đường dây nóng.',
      alignment: 'center',
      fontSize: 8,
      color: '#57606a',
    },
    defaultStyle: { fontSize: 12, lineHeight: 1.2 },
    styles: {
      organization: { fontSize: 13, bold: true, color: '#57606a' },
      unit: { fontSize: 28, bold: true, color: ACCENT, margin: [0, 4, 0, 0] },
      heading: { fontSize: 15, bold: true },
      subheading: { fontSize: 12, bold: true, margin: [0, 0, 0, 6] },
      lead: { fontSize: 13, margin: [0, 0, 0, 6] },
      link: { fontSize: 10, color: ACCENT },
      note: { fontSize: 11, italics: true, color: '#333333' },
    },
  };
}

function channelLine(name: string, url: string, hint?: string): Content {
  return {
    stack: [
      { text: name, bold: true },
      { text: url, style: 'link', link: url },
      ...(hint ? [{ text: hint, fontSize: 10 }] : []),
    ],
    margin: [0, 0, 0, 10],
  };
}
