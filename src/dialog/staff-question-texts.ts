// What the staff-question side flow says (staff-question-flow.ts), in Vietnamese and English.
import type { Locale } from './dialog-types.js';

export interface StaffQuestionTexts {
  unavailable: string;
  codePrompt: string;
  noOpenCollection: (organization: string) => string;
  collectionPrompt: string;
  modePrompt: (topic: string) => string;
  modeLabels: { sealed: string; no_trace: string };
  textPrompt: string;
  tooShort: (min: number) => string;
  tooLong: (max: number) => string;
  confirmPrompt: (text: string, mode: 'sealed' | 'no_trace') => string;
  confirmLabels: { send: string; edit: string; cancel: string };
  sentSealed: (ref: string, code: string) => string;
  sentNoTrace: (ref: string) => string;
  cancelled: string;
  lookUpNotFound: string;
  lookUp: (v: {
    topic: string;
    text: string;
    status: 'waiting' | 'grouped' | 'answered';
    answer: string | null;
  }) => string;
}

const VI: StaffQuestionTexts = {
  unavailable: 'Chức năng gửi câu hỏi cho hội nghị chưa được bật.',
  codePrompt:
    '❓ Câu hỏi cho hội nghị viên chức, người lao động.\nNhập mã truy cập góp ý nội bộ của đơn vị (mã dùng chung, không cho biết bạn là ai).',
  noOpenCollection: (org) => `${org} hiện không có đợt lấy câu hỏi nào đang mở.`,
  collectionPrompt: 'Bạn gửi câu hỏi cho đợt nào?',
  modePrompt: (topic) =>
    [
      `Đợt: ${topic}`,
      '',
      'Chọn cách gửi. Không ai biết được ai đã hỏi, kể cả ban tổ chức:',
      '🔒 Kín — bạn nhận một mã riêng để tự xem câu trả lời cho câu hỏi của mình.',
      '👻 Không dấu vết — không có mã nào; bạn đọc câu trả lời khi đơn vị công bố.',
    ].join('\n'),
  modeLabels: { sealed: '🔒 Kín — nhận mã xem trả lời', no_trace: '👻 Không dấu vết' },
  textPrompt: 'Viết câu hỏi của bạn (một tin nhắn). Đừng ghi tên mình nếu không muốn bị nhận ra.',
  tooShort: (min) => `Câu hỏi hơi ngắn, vui lòng viết ít nhất ${min} ký tự.`,
  tooLong: (max) => `Câu hỏi dài quá ${max} ký tự, vui lòng rút gọn.`,
  confirmPrompt: (text, mode) =>
    `Câu hỏi của bạn:\n«${text}»\n\nCách gửi: ${mode === 'sealed' ? 'kín, có mã xem trả lời' : 'không dấu vết'}. Gửi đi?`,
  confirmLabels: { send: '✅ Gửi', edit: '✏️ Viết lại', cancel: '❌ Hủy' },
  sentSealed: (ref, code) =>
    [
      `✅ Đã nhận câu hỏi (CH-${ref}).`,
      `🔑 Mã xem trả lời của bạn: ${code}`,
      'Hãy lưu mã này: nó chỉ hiện một lần. Xem trả lời bằng /cauhoi kèm mã, hoặc trên trang Hỏi – đáp của hệ thống.',
    ].join('\n'),
  sentNoTrace: (ref) =>
    `✅ Đã nhận câu hỏi (CH-${ref}). Không có gì liên kết câu hỏi với bạn; câu trả lời sẽ được công bố cho toàn đơn vị.`,
  cancelled: 'Đã hủy, câu hỏi chưa được gửi.',
  lookUpNotFound: 'Mã xem trả lời không đúng.',
  lookUp: (v) =>
    [
      `Đợt: ${v.topic}`,
      `Câu hỏi: «${v.text}»`,
      v.status === 'answered'
        ? `Trả lời: ${v.answer}`
        : v.status === 'grouped'
          ? 'Câu hỏi đã được tổng hợp và giao lãnh đạo; câu trả lời chưa được công bố.'
          : 'Câu hỏi đang chờ ban tổ chức tổng hợp.',
    ].join('\n'),
};

const EN: StaffQuestionTexts = {
  unavailable: 'Questions for the staff conference are not available here.',
  codePrompt:
    '❓ A question for the staff conference.\nEnter your organisation’s staff access code (shared by all staff: it does not say who you are).',
  noOpenCollection: (org) => `${org} is not taking questions right now.`,
  collectionPrompt: 'Which call is your question for?',
  modePrompt: (topic) =>
    [
      `Call: ${topic}`,
      '',
      'Choose how to send it. Nobody, the organisers included, can learn who asked:',
      '🔒 Sealed — you get a private code to read the answer to your own question.',
      '👻 No trace — no code at all; you read the answers when they are published.',
    ].join('\n'),
  modeLabels: { sealed: '🔒 Sealed — code for the answer', no_trace: '👻 No trace' },
  textPrompt: 'Write your question (one message). Leave your name out if you do not want to be recognised.',
  tooShort: (min) => `That is a little short: please write at least ${min} characters.`,
  tooLong: (max) => `That is longer than ${max} characters: please shorten it.`,
  confirmPrompt: (text, mode) =>
    `Your question:\n«${text}»\n\nSent ${mode === 'sealed' ? 'sealed, with a code for the answer' : 'with no trace'}. Send it?`,
  confirmLabels: { send: '✅ Send', edit: '✏️ Rewrite', cancel: '❌ Cancel' },
  sentSealed: (ref, code) =>
    [
      `✅ Question received (CH-${ref}).`,
      `🔑 Your answer code: ${code}`,
      'Keep it: it is shown once. Read the answer with /question and the code, or on the Q&A page.',
    ].join('\n'),
  sentNoTrace: (ref) =>
    `✅ Question received (CH-${ref}). Nothing links it to you; the answers will be published to all staff.`,
  cancelled: 'Cancelled: the question was not sent.',
  lookUpNotFound: 'That answer code is not right.',
  lookUp: (v) =>
    [
      `Call: ${v.topic}`,
      `Question: «${v.text}»`,
      v.status === 'answered'
        ? `Answer: ${v.answer}`
        : v.status === 'grouped'
          ? 'Your question was grouped and assigned to a leader; the answer is not published yet.'
          : 'Your question is waiting for the organisers.',
    ].join('\n'),
};

export const staffQuestionTexts = (locale: Locale): StaffQuestionTexts => (locale === 'en' ? EN : VI);
