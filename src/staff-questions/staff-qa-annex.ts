// The conference annex: the questions staff sent and the answers, under the official heading
// (NĐ 30/2020 layout, as letters have: src/letters/letter-document.ts), in group order. Pure: data in,
// pdfmake definition out (render with src/pdf/render-pdf.ts). No asker appears: there is none to name.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { LocalDate } from '../calendar/local-date.js';
import { formatVietnameseDate } from '../calendar/local-date.js';
import { dateInWords, NATIONAL_MOTTO, NATIONAL_NAME } from '../letters/letter-document.js';
import { normalizeDocument } from '../pdf/render-pdf.js';
import type { CollectionView } from './collection-view.js';

export interface AnnexInput {
  view: CollectionView;
  organization: { name: string; parentName: string | null; place: string | null };
  date: LocalDate;
  creationDate: Date;
}

const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi');

export function buildStaffQaAnnex(input: AnnexInput): TDocumentDefinitions {
  const { view, organization: org } = input;
  const heading: Content = {
    table: {
      widths: ['40%', '60%'],
      body: [
        [
          {
            stack: [
              ...(org.parentName ? [{ text: upper(org.parentName), fontSize: 11 }] : []),
              { text: upper(org.name), bold: true, fontSize: 11 },
            ],
            alignment: 'center',
          },
          {
            stack: [
              { text: NATIONAL_NAME, bold: true, fontSize: 11 },
              { text: NATIONAL_MOTTO, bold: true, fontSize: 12, decoration: 'underline' },
            ],
            alignment: 'center',
          },
        ],
      ],
    },
    layout: 'noBorders',
  };
  const items: Content[] = view.groups.flatMap((g, i): Content[] => [
    { text: `Câu ${i + 1}. ${g.wording}`, bold: true, margin: [0, 8, 0, 2] },
    ...(g.questionCount > 1
      ? [{ text: `(Gộp từ ${g.questionCount} câu hỏi có cùng nội dung)`, italics: true, fontSize: 11 }]
      : []),
    g.answer
      ? {
          text: [
            {
              text: `Trả lời${g.answeredBy ? ` (${g.answeredBy.title ? `${g.answeredBy.title} ` : ''}${g.answeredBy.name})` : ''}: `,
              italics: true,
            },
            g.answer,
          ],
          alignment: 'justify',
        }
      : { text: 'Chưa có câu trả lời.', italics: true },
  ]);
  const rest: Content[] = view.ungrouped.length
    ? [
        { text: 'Câu hỏi chưa được tổng hợp', bold: true, margin: [0, 14, 0, 4] },
        ...view.ungrouped.map((q): Content => ({ text: `– ${q.text}`, margin: [0, 0, 0, 3] })),
      ]
    : [];
  const content: Content[] = [
    heading,
    { text: dateInWords(org.place, input.date), italics: true, alignment: 'right', margin: [0, 10, 0, 14] },
    { text: 'PHỤ LỤC', bold: true, fontSize: 14, alignment: 'center' },
    {
      text: 'CÂU HỎI CỦA VIÊN CHỨC, NGƯỜI LAO ĐỘNG VÀ TRẢ LỜI CỦA LÃNH ĐẠO',
      bold: true,
      alignment: 'center',
    },
    { text: view.topic, italics: true, alignment: 'center', margin: [0, 2, 0, 2] },
    {
      text: `Câu hỏi nhận từ ngày ${formatVietnameseDate(view.opensOn)} đến ngày ${formatVietnameseDate(view.closesOn)}: ${view.questionCount} câu hỏi, tổng hợp thành ${view.groups.length} nội dung.`,
      alignment: 'center',
      fontSize: 11,
      margin: [0, 0, 0, 10],
    },
    ...(items.length ? items : [{ text: 'Chưa có câu hỏi nào được tổng hợp.', italics: true }]),
    ...rest,
  ];
  return normalizeDocument({
    pageSize: 'A4',
    pageMargins: [85, 60, 50, 60],
    info: {
      title: `Phụ lục hỏi đáp – ${view.topic}`,
      creator: 'Lắng Nghe',
      producer: 'Lắng Nghe',
      creationDate: input.creationDate,
    },
    defaultStyle: { fontSize: 13, lineHeight: 1.15 },
    content,
  });
}
