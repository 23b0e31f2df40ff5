import { describe, expect, it } from 'vitest';
import type { ConsoleActor } from '../console-actor.js';
import type { CasePageModel } from './case-page-model.js';
import { renderCaseSection } from './case-page-view.js';

const actor: ConsoleActor = { staffId: 's1', sessionId: 'x', lang: 'vi', csrfToken: 'tok-123' };

function model(over: Partial<CasePageModel> = {}): CasePageModel {
  const received = new Date('2026-03-02T02:00:00Z');
  return {
    view: {
      id: 'c1',
      code: 'ABCD-EFG-HJK',
      organizationId: 'o1',
      unitId: 'u1',
      assigneeId: null,
      kind: 'report',
      audience: 'citizen',
      channel: 'telegram',
      status: 'received',
      urgent: false,
      category: null,
      senderNamed: true,
      description: '<script>alert(1)</script> phòng 305',
      place: null,
      occurredAt: null,
      involved: null,
      outcome: null,
      paused: false,
      petitionRecorded: false,
      receivedAt: received,
      resolvedAt: null,
      contentUnreadable: false,
    },
    role: 'unit_head',
    reach: 'member',
    actions: ['accept', 'refuse', 'note'],
    scope: { organizationId: 'o1', unitId: 'u1' },
    row: {
      unit: { name: 'Khoa Nội', code: 'ta-knoi' },
      organization: { name: 'TTYT Thuận An' },
      duplicateOf: null,
      duplicates: [],
      attachments: [],
    } as unknown as CasePageModel['row'],
    governing: null,
    clocks: [],
    routing: { rule: 'qr_unit', reason: 'Mã QR của khoa Nội' },
    timeline: [],
    letters: [],
    triage: null,
    canReply: true,
    reveal: {
      offered: false,
      why: 'Theo quy định của đơn vị, chỉ Lãnh đạo mới được xem danh tính người gửi.',
    },
    draftable: [],
    petitionForm: false,
    newDate: false,
    choices: { units: [], staff: [], grounds: [] },
    ...over,
  };
}

describe('renderCaseSection', () => {
  it('escapes the case text and offers a form, with the CSRF field, for each action the role may take', () => {
    const out = renderCaseSection(model(), actor).value;
    expect(out).not.toContain('<script>alert(1)</script>');
    expect(out).toContain('&lt;script&gt;');
    expect(out).toContain('action="/console/ho-so/ABCD-EFG-HJK/thao-tac/accept"');
    expect(out).toContain('action="/console/ho-so/ABCD-EFG-HJK/thao-tac/refuse"');
    expect(out).not.toContain('/thao-tac/resolve');
    expect(out).toContain('action="/console/ho-so/ABCD-EFG-HJK/ghi-chu"');
    expect(out).toContain('action="/console/ho-so/ABCD-EFG-HJK/tra-loi"');
    expect(out.match(/name="_csrf" value="tok-123"/g)?.length).toBe(4);
    expect(out).toContain('Mã QR của khoa Nội');
  });

  it('offers the reveal only when the policy allows it, and says why not otherwise', () => {
    expect(renderCaseSection(model(), actor).value).not.toContain('/danh-tinh');
    expect(renderCaseSection(model(), actor).value).toContain('chỉ Lãnh đạo mới được xem danh tính');
    const offered = renderCaseSection(model({ reveal: { offered: true } }), actor).value;
    expect(offered).toContain('action="/console/ho-so/ABCD-EFG-HJK/danh-tinh"');
    expect(offered).toContain('minlength="10"');
  });

  it('shows a refusal as an alert and a revealed contact once', () => {
    const out = renderCaseSection(model(), actor, {
      error: 'Hồ sơ đã kết thúc.',
      revealed: {
        caseId: 'c1',
        caseCode: 'ABCD-EFG-HJK',
        contact: { name: 'Nguyễn Thị Hoa', phone: '0903 123 456' },
        typed: [],
        role: 'leader',
        accessLogId: 'a1',
      },
    }).value;
    expect(out).toMatch(/role="alert"[^>]*>.*Hồ sơ đã kết thúc\./s);
    expect(out).toContain('0903 123 456');
    expect(out).not.toContain('/danh-tinh');
  });

  it('shows oversight read-only: the role marked, no form, no link to a file or a letter', () => {
    const withFiles = (reach: 'member' | 'oversight') =>
      model({
        reach,
        role: 'leader',
        actions: reach === 'member' ? ['note'] : [],
        canReply: reach === 'member',
        row: {
          ...model().row,
          attachments: [{ id: 'f1', fileName: 'don.jpg', mimeType: 'image/jpeg', sizeBytes: 2048 }],
        } as unknown as CasePageModel['row'],
        letters: [
          {
            id: 'l1',
            kind: 'thank_you',
            status: 'sent',
            number: 1,
            year: 2026,
            canSign: false,
            canResend: false,
            canReturn: false,
          },
        ],
      });
    const member = renderCaseSection(withFiles('member'), actor).value;
    expect(member).toContain('/console/tep/f1');
    expect(member).toContain('/console/thu/l1/pdf');
    const oversight = renderCaseSection(withFiles('oversight'), actor).value;
    expect(oversight).toContain('chỉ xem');
    expect(oversight).toContain('don.jpg');
    expect(oversight).toContain('cơ quan quản lý không mở được');
    expect(oversight).not.toContain('/console/tep/');
    expect(oversight).not.toContain('/pdf');
    expect(oversight).not.toContain('action="/console/ho-so/');
  });
});
