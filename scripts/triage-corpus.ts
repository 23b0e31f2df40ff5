// Writes src/triage/corpus.jsonl, the labelled Vietnamese corpus the triage model is trained on
// (decision 0030). Deterministic (seeded): re-running it gives the same file. Each example is a
// situation of one unit (its own vocabulary) told in the manner of one kind (its own sentence
// shapes), in one style: with diacritics, without them, teen-code, or English. Sentence shapes,
// openers, closers and the order of parts vary so the held-out fifth is not a copy of training.
// Some incidents are told twice (by two people, on two channels): the duplicate pairs.
//   npx tsx scripts/triage-corpus.ts
import { writeFileSync } from 'node:fs';
import { seededRandom } from '../src/triage/linear-classifier.js';
import { foldText } from '../src/core/fold-text.js';

type Kind = 'report' | 'petition' | 'complaint' | 'denunciation' | 'praise' | 'feedback';
type Style = 'vi' | 'plain' | 'teen' | 'en';

interface UnitVocabulary {
  /** How people name the unit. */
  names: string[];
  en: string[];
  /** Things that go wrong there (a report, complaint, denunciation, urgent case). */
  problems: string[];
  problemsEn: string[];
  /** Urgent situations there (life or health at risk now). */
  urgent: string[];
  urgentEn: string[];
  /** Things done well (praise). */
  good: string[];
  /** Improvements people suggest (feedback, petition). */
  ideas: string[];
  ideasEn: string[];
}

const UNITS: Record<string, UnitVocabulary> = {
  kkb: {
    names: ['khoa Khám bệnh', 'phòng khám', 'khu khám bệnh', 'quầy tiếp đón khoa Khám bệnh'],
    en: ['the outpatient clinic', 'the outpatient department'],
    problems: [
      'phải xếp hàng bốc số từ 5 giờ sáng mà đến trưa vẫn chưa được khám',
      'nhân viên quầy tiếp đón gọi số lộn xộn, người đến sau được khám trước',
      'bác sĩ khám chưa tới 2 phút đã cho về, không giải thích gì',
      'bảng điện tử gọi số bị hỏng cả tuần nay, người bệnh không biết đến lượt mình',
      'phòng chờ khám quá chật, người già phải đứng chờ ngoài hành lang',
    ],
    problemsEn: [
      'we waited in line from 5 am and still had not seen a doctor by noon',
      'the queue numbers were called out of order',
    ],
    urgent: [
      'một cụ ông đang chờ khám thì ngất xỉu ngay tại sảnh mà chưa ai đến hỗ trợ',
      'người bệnh đau ngực dữ dội đang ngồi chờ số mà không được ưu tiên',
    ],
    urgentEn: ['an old man collapsed in the waiting hall and nobody is helping him'],
    good: [
      'quy trình bốc số khám nhanh gọn, chỉ chờ khoảng 20 phút',
      'các bạn ở quầy tiếp đón hướng dẫn rất nhiệt tình',
    ],
    ideas: [
      'bố trí thêm ghế ngồi chờ cho người cao tuổi',
      'cho đặt lịch khám qua điện thoại để đỡ phải xếp hàng',
      'mở thêm bàn khám vào buổi sáng thứ Hai',
    ],
    ideasEn: ['add more seats in the waiting area', 'allow booking appointments online'],
  },
  kcc: {
    names: ['khoa Cấp cứu', 'phòng cấp cứu', 'khu cấp cứu'],
    en: ['the emergency department', 'the ER'],
    problems: [
      'nhân viên khoa cấp cứu nói chuyện cộc cằn với người nhà',
      'xe đẩy bệnh nhân ở khu cấp cứu không đủ, người nhà phải tự bế',
      'phòng cấp cứu chỉ có một bác sĩ trực đêm nên chờ rất lâu',
      'khu cấp cứu quá ồn và bẩn, rác để đầy dưới gầm giường',
    ],
    problemsEn: [
      'the staff in the emergency room were rude to my family',
      'there was only one doctor on night duty',
    ],
    urgent: [
      'bệnh nhân bị tai nạn chảy máu nhiều đã nằm 2 tiếng ở cấp cứu chưa được xử lý',
      'mẹ tôi khó thở, tím tái mà khoa cấp cứu bảo chờ',
      'người bệnh đang co giật ở phòng cấp cứu nhưng không có bác sĩ',
      'ba tôi bị đột quỵ, đưa vào cấp cứu đã 1 tiếng vẫn chưa được chụp phim',
    ],
    urgentEn: [
      'my father is having a stroke and has been waiting in the ER for an hour',
      'a patient is bleeding heavily and no one is treating him',
    ],
    good: [
      'các bác sĩ khoa cấp cứu đã cứu sống ba tôi trong đêm',
      'ekip cấp cứu xử lý rất nhanh và bình tĩnh',
    ],
    ideas: [
      'tăng thêm bác sĩ trực cấp cứu ban đêm',
      'có bảng phân loại ưu tiên để người nhà hiểu vì sao phải chờ',
    ],
    ideasEn: ['put more doctors on night duty in the ER'],
  },
  knoi: {
    names: ['khoa Nội', 'khoa Nội tổng hợp', 'khoa Nội tim mạch'],
    en: ['the internal medicine ward', 'the medicine ward'],
    problems: [
      'ở khoa Nội phải nằm ghép 3 người một giường suốt một tuần',
      'bác sĩ khoa Nội không giải thích kết quả xét nghiệm cho người nhà',
      'quạt và điều hòa phòng bệnh khoa Nội hỏng mà không ai sửa',
      'giờ đi buồng của khoa Nội không cố định, người nhà chờ cả buổi',
    ],
    problemsEn: [
      'three patients share one bed in the medicine ward',
      'the doctor never explained the test results',
    ],
    urgent: [
      'bà tôi ở khoa Nội sốt cao 40 độ, lơ mơ mà gọi mãi không có ai đến',
      'bệnh nhân khoa Nội tụt huyết áp, người nhà bấm chuông không ai trả lời',
    ],
    urgentEn: ['my grandmother has a 40 degree fever and is confused, nobody answers the bell'],
    good: [
      'bác sĩ khoa Nội theo dõi bệnh sát sao và giải thích dễ hiểu',
      'phòng bệnh khoa Nội sạch sẽ, thoáng mát',
    ],
    ideas: ['bổ sung giường bệnh để không phải nằm ghép', 'công khai giờ đi buồng để người nhà chủ động'],
    ideasEn: ['publish the ward round times'],
  },
  kngoai: {
    names: ['khoa Ngoại', 'khoa Ngoại chấn thương', 'khoa Ngoại tổng hợp'],
    en: ['the surgery ward', 'the surgical department'],
    problems: [
      'lịch mổ ở khoa Ngoại bị dời 3 lần mà không báo lý do',
      'vết mổ bị nhiễm trùng nhưng khoa Ngoại nói là bình thường',
      'người nhà phải tự đi mua vật tư cho ca phẫu thuật',
      'sau mổ không ai hướng dẫn chế độ ăn uống và chăm sóc vết thương',
    ],
    problemsEn: [
      'the operation was postponed three times without explanation',
      'the wound became infected after surgery',
    ],
    urgent: [
      'sau mổ ruột thừa con tôi đau bụng dữ dội, vết mổ chảy máu không cầm',
      'bệnh nhân sau phẫu thuật sốt cao, khó thở mà khoa Ngoại chưa xử lý',
    ],
    urgentEn: ['after the operation my son is bleeding from the wound and nobody comes'],
    good: [
      'ca mổ thành công, bác sĩ khoa Ngoại rất giỏi và tận tâm',
      'ekip phẫu thuật dặn dò chu đáo trước và sau mổ',
    ],
    ideas: ['thông báo trước lịch mổ cho người bệnh qua tin nhắn', 'phát tờ hướng dẫn chăm sóc sau mổ'],
    ideasEn: ['send the operation schedule by text message'],
  },
  ksan: {
    names: ['khoa Sản', 'phòng sinh', 'khoa Phụ sản'],
    en: ['the maternity ward', 'the obstetrics department'],
    problems: [
      'vợ tôi chuyển dạ ở khoa Sản mà nữ hộ sinh quát mắng',
      'phòng sau sinh của khoa Sản không có nước nóng để tắm cho bé',
      'khoa Sản không cho chồng vào cùng dù đã đóng phí sinh có người thân',
      'sản phụ nằm hành lang vì khoa Sản hết giường',
    ],
    problemsEn: [
      'the midwife shouted at my wife during labour',
      'there is no hot water in the postnatal room',
    ],
    urgent: [
      'vợ tôi đang chảy máu nhiều sau sinh ở khoa Sản mà chưa có bác sĩ',
      'sản phụ vỡ ối, đau quặn từng cơn mà phòng sinh bảo chờ',
    ],
    urgentEn: ['my wife is bleeding heavily after giving birth and no doctor has come'],
    good: [
      'các cô hộ sinh khoa Sản chăm sóc mẹ con tôi rất chu đáo',
      'ca sinh mổ thuận lợi, bác sĩ khoa Sản rất tận tình',
    ],
    ideas: ['mở lớp hướng dẫn chăm sóc trẻ sơ sinh cho các mẹ', 'lắp thêm bình nóng lạnh ở phòng sau sinh'],
    ideasEn: ['run classes for new mothers'],
  },
  knhi: {
    names: ['khoa Nhi', 'phòng khám Nhi', 'khoa Nhi sơ sinh'],
    en: ['the pediatric ward', 'the children’s ward'],
    problems: [
      'khoa Nhi quá đông, các cháu phải nằm chung giường lây bệnh cho nhau',
      'điều dưỡng khoa Nhi tiêm cho bé 4 lần mới lấy được ven',
      'con tôi ở khoa Nhi bị phát nhầm thuốc của bé giường bên',
      'khu vui chơi của khoa Nhi bẩn, đồ chơi hỏng',
    ],
    problemsEn: [
      'children share beds in the pediatric ward and infect each other',
      'my child was given another child’s medicine',
    ],
    urgent: [
      'con tôi 2 tuổi sốt cao co giật ở khoa Nhi mà chưa có bác sĩ đến',
      'bé sơ sinh bị tím tái, khó thở, cần bác sĩ ngay',
    ],
    urgentEn: ['my 2 year old is having a seizure with high fever and no doctor is here'],
    good: [
      'bác sĩ khoa Nhi rất kiên nhẫn và dỗ dành các cháu',
      'điều dưỡng khoa Nhi nhẹ nhàng, bé không còn sợ tiêm',
    ],
    ideas: ['tách phòng cho trẻ mắc bệnh truyền nhiễm', 'có góc đọc sách cho các cháu nằm viện lâu'],
    ideasEn: ['separate rooms for children with infectious diseases'],
  },
  kduoc: {
    names: ['khoa Dược', 'nhà thuốc bệnh viện', 'quầy cấp phát thuốc'],
    en: ['the pharmacy', 'the hospital pharmacy'],
    problems: [
      'quầy cấp phát thuốc bảo hiểm thường xuyên hết thuốc, bắt ra ngoài mua',
      'nhà thuốc bệnh viện bán thuốc giá cao hơn bên ngoài gấp đôi',
      'thuốc được phát đã gần hết hạn sử dụng',
      'khoa Dược phát thiếu thuốc so với đơn của bác sĩ',
    ],
    problemsEn: [
      'the pharmacy keeps running out of insured medicine',
      'the medicine we got was almost expired',
    ],
    urgent: ['mẹ tôi uống thuốc phát sai ở quầy thuốc nên bị sốc phản vệ, nổi mẩn khắp người, khó thở'],
    urgentEn: ['my mother took the wrong medicine from the pharmacy and is having an allergic shock'],
    good: ['dược sĩ hướng dẫn cách dùng thuốc rất kỹ', 'quầy thuốc phát nhanh, không phải chờ lâu'],
    ideas: ['in hướng dẫn dùng thuốc bằng chữ to cho người già', 'niêm yết giá thuốc công khai'],
    ideasEn: ['print medicine instructions in large letters'],
  },
  tckt: {
    names: ['phòng Tài chính – Kế toán', 'quầy thu viện phí', 'bộ phận thanh toán ra viện'],
    en: ['the billing office', 'the cashier'],
    problems: [
      'quầy thu viện phí tính tiền cả những dịch vụ không sử dụng',
      'thẻ bảo hiểm y tế còn hạn nhưng vẫn bị thu tiền toàn bộ',
      'làm thủ tục thanh toán ra viện mất cả buổi sáng',
      'hóa đơn viện phí ghi sai số ngày nằm viện',
    ],
    problemsEn: [
      'the bill included services we never used',
      'we were charged in full despite valid health insurance',
    ],
    urgent: ['quầy viện phí không cho nhập viện cấp cứu vì chưa nộp tạm ứng, bệnh nhân đang nguy kịch'],
    urgentEn: ['the cashier refuses to admit a critical patient until we pay a deposit'],
    good: ['nhân viên thu viện phí giải thích rõ từng khoản', 'thanh toán ra viện nhanh, có cả chuyển khoản'],
    ideas: ['cho thanh toán viện phí bằng mã QR', 'gửi bảng kê chi phí hằng ngày cho người bệnh'],
    ideasEn: ['let patients pay by QR code'],
  },
  dd: {
    names: ['phòng Điều dưỡng', 'các điều dưỡng trong khoa', 'chị điều dưỡng trực'],
    en: ['the nurses', 'the nursing staff'],
    problems: [
      'điều dưỡng trực đêm ngủ, người nhà gọi thay dịch truyền không ai dậy',
      'điều dưỡng quát người bệnh lớn tuổi vì hỏi nhiều',
      'điều dưỡng không rửa tay khi chuyển giường này sang giường khác',
      'chai dịch truyền hết mà điều dưỡng để máu chảy ngược',
    ],
    problemsEn: [
      'the night nurse was asleep and did not change the drip',
      'the nurse shouted at an elderly patient',
    ],
    urgent: ['dịch truyền đã hết, máu chảy ngược lên dây mà điều dưỡng không có mặt, bệnh nhân đang lả đi'],
    urgentEn: ['the IV bag is empty, blood is flowing back and no nurse is around'],
    good: [
      'các điều dưỡng chăm sóc tận tình như người nhà',
      'chị điều dưỡng trực đêm rất chu đáo, luôn hỏi han',
    ],
    ideas: ['tập huấn kỹ năng giao tiếp cho điều dưỡng', 'bố trí thêm điều dưỡng trực đêm'],
    ideasEn: ['train nurses in communication skills'],
  },
  tchc: {
    names: ['phòng Hành chính', 'bãi giữ xe bệnh viện', 'đội bảo vệ', 'căng tin bệnh viện'],
    en: ['the parking lot', 'the security guards', 'the hospital canteen'],
    problems: [
      'bãi giữ xe thu 20.000 đồng một lượt, cao hơn giá niêm yết',
      'bảo vệ đuổi người nhà ra khỏi sảnh lúc nửa đêm dù trời mưa',
      'nhà vệ sinh khu hành chính bẩn, không có nước',
      'căng tin bán đồ ăn ôi thiu, giá đắt',
    ],
    problemsEn: [
      'the parking fee was higher than the posted price',
      'the guards threw relatives out at midnight in the rain',
    ],
    urgent: ['cháy ổ điện ở hành lang gần căng tin, khói bốc lên nhiều, cần xử lý ngay'],
    urgentEn: ['there is an electrical fire near the canteen, smoke everywhere'],
    good: ['anh bảo vệ đã giúp đẩy xe lăn cho ba tôi', 'bãi xe sắp xếp gọn gàng, nhân viên lịch sự'],
    ideas: ['làm mái che cho khu gửi xe', 'bố trí phòng nghỉ cho người nhà bệnh nhân'],
    ideasEn: ['put a roof over the parking area'],
  },
  khnv: {
    names: ['phòng Kế hoạch – Nghiệp vụ', 'bộ phận chuyển viện', 'phòng lưu trữ hồ sơ bệnh án'],
    en: ['the planning office', 'the medical records office'],
    problems: [
      'xin bản sao hồ sơ bệnh án đã 1 tháng chưa được cấp',
      'giấy chuyển viện bị cấp chậm khiến mất quyền lợi bảo hiểm',
      'thủ tục xin giấy ra viện rườm rà, phải đi lại nhiều phòng',
      'kết quả giám định sức khỏe trả chậm so với giấy hẹn',
    ],
    problemsEn: [
      'I asked for a copy of my medical records a month ago and still have nothing',
      'the transfer letter was issued late',
    ],
    urgent: [
      'bệnh nhân cần chuyển tuyến gấp lên bệnh viện tỉnh nhưng chưa ai ký giấy chuyển viện, tình trạng đang xấu đi',
    ],
    urgentEn: ['the patient needs an urgent transfer but no one has signed the referral'],
    good: [
      'phòng Kế hoạch cấp giấy tờ nhanh, hướng dẫn rõ ràng',
      'thủ tục chuyển viện được làm trong 15 phút',
    ],
    ideas: ['cho nhận bản sao bệnh án qua bưu điện', 'một cửa cho mọi giấy tờ ra viện'],
    ideasEn: ['send copies of medical records by post'],
  },
  tyt: {
    names: ['trạm y tế phường', 'trạm y tế', 'điểm tiêm chủng của trạm'],
    en: ['the ward health station', 'the health station'],
    problems: [
      'trạm y tế hẹn tiêm chủng nhưng đến nơi thì hết vắc xin',
      'trạm y tế đóng cửa sớm trong giờ hành chính',
      'cán bộ trạm y tế thu tiền tiêm chủng mở rộng vốn miễn phí',
      'sổ tiêm chủng của cháu bị ghi sai mũi tiêm',
    ],
    problemsEn: [
      'the health station ran out of vaccine on vaccination day',
      'the health station closed early',
    ],
    urgent: ['sau khi tiêm ở trạm y tế, bé nhà tôi sốt cao, tím môi, khó thở'],
    urgentEn: ['after the vaccine at the health station my baby has blue lips and trouble breathing'],
    good: [
      'cán bộ trạm y tế đến tận nhà tiêm cho ông tôi nằm liệt giường',
      'trạm y tế tổ chức tiêm chủng rất khoa học',
    ],
    ideas: ['nhắn tin nhắc lịch tiêm chủng', 'mở cửa trạm y tế vào sáng thứ Bảy'],
    ideasEn: ['send text reminders for vaccination'],
  },
};

const STAFF = ['bác sĩ', 'điều dưỡng', 'nhân viên', 'một cán bộ', 'trưởng khoa', 'hộ lý', 'nữ hộ sinh'];
const WHEN = [
  'hôm qua',
  'sáng nay',
  'tối thứ Bảy vừa rồi',
  'ngày 12/3',
  'tuần trước',
  'chiều nay',
  'đêm qua',
  '',
];
const WHO = ['Tôi', 'Gia đình tôi', 'Mẹ tôi', 'Tôi là người nhà bệnh nhân,', 'Em', 'Cháu', 'Bố tôi'];

const OPENERS = [
  '',
  '',
  '',
  'Kính gửi Ban Giám đốc. ',
  'Xin chào. ',
  'Chào bệnh viện. ',
  'Dạ, ',
  'Thưa lãnh đạo, ',
  'Cho tôi hỏi chút. ',
];
const CLOSERS = [
  '',
  '',
  'Xin cảm ơn.',
  'Mong sớm nhận được phản hồi.',
  'Rất mong bệnh viện quan tâm.',
  'Trân trọng.',
  'Mong được hồi âm.',
];

// Sentence shapes per kind. {u} unit, {p} problem, {g} good, {i} idea, {s} staff, {w} when, {who}.
const SHAPES: Record<Kind, string[]> = {
  report: [
    '{who} muốn phản ánh: {w} ở {u} {p}.',
    'Phản ánh về {u}: {p}.',
    '{w} {who} thấy ở {u} {p}. Đề nghị bệnh viện kiểm tra.',
    'Tình trạng ở {u}: {p}. Mọi người đều bức xúc.',
    '{p}. Chuyện này xảy ra ở {u} {w}.',
    'Xin phản ảnh tình hình {u}, {p}, rất mong được chấn chỉnh.',
    'Báo để bệnh viện biết: tại {u} {p}.',
  ],
  complaint: [
    '{who} khiếu nại việc {u} {p}, ảnh hưởng đến quyền lợi của tôi.',
    'Tôi làm đơn khiếu nại quyết định của {u}: {p}. Đề nghị xem xét lại.',
    'Khiếu nại: {w} {u} {p}. Tôi không đồng ý với cách giải quyết và yêu cầu giải quyết lại.',
    '{who} không đồng ý với quyết định của {u} vì {p}, nay khiếu nại để được giải quyết đúng quy định.',
    'Đơn khiếu nại về {u}. {p}. Yêu cầu hoàn trả và giải thích rõ.',
    'Tôi đã bị thiệt: {p} ({u}). Tôi khiếu nại và yêu cầu bồi hoàn.',
  ],
  denunciation: [
    'Tôi tố cáo {s} ở {u} có hành vi nhận phong bì của người bệnh, {w} đã đòi 500.000 đồng mới cho mổ.',
    'Tố cáo {s} {u} gợi ý người nhà đưa tiền ngoài để được ưu tiên.',
    '{who} tố cáo việc {s} ở {u} ép mua thuốc ở nhà thuốc tư của người quen để ăn hoa hồng.',
    'Tố giác {s} {u} làm giả hồ sơ để rút tiền bảo hiểm y tế.',
    'Có sai phạm: {s} của {u} thu tiền không có hóa đơn, bỏ túi riêng. Tôi tố cáo để cơ quan xử lý nghiêm.',
    'Tố cáo hành vi vi phạm pháp luật của {s} ở {u}: nhận hối lộ để cấp giấy tờ sai.',
    '{s} ở {u} có dấu hiệu tham nhũng, bớt xén vật tư. Đề nghị thanh tra làm rõ và xử lý.',
  ],
  praise: [
    '{who} xin gửi lời cảm ơn chân thành tới {u}: {g}.',
    'Khen ngợi {s} {u}, {g}.',
    'Cảm ơn {u} rất nhiều! {g}.',
    '{w} gia đình tôi điều trị ở {u}, {g}. Xin cảm ơn tập thể khoa.',
    'Mong bệnh viện khen thưởng {s} ở {u} vì {g}.',
    'Thật sự rất hài lòng với {u}. {g}. Chúc các y bác sĩ nhiều sức khỏe.',
  ],
  feedback: [
    '{who} xin góp ý: {u} nên {i}.',
    'Góp ý nhỏ cho {u}: nên {i} để người bệnh thuận tiện hơn.',
    'Theo tôi, {u} có thể {i}.',
    'Ý kiến đóng góp: {i} ở {u} thì tốt hơn.',
    'Một ý kiến: {u} nên cân nhắc {i}. Cảm ơn đã lắng nghe.',
    'Bệnh viện nên {i} ({u}), như vậy sẽ đỡ vất vả cho người bệnh.',
  ],
  petition: [
    '{who} kiến nghị bệnh viện {i} tại {u}.',
    'Kiến nghị: đề nghị lãnh đạo xem xét {i} cho {u}.',
    'Chúng tôi, các hộ dân trong khu phố, kiến nghị {u} {i}.',
    'Đề nghị các cấp có thẩm quyền xem xét {i} ở {u}, vì hiện nay {p}.',
    'Tôi có kiến nghị gửi {u}: {i}. Kính đề nghị xem xét giải quyết.',
    'Kính đề xuất với Ban Giám đốc về việc {i} ở {u}.',
  ],
};

const SHAPES_EN: Record<Kind, string[]> = {
  report: ['I want to report that at {u} {p}.', 'Reporting a problem in {u}: {p}.'],
  complaint: [
    'I am filing a complaint against {u}: {p}. I want this decision reviewed.',
    'Complaint: {p} at {u}. I demand a refund.',
  ],
  denunciation: [
    'I denounce a doctor in {u} who took bribes from patients.',
    'A staff member at {u} asked for under-the-table money. Please investigate this corruption.',
  ],
  praise: [
    'Thank you so much to {u}, the staff were wonderful and caring.',
    'Big thanks to the team at {u} for saving my mother.',
  ],
  feedback: ['A suggestion for {u}: {i}.', 'It would be better if {u} could {i}.'],
  petition: ['We petition the hospital to {i} at {u}.', 'We formally request the board to {i} for {u}.'],
};

const URGENT_SHAPES = [
  'KHẨN CẤP! {x}. Xin giúp đỡ ngay!',
  'Cấp cứu gấp: {x}, mong bệnh viện xử lý ngay.',
  '{x}. Làm ơn cho người đến ngay!',
  'Gấp lắm: {x}.',
  '{who} báo gấp: {x}, bây giờ vẫn chưa có ai.',
];
const URGENT_SHAPES_EN = ['URGENT: {x}. Please help now!', 'Emergency: {x}.'];

const TEEN: [RegExp, string][] = [
  [/không/g, 'ko'],
  [/được/g, 'dc'],
  [/bệnh viện/g, 'bv'],
  [/bác sĩ/g, 'bs'],
  [/với/g, 'vs'],
  [/gì/g, 'j'],
  [/rồi/g, 'r'],
  [/quá/g, 'wa'],
  [/người/g, 'ng'],
  [/nhiều/g, 'nhìu'],
  [/trước/g, 'trc'],
  [/biết/g, 'bít'],
  [/bệnh nhân/g, 'bn'],
];

const PARTICULAR_SHAPES = ['Việc này xảy ra ở {x}.', '({x})', 'Cụ thể: {x}.', 'Lúc đó là {x}.'];
let lastParticulars = '';
function particularsOf(): string {
  lastParticulars = `${pick(['phòng', 'buồng'])} ${100 + Math.floor(random() * 400)}, giường ${1 + Math.floor(random() * 30)}, ngày ${1 + Math.floor(random() * 28)}/${1 + Math.floor(random() * 12)} lúc ${1 + Math.floor(random() * 23)} giờ`;
  return lastParticulars;
}

interface Example {
  id: string;
  text: string;
  kind: Kind;
  unit: string;
  urgency: 'normal' | 'urgent';
  style: Style;
  /** Examples with the same group tell the same incident. */
  duplicateGroup?: string;
}

const random = seededRandom(20260318);
const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)]!;

function fill(shape: string, v: UnitVocabulary, en: boolean): string {
  const filled = shape
    .replaceAll('{u}', en ? pick(v.en) : pick(v.names))
    .replaceAll('{p}', en ? pick(v.problemsEn) : pick(v.problems))
    .replaceAll('{g}', pick(v.good))
    .replaceAll('{i}', en ? pick(v.ideasEn) : pick(v.ideas))
    .replaceAll('{s}', pick(STAFF))
    .replaceAll('{w}', pick(WHEN))
    .replaceAll('{who}', pick(WHO))
    .replace(/\s+/g, ' ')
    .replace(/ ([.,:])/g, '$1')
    .trim();
  return filled.charAt(0).toUpperCase() + filled.slice(1);
}

function styled(text: string, style: Style): string {
  if (style === 'plain')
    return foldText(text).replace(/(^|\s)\S/g, (s) => (random() < 0.1 ? s.toUpperCase() : s));
  if (style === 'teen') {
    let out = text.toLowerCase();
    for (const [from, to] of TEEN) if (random() < 0.8) out = out.replace(from, to);
    return random() < 0.5 ? foldText(out) : out;
  }
  return text;
}

function pickStyle(): Style {
  const r = random();
  return r < 0.5 ? 'vi' : r < 0.72 ? 'plain' : r < 0.92 ? 'teen' : 'en';
}

function makeExample(
  n: number,
  kind: Kind,
  unit: string,
  urgent: boolean,
  style: Style,
  group?: string,
): Example {
  const v = UNITS[unit]!;
  const en = style === 'en';
  let body: string;
  if (urgent) {
    const x = en ? pick(v.urgentEn) : pick(v.urgent);
    body = fill(en ? pick(URGENT_SHAPES_EN) : pick(URGENT_SHAPES), v, en).replace('{x}', x);
    // An urgent message is often also a complaint or a report in its own words.
    if (!en && kind === 'complaint') body += ' Tôi khiếu nại cách xử lý thờ ơ này.';
  } else {
    body = fill(pick(en ? SHAPES_EN[kind] : SHAPES[kind]), v, en);
  }
  // Most people say where and when (a room, a bed, a day); those particulars are what tells one
  // incident from another of the same sort.
  const where = !en && random() < 0.7 ? ` ${pick(PARTICULAR_SHAPES).replace('{x}', particularsOf())}` : '';
  const text = en ? body : `${pick(OPENERS)}${body}${where} ${pick(CLOSERS)}`.trim();
  return {
    id: `c${String(n).padStart(4, '0')}`,
    text: styled(text, style),
    kind,
    unit,
    urgency: urgent ? 'urgent' : 'normal',
    style,
    ...(group ? { duplicateGroup: group } : {}),
  };
}

const KINDS: Kind[] = ['report', 'petition', 'complaint', 'denunciation', 'praise', 'feedback'];
const UNIT_KEYS = Object.keys(UNITS);
const examples: Example[] = [];
let n = 0;
// 12 units × 6 kinds × 10 = 720 normal examples, then urgent ones, then duplicate pairs.
for (const unit of UNIT_KEYS) {
  for (const kind of KINDS) {
    for (let k = 0; k < 10; k++) examples.push(makeExample(++n, kind, unit, false, pickStyle()));
  }
}
for (const unit of UNIT_KEYS) {
  for (let k = 0; k < 8; k++)
    examples.push(makeExample(++n, random() < 0.75 ? 'report' : 'complaint', unit, true, pickStyle()));
}
// Duplicates: the same incident (same unit, same problem) told again in another style.
for (let g = 0; g < 40; g++) {
  // What makes two texts the same incident: the same particulars (room, bed, day, time).
  const first = makeExample(
    ++n,
    random() < 0.6 ? 'report' : 'complaint',
    pick(UNIT_KEYS),
    false,
    'vi',
    `d${g}`,
  );
  const told = lastParticulars !== '' && first.text.includes(lastParticulars);
  const particulars = told ? lastParticulars : particularsOf();
  if (!told) first.text = `${first.text} Việc này xảy ra ở ${particulars}.`;
  examples.push(first);
  // The second teller states the problem without the first one's framing: a report.
  const again = makeExample(++n, 'report', first.unit, false, random() < 0.5 ? 'vi' : 'plain', `d${g}`);
  // The second teller names the same problem (that is what makes it the same incident).
  const problem = UNITS[first.unit]!.problems.find(
    (p) => first.text.includes(p) || foldText(first.text).includes(foldText(p)),
  );
  if (problem) {
    again.text = styled(
      `${pick(['Tôi cũng gặp chuyện này:', 'Lại thêm một lần nữa,', 'Xin báo lại:', ''])} ${particulars}, ${problem}, tại ${pick(UNITS[first.unit]!.names)}. ${pick(CLOSERS)}`.trim(),
      again.style,
    );
    examples.push(again);
  } else {
    examples.pop();
    n -= 2;
  }
}

writeFileSync('src/triage/corpus.jsonl', examples.map((e) => JSON.stringify(e)).join('\n') + '\n');
console.log(`${examples.length} examples written to src/triage/corpus.jsonl`);
