import { describe, expect, it } from 'vitest';
import { generateTrackingCode } from './tracking-code.js';
import { redactText } from './redaction.js';

describe('redactText', () => {
  it.each([
    ['Gọi tôi số 0903 123 456 nhé', 'Gọi tôi số [số điện thoại] nhé'],
    ['SĐT: 0903.123.456.', 'SĐT: [số điện thoại].'],
    ['sdt0912345678 gọi sau 5h', 'sdt[số điện thoại] gọi sau 5h'],
    ['Zalo +84 903 123 456', 'Zalo [số điện thoại]'],
    ['liên hệ 84903123456', 'liên hệ [số điện thoại]'],
    ['Máy bàn (028) 3829 1234', 'Máy bàn [số điện thoại]'],
    ['máy bàn 028-3829-1234', 'máy bàn [số điện thoại]'],
    ['Email: nguyen.van.a+bv@gmail.com.', 'Email: [email].'],
    ['thư gửi lê.thị@bệnhviện.vn', 'thư gửi [email]'],
    ['CCCD 079123456789 cấp ngày 12/03/2021', 'CCCD [số giấy tờ] cấp ngày 12/03/2021'],
    ['CCCD 079 123 456 789', 'CCCD [số giấy tờ]'],
    ['CMND số 273456789', 'CMND số [số giấy tờ]'],
    ['Thẻ BHYT DN4797932165874', 'Thẻ BHYT [số giấy tờ]'],
    ['hộ chiếu C1234567', 'hộ chiếu [số giấy tờ]'],
    ['STK Vietcombank 1012345678 chủ TK', 'STK Vietcombank [dãy số] chủ TK'],
    ['thẻ 9704 1234 5678 9012', 'thẻ [dãy số]'],
    ['gọi 0903 123 456 2 lần', 'gọi [số điện thoại] 2 lần'],
  ])('masks %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    'Ngày 12-03-2026 lúc 08:30 tại Khoa Cấp cứu',
    'Từ 2026-03-12 đến 15.03.2026',
    'Giai đoạn 2025-2026, phòng 203, giường 12',
    'Tôi đã đóng 15.000.000 đồng và 1.500.000đ',
    'Đường dây nóng Bộ Y tế 1900-9095, cấp cứu 115',
    'Tổng đài 1900 1234 hoặc 1800 123456',
    'Chờ 3 tiếng, 2 lần, 45 phút',
  ])('leaves %j readable', (input) => {
    expect(redactText(input)).toBe(input);
  });

  it('keeps tracking codes, even all-digit ones', () => {
    expect(redactText('Mã hồ sơ 2345-678-923 đã nhận')).toBe('Mã hồ sơ 2345-678-923 đã nhận');
    for (let i = 0; i < 200; i++) {
      const code = generateTrackingCode();
      expect(redactText(`mã ${code}`)).toBe(`mã ${code}`);
    }
  });

  it('masks everything in a realistic message and returns NFC text', () => {
    const input =
      'Chị Lan (0987654321, lan.nguyen@yahoo.com, CCCD 001234567890) chờ ở Khoa Khám bệnh từ 7h ngày 02/3/2026'.normalize(
        'NFD',
      );
    expect(redactText(input)).toBe(
      'Chị Lan ([số điện thoại], [email], CCCD [số giấy tờ]) chờ ở Khoa Khám bệnh từ 7h ngày 02/3/2026',
    );
  });

  it('stays linear on long hostile input', () => {
    const hostile = [
      'x'.repeat(50_000),
      '+' + '1-'.repeat(25_000),
      'a.'.repeat(25_000) + '@',
      '12 '.repeat(20_000),
    ];
    const started = performance.now();
    for (const input of hostile) redactText(input);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
