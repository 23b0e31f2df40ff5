import { describe, expect, it } from 'vitest';
import {
  cardButtonValue,
  inboxArgsOfButton,
  inboxButtonValue,
  parseDutyCommand,
  parseDutyTime,
  officerCommandOf,
  officerHelp,
  parseCardButton,
  parseHotlineForm,
  parseOfficerCommand,
} from './officer-commands.js';

const parse = (name: string, args: string) => parseOfficerCommand(officerCommandOf(name)!, args);

describe('officer commands', () => {
  it('knows Vietnamese names and English aliases, and nothing else', () => {
    expect(officerCommandOf('thuly')).toBe('thuly');
    expect(officerCommandOf('ACCEPT')).toBe('thuly');
    expect(officerCommandOf('hotline')).toBe('nhanduongday');
    expect(officerCommandOf('start')).toBeUndefined();
    expect(officerCommandOf('tracuu')).toBeUndefined();
  });

  it('parses case actions with their parameters', () => {
    expect(parse('thuly', 'ABCD-EFG-HJK')).toEqual({
      ok: true,
      request: { type: 'action', action: 'accept', code: 'ABCD-EFG-HJK', params: {} },
    });
    expect(parse('tuchoi', 'ABCD-EFG-HJK complaint-unsigned Đơn không ký')).toMatchObject({
      request: { action: 'refuse', params: { groundId: 'complaint-unsigned', reason: 'Đơn không ký' } },
    });
    expect(parse('giaiquyet', 'ABCD-EFG-HJK đúng Đã xin lỗi gia đình')).toMatchObject({
      request: { action: 'resolve', params: { outcome: 'valid', answer: 'Đã xin lỗi gia đình' } },
    });
    expect(parse('resolve', 'X partly_valid Trả lời')).toMatchObject({
      request: { params: { outcome: 'partly_valid' } },
    });
    expect(parse('giahan', 'X 10 Cần xác minh')).toMatchObject({
      request: { action: 'extend', params: { days: 10 } },
    });
    expect(parse('phanloai', 'X khiếu nại Có đơn ký')).toMatchObject({
      request: { action: 'reclassify', params: { newKind: 'complaint', reason: 'Có đơn ký' } },
    });
    expect(parse('nhandon', 'X 14/02/2026')).toMatchObject({
      request: { action: 'record_petition_document', params: { receivedOn: '14/02/2026' } },
    });
    expect(parse('gop', 'X Y trùng')).toEqual({
      ok: true,
      request: { type: 'merge', code: 'X', masterCode: 'Y', reason: 'trùng' },
    });
    expect(parse('giao', 'X ta-knhi')).toMatchObject({ request: { type: 'assign', target: 'ta-knhi' } });
    expect(parse('traloi', 'X  Xin cảm ơn  ')).toMatchObject({
      request: { type: 'reply', text: 'Xin cảm ơn' },
    });
  });

  it('lists the grounds when a refusal names none', () => {
    expect(parse('tuchoi', 'ABCD-EFG-HJK')).toEqual({
      ok: true,
      request: { type: 'refuse_grounds', code: 'ABCD-EFG-HJK' },
    });
  });

  it('answers with the syntax when something required is missing', () => {
    for (const [name, args] of [
      ['xem', ''],
      ['giaiquyet', 'X maybe trả lời'],
      ['giaiquyet', 'X valid'],
      ['giahan', 'X abc lý do'],
      ['tamdung', 'X'],
      ['danhtinh', 'X'],
      ['phanloai', 'X unknownkind lý do'],
    ] as const) {
      const parsed = parse(name, args);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/Cú pháp/);
    }
  });

  it('reads inbox filters', () => {
    expect(parse('hopthu', '')).toMatchObject({ request: { status: null, unitCode: null } });
    expect(parse('hopthu', 'received ta-knhi')).toMatchObject({
      request: { status: 'received', unitCode: 'ta-knhi' },
    });
    expect(parse('hopthu', 'tatca')).toMatchObject({ request: { status: 'all', page: 1 } });
    expect(parse('hopthu', 'tatca ta-knhi trang 3')).toMatchObject({
      request: { status: 'all', unitCode: 'ta-knhi', page: 3 },
    });
    expect(parse('hopthu', 'trang')).toMatchObject({ ok: false });
  });

  it('reads the extra inbox filters and a cursor', () => {
    expect(parse('hopthu', 'ta-knhi cuatoi khẩn quá-hạn')).toMatchObject({
      request: { unitCode: 'ta-knhi', assignee: 'me', urgent: true, overdue: true, cursor: null },
    });
    expect(parse('hopthu', `chuagiao sau ${'A'.repeat(24)}`)).toMatchObject({
      request: { assignee: 'none', cursor: { direction: 'after', token: 'A'.repeat(24) } },
    });
    expect(parse('hopthu', 'truoc abc')).toMatchObject({ ok: false });
  });

  it('turns an inbox paging button back into the same filters and cursor', () => {
    const token = 'AbCd_-'.repeat(4);
    const request = {
      status: 'in_progress',
      unitCode: 'ta-knhi',
      assignee: 'me',
      urgent: true,
      overdue: false,
    } as const;
    const value = inboxButtonValue(request, 'before', token)!;
    expect(Buffer.byteLength(value)).toBeLessThanOrEqual(64);
    expect(parse('hopthu', inboxArgsOfButton(value)!)).toMatchObject({
      request: { type: 'inbox', ...request, cursor: { direction: 'before', token } },
    });
    const plain = { status: null, unitCode: null, assignee: null, urgent: false, overdue: false };
    expect(parse('hopthu', inboxArgsOfButton(inboxButtonValue(plain, 'after', token)!)!)).toMatchObject({
      request: { ...plain, cursor: { direction: 'after', token } },
    });
    // Too long for Telegram's 64 bytes: no button (the inbox says to type a page instead).
    expect(inboxButtonValue({ ...plain, unitCode: 'k'.repeat(40) }, 'after', token)).toBeNull();
    // A page-number button on an older message still works.
    expect(parse('hopthu', inboxArgsOfButton('ib:all:ta-knhi:2')!)).toMatchObject({
      request: { status: 'all', unitCode: 'ta-knhi', page: 2 },
    });
    expect(inboxArgsOfButton('oc:view:ABCD')).toBeUndefined();
  });

  it('reads duty commands: who is on duty, take a shift, set a shift', () => {
    expect(parseDutyCommand('')).toEqual({ ok: true, request: { type: 'duty' } });
    expect(parseDutyCommand('nhan')).toEqual({ ok: true, request: { type: 'duty_take', hours: 8 } });
    expect(parseDutyCommand('nhận 12 giờ')).toEqual({ ok: true, request: { type: 'duty_take', hours: 12 } });
    expect(parseDutyCommand('nhan 30')).toMatchObject({ ok: false });
    expect(parseDutyCommand('07:00 02/03/2026 | 2/3/2026 19:30 | Nguyễn Văn A')).toEqual({
      ok: true,
      request: {
        type: 'duty_set',
        from: '2026-03-02T07:00',
        to: '2026-03-02T19:30',
        fullName: 'Nguyễn Văn A',
      },
    });
    expect(parseDutyCommand('07:00 | 19:00 | An')).toMatchObject({ ok: false });
    expect(parseDutyTime('2026-03-02T07:00')).toBe('2026-03-02T07:00');
    expect(parseDutyTime('7h sáng')).toBeNull();
  });

  it('reads the one-line hotline form', () => {
    expect(parseHotlineForm('')).toEqual({ ok: true, request: { type: 'hotline_form' } });
    expect(parseHotlineForm('phản ánh | - | Chờ lâu | | ')).toEqual({
      ok: true,
      request: {
        type: 'hotline_call',
        call: { kind: 'report', unitCode: null, text: 'Chờ lâu', callerName: null, callerPhone: null },
      },
    });
    expect(parseHotlineForm('khen | TA-KNHI | Bác sĩ tận tình | An | 0912000111')).toMatchObject({
      request: { call: { kind: 'praise', unitCode: 'ta-knhi', callerName: 'An', callerPhone: '0912000111' } },
    });
    expect(parseHotlineForm('xyz | ta-knhi | nội dung').ok).toBe(false);
  });

  it('round-trips card buttons within 64 bytes', () => {
    const value = cardButtonValue('record_petition_document', 'ABCD-EFG-HJK');
    expect(Buffer.byteLength(value)).toBeLessThanOrEqual(64);
    expect(parseCardButton(value)).toEqual({ action: 'record_petition_document', code: 'ABCD-EFG-HJK' });
    expect(parseCardButton('sat:ABCD-EFG-HJK:5')).toBeUndefined();
  });

  it('shows each role the commands it can use', () => {
    expect(officerHelp(['handler'])).toMatch(/\/giaiquyet/);
    expect(officerHelp(['handler'])).not.toMatch(/\/gop/);
    expect(officerHelp(['receiver'])).toMatch(/\/gop/);
    expect(officerHelp(['inspector'])).not.toMatch(/\/ghichu/);
  });
});

describe('button prompts', () => {
  it('turn a command template into what is left to type, and an answer into the command', async () => {
    const { promptOfTemplate, commandArgsOfAnswer } = await import('./button-prompt.js');
    expect(promptOfTemplate('/giahan {code} <số ngày> <lý do>')).toEqual({
      command: 'giahan',
      rest: '<số ngày> <lý do>',
    });
    expect(promptOfTemplate('(chưa hỗ trợ trên bot)')).toBeUndefined();
    expect(promptOfTemplate('/khongco {code} <x>')).toBeUndefined();
    const args = commandArgsOfAnswer(
      { command: 'giahan', code: 'ABCD-EFG-HJK' },
      ' 5 Chờ kết quả xét nghiệm ',
    );
    expect(parseOfficerCommand('giahan', args)).toMatchObject({
      ok: true,
      request: { type: 'action', action: 'extend', code: 'ABCD-EFG-HJK', params: { days: 5 } },
    });
  });
});
