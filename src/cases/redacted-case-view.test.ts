import { describe, expect, it } from 'vitest';
import { buildCaseCard } from '../officer/case-card.js';
import { redactedCaseView, type CaseForView } from './redacted-case-view.js';

const row: CaseForView & { followUpSecretHash: string; identity: unknown } = {
  id: 'c1',
  code: 'ABCD-EFG-HJK',
  organizationId: 'org',
  unitId: 'u1',
  assigneeId: null,
  kind: 'report',
  audience: 'citizen',
  channel: 'telegram',
  status: 'received',
  urgency: 'urgent',
  category: null,
  identityMode: 'named',
  description: 'Gọi tôi 0903 123 456 hoặc a.b@example.com, CCCD 012345678901',
  place: 'Phòng 0903123456',
  occurredAt: 'Sáng 02/03/2026',
  involved: 'Điều dưỡng trực, sđt 0912345678',
  outcome: null,
  paused: false,
  petitionReceivedOn: null,
  receivedAt: new Date('2026-03-02T02:00:00Z'),
  resolvedAt: null,
  followUpSecretHash: 'scrypt:secret',
  identity: { contact: { name: 'Nguyễn Văn A' } },
};

describe('redactedCaseView', () => {
  it('masks contact details in the free text', () => {
    const view = redactedCaseView(row);
    expect(view.description).toBe('Gọi tôi [số điện thoại] hoặc [email], CCCD [số giấy tờ]');
    expect(view.place).toBe('Phòng [số điện thoại]');
    expect(view.involved).toBe('Điều dưỡng trực, sđt [số điện thoại]');
    expect(view.occurredAt).toBe('Sáng 02/03/2026');
  });

  it('never carries identity or secrets, only whether the sender is named', () => {
    const view = redactedCaseView(row) as unknown as Record<string, unknown>;
    expect(view).not.toHaveProperty('identity');
    expect(view).not.toHaveProperty('followUpSecretHash');
    expect(view).not.toHaveProperty('identityMode');
    expect(view.senderNamed).toBe(true);
    expect(JSON.stringify(view)).not.toContain('Nguyễn Văn A');
  });

  it('keeps empty fields empty and flags urgency', () => {
    const view = redactedCaseView({
      ...row,
      place: null,
      involved: null,
      occurredAt: null,
      urgency: 'normal',
    });
    expect(view).toMatchObject({ place: null, involved: null, occurredAt: null, urgent: false });
  });

  it('leaves no personal name the sender typed on the officer’s card', () => {
    const view = redactedCaseView({
      ...row,
      description: 'Bác sĩ Nguyễn Hoàng Long khám qua loa, tôi tên là Vũ Thị Hạnh',
      involved: 'chị Thảo điều dưỡng',
    });
    const card = buildCaseCard(view, {
      unitName: 'Khoa Nội',
      organizationName: 'Trung tâm Y tế khu vực Thuận An',
      deadline: null,
      attachmentCount: 0,
      actions: ['accept'],
    }).text;
    expect(card).toContain('Bác sĩ [họ tên] khám qua loa, tôi tên là [họ tên]');
    expect(card).toContain('Người liên quan: chị [họ tên] điều dưỡng');
    for (const name of ['Long', 'Hạnh', 'Thảo']) expect(card).not.toContain(name);
  });
});
