// Every word a letter says, in one place: the polite official register Vietnamese public hospitals
// write to patients in ("Ông/Bà", "trân trọng", "kính chúc"). Pure: the facts in (letter content,
// organisation name, whether the sender gave a name), the title, salutation and paragraphs out.
import { formatVietnameseDate, parseLocalDate, weekdayNameVi, dayOfWeek } from '../calendar/local-date.js';
import type { CaseKind, Outcome } from '../cases/case-vocabulary.js';
import type { LetterContent } from './letter-content.js';
import type { LetterKind } from './letter-vocabulary.js';

export interface LetterTextInput {
  content: LetterContent;
  organizationName: string;
  /**
   * The sender's name when they gave one and this is their copy; `null` when they gave none;
   * `'draft'` for the copy a head reviews (the name is filled in only when the letter goes out).
   */
  senderName: string | null | 'draft';
}

export interface LetterText {
  title: string;
  /** "V/v …" under the title, when the kind has one. */
  subject?: string;
  salutation: string;
  paragraphs: string[];
  /** The closing formula, on its own line after the paragraphs. */
  closing?: string;
  /** "Nơi nhận:" lines, bottom left. */
  recipients?: string[];
}

/** What a sender's ý kiến is called in a sentence ("ý kiến phản ánh", "đơn khiếu nại"). */
export const CASE_KIND_IN_SENTENCE: Readonly<Record<CaseKind, string>> = {
  feedback: 'ý kiến góp ý',
  report: 'ý kiến phản ánh',
  petition: 'ý kiến kiến nghị',
  complaint: 'đơn khiếu nại',
  denunciation: 'đơn tố cáo',
  praise: 'thư khen ngợi',
};

const OUTCOME_IN_SENTENCE: Readonly<Record<Outcome, string>> = {
  valid: 'đúng',
  partly_valid: 'đúng một phần',
  not_valid: 'không đúng',
  not_applicable: 'không thuộc trường hợp đánh giá đúng sai',
};

export const LETTER_TITLES: Readonly<Record<LetterKind, string>> = {
  thank_you: 'THƯ CẢM ƠN',
  apology: 'THƯ XIN LỖI',
  apology_new_date: 'THƯ XIN LỖI',
  petition_form: 'ĐƠN KHIẾU NẠI',
  forward_slip: 'PHIẾU CHUYỂN ĐƠN',
};

/** What the salutation says when the sender gave no name (or for the head's draft). */
export const ANONYMOUS_ADDRESSEE = 'Quý người bệnh/người dân';
export const DRAFT_ADDRESSEE = 'Ông/Bà (họ tên người gửi được điền khi phát hành)';

const date = (d: string | undefined) => (d ? formatVietnameseDate(parseLocalDate(d)) : '…');
const withWeekday = (d: string) => {
  const local = parseLocalDate(d);
  return `${weekdayNameVi(dayOfWeek(local)).toLowerCase()}, ngày ${formatVietnameseDate(local)}`;
};

export function salutationFor(senderName: LetterTextInput['senderName']): string {
  if (senderName === 'draft') return `Kính gửi: ${DRAFT_ADDRESSEE}`;
  return senderName ? `Kính gửi: Ông/Bà ${senderName}` : `Kính gửi: ${ANONYMOUS_ADDRESSEE}`;
}

function caseReference(c: LetterContent): string {
  return `mã hồ sơ ${c.caseCode}, tiếp nhận ngày ${date(c.receivedOn)}`;
}

/**
 * What the sender sent and the date the clocks count from: the signed đơn and the day it was
 * received when one was recorded ("đơn khiếu nại … đơn nhận ngày …"), else the item as written in
 * the chat or form and the day it was sent ("ý kiến khiếu nại … ý kiến gửi ngày …").
 */
function datedItem(c: LetterContent): { item: string; reference: string } {
  if (c.petitionReceivedOn) {
    return {
      item: CASE_KIND_IN_SENTENCE[c.caseKind],
      reference: `mã hồ sơ ${c.caseCode}, đơn nhận ngày ${date(c.petitionReceivedOn)}`,
    };
  }
  return {
    item: ITEM_WITHOUT_PETITION[c.caseKind],
    reference: `mã hồ sơ ${c.caseCode}, ý kiến gửi ngày ${date(c.receivedOn)}`,
  };
}

/** A complaint or denunciation without its signed đơn is not yet a đơn (DOMAIN.md §2.1). */
const ITEM_WITHOUT_PETITION: Readonly<Record<CaseKind, string>> = {
  ...CASE_KIND_IN_SENTENCE,
  complaint: 'ý kiến khiếu nại',
  denunciation: 'ý kiến tố cáo',
};

const noteParagraph = (c: LetterContent) => (c.note ? [c.note] : []);

const RECIPIENTS_SENDER = (c: LetterContent) => ['- Như trên;', `- Lưu: VT, hồ sơ ${c.caseCode}.`];

export function letterText(input: LetterTextInput): LetterText {
  const { content: c, organizationName: org } = input;
  switch (c.kind) {
    case 'thank_you': {
      const praise = c.caseKind === 'praise';
      return {
        title: LETTER_TITLES.thank_you,
        salutation: salutationFor(input.senderName),
        paragraphs: [
          `${org} trân trọng cảm ơn Ông/Bà đã dành thời gian gửi ${CASE_KIND_IN_SENTENCE[c.caseKind]} đến đơn vị (${caseReference(c)}).`,
          praise
            ? 'Những lời khen ngợi của Ông/Bà là nguồn động viên quý báu đối với đội ngũ y, bác sĩ và nhân viên của đơn vị. Chúng tôi đã chuyển lời cảm ơn của Ông/Bà đến tập thể và cá nhân liên quan.'
            : 'Ý kiến của Ông/Bà đã được đơn vị ghi nhận, nghiên cứu để cải tiến chất lượng khám bệnh, chữa bệnh và tinh thần, thái độ phục vụ người bệnh.',
          ...noteParagraph(c),
          `${org} mong tiếp tục nhận được sự quan tâm, đồng hành của Ông/Bà. Kính chúc Ông/Bà và gia đình luôn mạnh khỏe, hạnh phúc.`,
        ],
        closing: 'Trân trọng cảm ơn!',
        recipients: RECIPIENTS_SENDER(c),
      };
    }
    case 'apology':
      return {
        title: LETTER_TITLES.apology,
        salutation: salutationFor(input.senderName),
        paragraphs: [
          `${org} đã nhận được ${CASE_KIND_IN_SENTENCE[c.caseKind]} của Ông/Bà (${caseReference(c)}). Qua xác minh, nội dung Ông/Bà nêu là ${OUTCOME_IN_SENTENCE[c.outcome ?? 'valid']}.`,
          ...(c.answer ? [`Kết quả xử lý: ${c.answer}`] : []),
          'Thay mặt đơn vị, chúng tôi chân thành xin lỗi Ông/Bà và gia đình về sự việc đã xảy ra và những phiền lòng Ông/Bà đã gặp phải. Đơn vị đã chấn chỉnh, nhắc nhở cá nhân, bộ phận liên quan và cam kết không ngừng nâng cao chất lượng phục vụ người bệnh.',
          ...noteParagraph(c),
          `Một lần nữa, ${org} xin lỗi Ông/Bà và trân trọng cảm ơn Ông/Bà đã giúp đơn vị nhận ra thiếu sót để khắc phục.`,
        ],
        closing: 'Trân trọng!',
        recipients: RECIPIENTS_SENDER(c),
      };
    case 'apology_new_date': {
      const { item, reference } = datedItem(c);
      return {
        title: LETTER_TITLES.apology_new_date,
        subject: `V/v hẹn lại thời hạn trả kết quả hồ sơ ${c.caseCode}`,
        salutation: salutationFor(input.senderName),
        paragraphs: [
          `${org} đã tiếp nhận ${item} của Ông/Bà (${reference}); thời hạn trả kết quả là ngày ${date(c.previousDueOn)}.`,
          `Do ${reasonPhrase(c.reason ?? '…')}, đơn vị chưa thể trả kết quả đúng hạn. ${org} chân thành xin lỗi Ông/Bà vì sự chậm trễ này.`,
          `Đơn vị xin hẹn trả kết quả vào ${c.newDueOn ? withWeekday(c.newDueOn) : '…'}. Ông/Bà có thể theo dõi tiến độ bằng cách tra cứu mã hồ sơ ${c.caseCode}.`,
          ...noteParagraph(c),
          'Rất mong Ông/Bà thông cảm.',
        ],
        closing: 'Trân trọng!',
        recipients: RECIPIENTS_SENDER(c),
      };
    }
    case 'forward_slip':
      return {
        title: LETTER_TITLES.forward_slip,
        subject: `V/v chuyển ${CASE_KIND_IN_SENTENCE[c.caseKind]} (mã hồ sơ ${c.caseCode})`,
        salutation: `Kính gửi: ${c.targetBody ?? '…'}`,
        paragraphs: [
          `Ngày ${date(c.receivedOn)}, ${org} nhận được ${CASE_KIND_IN_SENTENCE[c.caseKind]} (mã hồ sơ ${c.caseCode}).`,
          `Sau khi xem xét, nội dung không thuộc thẩm quyền giải quyết của ${org}. Căn cứ quy định của pháp luật, ${org} chuyển đến ${c.targetBody ?? '…'} để xem xét, giải quyết theo thẩm quyền.`,
          ...(c.forwardReason ? [`Lý do chuyển: ${c.forwardReason}`] : []),
          `Kèm theo: nội dung và tài liệu (nếu có) của hồ sơ ${c.caseCode}. Thông tin cá nhân của người gửi được bảo vệ theo quy định của pháp luật.`,
          `Đề nghị ${c.targetBody ?? 'cơ quan nhận'} xem xét, giải quyết và thông báo kết quả cho người gửi theo quy định.`,
        ],
        recipients: ['- Như trên;', '- Người gửi (để biết);', `- Lưu: VT, hồ sơ ${c.caseCode}.`],
      };
    case 'petition_form':
      throw new Error('the pre-filled đơn has its own layout: use petitionFormText');
  }
}

/** The fields of the pre-filled đơn (Luật Khiếu nại Điều 8; Luật Tố cáo Điều 23). */
export interface PetitionFormText {
  title: string;
  salutation: string;
  /** Label and value; a null value is printed as a line of dots to fill in by hand. */
  fields: { label: string; value: string | null }[];
  contentLabel: string;
  content: string;
  pledge: string;
  attachments: string;
  signerLabel: string;
  signerHint: string;
  signerName: string | null;
}

export function petitionFormText(input: {
  caseKind: CaseKind;
  caseCode: string;
  organizationName: string;
  senderName: string | null;
  senderAddress: string | null;
  senderPhone: string | null;
  description: string;
}): PetitionFormText {
  const denunciation = input.caseKind === 'denunciation';
  return {
    title: denunciation ? 'ĐƠN TỐ CÁO' : 'ĐƠN KHIẾU NẠI',
    salutation: `Kính gửi: ${input.organizationName}`,
    fields: [
      {
        label: denunciation ? 'Họ và tên người tố cáo' : 'Họ và tên người khiếu nại',
        value: input.senderName,
      },
      { label: 'Mã hồ sơ', value: input.caseCode },
      { label: 'Địa chỉ', value: input.senderAddress },
      { label: 'Số điện thoại', value: input.senderPhone },
      { label: 'Số định danh cá nhân/Căn cước', value: null },
      { label: 'Ngày cấp, nơi cấp', value: null },
      denunciation
        ? { label: 'Người (cơ quan, tổ chức) bị tố cáo', value: null }
        : { label: 'Khiếu nại (quyết định, hành vi bị khiếu nại)', value: null },
    ],
    contentLabel: denunciation ? 'Nội dung tố cáo:' : 'Nội dung khiếu nại:',
    content: input.description,
    pledge: denunciation
      ? 'Tôi cam đoan nội dung tố cáo là đúng sự thật và chịu trách nhiệm trước pháp luật về nội dung tố cáo của mình.'
      : 'Tôi cam đoan nội dung khiếu nại là đúng sự thật và đề nghị cơ quan có thẩm quyền xem xét, giải quyết theo quy định của pháp luật.',
    attachments: 'Tài liệu, chứng cứ kèm theo (nếu có): ……………………………………………………',
    signerLabel: denunciation ? 'NGƯỜI TỐ CÁO' : 'NGƯỜI KHIẾU NẠI',
    signerHint: '(Ký và ghi rõ họ tên hoặc điểm chỉ)',
    signerName: input.senderName,
  };
}

/** Words that start the name of a body or a place: kept capitalised inside the sentence. */
const PROPER_STARTS = new Set([
  'sở',
  'bộ',
  'ủy',
  'ubnd',
  'bệnh',
  'khoa',
  'phòng',
  'trung',
  'thanh',
  'tp',
  'tỉnh',
]);

/**
 * The reason as the head typed it, fitted after "Do …": without a final full stop, its first
 * letter lowered unless the first word looks like an acronym or the start of a proper name.
 */
function reasonPhrase(s: string): string {
  const t = s.trim().replace(/[.]+$/, '');
  const first = (t.split(/\s+/)[0] ?? '').toLocaleLowerCase('vi').replace(/[^\p{L}]/gu, '');
  const acronym = /^\p{Lu}{2,}/u.test(t);
  return acronym || PROPER_STARTS.has(first) ? t : t.charAt(0).toLocaleLowerCase('vi') + t.slice(1);
}
