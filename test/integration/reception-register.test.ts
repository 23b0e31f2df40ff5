// The reception register on a real database and Redis: a walk-in visit with a đơn signed on the spot
// starts the statutory clock on the đơn's date, mixed content becomes separate cases, and the
// register prints as PDF (read by pdftotext) and XLSX (read back by exceljs) with the same rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { createStaff } from '../../src/directory/create-staff.js';
import {
  loadReceptionRegister,
  logReceptionVisit,
  printReceptionRegister,
} from '../../src/reception-register/index.js';
import { bookReception } from '../../src/reception/reception-bookings.js';
import { addReceptionSession } from '../../src/reception/reception-sessions.js';
import { readRegisterWorkbook } from '../../src/reception-register/register-workbook.js';
import type { LocalDate } from '../../src/calendar/local-date.js';
import { pdfText } from '../helpers/pdf-inspect.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

// Thursday 12/02/2026, 10:00 in Hà Nội: the Tết holidays (14–22/02/2026) follow.
const clock = fixedClock(new Date('2026-02-12T03:00:00Z'));
let t: TestContext;
let orgId: string;
let receiver: string;
let handler: string;
let booking: { id: string; reference: string };

beforeAll(async () => {
  t = await createTestContext({ clock });
  orgId = (await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } })).id;
  receiver = (
    await createStaff(t.ctx, {
      organizationCode: 'ttyt-thuan-an',
      fullName: 'Lê Thị Tiếp',
      roles: [{ role: 'receiver' }],
    })
  ).id;
  handler = (
    await createStaff(t.ctx, {
      organizationCode: 'ttyt-thuan-an',
      fullName: 'Trần Văn Xử',
      roles: [{ role: 'handler', unitCode: 'ta-knoi' }],
    })
  ).id;
  // The person booked a seat from the chat, about a case of theirs; they come with its reference.
  const { session } = await addReceptionSession(
    t.ctx,
    {
      organizationCode: 'ttyt-thuan-an',
      receiverRole: 'head',
      receiverName: 'Giám đốc Nguyễn Văn Tâm',
      place: 'Phòng Tiếp công dân',
      mode: 'in_person',
      rule: {
        recurrence: 'weekly',
        weekday: 2,
        startsOn: '2026-03-03',
        startTime: '08:00',
        endTime: '09:00',
        capacityPerSlot: 2,
      },
    },
    { noticeWorkingDays: 5 },
  );
  const booked = await bookReception(t.ctx, {
    organizationCode: 'ttyt-thuan-an',
    sessionId: session.id,
    date: '2026-03-03' as LocalDate,
    slot: '08:00',
    name: 'Nguyễn Thị Hồng',
    phone: '0912 345 678',
    conversation: { channel: 'telegram', conversationId: '7200001' },
    locale: 'vi',
    caseCode: 'ABCD-EFG-HJK',
  });
  if (!booked.ok) throw new Error('not booked');
  const row = await t.ctx.db.prisma.receptionBooking.findUniqueOrThrow({
    where: { reference: booked.booking.reference },
  });
  booking = { id: row.id, reference: row.reference };
});
afterAll(async () => {
  await t.cleanup();
});

const clocksOf = async (caseId: string) =>
  Object.fromEntries(
    (await t.ctx.db.prisma.clock.findMany({ where: { caseId } })).map((c) => [
      c.kind,
      { startedOn: c.startedOn.toISOString().slice(0, 10), dueOn: c.dueOn.toISOString().slice(0, 10) },
    ]),
  );

describe('logReceptionVisit', () => {
  it('logs a walk-in with a đơn dated D: the statutory clock starts on D, mixed content splits', async () => {
    const visit = {
      officerStaffId: receiver,
      organizationId: orgId,
      visitKey: 'visit-0001-walkin',
      visitor: {
        name: 'Nguyễn Thị Hồng',
        idNumber: '079123456789',
        address: '12 đường Lê Lợi, phường Hồng An',
        phone: '0912 345 678',
      },
      summary: 'Khiếu nại việc thu viện phí sai và tố cáo nhân viên nhận tiền ngoài',
      handling: 'accepted_petition' as const,
      contents: [
        { kind: 'complaint' as const, text: 'Không đồng ý việc thu viện phí 2 lần ngày 05/02/2026' },
        { kind: 'denunciation' as const, text: 'Nhân viên quầy thu ngân nhận tiền ngoài để làm nhanh' },
      ],
      petitionDate: '2026-02-12',
      bookingReference: booking.reference.toLowerCase(),
    };
    const logged = await logReceptionVisit(t.ctx, visit);
    expect(logged.duplicate).toBe(false);
    expect(logged.cases.map((c) => [c.kind, c.petitionReceivedOn])).toEqual([
      ['complaint', '2026-02-12'],
      ['denunciation', '2026-02-12'],
    ]);
    const [complaint, denunciation] = logged.cases;
    expect(complaint!.code).not.toBe(denunciation!.code);
    // 10 working days from 12/02/2026 skip the Tết holidays and end on Thursday 05/03/2026.
    expect((await clocksOf(complaint!.caseId)).complaint_acceptance).toEqual({
      startedOn: '2026-02-12',
      dueOn: '2026-03-05',
    });
    expect(Object.values(await clocksOf(denunciation!.caseId)).map((c) => c.startedOn)).toContain(
      '2026-02-12',
    );

    const c = await t.ctx.db.prisma.case.findUniqueOrThrow({
      where: { id: complaint!.caseId },
      include: { identity: true, events: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
    });
    expect(c).toMatchObject({ channel: 'in_person', identityMode: 'named' });
    expect(Buffer.from(c.identity!.ciphertext).toString('utf8')).not.toContain('Hồng');
    expect(c.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['receive', 'record_petition_document', 'log_reception_visit']),
    );
    const logEvent = c.events.find((e) => e.action === 'log_reception_visit')!;
    expect(logEvent).toMatchObject({ actorStaffId: receiver, actorRole: 'receiver' });
    expect(JSON.stringify(c.events)).not.toMatch(/Hồng|079123456789|0912/);
    const stored = await t.ctx.db.prisma.receptionVisit.findUniqueOrThrow({
      where: { visitKey: visit.visitKey },
    });
    expect(Buffer.from(stored.visitorCiphertext).toString('utf8')).not.toContain('079123456789');

    // The booking the person came with records the visit; the register names it with its case.
    expect(stored.bookingReference).toBe(`${booking.reference} (hồ sơ ABCD-EFG-HJK)`);
    expect(
      await t.ctx.db.prisma.receptionEvent.findMany({ where: { bookingId: booking.id, action: 'visited' } }),
    ).toMatchObject([{ actorStaffId: receiver, data: { visitId: logged.visitId } }]);

    // The same form sent again logs nothing new.
    const again = await logReceptionVisit(t.ctx, visit);
    expect(again).toMatchObject({ duplicate: true, visitId: logged.visitId });
    expect(again.cases.map((x) => x.code)).toEqual(logged.cases.map((x) => x.code));
    expect(await t.ctx.db.prisma.case.count({ where: { channel: 'in_person' } })).toBe(2);
  });

  it('logs a visit answered on the spot, without a đơn, as one case with no statutory clock', async () => {
    const logged = await logReceptionVisit(t.ctx, {
      officerStaffId: receiver,
      organizationId: orgId,
      visitKey: 'visit-0002-answered',
      visitedAt: new Date('2026-02-12T02:30:00Z'),
      visitor: { name: 'Phạm Văn Dũng' },
      summary: 'Hỏi giờ khám ngoài giờ của Khoa Khám bệnh',
      handling: 'answered',
      contents: [{ kind: 'petition', text: 'Đề nghị mở khám ngoài giờ buổi tối' }],
    });
    expect(logged.cases).toHaveLength(1);
    expect(logged.cases[0]!.petitionReceivedOn).toBeNull();
  });

  it('refuses a handler, a "nhận đơn" without the đơn date, and bad fields, in Vietnamese, writing nothing', async () => {
    const base = {
      organizationId: orgId,
      visitKey: 'visit-0003-refused',
      visitor: { name: 'Võ Văn Ba' },
      summary: 'Phản ánh',
      handling: 'guided' as const,
      contents: [{ kind: 'report' as const, text: 'Phản ánh thái độ' }],
    };
    await expect(logReceptionVisit(t.ctx, { ...base, officerStaffId: handler })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      logReceptionVisit(t.ctx, { ...base, officerStaffId: receiver, handling: 'accepted_petition' }),
    ).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('ngày của đơn') });
    await expect(
      logReceptionVisit(t.ctx, { ...base, officerStaffId: receiver, contents: [] }),
    ).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('Nội dung vụ việc') });
    await expect(
      logReceptionVisit(t.ctx, {
        ...base,
        officerStaffId: receiver,
        visitor: { name: 'A', idNumber: '12-34' },
      }),
    ).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('CCCD') });
    await expect(
      logReceptionVisit(t.ctx, { ...base, officerStaffId: receiver, bookingReference: 'LH-ZZZZZZ' }),
    ).rejects.toMatchObject({
      code: 'validation',
      message: 'Không tìm thấy lịch hẹn LH-ZZZZZZ của đơn vị này.',
    });
    expect(await t.ctx.db.prisma.receptionVisit.count({ where: { visitKey: base.visitKey } })).toBe(0);
  });
});

describe('printReceptionRegister', () => {
  const period = { organizationId: orgId, from: '2026-02-01' as LocalDate, to: '2026-02-28' as LocalDate };

  it('prints the period as a PDF with the official heading, the rows and Vietnamese diacritics', async () => {
    const printed = await printReceptionRegister(t.ctx, { ...period, organizationId: orgId, format: 'pdf' });
    expect(printed).toMatchObject({ visits: 2, mimeType: 'application/pdf' });
    expect(printed.fileName).toBe('so-tiep-cong-dan-ttyt-thuan-an-2026-02-01-2026-02-28.pdf');
    // A cell's text wraps inside its column: read it with the line breaks as spaces.
    const text = (await pdfText(printed.bytes)).normalize('NFC').replace(/\s+/g, ' ');
    for (const expected of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'TRUNG TÂM Y TẾ KHU VỰC THUẬN AN',
      'SỔ TIẾP CÔNG DÂN',
      'Từ ngày 01/02/2026 đến ngày 28/02/2026',
      'Nguyễn Thị Hồng',
      '079123456789',
      'Khiếu nại, Tố cáo / 1 người',
      'Trả lời trực tiếp',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints the same rows as XLSX, read back with exceljs', async () => {
    const printed = await printReceptionRegister(t.ctx, { ...period, organizationId: orgId, format: 'xlsx' });
    const { rows } = await loadReceptionRegister(t.ctx, { ...period, organizationId: orgId });
    const back = await readRegisterWorkbook(printed.bytes);
    expect(back).toEqual(rows.map((r) => [...r]));
    // The answered visit came at 09:30, before the walk-in at 10:00.
    expect(back.map((r) => r[0])).toEqual(['1', '2']);
    expect(back[1]!.slice(0, 10)).toEqual([
      '2',
      '10:00 12/02/2026',
      'Nguyễn Thị Hồng - 12 đường Lê Lợi, phường Hồng An - ĐT: 0912 345 678',
      '079123456789',
      'Khiếu nại việc thu viện phí sai và tố cáo nhân viên nhận tiền ngoài',
      'Khiếu nại, Tố cáo / 1 người',
      '',
      'x',
      '',
      '',
    ]);
  });

  it('logs an identity access on each case when an officer prints it', async () => {
    await printReceptionRegister(t.ctx, {
      ...period,
      organizationId: orgId,
      format: 'pdf',
      byStaffId: receiver,
    });
    expect(await t.ctx.db.prisma.accessLog.count({ where: { staffId: receiver } })).toBe(3);
  });
});
