// The sentences a channel says in its own words. The dialog's texts are written for Telegram
// (slash commands, the share-phone keyboard, sending a location); a channel without those gets its
// own wording here, sentence by sentence, and everything else as written. One place for every
// channel's variants: textsFor(locale, channel) in dialog-locale.ts lays them over the base texts.
import type { DialogTexts } from './dialog-texts.js';
import type { DialogChannel, Locale } from './dialog-types.js';

type Variants = Partial<Omit<DialogTexts, 'locale'>>;

/** The receipt's last line names the Telegram command; the web page shows a link instead. */
const replaceTrackLine = (text: string, line: string) =>
  text.replace(/\n[^\n]*\/(tracuu|track) \S+$/, `\n${line}`);

/**
 * `base` is the locale's own texts, so a variant that only changes a line of a longer sentence
 * (the receipt) is derived from it instead of written twice.
 */
export const CHANNEL_TEXT_VARIANTS: Partial<
  Record<DialogChannel, Record<Locale, (base: DialogTexts) => Variants>>
> = {
  web: {
    vi: (base) => ({
      phonePrompt: 'Vui lòng gõ số điện thoại của bạn (ví dụ: 0912 345 678).',
      wherePrompt: 'Ở đâu cụ thể? (phòng, tầng, số giường…) Hoặc bấm «Bỏ qua».',
      receipt: (r) =>
        replaceTrackLine(
          base.receipt(r),
          'Theo dõi hồ sơ: bấm nút «Theo dõi hồ sơ» trong biên nhận bên dưới.',
        ),
      alreadySubmitted: (code) => `Ý kiến này đã được gửi. Mã hồ sơ: ${code}. Tra cứu tại trang /tra-cuu.`,
      nothingToConfirm: 'Không có ý kiến nào đang chờ gửi. Bấm «Menu» để bắt đầu.',
      help: [
        'Bạn có thể:',
        '• bấm các nút để trả lời, hoặc gõ câu trả lời;',
        '• bấm «Menu» (góc trên) để về menu chính;',
        '• gõ /quaylai để quay lại bước trước, /huy để hủy ý kiến đang soạn;',
        '• bấm «English» để chuyển sang tiếng Anh;',
        '• tra cứu hồ sơ: chọn «Tra cứu» trong menu, hoặc mở trang /tra-cuu.',
      ].join('\n'),
      unknownCommand: 'Chúng tôi không hiểu lệnh này. Gõ /help để xem bạn có thể làm gì.',
    }),
    en: (base) => ({
      phonePrompt: 'Please type your phone number (e.g. 0912 345 678).',
      wherePrompt: 'Where exactly? (room, floor, bed number…) Or tap “Skip”.',
      receipt: (r) =>
        replaceTrackLine(base.receipt(r), 'Follow the case: tap “Follow the case” in the receipt below.'),
      alreadySubmitted: (code) =>
        `This message was already sent. Case code: ${code}. Track it on the /tra-cuu page.`,
      nothingToConfirm: 'Nothing is waiting to be sent. Tap “Menu” to begin.',
      help: [
        'You can:',
        '• tap the buttons to answer, or type your answer;',
        '• tap “Menu” (at the top) for the main menu;',
        '• type /back for the previous step, /cancel to cancel the draft;',
        '• tap “Tiếng Việt” to switch to Vietnamese;',
        '• track a case: choose “Track” in the menu, or open the /tra-cuu page.',
      ].join('\n'),
      unknownCommand: 'Unknown command. Type /help to see what you can do.',
    }),
  },
  // Zalo's OA API has no button that shares the person's number.
  zalo: {
    vi: () => ({ phonePrompt: 'Vui lòng gõ số điện thoại của bạn vào ô tin nhắn (ví dụ: 0912 345 678).' }),
    en: () => ({ phonePrompt: 'Please type your phone number in the message box (e.g. 0912 345 678).' }),
  },
};
