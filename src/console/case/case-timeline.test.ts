import { describe, expect, it } from 'vitest';
import { buildTimeline, formatVietnamTime } from './case-timeline.js';

const at = (m: number) => new Date(Date.UTC(2026, 2, 2, 2, m));

describe('buildTimeline', () => {
  const timeline = buildTimeline(
    {
      events: [
        {
          id: '1',
          action: 'receive',
          fromStatus: null,
          toStatus: 'received',
          actorType: 'system',
          actorRole: null,
          reason: null,
          data: {},
          createdAt: at(0),
        },
        {
          id: '2',
          action: 'route',
          fromStatus: 'received',
          toStatus: 'received',
          actorType: 'system',
          actorRole: 'system',
          reason: null,
          data: { rule: 'qr_unit', reason: 'Mã QR của khoa Nội' },
          createdAt: at(1),
        },
        {
          id: '3',
          action: 'accept',
          fromStatus: 'received',
          toStatus: 'accepted',
          actorType: 'staff',
          actorRole: 'unit_head',
          reason: null,
          data: {},
          createdAt: at(2),
        },
        {
          id: '4',
          action: 'reply',
          fromStatus: 'accepted',
          toStatus: 'accepted',
          actorType: 'staff',
          actorRole: 'handler',
          reason: null,
          data: { messageId: 'm1' },
          createdAt: at(3),
        },
        {
          id: '5',
          action: 'reveal_identity',
          fromStatus: null,
          toStatus: null,
          actorType: 'staff',
          actorRole: 'leader',
          reason: 'Cần gọi lại để xác minh',
          data: {},
          createdAt: at(5),
        },
        {
          id: '6',
          action: 'letter_sign',
          fromStatus: 'resolved',
          toStatus: 'resolved',
          actorType: 'staff',
          actorRole: 'leader',
          reason: null,
          data: { letterId: 'l1', kind: 'apology', number: 3 },
          createdAt: at(6),
        },
      ],
      messages: [
        {
          id: 'm1',
          direction: 'outbound',
          visibility: 'public',
          body: 'Chúng tôi đã nhắc nhở.',
          channel: 'telegram',
          createdAt: at(3),
        },
        {
          id: 'm2',
          direction: 'inbound',
          visibility: 'public',
          body: 'Số tôi là 0903 123 456',
          channel: 'telegram',
          createdAt: at(4),
        },
      ],
      notifications: [
        { id: 'n1', channel: 'telegram', status: 'sent', lastError: null, createdAt: at(3), sentAt: at(3) },
        {
          id: 'n2',
          channel: 'zalo',
          status: 'undeliverable',
          lastError: 'Hết hạn cửa sổ 7 ngày',
          createdAt: at(7),
          sentAt: null,
        },
      ],
      letters: [{ id: 'l1', kind: 'apology' }],
    },
    'vi',
  );

  it('puts events, messages and deliveries in time order with role, label and status change', () => {
    expect(timeline.map((e) => e.label)).toEqual([
      'Tiếp nhận hồ sơ',
      'Định tuyến',
      'Thụ lý',
      'Trả lời người gửi',
      'Tin nhắn gửi qua Telegram',
      'Tin nhắn của người gửi',
      'Xem danh tính người gửi',
      'Ký thư',
      'Tin nhắn gửi qua Zalo',
    ]);
    expect(timeline[2]).toMatchObject({
      actor: 'Trưởng đơn vị',
      statusChange: 'Đã tiếp nhận → Đã thụ lý',
    });
    expect(timeline[1]!.details).toEqual(['Mã QR của khoa Nội']);
  });

  it('shows the reply with its event, masks what the sender typed, and says what was not delivered', () => {
    expect(timeline[3]).toMatchObject({ body: 'Chúng tôi đã nhắc nhở.', bodyKind: 'public' });
    expect(timeline[5]!.body).not.toContain('0903 123 456');
    expect(timeline[8]).toMatchObject({
      delivery: { status: 'undeliverable', text: 'chưa gửi được' },
      details: ['Hết hạn cửa sổ 7 ngày'],
    });
    expect(timeline[7]!.letter).toEqual({ id: 'l1', label: 'Thư xin lỗi' });
    expect(timeline[6]!.details).toEqual(['Cần gọi lại để xác minh']);
  });
});

describe('formatVietnamTime', () => {
  it('writes the time in Vietnam whatever the server zone', () => {
    expect(formatVietnamTime(new Date('2026-03-02T17:30:00Z'))).toMatch(/03\/03\/2026.*00:30/);
  });
});
