import { describe, expect, it } from 'vitest';
import { REGISTER_COLUMNS, registerRows, type RegisterVisit } from './register-rows.js';

const visit = (over: Partial<RegisterVisit> = {}): RegisterVisit => ({
  visitedAt: new Date('2026-02-12T03:00:00Z'),
  visitor: { name: 'Nguyễn Thị Hồng', idNumber: '079123456789', address: '12 Lê Lợi' },
  summary: 'Khiếu nại thu phí',
  handling: 'forwarded',
  priorBody: 'UBND phường',
  bookingReference: null,
  petitionReceivedOn: new Date('2026-02-12T00:00:00Z'),
  officerName: 'Lê Thị Tiếp',
  cases: [
    { code: 'AAAA-BBB-CCC', kind: 'complaint', status: 'received', governingDueOn: new Date('2026-03-05') },
  ],
  ...over,
});

describe('registerRows', () => {
  it('fills the official columns 1–12 in Vietnam time, ticking one handling column', () => {
    const [row] = registerRows([visit()]);
    expect(row).toHaveLength(REGISTER_COLUMNS.length);
    expect(row).toEqual([
      '1',
      '10:00 12/02/2026',
      'Nguyễn Thị Hồng - 12 Lê Lợi',
      '079123456789',
      'Khiếu nại thu phí',
      'Khiếu nại / 1 người',
      'UBND phường',
      '',
      '',
      'x',
      'AAAA-BBB-CCC: Đã tiếp nhận, hạn 05/03/2026',
      'Đơn ngày 12/02/2026; Cán bộ tiếp: Lê Thị Tiếp',
    ]);
  });

  it('notes an answer given on the spot, which has no column of its own', () => {
    const [row] = registerRows([
      visit({ handling: 'answered', petitionReceivedOn: null, bookingReference: 'LH-1' }),
    ]);
    expect(row!.slice(7, 10)).toEqual(['', '', '']);
    expect(row![11]).toBe('Trả lời trực tiếp; Lịch hẹn/mã hồ sơ mang đến: LH-1; Cán bộ tiếp: Lê Thị Tiếp');
  });
});
