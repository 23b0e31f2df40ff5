// Which unit a new case goes to, and why. Pure: the service loads the inputs and applies the result.
//
// In order:
// 0. a placeholder for a submission that could not be read (decision 0026) stays with the
//    receiving office: there is nothing for a rule or the competence check to read;
// 1. competence — a case about the head or a deputy of a unit or of the organisation is not given
//    to that unit (competence.ts); the decision says who decides instead;
// 2. qr_unit — the unit chosen when sending (the QR code of the department) wins;
// 3. routing_rule — the first active rule, by priority (lower number first), whose kind, category
//    and keywords all match; keywords match as whole words, with or without diacritics (fold-text.ts),
//    any one of them;
// 4. no_match — the receiving officers' inbox (no unit).
import { CASE_KIND_LABELS, type CaseKind } from '../cases/case-vocabulary.js';
import type { CompetenceReferral, RouteRule } from '../cases/case-scope.js';
import { detectCompetence, type CompetenceContext } from './competence.js';
import { containsPhrase, foldText, tokenize } from './fold-text.js';

export interface RoutingCase {
  kind: CaseKind;
  unitId: string | null;
  category: string | null;
  description: string;
  place: string | null;
  involved: string | null;
  /** Set on the placeholder case of a submission that could not be read. */
  intakeFailureReason?: string | null;
}

export interface RoutingUnit {
  id: string;
  name: string;
  active: boolean;
}

export interface RoutingRuleInput {
  id: string;
  priority: number;
  kind: CaseKind | null;
  category: string | null;
  keywords: readonly string[];
  unitId: string;
  active: boolean;
}

export interface RoutingInputs {
  organization: { id: string; parentId: string | null };
  /** The organisation's units. */
  units: readonly RoutingUnit[];
  rules: readonly RoutingRuleInput[];
  competence?: Pick<CompetenceContext, 'kinds' | 'organizationTitles' | 'unitTitles'>;
}

export interface RouteDecision {
  rule: RouteRule;
  /** The unit to assign the case to; null leaves it in the receiving officers' inbox. */
  unitId: string | null;
  /** Vietnamese, recorded in the audit event and shown to officers. */
  reason: string;
  routingRuleId?: string;
  matchedKeywords?: string[];
  competence?: CompetenceReferral;
}

export function decideRoute(subject: RoutingCase, inputs: RoutingInputs): RouteDecision {
  if (subject.intakeFailureReason) {
    return {
      rule: 'no_match',
      unitId: null,
      reason: 'Không đọc được nội dung ý kiến; hồ sơ chờ cán bộ tiếp nhận xử lý.',
    };
  }
  const units = new Map(inputs.units.map((u) => [u.id, u]));

  const competence = detectCompetence(subject, {
    organizationParentId: inputs.organization.parentId,
    units: inputs.units,
    ...inputs.competence,
  });
  if (competence) {
    return { rule: 'competence', unitId: null, reason: competenceReason(competence, units), competence };
  }

  const chosen = subject.unitId ? units.get(subject.unitId) : undefined;
  if (chosen?.active) {
    return {
      rule: 'qr_unit',
      unitId: chosen.id,
      reason: `Người gửi đã chọn ${chosen.name} khi gửi (mã QR của khoa/phòng).`,
    };
  }

  const text = tokenize([subject.description, subject.place ?? '', subject.involved ?? ''].join(' \n '));
  const category = subject.category ? foldText(subject.category) : null;
  const ordered = [...inputs.rules].sort((a, b) => a.priority - b.priority || a.id.localeCompare(b.id));
  for (const rule of ordered) {
    const unit = units.get(rule.unitId);
    if (!rule.active || !unit?.active) continue;
    if (rule.kind && rule.kind !== subject.kind) continue;
    if (rule.category && foldText(rule.category) !== category) continue;
    const matchedKeywords = rule.keywords.filter((k) => containsPhrase(text, tokenize(k)));
    if (rule.keywords.length > 0 && matchedKeywords.length === 0) continue;
    return {
      rule: 'routing_rule',
      unitId: unit.id,
      routingRuleId: rule.id,
      matchedKeywords,
      reason: `Theo quy tắc phân luồng (ưu tiên ${rule.priority}; ${criteria(rule, matchedKeywords)}): giao ${unit.name}.`,
    };
  }

  return {
    rule: 'no_match',
    unitId: null,
    reason: 'Không xác định được khoa/phòng phụ trách; hồ sơ chờ cán bộ tiếp nhận phân loại.',
  };
}

function criteria(rule: RoutingRuleInput, matched: readonly string[]): string {
  const parts = [
    rule.kind ? `loại ${CASE_KIND_LABELS[rule.kind].vi}` : null,
    rule.category ? `nhóm "${rule.category}"` : null,
    matched.length ? `từ khóa: ${matched.join(', ')}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'áp dụng cho mọi hồ sơ';
}

function competenceReason(c: CompetenceReferral, units: Map<string, RoutingUnit>): string {
  const titles = c.titles.join(', ');
  const protect = c.senderProtected
    ? ' Đây là tố cáo: tuyệt đối không tiết lộ người tố cáo cho người, khoa/phòng bị tố cáo.'
    : '';
  if (c.level === 'managing_body') {
    const to = c.managingOrganizationId
      ? 'chuyển lãnh đạo cơ quan quản lý cấp trên xem xét, giải quyết.'
      : 'cơ quan quản lý cấp trên chưa có trong hệ thống: cán bộ tiếp nhận chuyển đơn kèm phiếu chuyển.';
    return `Hồ sơ nêu người đứng đầu hoặc cấp phó của đơn vị (${titles}) nên thuộc thẩm quyền của cơ quan quản lý cấp trên (Luật Tố cáo Điều 18); ${to}${protect}`;
  }
  const unit = c.accusedUnitId ? units.get(c.accusedUnitId)?.name : undefined;
  const of = unit ? ` của ${unit}` : ' của khoa/phòng';
  return `Hồ sơ nêu người đứng đầu hoặc cấp phó${of} (${titles}) nên do lãnh đạo đơn vị giải quyết, không giao cho chính khoa/phòng đó; hồ sơ chờ cán bộ tiếp nhận trình lãnh đạo.${protect}`;
}
