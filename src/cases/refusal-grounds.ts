// Grounds for not accepting (không thụ lý) an item, as data. A refusal must name its ground and
// the notice to the sender quotes the label and the source, so the wording follows the statutes.
//
// Accuracy: written from the statutes as known to the author and spot-checked against public
// commentary; not checked against the official gazette text. `confidence: 'medium'` marks entries
// whose article/clause number or scope should be confirmed by a lawyer before the product is used
// for real. Luật 136/2025/QH15 (in force 01/7/2026) amends these laws; if it renumbers or changes
// grounds, add the new entries (new ids) rather than editing old ones, since refusals already
// recorded point at the old ids.
import { z } from 'zod';
import { CASE_KINDS, type CaseKind, type Label } from './case-vocabulary.js';

export interface RefusalGround {
  /** Stable id stored in the case event; kebab-case, never reused for another meaning. */
  readonly id: string;
  readonly appliesTo: readonly CaseKind[];
  /** Vietnamese, shown to officers and quoted in the notice to the sender. */
  readonly label: string;
  readonly labelEn: string;
  /** The provision, as it is cited in a Vietnamese notice. */
  readonly source: string;
  /** 'law' grounds come from a statute or circular; 'internal' ones from the unit's own rules. */
  readonly basis: 'law' | 'internal';
  readonly confidence: 'high' | 'medium';
  /** For officers and engineers: when another action fits better, or what to double-check. */
  readonly note?: string;
}

const LKN = 'Luật Khiếu nại 2011';
const LTC = 'Luật Tố cáo 2018';
const LTCD = 'Luật Tiếp công dân 2013';
const TT05 = 'Thông tư 05/2021/TT-TTCP';

const NON_PRAISE: readonly CaseKind[] = ['feedback', 'report', 'petition', 'complaint', 'denunciation'];

export const REFUSAL_GROUNDS = [
  // Luật Khiếu nại 2011, Điều 11: the nine cases where a complaint is not accepted.
  {
    id: 'complaint-excluded-act',
    appliesTo: ['complaint'],
    label:
      'Quyết định, hành vi bị khiếu nại là quyết định, hành vi hành chính trong nội bộ cơ quan nhà nước để chỉ đạo, ' +
      'tổ chức thực hiện nhiệm vụ, công vụ; trong chỉ đạo điều hành của cấp trên với cấp dưới; có chứa quy phạm ' +
      'pháp luật; hoặc thuộc phạm vi bí mật nhà nước về quốc phòng, an ninh, ngoại giao',
    labelEn:
      'The decision or act is internal to a state body, a direction from a superior body, a normative act, ' +
      'or a state secret in defence, security or foreign affairs',
    source: `${LKN}, Điều 11 khoản 1`,
    basis: 'law',
    confidence: 'high',
  },
  {
    id: 'complaint-no-direct-interest',
    appliesTo: ['complaint'],
    label:
      'Quyết định hành chính, hành vi hành chính bị khiếu nại không liên quan trực tiếp đến quyền, lợi ích hợp pháp ' +
      'của người khiếu nại',
    labelEn: "The decision or act does not directly concern the complainant's lawful rights or interests",
    source: `${LKN}, Điều 11 khoản 2`,
    basis: 'law',
    confidence: 'high',
  },
  {
    id: 'complaint-lacks-capacity',
    appliesTo: ['complaint'],
    label: 'Người khiếu nại không có năng lực hành vi dân sự đầy đủ mà không có người đại diện hợp pháp',
    labelEn: 'The complainant lacks full civil capacity and has no lawful representative',
    source: `${LKN}, Điều 11 khoản 3`,
    basis: 'law',
    confidence: 'high',
  },
  {
    id: 'complaint-unlawful-representative',
    appliesTo: ['complaint'],
    label: 'Người đại diện không hợp pháp thực hiện khiếu nại',
    labelEn: 'The complaint is made by a representative who is not lawful',
    source: `${LKN}, Điều 11 khoản 4`,
    basis: 'law',
    confidence: 'high',
  },
  {
    id: 'complaint-unsigned',
    appliesTo: ['complaint'],
    label: 'Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại',
    labelEn: 'The complaint is not signed or fingerprinted by the complainant',
    source: `${LKN}, Điều 11 khoản 5`,
    basis: 'law',
    confidence: 'high',
    note: 'A chat message alone is not a đơn: offer the pre-filled đơn before refusing on this ground.',
  },
  {
    id: 'complaint-time-limit-expired',
    appliesTo: ['complaint'],
    label: 'Thời hiệu, thời hạn khiếu nại đã hết mà không có lý do chính đáng',
    labelEn: 'The time limit for complaining has passed without a legitimate reason',
    source: `${LKN}, Điều 11 khoản 6`,
    basis: 'law',
    confidence: 'high',
  },
  {
    id: 'complaint-second-decision-exists',
    appliesTo: ['complaint'],
    label: 'Khiếu nại đã có quyết định giải quyết khiếu nại lần hai',
    labelEn: 'A second-time decision on the complaint already exists',
    source: `${LKN}, Điều 11 khoản 7`,
    basis: 'law',
    confidence: 'high',
  },
  {
    id: 'complaint-suspension-not-continued',
    appliesTo: ['complaint'],
    label:
      'Đã có văn bản thông báo đình chỉ việc giải quyết khiếu nại mà sau 30 ngày người khiếu nại không tiếp tục ' +
      'khiếu nại',
    labelEn: 'Handling was suspended by written notice and the complainant did not continue within 30 days',
    source: `${LKN}, Điều 11 khoản 8`,
    basis: 'law',
    confidence: 'high',
  },
  {
    id: 'complaint-before-court',
    appliesTo: ['complaint'],
    label:
      'Việc khiếu nại đã được Tòa án thụ lý hoặc đã được giải quyết bằng bản án, quyết định của Tòa án (trừ quyết ' +
      'định đình chỉ giải quyết vụ án hành chính)',
    labelEn:
      'A court has accepted the matter or decided it (other than by discontinuing an administrative case)',
    source: `${LKN}, Điều 11 khoản 9`,
    basis: 'law',
    confidence: 'high',
  },
  {
    id: 'complaint-not-administrative-act',
    appliesTo: ['complaint'],
    label:
      'Nội dung không phải là khiếu nại quyết định hành chính, hành vi hành chính hoặc quyết định kỷ luật cán bộ, ' +
      'công chức',
    labelEn:
      'The item does not challenge an administrative decision, administrative act or disciplinary decision',
    source: `${LKN}, Điều 2 khoản 1 (khái niệm khiếu nại)`,
    basis: 'law',
    confidence: 'medium',
    note: 'Most such items are reports or petitions: reclassify instead of refusing, so the sender still gets an answer.',
  },

  // Luật Tố cáo 2018: cases not accepted (Điều 27) and the conditions for acceptance (Điều 29).
  {
    id: 'denunciation-resolved-no-new-facts',
    appliesTo: ['denunciation'],
    label: 'Tố cáo về vụ việc đã được giải quyết mà người tố cáo không cung cấp thông tin, tình tiết mới',
    labelEn: 'The matter was already resolved and the denunciator brings no new information',
    source: `${LTC}, Điều 27`,
    basis: 'law',
    confidence: 'medium',
    note: 'Content recalled with confidence; confirm the article number (Điều 27) against the official text.',
  },
  {
    id: 'denunciation-no-basis',
    appliesTo: ['denunciation'],
    label:
      'Nội dung và thông tin người tố cáo cung cấp không có cơ sở để xác định người vi phạm, hành vi vi phạm pháp luật',
    labelEn: 'The content gives no basis to identify the violator or the violation',
    source: `${LTC}, Điều 27`,
    basis: 'law',
    confidence: 'medium',
    note: 'Confirm the article number (Điều 27) against the official text.',
  },
  {
    id: 'denunciation-cannot-verify',
    appliesTo: ['denunciation'],
    label:
      'Người có thẩm quyền giải quyết tố cáo không đủ điều kiện để kiểm tra, xác minh hành vi vi phạm pháp luật, ' +
      'người vi phạm',
    labelEn: 'The competent person cannot check or verify the violation or the violator',
    source: `${LTC}, Điều 27`,
    basis: 'law',
    confidence: 'medium',
    note: 'Confirm the article number (Điều 27) against the official text.',
  },
  {
    id: 'denunciation-anonymous-or-informal',
    appliesTo: ['denunciation'],
    label:
      'Tố cáo không rõ họ tên, địa chỉ người tố cáo, mạo danh người khác hoặc không thực hiện theo hình thức tố cáo ' +
      'luật định',
    labelEn: 'The denunciator is unnamed or impersonated, or the denunciation is not in a lawful form',
    source: `${LTC}, Điều 27 (dẫn chiếu Điều 25 khoản 4)`,
    basis: 'law',
    confidence: 'medium',
    note:
      'If it names the violator and gives checkable evidence the unit must still check it (Điều 25; NĐ 31/2019 ' +
      'Điều 20): reclassify as a report rather than refusing.',
  },
  {
    id: 'denunciation-lacks-capacity',
    appliesTo: ['denunciation'],
    label:
      'Người tố cáo không có đủ năng lực hành vi dân sự và không có người đại diện theo quy định của pháp luật',
    labelEn: 'The denunciator lacks civil capacity and has no lawful representative',
    source: `${LTC}, Điều 29 khoản 1 điểm b`,
    basis: 'law',
    confidence: 'high',
  },
  {
    id: 'denunciation-not-competent',
    appliesTo: ['denunciation'],
    label: 'Vụ việc không thuộc thẩm quyền giải quyết tố cáo của cơ quan, đơn vị tiếp nhận',
    labelEn: 'The matter is outside the competence of the receiving body',
    source: `${LTC}, Điều 29 khoản 1 điểm c`,
    basis: 'law',
    confidence: 'high',
    note: 'The law asks for forwarding to the competent body (Điều 24): use forward, once, unless already forwarded.',
  },
  {
    id: 'denunciation-of-complaint-resolver',
    appliesTo: ['denunciation'],
    label:
      'Tố cáo người đã giải quyết khiếu nại đúng thẩm quyền, trình tự, thủ tục mà không cung cấp được thông tin, ' +
      'tài liệu, chứng cứ chứng minh người giải quyết khiếu nại có hành vi vi phạm pháp luật',
    labelEn:
      'Denounces the person who lawfully resolved a complaint, without evidence that this person broke the law',
    source: `${LTC}, Điều 29 khoản 2`,
    basis: 'law',
    confidence: 'medium',
    note: 'Confirm the clause number against the official text.',
  },

  // Luật Tiếp công dân 2013, Điều 9 khoản 3: persistent repeats on a properly resolved matter.
  {
    id: 'repeat-of-resolved-matter',
    appliesTo: ['complaint', 'denunciation'],
    label:
      'Khiếu nại, tố cáo về vụ việc đã được giải quyết đúng chính sách, pháp luật, đã được kiểm tra, rà soát, thông ' +
      'báo bằng văn bản và đã được tiếp, giải thích, hướng dẫn nhưng vẫn cố tình kéo dài',
    labelEn:
      'A repeated complaint or denunciation on a matter resolved in accordance with the law, reviewed, answered ' +
      'in writing and explained',
    source: `${LTCD}, Điều 9 khoản 3`,
    basis: 'law',
    confidence: 'high',
  },

  // Thông tư 05/2021/TT-TTCP: đơn that need no further handling (DOMAIN.md §2.6).
  {
    id: 'already-guided-once',
    appliesTo: NON_PRAISE,
    label: 'Đơn có cùng nội dung đã được hướng dẫn một lần theo đúng quy định',
    labelEn: 'An item with the same content was already guided once',
    source: `${TT05}, Điều 6`,
    basis: 'law',
    confidence: 'medium',
    note: 'Confirm the clause of Điều 6 against the official text.',
  },
  {
    id: 'already-sent-to-competent-body',
    appliesTo: NON_PRAISE,
    label: 'Đơn đã được gửi đồng thời đến cơ quan có thẩm quyền giải quyết',
    labelEn: 'The item was also sent to the competent body',
    source: `${TT05}, Điều 6`,
    basis: 'law',
    confidence: 'medium',
    note: 'Confirm the clause of Điều 6 against the official text.',
  },
  {
    id: 'repeat-already-answered',
    appliesTo: ['feedback', 'report', 'petition'],
    label: 'Phản ánh, kiến nghị trùng nội dung đã được xem xét, trả lời theo quy định',
    labelEn: 'A report or petition repeating one already considered and answered',
    source: `${TT05}, Điều 6`,
    basis: 'law',
    confidence: 'medium',
    note: 'When the earlier item is still open, merge instead. Confirm the clause against the official text.',
  },

  {
    id: 'not-actionable',
    appliesTo: CASE_KINDS,
    label: 'Tin nhắn không có nội dung góp ý, phản ánh, kiến nghị (nhắn thử, quảng cáo, gửi nhầm)',
    labelEn: 'The message carries no feedback (a test, an advertisement, sent by mistake)',
    source: 'Quy chế tiếp nhận của đơn vị',
    basis: 'internal',
    confidence: 'high',
    note: 'Not a statutory ground: never use it for a complaint or denunciation that has content.',
  },
] as const satisfies readonly RefusalGround[];

export type RefusalGroundId = (typeof REFUSAL_GROUNDS)[number]['id'];

export const REFUSAL_GROUND_IDS = REFUSAL_GROUNDS.map((ground) => ground.id) as [
  RefusalGroundId,
  ...RefusalGroundId[],
];

export const ZRefusalGroundIdSchema = z.enum(REFUSAL_GROUND_IDS);

const GROUNDS_BY_ID: ReadonlyMap<string, RefusalGround> = new Map(
  REFUSAL_GROUNDS.map((ground) => [ground.id, ground]),
);

export function findRefusalGround(id: string): RefusalGround | undefined {
  return GROUNDS_BY_ID.get(id);
}

/** The grounds an officer may pick for a case of this kind, in the order above. */
export function refusalGroundsFor(kind: CaseKind): RefusalGround[] {
  return REFUSAL_GROUNDS.filter((ground) => (ground.appliesTo as readonly CaseKind[]).includes(kind));
}

/** "Label (Source)" — the sentence a notice of non-acceptance quotes. */
export function describeRefusalGround(ground: RefusalGround, locale: keyof Label = 'vi'): string {
  return locale === 'vi' ? `${ground.label} (${ground.source})` : `${ground.labelEn} (${ground.source})`;
}
