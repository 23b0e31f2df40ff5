// The intake dialog with no channel in sight: in-memory fakes for the draft store, intake,
// directory, files, tracking and follow-up (testing/fake-dialog-deps.ts).
import { describe, expect, it } from 'vitest';
import { generateTrackingCode } from '../cases/tracking-code.js';
import { SYMBOL_ALPHABET } from '../cases/symbol-alphabet.js';
import { createIntakeDialog } from './intake-dialog.js';
import type { ConversationRef, Inbound, InboundFile, Outbound } from './dialog-types.js';
import { createFakeDialogDeps, FAKE_STAFF_CODE, type FakeCase } from './testing/fake-dialog-deps.js';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);

function photo(overrides: Partial<InboundFile> = {}): InboundFile {
  return {
    kind: 'photo',
    channelFileId: 'f',
    sizeBytes: JPEG.length,
    download: async () => JPEG,
    ...overrides,
  };
}

function setup(
  options: { languageHint?: string; conversationId?: string; defaultOrganizationCode?: string | null } = {},
) {
  const deps = createFakeDialogDeps({ defaultOrganizationCode: options.defaultOrganizationCode });
  const dialog = createIntakeDialog(deps);
  const conversation: ConversationRef = {
    channel: 'telegram',
    // No 0 or 1: cannot appear inside a tracking code or secret by chance.
    conversationId: options.conversationId ?? 'chat-1010001',
    ...(options.languageHint ? { languageHint: options.languageHint } : {}),
  };
  let n = 0;
  let last: Outbound[] = [];
  const send = async (event: Inbound, eventId = `tg:${++n}`, from = conversation) => {
    last = await dialog.handle({ conversation: from, event, eventId, receivedAt: deps.clock.now() });
    return last;
  };
  const api = {
    deps,
    conversation,
    send,
    text: (text: string) => send({ type: 'text', text }),
    press: (value: string) => send({ type: 'choice', value }),
    command: (command: string, args = '') => send({ type: 'command', command, args }),
    file: (file: InboundFile = photo(), caption?: string) =>
      send({ type: 'file', file, ...(caption ? { caption } : {}) }),
    /** Presses the button of the last reply whose label matches. */
    tap: (label: RegExp) => {
      const button = last.flatMap((m) => m.buttons?.flat() ?? []).find((b) => label.test(b.label));
      if (!button) throw new Error(`no button ${label} in ${JSON.stringify(last)}`);
      return send({ type: 'choice', value: button.value });
    },
    said: () => last.map((m) => m.text).join('\n---\n'),
    buttons: () => last.flatMap((m) => m.buttons?.flat().map((b) => b.value) ?? []),
    step: async () => (await deps.drafts.load(conversation))?.step,
  };
  return api;
}

type Dialog = ReturnType<typeof setup>;

/** From the menu to the summary, answering every step the named way. */
async function fillCitizen(d: Dialog, kind: string) {
  await d.command('start');
  await d.press(`menu:${kind}`);
  if (kind === 'complaint' || kind === 'denunciation') {
    expect(d.said()).toMatch(/chưa phải là đơn/);
    await d.press('petition:form');
  }
  await d.text('Điều dưỡng khoa Nhi nói năng thiếu tôn trọng với mẹ tôi lúc 9 giờ sáng.');
  expect(await d.step()).toBe('attach');
  await d.file();
  expect(d.said()).toMatch(/Đã nhận tệp/);
  await d.press('attach:done');
  expect(await d.step()).toBe('unit');
  await d.press('unit:ta-knhi');
  if (kind !== 'praise') {
    await d.press('when:today');
    await d.text('Phòng khám số 5, tầng 2');
  }
  expect(await d.step()).toBe('involved');
  await d.text(kind === 'praise' ? 'Bác sĩ Nguyễn Văn An' : 'điều dưỡng trực');
  await d.press('contact:named');
  expect(d.buttons()).toEqual([]);
  await d.text('0912 345 678');
  await d.text('Phạm Thị Lan');
  expect(d.said()).toMatch(/Nghị định 13\/2023/);
  await d.press('consent:agree');
  expect(await d.step()).toBe('summary');
}

describe('intake dialog: a full intake of every kind', () => {
  it.each(['report', 'petition', 'complaint', 'denunciation', 'praise'])('%s', async (kind) => {
    const d = setup();
    await fillCitizen(d, kind);
    expect(d.said()).toMatch(/Nơi nhận: Khoa Nhi — Trung tâm Y tế khu vực Thuận An/);
    await d.press('summary:confirm');

    const receipt = d.said();
    expect(receipt).toMatch(/Mã hồ sơ: [2-9A-Z]{4}-[2-9A-Z]{3}-[2-9A-Z]{3}/);
    expect(receipt).toMatch(/Hạn trả lời: Thứ Hai, 16\/03\/2026/);
    expect(receipt).toContain('Khoa Nhi');
    expect(receipt).not.toMatch(/Mã bí mật/);
    if (kind === 'complaint' || kind === 'denunciation')
      expect(receipt).toMatch(/tính từ ngày đơn vị nhận đơn/);

    const [s] = d.deps.submissions;
    expect(d.deps.submissions).toHaveLength(1);
    expect(s).toMatchObject({
      kind,
      audience: 'citizen',
      identityMode: 'named',
      channel: 'telegram',
      unitCode: 'ta-knhi',
      contact: { phone: '0912 345 678', name: 'Phạm Thị Lan' },
      replyTo: { channel: 'telegram', conversationId: d.conversation.conversationId },
      attachmentIds: [d.deps.storedFiles[0]!.id],
    });
    expect(s!.submissionId).toMatch(/^dlg-/);
    expect(d.deps.storedFiles[0]!.submissionId).toBe(s!.submissionId);
    if (kind === 'praise') {
      expect(s!.involved).toBe('Bác sĩ Nguyễn Văn An');
      expect(s!.occurredAt).toBeUndefined();
    } else {
      expect(s!.occurredAt).toBe('02/03/2026');
      expect(s!.place).toBe('Phòng khám số 5, tầng 2');
    }
    if (kind === 'complaint' || kind === 'denunciation') expect(s!.petitionDocument).toBe('form');
  });

  it('asks whom to thank for praise, and skips when and where', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:praise');
    expect(d.said()).toMatch(/điều làm bạn hài lòng/);
    await d.text('Các cô ở khoa Sản chăm sóc mẹ con tôi rất chu đáo.');
    await d.press('attach:none');
    await d.press('unit:ta-ksan');
    expect(d.said()).toMatch(/Bạn muốn cảm ơn ai/);
    expect(d.said()).not.toMatch(/khi nào/);
  });

  it('says honestly what an anonymous denunciation means', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:denunciation');
    await d.press('petition:later');
    await d.text('Một nhân viên thu tiền ngoài quy định tại quầy thuốc.');
    await d.press('attach:none');
    await d.press('unit:skip');
    await d.press('when:skip');
    await d.press('where:skip');
    await d.press('involved:skip');
    expect(d.said()).toMatch(/Luật Tố cáo \(Điều 25\)/);
    expect(d.said()).toMatch(/không có nghĩa vụ trả lời khi không có liên hệ/);
    await d.press('contact:anonymous');
    expect(await d.step()).toBe('summary');
    await d.press('summary:confirm');
    expect(d.said()).toMatch(/Mã bí mật: SECR-ETAB-CDEF/);
    expect(d.deps.submissions[0]).toMatchObject({
      identityMode: 'anonymous',
      followUpSecret: 'SECR-ETAB-CDEF',
    });
    expect(d.deps.submissions[0]!.replyTo).toBeUndefined();
    // An anonymous sender's conversation keeps nothing that points at the case.
    expect(d.deps.drafts.size()).toBe(0);
  });

  it('keeps what a person writes before choosing, and asks the kind', async () => {
    const d = setup();
    await d.text('Tôi chờ khám ở khoa Khám bệnh từ 6 giờ sáng đến 11 giờ mà chưa được gọi');
    expect(d.said()).toMatch(/Xin chào/);
    expect(d.said()).toMatch(/ghi lại nội dung bạn vừa gửi/);
    await d.text('phan anh');
    expect(await d.step()).toBe('attach');
  });

  it('says a first message is too long instead of showing the menu again as if unread', async () => {
    const d = setup();
    await d.command('start');
    await d.text('Tôi chờ khám rất lâu mà không ai gọi. '.repeat(400));
    expect(d.said()).toMatch(/tối đa/);
    expect(await d.step()).toBe('menu');
  });

  it('takes the kind and the text from one sentence', async () => {
    const d = setup();
    await d.command('start');
    await d.text('tôi muốn khiếu nại vì bị thu tiền sai, bác sĩ không giải thích gì');
    expect(await d.step()).toBe('petition');
    await d.press('petition:later');
    expect(await d.step()).toBe('attach');
  });
});

describe('intake dialog: QR deep link', () => {
  it('presets the unit and skips the unit step', async () => {
    const d = setup();
    await d.command('start', 'u_ta-kcc');
    expect(d.said()).toMatch(/Bạn đang gửi ý kiến tới Khoa Cấp cứu/);
    await d.press('menu:report');
    await d.text('Xe cứu thương đến chậm, chờ gần một tiếng đồng hồ.');
    await d.press('attach:none');
    expect(await d.step()).toBe('when');
    await d.press('when:skip');
    await d.press('where:skip');
    await d.press('involved:skip');
    await d.press('contact:sealed');
    await d.press('consent:agree');
    expect(d.said()).toMatch(/Nơi nhận: Khoa Cấp cứu/);
    await d.press('summary:confirm');
    expect(d.deps.submissions[0]).toMatchObject({ unitCode: 'ta-kcc', identityMode: 'sealed' });
    expect(d.said()).toMatch(/Mã bí mật/);
  });

  it('applies a scanned unit to a draft in progress instead of losing it', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:report');
    await d.text('Nhà vệ sinh tầng 3 không có nước suốt hai ngày.');
    await d.command('start', 'u_ta-kkb');
    expect(d.said()).toMatch(/Khoa Khám bệnh/);
    expect(await d.step()).toBe('attach');
  });

  it('says when the unit of a QR code no longer exists', async () => {
    const d = setup();
    await d.command('start', 'u_khong-co');
    expect(d.said()).toMatch(/không còn hiệu lực/);
  });
});

describe('intake dialog: typed text at a button step', () => {
  it('understands Vietnamese without diacritics and with typos', async () => {
    for (const [typed, step] of [
      ['khieu nai', 'petition'],
      ['khieu nia', 'petition'],
      ['phan anh', 'describe'],
      ['kien nghi', 'describe'],
      ['khen', 'describe'],
      ['gop y noi bo', 'staffCode'],
      ['tra cuu', 'trackCode'],
      ['3', 'petition'],
    ] as const) {
      const d = setup();
      await d.command('start');
      await d.text(typed);
      expect([typed, await d.step()]).toEqual([typed, step]);
    }
  });

  it('takes "góp ý" as feedback and "phản ánh" as a report', async () => {
    const a = setup();
    await a.command('start');
    await a.text('góp ý');
    expect((await a.deps.drafts.load(a.conversation))?.kind).toBe('feedback');
    const b = setup();
    await b.command('start');
    await b.text('Phản ánh');
    expect((await b.deps.drafts.load(b.conversation))?.kind).toBe('report');
  });

  it('matches units by name, asks when ambiguous, explains when unknown', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:report');
    await d.text('Bác sĩ khám qua loa, không hỏi bệnh sử.');
    await d.text('khong co');
    expect(await d.step()).toBe('unit');
    await d.text('khoa');
    expect(d.said()).toMatch(/Bạn muốn chọn mục nào/);
    await d.text('nha khoa');
    expect(d.said()).toMatch(/chưa tìm thấy khoa\/phòng/);
    await d.text('khoa nhi');
    expect((await d.deps.drafts.load(d.conversation))?.unit).toEqual({ code: 'ta-knhi', name: 'Khoa Nhi' });
    await d.text('hom nay');
    expect((await d.deps.drafts.load(d.conversation))?.occurredAt).toBe('02/03/2026');
    await d.text('sáng thứ Hai');
    expect((await d.deps.drafts.load(d.conversation))?.place).toBe('sáng thứ Hai');
    await d.text('khong');
    expect(await d.step()).toBe('contact');
    await d.text('an danh');
    expect(await d.step()).toBe('summary');
    await d.text('gui');
    expect(d.deps.submissions).toHaveLength(1);
  });

  it('adds text typed at the attachment step to the description', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:report');
    await d.text('Phòng bệnh nóng, quạt hỏng.');
    await d.text('Đã báo điều dưỡng hai lần nhưng chưa ai sửa.');
    expect(d.said()).toMatch(/Đã bổ sung/);
    expect((await d.deps.drafts.load(d.conversation))?.text).toBe(
      'Phòng bệnh nóng, quạt hỏng.\nĐã báo điều dưỡng hai lần nhưng chưa ai sửa.',
    );
  });

  it('refuses a stale button from an earlier step', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:report');
    await d.press('summary:confirm');
    expect(d.said()).toMatch(/Không có ý kiến nào đang chờ gửi/);
    await d.press('unit:ta-knhi');
    expect(d.said()).toMatch(/không còn dùng được/);
    expect(await d.step()).toBe('describe');
  });
});

describe('intake dialog: attachments', () => {
  it('refuses files too large, of a type not allowed, or too many', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:report');
    await d.text('Hóa đơn thu sai tiền thuốc, tôi gửi ảnh kèm theo.');
    await d.file(photo({ sizeBytes: 11 * 1024 * 1024 }));
    expect(d.said()).toMatch(/lớn hơn 10 MB/);
    await d.file({
      kind: 'document',
      channelFileId: 'x',
      fileName: 'setup.exe',
      mimeType: 'application/x-msdownload',
      download: async () => Buffer.from('MZ'),
    });
    expect(d.said()).toMatch(/không được nhận/);
    await d.file({
      kind: 'document',
      channelFileId: 'x',
      fileName: 'anh.jpg',
      mimeType: 'image/jpeg',
      download: async () => Buffer.from('MZ\x90\x00'),
    });
    expect(d.said()).toMatch(/không được nhận/);
    for (let i = 0; i < 10; i++)
      await d.file(photo({ download: async () => Buffer.concat([JPEG, Buffer.from([i])]) }));
    expect(d.said()).toMatch(/Tổng cộng 10 tệp/);
    expect(d.buttons()).toContain('attach:done');
    await d.file();
    expect(d.said()).toMatch(/tối đa 10 tệp/);
    await d.press('attach:clear');
    expect(d.deps.storedFiles).toHaveLength(0);
    expect((await d.deps.drafts.load(d.conversation))?.attachments).toEqual([]);
  });

  it('keeps a photo sent before anything else, and counts it at the attachment step', async () => {
    const d = setup();
    await d.file();
    expect(d.said()).toMatch(/Xin chào/);
    expect(d.said()).toMatch(/Đã nhận tệp/);
    expect(await d.step()).toBe('menu');
    await d.press('menu:report');
    await d.text('Ảnh chụp hóa đơn thu tiền hai lần cho cùng một xét nghiệm.');
    expect(d.said()).toMatch(/Đã nhận 1 tệp/);
    await d.press('attach:done');
    await d.press('unit:skip');
    await d.press('when:skip');
    await d.press('where:skip');
    await d.press('involved:skip');
    await d.press('contact:anonymous');
    await d.press('summary:confirm');
    expect(d.deps.submissions[0]!.attachmentIds).toHaveLength(1);
  });

  it('takes a photo with a caption at the description step as both', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:report');
    await d.file(photo(), 'Hành lang khoa Nội bị dột nước khi trời mưa');
    expect(await d.step()).toBe('attach');
    expect((await d.deps.drafts.load(d.conversation))?.attachments).toHaveLength(1);
  });
});

describe('intake dialog: /huy and /quaylai', () => {
  it('/huy deletes the draft and its files; aliases work', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:report');
    await d.text('Thái độ nhân viên bảo vệ rất khó chịu.');
    await d.file();
    expect(d.deps.storedFiles).toHaveLength(1);
    await d.command('huy');
    expect(d.said()).toMatch(/Đã hủy/);
    expect(d.deps.storedFiles).toHaveLength(0);
    const draft = await d.deps.drafts.load(d.conversation);
    expect(draft?.text).toBeUndefined();
    expect(draft?.step).toBe('menu');
    await d.command('cancel');
    expect(d.said()).toMatch(/Không có gì để hủy/);
    await d.text('/huy');
    expect(d.said()).toMatch(/Không có gì để hủy/);
  });

  it('/quaylai goes back one step, and the flow resumes where it was', async () => {
    const d = setup();
    await d.command('start');
    await d.command('quaylai');
    expect(d.said()).toMatch(/bước đầu tiên/);
    await d.press('menu:report');
    await d.text('Chờ lấy kết quả xét nghiệm quá lâu.');
    await d.press('attach:none');
    expect(await d.step()).toBe('unit');
    await d.command('quaylai');
    expect(await d.step()).toBe('attach');
    await d.command('back');
    expect(await d.step()).toBe('describe');
    await d.text('Chờ lấy kết quả xét nghiệm hơn ba tiếng.');
    // The steps passed on the way back stay answered: straight back to where the person was.
    expect(await d.step()).toBe('unit');
    expect((await d.deps.drafts.load(d.conversation))?.text).toBe('Chờ lấy kết quả xét nghiệm hơn ba tiếng.');
  });

  it('edits one field from the summary and comes back to it', async () => {
    const d = setup();
    await fillCitizen(d, 'report');
    await d.press('summary:edit');
    await d.press('edit:contact');
    await d.press('contact:anonymous');
    expect(await d.step()).toBe('summary');
    expect(d.said()).toMatch(/ẩn danh/);
    await d.press('summary:edit');
    await d.press('edit:kind');
    await d.press('kind:complaint');
    // A complaint needs the đơn question, which the report never asked.
    expect(await d.step()).toBe('petition');
    await d.press('petition:appointment');
    expect(await d.step()).toBe('summary');
    await d.press('summary:confirm');
    expect(d.deps.submissions[0]).toMatchObject({
      kind: 'complaint',
      identityMode: 'anonymous',
      petitionDocument: 'appointment',
    });
    expect(d.deps.submissions[0]!.contact).toBeUndefined();
  });

  it('declining consent sends anonymously and keeps no contact', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:petition');
    await d.text('Đề nghị bố trí thêm ghế chờ ở khoa Khám bệnh.');
    await d.press('attach:none');
    await d.press('unit:ta-kkb');
    await d.press('when:skip');
    await d.press('where:skip');
    await d.press('involved:skip');
    await d.press('contact:named');
    await d.send({ type: 'contact', phone: '+84912345678', name: 'Lan' });
    expect(await d.step()).toBe('consent');
    await d.press('consent:decline');
    expect(d.said()).toMatch(/gửi ẩn danh/);
    await d.press('summary:confirm');
    expect(d.deps.submissions[0]).toMatchObject({ identityMode: 'anonymous' });
    expect(d.deps.submissions[0]!.contact).toBeUndefined();
  });
});

describe('intake dialog: English', () => {
  it('speaks English when the app is set to English, and switches on request', async () => {
    const d = setup({ languageHint: 'en-GB' });
    await d.command('start');
    expect(d.said()).toMatch(/Hello!/);
    expect(d.buttons()).toContain('menu:lang:vi');
    await d.press('menu:report');
    expect(d.said()).toMatch(/what happened/);
    await d.command('tiengviet');
    expect(d.said()).toMatch(/Đã chuyển sang tiếng Việt/);
    await d.command('english');
    expect(d.said()).toMatch(/Switched to English/);
  });

  it('switches from the Vietnamese menu and writes the receipt in English', async () => {
    const d = setup();
    await d.command('start');
    await d.tap(/English/);
    expect(d.said()).toMatch(/What would you like to do/);
    await d.text('complaint');
    expect(d.said()).toMatch(/not yet a complaint/);
    await d.press('petition:reception');
    expect(d.said()).toMatch(/citizen reception desk/);
    await d.text('I was charged twice for the same test at the laboratory.');
    await d.text('no');
    await d.text('skip');
    await d.text('today');
    await d.text('skip');
    await d.text('skip');
    await d.text('anonymous');
    await d.text('send');
    expect(d.said()).toMatch(/Case code: .+\nKind: Complaint/);
    expect(d.said()).toMatch(/Answer due: Monday, 16\/03\/2026/);
  });
});

describe('intake dialog: staff feedback', () => {
  async function staffUntilMode(d: Dialog) {
    await d.command('start');
    await d.press('menu:staff');
    expect(d.said()).toMatch(/mã truy cập nội bộ/);
    await d.text('WRNG-CODE-XXXX');
    expect(d.said()).toMatch(/còn 4 lần thử/);
    await d.text(FAKE_STAFF_CODE.toLowerCase());
    expect(d.said()).toMatch(/Mã hợp lệ/);
    expect(d.said()).toMatch(/chỉ người nắm khóa mã hóa/);
  }

  async function staffAfterMode(d: Dialog) {
    await d.press('staffKind:petition');
    await d.text('Đề nghị công khai cách chia tiền trực đêm của khoa.');
    await d.press('attach:none');
    await d.press('unit:skip');
    await d.press('when:skip');
    await d.press('where:skip');
    await d.press('involved:skip');
  }

  it('sealed: keeps only a reply handle, asks consent, gives a secret too', async () => {
    const d = setup();
    await staffUntilMode(d);
    await d.press('staffMode:sealed');
    await staffAfterMode(d);
    expect(await d.step()).toBe('consent');
    await d.press('consent:agree');
    await d.press('summary:confirm');
    expect(d.said()).toMatch(/Đã tiếp nhận góp ý nội bộ/);
    expect(d.said()).toMatch(/Mã bí mật/);
    expect(d.deps.submissions[0]).toMatchObject({
      audience: 'staff',
      identityMode: 'sealed',
      kind: 'petition',
      organizationCode: 'ttyt-thuan-an',
      replyTo: { channel: 'telegram', conversationId: d.conversation.conversationId },
    });
    expect(d.deps.submissions[0]!.contact).toBeUndefined();
  });

  it('no trace: nothing links the case to the conversation, and the draft is gone', async () => {
    const d = setup();
    await staffUntilMode(d);
    await d.press('staffMode:no_trace');
    await staffAfterMode(d);
    expect(await d.step()).toBe('summary');
    await d.press('summary:confirm');
    const receipt = d.said();
    expect(receipt).toMatch(/Mã hồ sơ/);
    expect(receipt).toMatch(/Mã bí mật: SECR-ETAB-CDEF/);
    expect(receipt).toMatch(/không lưu liên kết nào/);

    const [s] = d.deps.submissions;
    expect(s).toMatchObject({ audience: 'staff', identityMode: 'no_trace' });
    expect(s!.replyTo).toBeUndefined();
    expect(s!.contact).toBeUndefined();
    expect(JSON.stringify(d.deps.submissions)).not.toContain(d.conversation.conversationId);
    expect(d.deps.drafts.size()).toBe(0);
    expect(d.deps.drafts.dump()).not.toContain(d.conversation.conversationId);
    // A second tap on "Gửi" finds nothing to resend and no code to repeat.
    await d.press('summary:confirm');
    expect(d.said()).not.toMatch(/Mã hồ sơ/);
    expect(d.deps.submissions).toHaveLength(1);
    expect(d.deps.drafts.dump()).not.toMatch(/[2-9A-Z]{4}-[2-9A-Z]{3}-[2-9A-Z]{3}/);
  });

  it('closes the staff path after too many wrong codes', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:staff');
    for (let i = 0; i < 5; i++) await d.text(`WRNG-CODE-000${i}`);
    expect(d.said()).toMatch(/sai mã truy cập quá nhiều lần/);
    expect(await d.step()).toBe('menu');
    // A fresh draft (/start, /huy) is not a fresh count: the path stays closed, even for the right code.
    await d.command('start');
    await d.press('menu:staff');
    expect(d.said()).toMatch(/sai mã truy cập quá nhiều lần/);
    expect(await d.step()).toBe('menu');
    await d.command('huy');
    await d.text('góp ý nội bộ');
    expect(await d.step()).toBe('menu');
    expect(d.deps.submissions).toHaveLength(0);
  });
});

describe('intake dialog: tracking', () => {
  function mistype(code: string): string {
    const chars = code.split('');
    const i = chars.findIndex((c) => c !== '-');
    chars[i] = SYMBOL_ALPHABET[(SYMBOL_ALPHABET.indexOf(chars[i]!) + 1) % SYMBOL_ALPHABET.length]!;
    return chars.join('');
  }

  function seedCase(d: Dialog, over: Partial<FakeCase> = {}): FakeCase {
    const c: FakeCase = {
      code: generateTrackingCode(),
      kind: 'report',
      status: 'in_progress',
      organizationName: 'Trung tâm Y tế khu vực Thuận An',
      unitName: 'Khoa Nhi',
      dueOn: '2026-03-16' as FakeCase['dueOn'],
      replies: [{ at: new Date(), text: 'Khoa đã nhắc nhở điều dưỡng và xin lỗi gia đình.' }],
      isSender: false,
      canRate: false,
      ...over,
    };
    d.deps.cases.set(c.code, c);
    return c;
  }

  it('tells a mistyped code apart from an unknown one and from a malformed one', async () => {
    const d = setup();
    const known = seedCase(d);
    await d.command('tracuu', mistype(known.code));
    expect(d.said()).toMatch(/gõ nhầm một ký tự/);
    await d.text('!!');
    expect(d.said()).toMatch(/không đúng định dạng/);
    await d.text(generateTrackingCode());
    expect(d.said()).toMatch(/Không tìm thấy hồ sơ/);
    await d.text(known.code.toLowerCase().replace(/-/g, ' '));
    expect(d.said()).toMatch(/Trạng thái: Đang xử lý/);
    expect(d.said()).toMatch(/Hạn trả lời: Thứ Hai, 16\/03\/2026/);
    expect(d.said()).toMatch(/xin lỗi gia đình/);
  });

  it('asks the secret of an anonymous case before showing replies', async () => {
    const d = setup();
    const c = seedCase(d, { secret: 'QWER-TYUP-ASDF' });
    await d.command('start', `t_${c.code}`);
    expect(d.said()).toMatch(/Trạng thái/);
    expect(d.said()).not.toMatch(/xin lỗi gia đình/);
    expect(d.said()).toMatch(/nhập mã bí mật/i);
    await d.text('SAI-MA');
    expect(d.said()).toMatch(/Mã bí mật không đúng/);
    await d.text('qwer tyup asdf');
    expect(d.said()).toMatch(/xin lỗi gia đình/);
    expect(await d.step()).toBe('menu');
  });

  it('shows replies without the secret to the case’s own sender', async () => {
    const d = setup();
    const c = seedCase(d, {
      secret: 'QWER-TYUP-ASDF',
      sender: { channel: 'telegram', conversationId: 'chat-1010001' },
    });
    await d.command('track', c.code);
    expect(d.said()).toMatch(/xin lỗi gia đình/);
  });

  it('comes back to an unfinished draft after tracking', async () => {
    const d = setup();
    const c = seedCase(d);
    await d.command('start');
    await d.press('menu:report');
    await d.text('Bãi giữ xe thu phí cao hơn giá niêm yết.');
    await d.command('tracuu');
    expect(await d.step()).toBe('trackCode');
    await d.text(c.code);
    expect(d.said()).toMatch(/Tiếp tục ý kiến bạn đang soạn/);
    expect(await d.step()).toBe('attach');
  });

  it('fits tracking codes in a Telegram start payload', () => {
    const code = generateTrackingCode();
    expect(`t_${code}`).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});

describe('intake dialog: satisfaction and reopening', () => {
  function resolvedCase(d: Dialog): FakeCase {
    const c: FakeCase = {
      code: generateTrackingCode(),
      kind: 'report',
      status: 'resolved',
      organizationName: 'Trung tâm Y tế khu vực Thuận An',
      unitName: 'Khoa Nhi',
      dueOn: null,
      replies: [],
      isSender: false,
      canRate: false,
      sender: { channel: 'telegram', conversationId: 'chat-1010001' },
    };
    d.deps.cases.set(c.code, c);
    return c;
  }

  it('records a score and an optional comment, from the sender only', async () => {
    const d = setup();
    const c = resolvedCase(d);
    await d.press(`sat:${c.code}:4`);
    expect(d.said()).toMatch(/Cảm ơn bạn đã đánh giá \(4\/5\)/);
    expect(c.satisfaction).toBe(4);
    await d.text('Cán bộ trả lời nhanh, cảm ơn.');
    expect(d.said()).toMatch(/Nhận xét đã được ghi nhận/);
    expect(c.satisfactionComment).toBe('Cán bộ trả lời nhanh, cảm ơn.');

    const other = await d.send({ type: 'choice', value: `sat:${c.code}:1` }, 'tg:other', {
      channel: 'telegram',
      conversationId: 'chat-9999999',
    });
    expect(other.map((m) => m.text).join()).toMatch(/Chỉ người đã gửi hồ sơ/);
    expect(c.satisfaction).toBe(4);
  });

  it('offers reopening and passes the reason on', async () => {
    const d = setup();
    const c = resolvedCase(d);
    await d.press(`sat:${c.code}:1`);
    expect(d.buttons()).toContain(`reopen:${c.code}`);
    await d.press(`reopen:${c.code}`);
    expect(d.said()).toMatch(/Vì sao bạn muốn xem xét lại/);
    await d.text('Khoa hứa sửa quạt nhưng vẫn chưa sửa.');
    expect(d.said()).toMatch(/Đã mở lại hồ sơ/);
    expect(d.deps.reopens).toEqual([{ code: c.code, reason: 'Khoa hứa sửa quạt nhưng vẫn chưa sửa.' }]);
  });

  it('lets the sender rate from tracking once resolved', async () => {
    const d = setup();
    const c = resolvedCase(d);
    await d.command('tracuu', c.code);
    expect(d.buttons()).toEqual([1, 2, 3, 4, 5].map((n) => `sat:${c.code}:${n}`));
  });
});

describe('intake dialog: repeats and reminders', () => {
  it('ignores a repeated event id', async () => {
    const d = setup();
    await d.send({ type: 'command', command: 'start', args: '' }, 'tg:1');
    await d.send({ type: 'choice', value: 'menu:report' }, 'tg:2');
    expect(await d.send({ type: 'choice', value: 'menu:report' }, 'tg:2')).toEqual([]);
    await d.send({ type: 'text', text: 'Nhân viên thu ngân quát tháo người bệnh.' }, 'tg:3');
    expect(await d.send({ type: 'text', text: 'Nhân viên thu ngân quát tháo người bệnh.' }, 'tg:3')).toEqual(
      [],
    );
    expect((await d.deps.drafts.load(d.conversation))?.text).toBe('Nhân viên thu ngân quát tháo người bệnh.');
  });

  it('submits once when confirm is tapped twice, and repeats the code', async () => {
    const d = setup();
    await fillCitizen(d, 'report');
    const [first, second] = await Promise.all([d.press('summary:confirm'), d.press('summary:confirm')]);
    expect(d.deps.submissions).toHaveLength(1);
    const code = /Mã hồ sơ: (\S+)/.exec(first.map((m) => m.text).join())![1]!;
    expect(second.map((m) => m.text).join()).toContain(`Mã hồ sơ: ${code}`);
  });

  it('schedules one reminder for an unfinished draft, 30 minutes on', async () => {
    const d = setup();
    await d.command('start');
    expect(d.deps.scheduledReminders).toEqual([]);
    await d.press('menu:report');
    await d.text('Khu vực chờ khám quá nóng, không có quạt.');
    await d.press('attach:none');
    const draft = await d.deps.drafts.load(d.conversation);
    expect(d.deps.scheduledReminders).toEqual([
      { draftId: draft!.id, at: new Date(d.deps.clock.now().getTime() + 30 * 60 * 1000) },
    ]);
    // The reminder knows the draft by an id that has nothing to do with the submission's.
    expect(`dlg-${draft!.id}`).not.toBe(draft!.submissionId);
  });

  it('never schedules a reminder for staff feedback', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:staff');
    await d.text(FAKE_STAFF_CODE);
    await d.press('staffMode:no_trace');
    await d.press('staffKind:feedback');
    await d.text('Phòng trực thiếu người vào cuối tuần.');
    expect(d.deps.scheduledReminders).toEqual([]);
  });

  it('answers hotline numbers from the menu', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:hotline');
    expect(d.said()).toMatch(/Sở Y tế TP\.HCM: 0900 000 100/);
    expect(d.said()).toMatch(/1900 9095/);
  });

  it('asks the organisation when no default is configured', async () => {
    const d = setup({ defaultOrganizationCode: null });
    await d.command('start');
    await d.press('menu:report');
    await d.text('Đề nghị có chỗ gửi xe cho người nhà bệnh nhân.');
    await d.press('attach:none');
    expect(await d.step()).toBe('organization');
    await d.text('hoai nhon');
    expect(await d.step()).toBe('unit');
    expect(d.buttons()).toContain('unit:hn-knhi');
  });
});

describe('intake dialog: openers, captions and stickers (issue 16)', () => {
  it.each([
    ['Xin chào, tôi muốn phản ánh', 'vi'],
    ['xin chao toi muon phan anh a', 'vi'],
    ['Hello, I want to report a problem', 'en'],
  ])('an opener «%s» chooses the kind and asks what happened', async (opener, lang) => {
    const d = setup({ languageHint: lang });
    await d.text(opener);
    expect(await d.step()).toBe('describe');
    expect((await d.deps.drafts.load(d.conversation))?.text).toBeUndefined();
    expect(d.said()).toMatch(lang === 'vi' ? /kể lại sự việc/ : /what happened/i);
    // Saying it again at the question is not an answer either.
    await d.text(opener);
    expect(await d.step()).toBe('describe');
    await d.text('Bác sĩ khám qua loa, không giải thích kết quả.');
    expect(await d.step()).toBe('attach');
  });

  it('a real first message stays the description, and /quaylai returns to it', async () => {
    const d = setup();
    await d.text('Tôi muốn phản ánh bác sĩ khoa Nội khám qua loa cho mẹ tôi.');
    expect(await d.step()).toBe('attach');
    await d.command('quaylai');
    expect(await d.step()).toBe('describe');
    await d.text('Bác sĩ khoa Nội khám qua loa, không hỏi bệnh sử của mẹ tôi.');
    expect(await d.step()).toBe('attach');
    expect((await d.deps.drafts.load(d.conversation))?.text).toBe(
      'Bác sĩ khoa Nội khám qua loa, không hỏi bệnh sử của mẹ tôi.',
    );
  });

  it('keeps the caption of a photo sent first as the description', async () => {
    const d = setup();
    await d.file(photo(), 'Nhà vệ sinh tầng 3 khoa Nội mất nước từ sáng');
    expect(d.said()).toMatch(/Đã nhận tệp/);
    expect(d.said()).toMatch(/đã ghi lại nội dung/);
    await d.press('menu:report');
    expect(await d.step()).toBe('attach');
    const draft = await d.deps.drafts.load(d.conversation);
    expect(draft?.text).toBe('Nhà vệ sinh tầng 3 khoa Nội mất nước từ sáng');
    expect(draft?.attachments).toHaveLength(1);
  });

  it('a short caption sent first is kept in front of the description', async () => {
    const d = setup();
    await d.file(photo(), 'Hóa đơn');
    await d.press('menu:report');
    expect(await d.step()).toBe('describe');
    await d.text('Thu tiền xét nghiệm hai lần.');
    expect((await d.deps.drafts.load(d.conversation))?.text).toBe('Hóa đơn\nThu tiền xét nghiệm hai lần.');
  });

  it('adds the caption of a photo sent at the attachment step to the description', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:report');
    await d.text('Phòng chờ khoa Khám bệnh quá nóng.');
    await d.file(photo(), 'Quạt trần hỏng cả tuần');
    expect(d.said()).toMatch(/Đã nhận tệp.*Đã bổ sung/);
    expect(d.buttons()).toContain('attach:done');
    expect((await d.deps.drafts.load(d.conversation))?.text).toBe(
      'Phòng chờ khoa Khám bệnh quá nóng.\nQuạt trần hỏng cả tuần',
    );
  });

  it('answers a sticker and asks the current question again', async () => {
    const d = setup();
    await d.send({ type: 'sticker' });
    expect(d.said()).toMatch(/nhãn dán/);
    expect(d.buttons()).toContain('menu:report');
    await d.press('menu:report');
    await d.send({ type: 'sticker' });
    expect(d.said()).toMatch(/nhãn dán[\s\S]*kể lại sự việc/);
    expect(await d.step()).toBe('describe');
  });
});

describe('intake dialog: the language of the sender goes with the case', () => {
  it('keeps English with the reply handle, and nothing for Vietnamese', async () => {
    const en = setup({ languageHint: 'en-GB' });
    await en.command('start');
    await en.press('menu:report');
    await en.text('The waiting room of the outpatient department is far too hot.');
    await en.press('attach:none');
    await en.press('unit:skip');
    await en.press('when:skip');
    await en.press('where:skip');
    await en.press('involved:skip');
    await en.press('contact:sealed');
    await en.press('consent:agree');
    await en.press('summary:confirm');
    expect(en.deps.submissions[0]!.replyTo).toMatchObject({ channel: 'telegram', locale: 'en' });

    const vi = setup();
    await fillCitizen(vi, 'report');
    await vi.press('summary:confirm');
    expect(vi.deps.submissions[0]!.replyTo).not.toHaveProperty('locale');
  });
});

describe('intake dialog: English unit names', () => {
  it('shows an English speaker both names and understands the English one typed', async () => {
    const d = setup({ languageHint: 'en' });
    await d.command('start');
    await d.press('menu:report');
    await d.text('The nurse on duty refused to call a doctor for my son.');
    await d.press('attach:none');
    expect(await d.step()).toBe('unit');
    expect(d.said()).toMatch(/Which department/);
    const labels = (await d.send({ type: 'text', text: 'xyz department nobody has' }))
      .flatMap((m) => m.buttons?.flat() ?? [])
      .map((b) => b.label);
    expect(labels).toContain('Paediatrics · Khoa Nhi');
    await d.text('pediatrics');
    expect(await d.step()).toBe('when');
    expect((await d.deps.drafts.load(d.conversation))?.unit).toEqual({ code: 'ta-knhi', name: 'Khoa Nhi' });
  });

  it('understands an English name typed in the Vietnamese chat too, and keeps Vietnamese labels there', async () => {
    const d = setup();
    await d.command('start');
    await d.press('menu:report');
    await d.text('Chờ khám cấp cứu gần hai tiếng mới có bác sĩ.');
    await d.press('attach:none');
    expect(d.said()).not.toMatch(/Emergency/);
    await d.text('emergency');
    expect((await d.deps.drafts.load(d.conversation))?.unit?.code).toBe('ta-kcc');
  });
});
