import { describe, expect, it } from 'vitest';
import { officerCommandOf, officerHelp, parseOfficerCommand } from './officer-commands.js';

const parse = (name: string, args: string) => parseOfficerCommand(officerCommandOf(name)!, args);

describe('reception register commands', () => {
  it('reads a visit typed on one line, one case per content after the đơn date', () => {
    expect(
      parse(
        'tiepdan',
        'Nguyễn Văn A | 079123456789 | - | 0912000111 | nhận đơn | 12/2/2026 | khiếu nại: Thu phí hai lần | tố cáo: Nhận tiền ngoài | hẹn: LH-0042',
      ),
    ).toEqual({
      ok: true,
      request: {
        type: 'reception_visit',
        visit: {
          name: 'Nguyễn Văn A',
          idNumber: '079123456789',
          address: null,
          phone: '0912000111',
          handling: 'accepted_petition',
          petitionDate: '2026-02-12',
          contents: [
            { kind: 'complaint', text: 'Thu phí hai lần' },
            { kind: 'denunciation', text: 'Nhận tiền ngoài' },
          ],
          bookingReference: 'LH-0042',
        },
      },
    });
    expect(parse('logvisit', 'B | - | - | - | trả lời | - | kiến nghị: Mở khám tối')).toMatchObject({
      ok: true,
      request: { visit: { handling: 'answered', petitionDate: null, bookingReference: null } },
    });
  });

  it('opens the step-by-step form when typed without arguments', () => {
    expect(parse('tiepdan', '  ')).toEqual({ ok: true, request: { type: 'reception_form' } });
  });

  it('answers a wrong line with the syntax and what is wrong', () => {
    const noContent = parse('tiepdan', 'B | - | - | - | trả lời | -');
    expect(noContent).toMatchObject({ ok: false, message: expect.stringContaining('Cú pháp: /tiepdan') });
    expect(parse('tiepdan', 'B | - | - | - | đi chơi | - | góp ý: x')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Hướng xử lý "đi chơi"'),
    });
    expect(parse('tiepdan', 'B | - | - | - | trả lời | 31/2/2026 | góp ý: x')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Ngày đơn'),
    });
    expect(parse('tiepdan', 'B | - | - | - | trả lời | - | không có loại')).toMatchObject({ ok: false });
  });

  it('reads the register period and format, PDF by default', () => {
    expect(parse('sotiepdan', '01/02/2026 28/02/2026')).toEqual({
      ok: true,
      request: { type: 'reception_register', from: '2026-02-01', to: '2026-02-28', format: 'pdf' },
    });
    expect(parse('sotiepdan', '01/02/2026 28/02/2026 XLSX')).toMatchObject({ request: { format: 'xlsx' } });
    expect(parse('sotiepdan', '01/02/2026 doc')).toMatchObject({ ok: false });
  });

  it('lists the commands for the receiving office and leaders only', () => {
    expect(officerHelp(['receiver'])).toMatch(/\/tiepdan/);
    expect(officerHelp(['leader'])).toMatch(/\/sotiepdan/);
    expect(officerHelp(['handler'])).not.toMatch(/\/tiepdan/);
  });
});
