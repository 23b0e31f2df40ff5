import type { LocalDate } from '../calendar/local-date.js';
import type { ClockKind, RuleSet, TimeLimitRule } from './time-limit.js';

/**
 * Time limits shipped with Lắng Nghe (DOMAIN.md §3), one rule set per change in the law. A clock
 * uses the set in force on the day it starts, so a change from 01/7/2026 applies to new clocks only.
 *
 * The base set starts on 01/01/2019, the day the last of its laws (Luật Tố cáo 2018) took effect;
 * clocks started earlier have no rule set and are refused rather than counted under the wrong law.
 */

const BASE_CODE = 'VN-2019';
const AMENDED_CODE = 'VN-2026-07';

type RuleData = Omit<TimeLimitRule, 'id'>;

const ALL_CITIZEN_KINDS = ['feedback', 'report', 'petition', 'complaint', 'denunciation', 'praise'] as const;

const BASE_RULES: readonly RuleData[] = [
  {
    clockKind: 'internal_answer',
    appliesTo: ALL_CITIZEN_KINDS,
    audience: 'citizen',
    trigger: 'kể từ khi nhận được ý kiến qua kênh trực tuyến',
    days: 10,
    dayType: 'working',
    pausable: true,
    statutory: false,
    sourceArticle: 'Luật Tiếp công dân 2013, Điều 28 (áp dụng tương tự)',
    description: 'Trả lời người gửi ý kiến qua chat, web, đường dây nóng (thời hạn phục vụ nội bộ)',
    note: 'Tin nhắn chưa phải là đơn; đơn vị có thể đặt thời hạn ngắn hơn.',
  },
  {
    clockKind: 'reception_answer',
    appliesTo: ['feedback', 'report', 'petition', 'complaint', 'denunciation'],
    audience: 'citizen',
    trigger: 'kể từ ngày nhận được đơn, ý kiến tại nơi tiếp công dân',
    days: 10,
    dayType: 'working',
    pausable: false,
    statutory: true,
    sourceArticle: 'Luật Tiếp công dân 2013, Điều 28',
    description: 'Trả lời người gửi: thụ lý, không thụ lý, chuyển đơn hoặc hướng dẫn',
  },
  {
    clockKind: 'forward_out',
    appliesTo: ['feedback', 'report', 'petition'],
    audience: 'citizen',
    trigger: 'kể từ ngày nhận được phản ánh, kiến nghị',
    days: 5,
    dayType: 'working',
    pausable: false,
    statutory: true,
    sourceArticle: 'Nghị định 20/2008/NĐ-CP, Điều 9; Luật Tiếp công dân 2013, Điều 26',
    description: 'Chuyển phản ánh, kiến nghị không thuộc thẩm quyền đến cơ quan có thẩm quyền',
  },
  {
    clockKind: 'complaint_acceptance',
    appliesTo: ['complaint'],
    audience: 'citizen',
    trigger: 'kể từ ngày nhận được đơn khiếu nại thuộc thẩm quyền',
    days: 10,
    dayType: 'working',
    pausable: false,
    statutory: true,
    sourceArticle: 'Luật Khiếu nại 2011, Điều 27, Điều 36; Thông tư 07/2013/TT-TTCP, Điều 5',
    description: 'Thụ lý giải quyết khiếu nại lần đầu hoặc lần hai và thông báo cho người khiếu nại',
  },
  {
    clockKind: 'complaint_resolution_first',
    appliesTo: ['complaint'],
    audience: 'citizen',
    trigger: 'kể từ ngày thụ lý',
    days: 30,
    dayType: 'calendar',
    extension: {
      maxCount: 1,
      requiresWrittenDecision: false,
      description: 'Vụ việc phức tạp: không quá 45 ngày kể từ ngày thụ lý',
    },
    maxDays: 45,
    variants: [
      {
        condition: 'remote_area',
        days: 45,
        maxDays: 60,
        description: 'Vùng sâu, vùng xa đi lại khó khăn: 45 ngày; vụ việc phức tạp không quá 60 ngày',
      },
    ],
    pausable: false,
    statutory: true,
    sourceArticle: 'Luật Khiếu nại 2011, Điều 28',
    description: 'Giải quyết khiếu nại lần đầu',
  },
  {
    clockKind: 'complaint_decision_send',
    appliesTo: ['complaint'],
    audience: 'citizen',
    trigger: 'kể từ ngày có quyết định giải quyết khiếu nại',
    days: 3,
    dayType: 'working',
    pausable: false,
    statutory: true,
    sourceArticle: 'Luật Khiếu nại 2011, Điều 32',
    description: 'Gửi quyết định giải quyết khiếu nại lần đầu cho người khiếu nại và người có liên quan',
  },
  {
    clockKind: 'complaint_resolution_second',
    appliesTo: ['complaint'],
    audience: 'citizen',
    trigger: 'kể từ ngày thụ lý',
    days: 45,
    dayType: 'calendar',
    extension: {
      maxCount: 1,
      requiresWrittenDecision: false,
      description: 'Vụ việc phức tạp: không quá 60 ngày kể từ ngày thụ lý',
    },
    maxDays: 60,
    variants: [
      {
        condition: 'remote_area',
        days: 60,
        maxDays: 70,
        description: 'Vùng sâu, vùng xa đi lại khó khăn: 60 ngày; vụ việc phức tạp không quá 70 ngày',
      },
    ],
    pausable: false,
    statutory: true,
    sourceArticle: 'Luật Khiếu nại 2011, Điều 37',
    description: 'Giải quyết khiếu nại lần hai',
  },
  {
    clockKind: 'denunciation_initial',
    appliesTo: ['denunciation'],
    audience: 'citizen',
    trigger: 'kể từ ngày nhận được tố cáo',
    days: 7,
    dayType: 'working',
    extension: {
      maxCount: 1,
      requiresWrittenDecision: false,
      description: 'Cần kiểm tra, xác minh tại nhiều địa điểm: không quá 10 ngày làm việc',
    },
    maxDays: 10,
    pausable: false,
    statutory: true,
    sourceArticle: 'Luật Tố cáo 2018, Điều 24 khoản 1',
    description: 'Vào sổ, kiểm tra điều kiện thụ lý tố cáo (xử lý ban đầu)',
  },
  {
    clockKind: 'denunciation_forward',
    appliesTo: ['denunciation'],
    audience: 'citizen',
    trigger: 'kể từ ngày nhận được tố cáo',
    days: 5,
    dayType: 'working',
    pausable: false,
    statutory: true,
    sourceArticle: 'Luật Tố cáo 2018, Điều 24 khoản 2',
    description: 'Chuyển tố cáo không thuộc thẩm quyền và thông báo cho người tố cáo',
  },
  {
    clockKind: 'denunciation_resolution',
    appliesTo: ['denunciation'],
    audience: 'citizen',
    trigger: 'kể từ ngày thụ lý tố cáo',
    days: 30,
    dayType: 'calendar',
    extension: {
      maxCount: 2,
      maxDaysEach: 30,
      requiresWrittenDecision: true,
      description:
        'Vụ việc phức tạp: gia hạn một lần; đặc biệt phức tạp: gia hạn hai lần; mỗi lần không quá 30 ngày, bằng quyết định gia hạn',
    },
    maxDays: 90,
    pausable: true,
    pauseSource: 'Luật Tố cáo 2018, Điều 34 khoản 1 (thời gian tạm đình chỉ không tính vào thời hạn)',
    statutory: true,
    sourceArticle: 'Luật Tố cáo 2018, Điều 30; Nghị định 31/2019/NĐ-CP, Điều 3',
    description: 'Giải quyết tố cáo',
  },
  {
    clockKind: 'denunciation_conclusion_send',
    appliesTo: ['denunciation'],
    audience: 'citizen',
    trigger: 'kể từ ngày ban hành kết luận nội dung tố cáo',
    days: 5,
    dayType: 'working',
    pausable: false,
    statutory: true,
    sourceArticle: 'Luật Tố cáo 2018, Điều 35',
    description: 'Gửi kết luận nội dung tố cáo cho người bị tố cáo và thông báo cho người tố cáo',
  },
  {
    clockKind: 'denunciation_conclusion_action',
    appliesTo: ['denunciation'],
    audience: 'citizen',
    trigger: 'kể từ ngày ban hành kết luận nội dung tố cáo',
    days: 7,
    dayType: 'working',
    pausable: false,
    statutory: true,
    sourceArticle: 'Luật Tố cáo 2018, Điều 36',
    description: 'Xử lý kết luận nội dung tố cáo',
  },
  {
    clockKind: 'denunciation_conclusion_publish',
    appliesTo: ['denunciation'],
    audience: 'citizen',
    trigger: 'kể từ ngày ban hành kết luận nội dung tố cáo',
    days: 7,
    dayType: 'working',
    pausable: false,
    statutory: true,
    sourceArticle: 'Luật Tố cáo 2018, Điều 40',
    description: 'Công khai kết luận nội dung tố cáo',
  },
  {
    clockKind: 'staff_feedback_answer',
    appliesTo: ['feedback', 'report', 'petition'],
    audience: 'staff',
    trigger: 'kể từ ngày nhận được ý kiến của viên chức, người lao động',
    days: 10,
    dayType: 'working',
    pausable: true,
    statutory: false,
    sourceArticle: 'Luật Thực hiện dân chủ ở cơ sở 2022, Điều 59',
    description: 'Trả lời góp ý, kiến nghị, phản ánh nội bộ của viên chức, người lao động',
    note: 'Luật chỉ yêu cầu trả lời kịp thời; 10 ngày làm việc là mặc định của hệ thống, đơn vị tự đặt.',
  },
];

const APOLOGY = {
  leadWorkingDays: 1,
  maxDueDateResets: 1,
  sourceArticle: 'Nghị định 61/2018/NĐ-CP, Điều 19 (áp dụng tương tự; nay là Nghị định 118/2025/NĐ-CP)',
};

/** Rules of the amending law: only what DOMAIN.md confirms is changed; the rest is carried over. */
const AMENDMENTS_2026: Partial<Record<ClockKind, Partial<RuleData>>> = {
  complaint_acceptance: {
    note: 'Có thông tin thời hạn thụ lý là 07 ngày làm việc từ 01/7/2026 nhưng chưa được xác nhận; giữ 10 ngày cho đến khi đối chiếu văn bản.',
  },
  complaint_resolution_first: {
    pausable: true,
    pauseSource:
      'Luật 136/2025/QH15 (tạm đình chỉ giải quyết khiếu nại; cần đối chiếu điều khoản — to verify)',
  },
  complaint_resolution_second: {
    pausable: true,
    pauseSource:
      'Luật 136/2025/QH15 (tạm đình chỉ giải quyết khiếu nại; cần đối chiếu điều khoản — to verify)',
  },
};

function withIds(code: string, rules: readonly RuleData[]): TimeLimitRule[] {
  return rules.map((rule) => ({ id: `${code}:${rule.clockKind}`, ...rule }));
}

export const RULE_SET_2019: RuleSet = {
  code: BASE_CODE,
  name: 'Thời hạn theo Luật Khiếu nại 2011, Luật Tiếp công dân 2013, Luật Tố cáo 2018',
  effectiveFrom: '2019-01-01' as LocalDate,
  source: 'Luật Khiếu nại số 02/2011/QH13; Luật Tiếp công dân số 42/2013/QH13; Luật Tố cáo số 25/2018/QH14',
  rules: withIds(BASE_CODE, BASE_RULES),
  apology: APOLOGY,
};

export const RULE_SET_2026_07: RuleSet = {
  code: AMENDED_CODE,
  name: 'Thời hạn sau Luật sửa đổi Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo (từ 01/7/2026)',
  effectiveFrom: '2026-07-01' as LocalDate,
  source:
    'Luật số 136/2025/QH15 sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo',
  rules: withIds(
    AMENDED_CODE,
    BASE_RULES.map((rule) => ({ ...rule, ...AMENDMENTS_2026[rule.clockKind] })),
  ),
  apology: APOLOGY,
  note: 'Các thời hạn không nêu trong DOMAIN.md được giữ như trước; đối chiếu văn bản hợp nhất khi có.',
};

export const OFFICIAL_RULE_SETS: readonly RuleSet[] = [RULE_SET_2019, RULE_SET_2026_07];
