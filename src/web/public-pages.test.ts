import { describe, expect, it } from 'vitest';
import type { PublicCaseStatus } from '../cases/public-case-status.schema.js';
import { INTAKE_FAILURE_PUBLIC_NOTICE } from '../intake/submission-failure.js';
import { trackingResultPage } from './public-pages.js';

const status: PublicCaseStatus = {
  code: 'UXP8-PZ8-8SS',
  kind: 'report',
  kindLabel: 'Phản ánh',
  status: 'received',
  statusLabel: 'Đã tiếp nhận',
  statusNote: null,
  organization: 'Trung tâm Y tế thành phố Thuận An',
  unit: null,
  receivedAt: '2026-03-02T02:00:00.000Z',
  updatedAt: '2026-03-02T02:00:00.000Z',
  outcome: null,
  answer: null,
  replies: [],
  repliesNeedSecret: false,
  dueDates: [],
  satisfaction: null,
};
const page = (s: PublicCaseStatus) =>
  trackingResultPage({ status: s, csrfToken: 't', secretRejected: false, letters: [] });

describe('the tracking page', () => {
  it('tells the sender of an unreadable submission to send it again, under the status', () => {
    const shown = page({ ...status, statusNote: INTAKE_FAILURE_PUBLIC_NOTICE });
    expect(shown).toContain('<p role="note">⚠️ Hệ thống đã nhận ý kiến của bạn');
    expect(shown.indexOf('role="note"')).toBeGreaterThan(shown.indexOf('Đã tiếp nhận'));
    expect(page(status)).not.toContain('role="note"');
  });
});
