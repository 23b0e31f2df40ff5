// What the dialog says in Vietnamese. Plain words first (DOMAIN.md §1: most grievances are
// "phản ánh", not legal complaints); legal references only where the law is the reason for a step.
import { governingDeadlineText } from '../deadlines/governing-deadline.js';
import { formatVietnameseDateWithWeekday } from '../calendar/local-date.js';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS } from '../cases/case-vocabulary.js';
import { TRACKING_CODE_ERROR_MESSAGES } from '../cases/tracking-code.js';
import type { DialogTexts, ReceptionTexts } from './dialog-texts.js';
import type { LocalDate } from '../calendar/local-date.js';
import { RECEIVER_ROLE_LABELS, type ReceiverRole } from '../reception/reception-session.js';

const MB = 1024 * 1024;
const size = (bytes: number) =>
  bytes >= MB
    ? `${(bytes / MB).toFixed(1).replace('.', ',')} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

const viWhen = (date: LocalDate, from: string, to: string) =>
  `${formatVietnameseDateWithWeekday(date)}, ${from}–${to}`;
const viWhere = (b: { mode: string; place: string; meetingLink?: string | undefined }) =>
  b.mode === 'online' ? `Trực tuyến: ${b.meetingLink ?? ''}` : `Địa điểm: ${b.place}`;
const viReceiver = (b: { receiverName: string; receiverRole: ReceiverRole }) =>
  `${b.receiverName} (${RECEIVER_ROLE_LABELS[b.receiverRole].vi})`;

const VI_RECEPTION: ReceptionTexts = {
  offerLabel: (o) =>
    `${formatVietnameseDateWithWeekday(o.date)} · ${o.startTime}–${o.endTime} · ${o.receiverName}${o.free <= 0 ? ' (đã đủ người)' : ''}`,
  sessionPrompt: (caseCode) =>
    [
      '📅 Đặt lịch gặp trực tiếp (tiếp công dân).',
      caseCode ? `Lịch hẹn sẽ gắn với hồ sơ ${caseCode}: cán bộ xem trước nội dung bạn đã gửi.` : '',
      'Chọn một buổi tiếp bên dưới (gõ /huy để thôi):',
    ]
      .filter(Boolean)
      .join('\n'),
  noSessions: (hotline) =>
    `Hiện chưa có buổi tiếp công dân nào được công bố trong thời gian tới.${hotline ? ` Bạn có thể gọi ${hotline} để được hướng dẫn.` : ''}`,
  slotPrompt: (o) => `Buổi ${viWhen(o.date, o.startTime, o.endTime)}. Chọn giờ gặp:`,
  full: (next) =>
    next
      ? `Rất tiếc, buổi này đã đủ người. Lịch trống gần nhất: ${viWhen(next.offer.date, next.slot, next.offer.endTime)}, ${viReceiver(next.offer)}.`
      : 'Rất tiếc, buổi này đã đủ người và hiện không còn lịch trống nào.',
  nextFreeLabel: (next) =>
    `✅ Đặt lịch trống gần nhất: ${formatVietnameseDateWithWeekday(next.offer.date)} ${next.slot}`,
  limit: (max) =>
    `Bạn đang có ${max} lịch hẹn sắp tới, là số tối đa mỗi người. Gõ /lichhen để đổi hoặc hủy một lịch trước khi đặt thêm.`,
  gone: 'Buổi tiếp này không còn nhận đặt lịch (đã hủy hoặc đã qua). Vui lòng chọn buổi khác.',
  namePrompt: 'Vui lòng cho biết họ và tên của bạn (để cán bộ đón tiếp):',
  phonePrompt: 'Số điện thoại để liên hệ khi lịch thay đổi (ví dụ: 0912 345 678):',
  consentPrompt: (organization) =>
    `${organization ?? 'Đơn vị'} sẽ lưu họ tên và số điện thoại của bạn (được mã hóa) chỉ để tổ chức buổi tiếp và liên hệ khi lịch thay đổi. Bạn đồng ý chứ?`,
  declined:
    'Đã dừng đặt lịch: không có họ tên và số điện thoại thì không giữ chỗ được. Bạn vẫn có thể đến trực tiếp trong giờ tiếp công dân.',
  confirmed: (b) =>
    [
      '✅ Đã đặt lịch gặp trực tiếp.',
      `Mã lịch hẹn: ${b.reference}`,
      `Thời gian: ${viWhen(b.date, b.slot, b.endTime)}`,
      `Người tiếp: ${viReceiver(b)}`,
      viWhere(b),
      b.caseCode ? `Hồ sơ liên quan: ${b.caseCode}` : '',
      'Vui lòng mang theo: căn cước công dân (CCCD) hoặc giấy tờ tùy thân, và các giấy tờ, tài liệu liên quan' +
        (b.caseCode ? ` (nêu mã hồ sơ ${b.caseCode}).` : '.'),
      'Bạn sẽ nhận tin nhắc vào ngày hôm trước. Muốn đổi hoặc hủy lịch: bấm nút bên dưới, hoặc gõ /lichhen.',
    ]
      .filter(Boolean)
      .join('\n'),
  moved: (b) => `🔁 Đã đổi lịch hẹn ${b.reference} sang ${viWhen(b.date, b.slot, b.endTime)}.\n${viWhere(b)}`,
  cancelLabel: '❌ Hủy lịch hẹn',
  moveLabel: '🔁 Đổi lịch',
  cancelConfirmPrompt: (b) =>
    `Bạn chắc chắn muốn hủy lịch hẹn ${b.reference} (${viWhen(b.date, b.slot, b.endTime)})?`,
  cancelYesLabel: '✔️ Đúng, hủy lịch',
  cancelled: (b) => `Đã hủy lịch hẹn ${b.reference}. Chỗ của bạn đã được nhường cho người khác.`,
  refused: (reason) =>
    ({
      not_found: 'Không tìm thấy lịch hẹn có mã này.',
      not_yours: 'Lịch hẹn này được đặt từ một tài khoản khác, nên không thay đổi được từ đây.',
      not_booked: 'Lịch hẹn này đã được hủy trước đó.',
    })[reason],
  mine: (list) =>
    list.length
      ? [
          'Lịch hẹn của bạn:',
          ...list.map((b) => `• ${b.reference}: ${viWhen(b.date, b.slot, b.endTime)} — ${viReceiver(b)}`),
        ].join('\n')
      : 'Bạn chưa có lịch hẹn nào sắp tới. Gõ /datlich để đặt lịch.',
  meetAboutCase: 'Bạn muốn gặp trực tiếp cán bộ về hồ sơ này? Đặt lịch tiếp công dân:',
  sessionCancelled: (reference, date, slot, receiver) =>
    `Rất tiếc, buổi tiếp công dân ${formatVietnameseDateWithWeekday(date)} lúc ${slot} (${receiver}) đã bị hủy, nên lịch hẹn ${reference} của bạn cũng bị hủy. Gõ /datlich để chọn buổi khác.`,
  bookFromCaseLabel: '📅 Đặt lịch gặp trực tiếp',
  caseNotLinked: (code) =>
    `Không gắn được lịch hẹn với hồ sơ ${code} (chỉ người gửi hồ sơ mới gắn được). Bạn vẫn đặt lịch được; hãy mang theo mã hồ sơ khi đến.`,
  reminder: (b) => ({
    text: [
      `🔔 Nhắc lịch: ngày mai bạn có lịch gặp trực tiếp (mã ${b.reference}).`,
      `Thời gian: ${viWhen(b.date, b.slot, b.endTime)}`,
      `Người tiếp: ${viReceiver(b)}`,
      viWhere(b),
      'Nhớ mang theo CCCD hoặc giấy tờ tùy thân và giấy tờ liên quan' +
        (b.caseCode ? ` (mã hồ sơ ${b.caseCode}).` : '.'),
    ].join('\n'),
    buttons: [[{ label: '❌ Hủy lịch hẹn', value: `bkc:${b.reference}` }]],
  }),
};

export const VI_TEXTS: DialogTexts = {
  locale: 'vi',
  kindName: (kind) => CASE_KIND_LABELS[kind].vi,
  statusName: (status) => CASE_STATUS_LABELS[status].vi,
  formatDate: (date) => formatVietnameseDateWithWeekday(date),

  welcome: ({ unit, organization }) =>
    [
      'Xin chào! Đây là kênh Lắng Nghe' + (organization ? ` của ${organization}` : '') + '.',
      unit ? `Bạn đang gửi ý kiến tới ${unit}.` : '',
      'Mọi ý kiến đều được ghi nhận, có mã hồ sơ để theo dõi và có hạn trả lời.',
    ]
      .filter(Boolean)
      .join('\n'),
  menuPrompt: 'Bạn muốn làm gì? Bấm một mục bên dưới, hoặc gõ vài chữ (ví dụ: «khieu nai»).',
  menuLabels: {
    report: '📝 Phản ánh, góp ý',
    petition: '💡 Kiến nghị, đề nghị',
    complaint: '⚖️ Khiếu nại một quyết định',
    denunciation: '🚨 Tố cáo hành vi vi phạm',
    praise: '🌷 Khen ngợi, cảm ơn',
    staff: '🏥 Góp ý nội bộ (nhân viên)',
    track: '🔎 Tra cứu hồ sơ',
    booking: '📅 Đặt lịch gặp trực tiếp',
    hotline: '☎️ Số đường dây nóng',
  },
  menuSynonyms: {
    report: ['phản ánh', 'phàn nàn', 'bức xúc', 'không hài lòng', 'report'],
    feedback: ['góp ý', 'ý kiến', 'đề xuất', 'feedback'],
    petition: ['kiến nghị', 'đề nghị', 'yêu cầu', 'petition'],
    complaint: ['khiếu nại', 'khiếu kiện', 'complaint'],
    denunciation: ['tố cáo', 'tố giác', 'denounce', 'denunciation'],
    praise: ['khen', 'khen ngợi', 'cảm ơn', 'cám ơn', 'tri ân', 'praise', 'thank'],
    staff: ['nội bộ', 'góp ý nội bộ', 'nhân viên', 'viên chức', 'cán bộ nhân viên', 'staff'],
    track: ['tra cứu', 'tra cứu hồ sơ', 'theo dõi', 'mã hồ sơ', 'kiểm tra hồ sơ', 'track'],
    booking: ['đặt lịch', 'hẹn gặp', 'gặp trực tiếp', 'tiếp công dân', 'gặp lãnh đạo', 'lịch hẹn', 'book'],
    hotline: ['đường dây nóng', 'số điện thoại', 'hotline', 'gọi điện'],
  },
  switchLanguageLabel: '🇬🇧 English',
  kindPrompt: 'Chọn loại ý kiến:',
  textKeptAskKind: 'Chúng tôi đã ghi lại nội dung bạn vừa gửi. Bạn muốn gửi nội dung này dưới dạng nào?',
  notUnderstood: 'Xin lỗi, chúng tôi chưa hiểu. Vui lòng bấm một nút bên dưới, hoặc gõ lại ngắn gọn.',
  ambiguous: (labels) => `Bạn muốn chọn mục nào: ${labels.map((l) => `«${l}»`).join(' hay ')}?`,
  staleButton: 'Nút này thuộc một bước trước và không còn dùng được.',
  unitFromLink: (unit, organization) => `Ý kiến của bạn sẽ được gửi tới ${unit} — ${organization}.`,
  unknownUnitLink:
    'Mã khoa/phòng trong mã QR không còn hiệu lực. Bạn vẫn gửi ý kiến được và chọn khoa/phòng ở bước sau.',
  resumePrompt: 'Bạn đang soạn dở một ý kiến. Bạn muốn tiếp tục hay bắt đầu lại?',
  continueLabel: '▶️ Tiếp tục',
  restartLabel: '🔄 Bắt đầu lại',

  petitionInfo: (kind) =>
    [
      kind === 'complaint'
        ? 'Lưu ý: theo Luật Khiếu nại (Điều 8), tin nhắn chưa phải là đơn khiếu nại.'
        : 'Lưu ý: theo Luật Tố cáo (Điều 23), tin nhắn chưa phải là đơn tố cáo.',
      'Thời hạn giải quyết theo luật chỉ bắt đầu khi đơn vị nhận được đơn có chữ ký hoặc điểm chỉ của bạn.',
      'Trong lúc chờ đơn, nội dung bạn gửi vẫn được tiếp nhận và xử lý ngay như một phản ánh, có mã hồ sơ và hạn trả lời.',
      '',
      'Bạn muốn nộp đơn thế nào?',
    ].join('\n'),
  petitionLabels: {
    form: '📄 Nhận mẫu đơn điền sẵn để ký',
    appointment: '📅 Hẹn gặp cán bộ tiếp công dân',
    reception: '🏢 Xem nơi nộp đơn trực tiếp',
    later: '⏭ Để sau, tiếp tục gửi',
  },
  receptionDirections: (organization, desk) =>
    [
      `Bạn có thể nộp đơn trực tiếp tại ${desk ?? `bộ phận tiếp công dân của ${organization}`}, trong giờ hành chính.`,
      'Hãy mang theo giấy tờ tùy thân và mã hồ sơ bạn sẽ nhận sau khi gửi, để cán bộ nối đơn với ý kiến này.',
    ].join('\n'),

  staffCodePrompt:
    'Góp ý nội bộ dành cho viên chức, người lao động của đơn vị. Vui lòng nhập mã truy cập nội bộ do đơn vị cấp (ví dụ: ABCD-EFGH-JKMN).',
  staffCodeWrong: (remaining) => `Mã truy cập không đúng hoặc đã hết hiệu lực. Bạn còn ${remaining} lần thử.`,
  staffCodeLocked:
    'Bạn đã nhập sai mã truy cập quá nhiều lần. Vui lòng hỏi lại mã mới nhất ở đơn vị rồi thử lại sau.',
  staffCodeAccepted: (organization) => `Mã hợp lệ — ${organization}.`,
  staffModePrompt: [
    'Chọn cách gửi. Xin nói rõ để bạn yên tâm:',
    '',
    '🔒 Kín — nhận được trả lời: hệ thống giữ một địa chỉ trả lời đã mã hóa để gửi câu trả lời và thông báo cho bạn tại đây. Không màn hình nào của hệ thống hiển thị địa chỉ này; cán bộ xử lý, lãnh đạo hay quản trị viên đều không xem được bạn là ai. Về kỹ thuật, chỉ người nắm khóa mã hóa của máy chủ mới có thể giải mã.',
    '',
    '👻 Không dấu vết: hệ thống không lưu bất cứ liên kết nào giữa góp ý và tài khoản của bạn, nên không thể nhắn trả lời cho bạn. Bạn nhận mã hồ sơ và mã bí mật để tự tra cứu câu trả lời.',
    '',
    'Dù chọn cách nào: nội dung bạn viết (chi tiết chỉ bạn biết) và ảnh đính kèm vẫn có thể giúp người khác đoán ra bạn; ứng dụng nhắn tin vẫn giữ lịch sử cuộc trò chuyện ở phía họ.',
  ].join('\n'),
  staffModeLabels: { sealed: '🔒 Kín — nhận trả lời tại đây', no_trace: '👻 Không dấu vết — chỉ mã hồ sơ' },
  staffKindPrompt: 'Ý kiến của bạn thuộc loại nào?',

  describePrompt: (kind, audience) => {
    if (kind === 'praise')
      return 'Hãy kể điều làm bạn hài lòng: ai đã giúp bạn, giúp như thế nào. Lời cảm ơn sẽ được chuyển tới người được khen và lãnh đạo của họ.';
    if (audience === 'staff') return 'Vui lòng viết nội dung góp ý: vấn đề là gì và bạn đề xuất thế nào.';
    if (kind === 'petition')
      return 'Vui lòng viết điều bạn đề nghị đơn vị thay đổi hoặc thực hiện, và lý do.';
    return 'Vui lòng kể lại sự việc: chuyện gì đã xảy ra, ảnh hưởng tới bạn thế nào. Bạn có thể gửi nhiều tin nhắn.';
  },
  describeTooShort: 'Nội dung hơi ngắn. Bạn kể thêm một chút để cán bộ hiểu rõ sự việc nhé.',
  describeTooLong: (max) =>
    `Nội dung dài tối đa ${max} ký tự. Phần dài hơn, bạn có thể gửi thành tệp đính kèm.`,
  describeAppended: 'Đã bổ sung vào nội dung.',

  attachPrompt: (count, max, maxMb) =>
    count
      ? `Đã nhận ${count} tệp. Gửi thêm (tối đa ${max} tệp), hoặc bấm «Xong».`
      : `Bạn có ảnh, giấy tờ hay ghi âm kèm theo không? Gửi vào đây (tối đa ${max} tệp, mỗi tệp tới ${maxMb} MB: ảnh, PDF, Word, Excel, ghi âm). Nếu không có, bấm «Không có tệp».`,
  attachLabels: { done: '✅ Xong', none: '⏭ Không có tệp', clear: '🗑 Xóa các tệp đã gửi' },
  fileStored: (name, bytes, count) => `Đã nhận tệp «${name}» (${size(bytes)}). Tổng cộng ${count} tệp.`,
  fileRefused: (reason, maxMb, max) =>
    ({
      empty: 'Tệp trống, chúng tôi không nhận được nội dung.',
      too_large: `Tệp lớn hơn ${maxMb} MB. Bạn có thể gửi ảnh chụp màn hình hoặc tệp nhỏ hơn.`,
      type_not_allowed: 'Loại tệp này không được nhận. Chỉ nhận ảnh, PDF, Word, Excel, PowerPoint và ghi âm.',
      too_many: `Mỗi ý kiến kèm tối đa ${max} tệp.`,
    })[reason],
  attachmentsCleared: 'Đã xóa các tệp đã gửi.',
  fileNotHere: 'Bước này không nhận tệp. Bạn có thể gửi tệp khi soạn ý kiến.',
  stickerReceived:
    'Cảm ơn bạn đã gửi nhãn dán 🙂 Hệ thống chưa đọc được nhãn dán; bạn vui lòng viết bằng chữ hoặc bấm một nút bên dưới.',
  locationNotHere: 'Bước này không cần vị trí.',

  organizationPrompt: 'Ý kiến của bạn gửi tới đơn vị nào?',
  unitPrompt: (organization) =>
    `Ý kiến liên quan tới khoa/phòng nào${organization ? ` của ${organization}` : ''}? Bấm chọn, gõ tên (ví dụ: «khoa nhi»), hoặc bấm «Không rõ».`,
  unitSkipLabel: '🤷 Không rõ, bỏ qua',
  unitNotFound: 'Chúng tôi chưa tìm thấy khoa/phòng đó. Vui lòng bấm chọn bên dưới, hoặc bấm «Không rõ».',

  whenPrompt: 'Sự việc xảy ra khi nào? Gõ ngày giờ (ví dụ: «sáng 12/3, khoảng 9 giờ») hoặc chọn bên dưới.',
  whenLabels: { today: 'Hôm nay', yesterday: 'Hôm qua' },
  wherePrompt: 'Ở đâu cụ thể? (phòng, tầng, số giường…) Bạn cũng có thể gửi vị trí, hoặc bấm «Bỏ qua».',
  locationText: (lat, lon) => `Vị trí: ${lat.toFixed(6)}, ${lon.toFixed(6)}`,
  involvedPrompt: (kind, audience) => {
    if (kind === 'praise') return 'Bạn muốn cảm ơn ai? Ghi tên, chức danh hoặc khoa/phòng nếu bạn biết.';
    if (audience === 'staff') return 'Góp ý liên quan tới ai hoặc bộ phận nào? (không bắt buộc)';
    return 'Có ai liên quan không? Ghi tên, chức danh hoặc đặc điểm (ví dụ: «điều dưỡng trực đêm»). Không bắt buộc.';
  },
  involvedSkipLabel: (kind) => (kind === 'praise' ? '🙏 Cảm ơn cả khoa/phòng' : '⏭ Bỏ qua'),
  skipLabel: '⏭ Bỏ qua',
  skipSynonyms: ['bỏ qua', 'không', 'không có', 'không rõ', 'không biết', 'ko', 'k', 'skip', 'no'],
  tooLong: (max) => `Vui lòng viết ngắn hơn (tối đa ${max} ký tự).`,

  contactPrompt: (kind) =>
    [
      'Bạn muốn nhận trả lời thế nào?',
      '• Để lại số điện thoại: cán bộ có thể gọi để làm rõ. Thông tin được mã hóa, tách khỏi hồ sơ, mọi lần xem đều được ghi lại.',
      '• Nhận trả lời tại đây: không cần tên hay số điện thoại; hệ thống chỉ giữ một địa chỉ trả lời đã mã hóa mà không cán bộ nào xem được.',
      '• Ẩn danh hoàn toàn: không lưu gì về bạn; bạn tự tra cứu bằng mã hồ sơ và mã bí mật.',
      ...(kind === 'denunciation'
        ? [
            '',
            'Về tố cáo ẩn danh: theo Luật Tố cáo (Điều 25), tố cáo không rõ người gửi không được giải quyết theo thủ tục tố cáo. Nếu nội dung nêu rõ người vi phạm và có thông tin, tài liệu kiểm tra được, đơn vị vẫn phải kiểm tra hoặc chuyển cơ quan có thẩm quyền — nhưng không có nghĩa vụ trả lời khi không có liên hệ. Danh tính người tố cáo luôn được giữ bí mật theo luật.',
          ]
        : []),
    ].join('\n'),
  contactLabels: {
    named: '📞 Để lại số điện thoại',
    sealed: '💬 Nhận trả lời tại đây, không cần tên',
    anonymous: '🕶 Ẩn danh hoàn toàn',
  },
  phonePrompt: 'Vui lòng gửi số điện thoại: bấm nút chia sẻ số điện thoại, hoặc gõ số (ví dụ: 0912 345 678).',
  phoneInvalid: 'Số điện thoại chưa đúng. Vui lòng gõ lại, ví dụ: 0912 345 678.',
  namePrompt: 'Tên của bạn là gì? (có thể bỏ qua)',
  consentPrompt: (identity, organization) =>
    [
      identity === 'named'
        ? `Để xử lý ý kiến, ${organization ?? 'đơn vị'} cần lưu số điện thoại và tên (nếu có) của bạn.`
        : `Để gửi trả lời cho bạn, ${organization ?? 'đơn vị'} cần lưu một địa chỉ trả lời đã mã hóa của cuộc trò chuyện này.`,
      'Mục đích: liên hệ làm rõ và trả lời đúng ý kiến này, không dùng vào việc khác.',
      // Sealed is what the mode's own description promises (staffModePrompt, contactPrompt): a
      // handle no screen shows and no role may reveal (reveal-identity.ts refuses it).
      identity === 'named'
        ? 'Thông tin được mã hóa, để riêng khỏi hồ sơ; chỉ người có thẩm quyền mới xem được, phải nêu lý do, và mọi lần xem đều được ghi lại. Bạn có thể yêu cầu xóa bất cứ lúc nào.'
        : 'Địa chỉ này được mã hóa, để riêng khỏi hồ sơ và chỉ hệ thống dùng để gửi trả lời; không màn hình nào hiển thị nó, không ai — kể cả cán bộ xử lý, lãnh đạo hay quản trị viên — xem được bạn là ai. Về kỹ thuật, chỉ người nắm khóa mã hóa của máy chủ mới có thể giải mã. Bạn có thể yêu cầu xóa bất cứ lúc nào.',
      '(Theo Luật Bảo vệ dữ liệu cá nhân và Nghị định 13/2023/NĐ-CP.)',
      '',
      'Bạn có đồng ý không?',
    ].join('\n'),
  consentLabels: { agree: '✅ Đồng ý', decline: '🚫 Không đồng ý — gửi ẩn danh' },
  consentDeclined: (audience) =>
    audience === 'staff'
      ? 'Không sao. Góp ý sẽ được gửi theo cách «không dấu vết»: bạn tự tra cứu bằng mã hồ sơ và mã bí mật.'
      : 'Không sao. Ý kiến sẽ được gửi ẩn danh: bạn tự tra cứu bằng mã hồ sơ và mã bí mật.',

  summaryPrompt: (f) =>
    [
      'Vui lòng kiểm tra lại trước khi gửi:',
      `• Loại: ${f.kind}${f.audience === 'staff' ? ' (nội bộ)' : ''}`,
      `• Nội dung: ${f.text.length > 400 ? `${f.text.slice(0, 400)}…` : f.text}`,
      `• Tệp đính kèm: ${f.attachments ? `${f.attachments} tệp` : 'không có'}`,
      `• Nơi nhận: ${[f.unit, f.organization].filter(Boolean).join(' — ') || 'chưa rõ (cán bộ tiếp nhận sẽ chuyển đúng nơi)'}`,
      ...(f.praise
        ? []
        : [`• Thời gian: ${f.occurredAt ?? 'không nêu'}`, `• Địa điểm: ${f.place ?? 'không nêu'}`]),
      `• ${f.praise ? 'Người được cảm ơn' : 'Người liên quan'}: ${f.involved ?? (f.praise ? 'cả khoa/phòng' : 'không nêu')}`,
      `• Cách nhận trả lời: ${
        f.identity === 'named'
          ? `qua điện thoại ${f.contact?.phone ?? ''}${f.contact?.name ? ` (${f.contact.name})` : ''} và tại đây`
          : f.identity === 'sealed'
            ? 'tại đây (kín, không ai xem được bạn là ai)'
            : f.identity === 'no_trace'
              ? 'không dấu vết — tự tra cứu bằng mã hồ sơ và mã bí mật'
              : 'ẩn danh — tự tra cứu bằng mã hồ sơ và mã bí mật'
      }`,
      ...(f.petition
        ? [`• Đơn có chữ ký: ${VI_TEXTS.petitionLabels[f.petition].replace(/^\S+\s/, '')}`]
        : []),
    ].join('\n'),
  summaryLabels: { confirm: '✅ Gửi', edit: '✏️ Sửa', cancel: '✖️ Hủy' },
  editPrompt: 'Bạn muốn sửa mục nào?',
  editLabels: {
    kind: 'Loại ý kiến',
    staffKind: 'Loại góp ý',
    staffMode: 'Cách gửi (kín / không dấu vết)',
    describe: 'Nội dung',
    attach: 'Tệp đính kèm',
    unit: 'Khoa/phòng',
    when: 'Thời gian',
    where: 'Địa điểm',
    involved: 'Người liên quan',
    contact: 'Cách nhận trả lời',
    back: '↩️ Về bản tóm tắt',
  },
  missingText: 'Ý kiến chưa có nội dung. Vui lòng viết nội dung trước khi gửi.',

  receipt: (r) =>
    [
      r.audience === 'staff'
        ? '✅ Đã tiếp nhận góp ý nội bộ của bạn.'
        : '✅ Đã tiếp nhận ý kiến của bạn. Cảm ơn bạn!',
      `Mã hồ sơ: ${r.code}`,
      `Loại: ${CASE_KIND_LABELS[r.kind].vi}`,
      `Nơi nhận: ${[r.unit, r.organization].filter(Boolean).join(' — ')}`,
      r.dueOn ? `Hạn trả lời: ${formatVietnameseDateWithWeekday(r.dueOn)}` : '',
      r.kind === 'complaint' || r.kind === 'denunciation'
        ? 'Đây là hạn trả lời cho nội dung bạn gửi qua tin nhắn. Thời hạn giải quyết theo luật tính từ ngày đơn vị nhận đơn có chữ ký của bạn.'
        : '',
      r.petition === 'form'
        ? r.identity === 'anonymous' || r.identity === 'no_trace'
          ? 'Vì bạn gửi ẩn danh, hệ thống không gửi được mẫu đơn cho bạn; bạn có thể nhận mẫu tại bộ phận tiếp công dân.'
          : 'Cán bộ tiếp nhận sẽ gửi cho bạn mẫu đơn điền sẵn để ký.'
        : '',
      r.petition === 'appointment'
        ? r.identity === 'anonymous' || r.identity === 'no_trace'
          ? 'Vì bạn gửi ẩn danh, lịch hẹn không gắn với hồ sơ này; bạn vẫn đặt lịch được bằng lệnh /datlich và mang theo mã hồ sơ khi đến.'
          : 'Mời bạn chọn buổi tiếp công dân ngay bên dưới để đặt lịch gặp.'
        : '',
      r.followUpSecret
        ? `Mã bí mật: ${r.followUpSecret}\nHãy lưu lại mã này: hệ thống chỉ hiển thị một lần. Cùng với mã hồ sơ, nó giúp bạn xem trả lời.`
        : '',
      r.identity === 'named' || r.identity === 'sealed'
        ? 'Bạn sẽ nhận thông báo tại đây khi hồ sơ có tiến triển.'
        : r.identity === 'no_trace'
          ? 'Hệ thống không lưu liên kết nào giữa góp ý này và tài khoản của bạn, nên không thể nhắn cho bạn: hãy tự tra cứu.'
          : 'Hệ thống không lưu liên hệ của bạn, nên không thể nhắn cho bạn: hãy tự tra cứu.',
      `Tra cứu: /tracuu ${r.code}`,
    ]
      .filter(Boolean)
      .join('\n'),
  submitFailed: (reason) =>
    `Chưa gửi được ý kiến${reason ? `: ${reason}` : '.'} Nội dung của bạn vẫn được giữ; vui lòng thử lại hoặc sửa rồi gửi.`,
  alreadySubmitted: (code) => `Ý kiến này đã được gửi. Mã hồ sơ: ${code}. Tra cứu: /tracuu ${code}`,
  nothingToConfirm: 'Không có ý kiến nào đang chờ gửi. Gõ /start để bắt đầu.',

  cancelled: 'Đã hủy ý kiến đang soạn. Nội dung và tệp đã gửi trong bản nháp đã được xóa.',
  nothingToCancel: 'Không có gì để hủy.',
  backAtStart: 'Đây là bước đầu tiên.',
  help: [
    'Các lệnh:',
    '/start — bắt đầu gửi ý kiến',
    '/tracuu <mã hồ sơ> — tra cứu hồ sơ',
    '/datlich [mã hồ sơ] — đặt lịch gặp trực tiếp (tiếp công dân)',
    '/lichhen — lịch hẹn của bạn; /doilich <mã lịch hẹn>, /huylich <mã lịch hẹn> — đổi, hủy lịch',
    '/quaylai — quay lại bước trước',
    '/huy — hủy ý kiến đang soạn',
    '/english — switch to English',
  ].join('\n'),
  unknownCommand: 'Chúng tôi không hiểu lệnh này. Gõ /help để xem các lệnh.',
  languageSwitched: 'Đã chuyển sang tiếng Việt.',
  hotlines: (entries) =>
    [
      'Số đường dây nóng (nhận cả lời khen và ý kiến về thái độ, chất lượng phục vụ):',
      ...entries.map((e) => `• ${e.name}: ${e.numbers.join(', ')}`),
    ].join('\n'),

  trackCodePrompt: 'Vui lòng nhập mã hồ sơ (ví dụ: 7K3M-9QX-PRF).',
  trackCodeError: (reason) => TRACKING_CODE_ERROR_MESSAGES[reason].vi,
  trackNotFound: (code) =>
    `Không tìm thấy hồ sơ có mã ${code}. Vui lòng kiểm tra lại mã trên tin nhắn xác nhận.`,
  trackStatus: (c) =>
    [
      `Hồ sơ ${c.code}`,
      c.kind ? `Loại: ${CASE_KIND_LABELS[c.kind].vi}` : '',
      `Trạng thái: ${CASE_STATUS_LABELS[c.status].vi}`,
      c.contentUnreadable
        ? '⚠️ Hệ thống đã nhận ý kiến của bạn nhưng gặp sự cố kỹ thuật nên chưa đọc được nội dung. Bộ phận tiếp nhận đã được báo. Vui lòng gửi lại nội dung và nêu mã hồ sơ này.'
        : '',
      c.unitName || c.organizationName
        ? `Nơi xử lý: ${[c.unitName, c.organizationName].filter(Boolean).join(' — ')}`
        : '',
      c.deadline
        ? governingDeadlineText(c.deadline)
        : c.dueOn
          ? `Hạn trả lời: ${formatVietnameseDateWithWeekday(c.dueOn)}`
          : '',
      ...(c.replies === null
        ? []
        : c.replies.length
          ? ['Trả lời:', ...c.replies.map((r) => `— ${r.text}`)]
          : ['Chưa có trả lời.']),
    ]
      .filter(Boolean)
      .join('\n'),
  trackSecretPrompt: 'Hồ sơ này gửi ẩn danh. Nhập mã bí mật để xem trả lời, hoặc bấm «Bỏ qua».',
  trackSecretWrong: (remaining) => `Mã bí mật không đúng. Bạn còn ${remaining} lần thử.`,
  trackSecretLocked: 'Bạn đã nhập sai mã bí mật quá nhiều lần. Vui lòng thử lại sau.',
  trackPending: (code) => `Hồ sơ ${code} đã được tiếp nhận và đang được chuyển tới nơi xử lý.`,

  satisfactionQuestion: (code) =>
    `Hồ sơ ${code} đã được giải quyết. Bạn có hài lòng với cách giải quyết không? Ý kiến của bạn giúp đơn vị phục vụ tốt hơn.`,
  satisfactionLabels: {
    1: '1 · Rất không hài lòng',
    2: '2 · Không hài lòng',
    3: '3 · Bình thường',
    4: '4 · Hài lòng',
    5: '5 · Rất hài lòng',
  },
  satisfactionRecorded: (score, canReopen) =>
    [
      `Cảm ơn bạn đã đánh giá (${score}/5).`,
      'Bạn có muốn nhắn thêm nhận xét không? Gõ nhận xét, hoặc bấm «Bỏ qua».',
      canReopen ? 'Nếu vấn đề chưa được giải quyết, bạn có thể đề nghị xem xét lại.' : '',
    ]
      .filter(Boolean)
      .join('\n'),
  satisfactionCommentThanks: 'Cảm ơn bạn. Nhận xét đã được ghi nhận.',
  followUpRefused: (reason) =>
    ({
      not_found: 'Không tìm thấy hồ sơ này.',
      not_sender: 'Chỉ người đã gửi hồ sơ, từ chính cuộc trò chuyện đã gửi, mới trả lời được câu hỏi này.',
      not_resolved: 'Hồ sơ chưa được giải quyết xong nên chưa đánh giá hay mở lại được.',
      window_closed: 'Đã quá thời hạn đề nghị xem xét lại hồ sơ này. Bạn có thể gửi một ý kiến mới.',
    })[reason],
  reopenLabel: '🔁 Đề nghị xem xét lại',
  reopenPrompt: 'Vì sao bạn muốn xem xét lại? Vui lòng nêu ngắn gọn điều chưa được giải quyết.',
  reopenDone: (code) => `Đã mở lại hồ sơ ${code}. Đơn vị sẽ xem xét và trả lời bạn.`,

  reminder:
    'Bạn còn một ý kiến chưa gửi xong. Bấm «Tiếp tục» để hoàn tất, hoặc gõ /huy để hủy. Bản nháp tự xóa sau 24 giờ kể từ tin nhắn cuối.',
  backToDraft: 'Tiếp tục ý kiến bạn đang soạn:',
  reception: VI_RECEPTION,
};
