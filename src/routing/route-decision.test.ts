import { describe, expect, it } from 'vitest';
import {
  decideRoute,
  type RoutingCase,
  type RoutingInputs,
  type RoutingRuleInput,
} from './route-decision.js';

const UNITS = [
  { id: 'u-noi', name: 'Khoa Nội', active: true },
  { id: 'u-duoc', name: 'Khoa Dược', active: true },
  { id: 'u-tckt', name: 'Phòng Tài chính – Kế toán', active: true },
  { id: 'u-closed', name: 'Khoa Cũ', active: false },
];

const rule = (over: Partial<RoutingRuleInput> & { id: string; unitId: string }): RoutingRuleInput => ({
  priority: 100,
  kind: null,
  category: null,
  keywords: [],
  active: true,
  ...over,
});

const inputs = (rules: RoutingRuleInput[] = []): RoutingInputs => ({
  organization: { id: 'org', parentId: 'parent' },
  units: UNITS,
  rules,
});

const subject = (over: Partial<RoutingCase> = {}): RoutingCase => ({
  kind: 'report',
  unitId: null,
  category: null,
  description: 'Nội dung',
  place: null,
  involved: null,
  ...over,
});

describe('decideRoute', () => {
  it('keeps the unit chosen by QR code', () => {
    const d = decideRoute(subject({ unitId: 'u-noi' }), inputs([rule({ id: 'r', unitId: 'u-duoc' })]));
    expect(d).toMatchObject({ rule: 'qr_unit', unitId: 'u-noi' });
    expect(d.reason).toContain('Khoa Nội');
  });

  it('ignores a QR unit that is closed, and routes by rules instead', () => {
    const d = decideRoute(subject({ unitId: 'u-closed' }), inputs([rule({ id: 'r', unitId: 'u-duoc' })]));
    expect(d).toMatchObject({ rule: 'routing_rule', unitId: 'u-duoc' });
  });

  it('matches keywords without diacritics, as whole words, and says which matched', () => {
    const rules = [rule({ id: 'r-thuoc', unitId: 'u-duoc', keywords: ['thuốc', 'nhà thuốc'] })];
    const d = decideRoute(subject({ description: 'Nha thuoc ban gia cao' }), inputs(rules));
    expect(d).toMatchObject({
      rule: 'routing_rule',
      unitId: 'u-duoc',
      routingRuleId: 'r-thuoc',
      matchedKeywords: ['thuốc', 'nhà thuốc'],
    });
    expect(d.reason).toContain('từ khóa: thuốc, nhà thuốc');
    expect(decideRoute(subject({ description: 'thuộc khoa nào' }), inputs(rules)).rule).toBe('no_match');
  });

  it('leaves the placeholder of an unreadable submission with the receiving office, whatever the rules', () => {
    const d = decideRoute(
      subject({ intakeFailureReason: 'payload_unreadable' }),
      inputs([rule({ id: 'r-all', unitId: 'u-duoc' })]),
    );
    expect(d).toMatchObject({ rule: 'no_match', unitId: null });
    expect(d.reason).toContain('Không đọc được nội dung');
  });

  it('looks at the place and the people involved too', () => {
    const rules = [rule({ id: 'r', unitId: 'u-tckt', keywords: ['thu ngân'] })];
    expect(decideRoute(subject({ place: 'Quầy thu ngân tầng 1' }), inputs(rules)).unitId).toBe('u-tckt');
    expect(decideRoute(subject({ involved: 'nhân viên thu ngân' }), inputs(rules)).unitId).toBe('u-tckt');
  });

  it('tries rules by priority, lower first, whatever their order', () => {
    const rules = [
      rule({ id: 'late', unitId: 'u-tckt', priority: 200, keywords: ['tiền'] }),
      rule({ id: 'early', unitId: 'u-duoc', priority: 10, keywords: ['tiền'] }),
    ];
    expect(decideRoute(subject({ description: 'thu tiền sai' }), inputs(rules)).routingRuleId).toBe('early');
  });

  it('requires every criterion of a rule: kind, category and one keyword', () => {
    const rules = [
      rule({ id: 'r', unitId: 'u-duoc', kind: 'complaint', category: 'Thuốc', keywords: ['thuốc'] }),
    ];
    expect(decideRoute(subject({ description: 'thuốc', category: 'thuoc' }), inputs(rules)).rule).toBe(
      'no_match',
    );
    expect(
      decideRoute(subject({ kind: 'complaint', description: 'thuốc', category: 'THUỐC' }), inputs(rules))
        .rule,
    ).toBe('routing_rule');
    expect(decideRoute(subject({ kind: 'complaint', description: 'thuốc' }), inputs(rules)).rule).toBe(
      'no_match',
    );
  });

  it('a rule without keywords matches on its kind alone; one without anything matches everything', () => {
    expect(
      decideRoute(subject({ kind: 'praise' }), inputs([rule({ id: 'r', unitId: 'u-noi', kind: 'praise' })]))
        .reason,
    ).toContain('loại Khen ngợi');
    expect(decideRoute(subject(), inputs([rule({ id: 'all', unitId: 'u-noi' })])).reason).toContain(
      'áp dụng cho mọi hồ sơ',
    );
  });

  it('skips inactive rules and rules pointing at closed or foreign units', () => {
    const rules = [
      rule({ id: 'off', unitId: 'u-duoc', active: false }),
      rule({ id: 'closed', unitId: 'u-closed' }),
      rule({ id: 'foreign', unitId: 'u-elsewhere' }),
    ];
    expect(decideRoute(subject(), inputs(rules))).toMatchObject({ rule: 'no_match', unitId: null });
  });

  it('leaves an unmatched case in the receiving officers’ inbox, saying so', () => {
    const d = decideRoute(subject(), inputs());
    expect(d).toEqual({
      rule: 'no_match',
      unitId: null,
      reason: 'Không xác định được khoa/phòng phụ trách; hồ sơ chờ cán bộ tiếp nhận phân loại.',
    });
  });

  it('competence comes before the QR code: a complaint about the head of the unit does not go to it', () => {
    const d = decideRoute(
      subject({ kind: 'denunciation', unitId: 'u-noi', description: 'Trưởng khoa ép bệnh nhân mua thuốc' }),
      inputs([rule({ id: 'r', unitId: 'u-duoc', keywords: ['thuốc'] })]),
    );
    expect(d).toMatchObject({
      rule: 'competence',
      unitId: null,
      competence: { level: 'organization', accusedUnitId: 'u-noi', senderProtected: true },
    });
    expect(d.reason).toContain('Khoa Nội');
    expect(d.reason).toContain('không tiết lộ người tố cáo');
  });

  it('refers a case about the director to the managing body, with the reason', () => {
    const d = decideRoute(
      subject({ kind: 'complaint', description: 'Giám đốc ký quyết định sai' }),
      inputs(),
    );
    expect(d).toMatchObject({
      rule: 'competence',
      unitId: null,
      competence: { level: 'managing_body', managingOrganizationId: 'parent' },
    });
    expect(d.reason).toContain('cơ quan quản lý cấp trên');
    expect(d.reason).toContain('Luật Tố cáo Điều 18');
  });

  it('says the case must be forwarded out when the managing body is not in the system', () => {
    const d = decideRoute(subject({ description: 'Giám đốc vi phạm' }), {
      ...inputs(),
      organization: { id: 'org', parentId: null },
    });
    expect(d.reason).toContain('chuyển đơn');
  });
});
