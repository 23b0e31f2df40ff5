import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateTrackingCode } from './tracking-code.js';
import { REDACTION_LABELS, findPersonalData, redactText } from './redaction.js';

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
      'Chị [họ tên] ([số điện thoại], [email], CCCD [số giấy tờ]) chờ ở Khoa Khám bệnh từ 7h ngày 02/3/2026',
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

describe('redactText on Vietnamese examples', () => {
  it.each([
    // Phones in the forms people type them.
    ['SĐT 0912345678', 'SĐT [số điện thoại]'],
    ['số em 0912 345 678 ạ', 'số em [số điện thoại] ạ'],
    ['gọi 0912.345.678 giúp', 'gọi [số điện thoại] giúp'],
    ['gọi 091 234 5678', 'gọi [số điện thoại]'],
    ['Zalo: +84 912 345 678', 'Zalo: [số điện thoại]'],
    ['Zalo: +84912345678', 'Zalo: [số điện thoại]'],
    ['(+84) 912 345 678', '(+84) [số giấy tờ]'],
    ['liên hệ 84912345678', 'liên hệ [số điện thoại]'],
    ['số bàn 028 3829 1234 (giờ hành chính)', 'số bàn [số điện thoại] (giờ hành chính)'],
    ['gọi 0912 - 345 - 678', 'gọi [số điện thoại]'],
    ['gọi 0912  345  678', 'gọi [số điện thoại]'],
    ['gọi ++84912345678', 'gọi [số điện thoại]'],
    // Identity and account numbers.
    ['CCCD: 001099012345', 'CCCD: [số giấy tờ]'],
    ['thẻ bảo hiểm dn4797912345678 hết hạn', 'thẻ bảo hiểm [số giấy tờ] hết hạn'],
    ['BHYT DN4797912345678.', 'BHYT [số giấy tờ].'],
    ['chuyển khoản vào STK 19036123456017 Techcombank', 'chuyển khoản vào STK [dãy số] Techcombank'],
    // A date or a room number written right before a phone stays readable.
    ['ngày 12/03/2026 0912345678', 'ngày 12/03/2026 [số điện thoại]'],
    ['ngày 12-03-2026 0912 345 678', 'ngày 12-03-2026 [số điện thoại]'],
    ['phòng 302 0912345678', 'phòng 302 [số điện thoại]'],
    ['0912345678 12.03.2026', '[số điện thoại] 12.03.2026'],
    // …but no part of a card or an account number is left.
    ['thẻ 9704 0123 4567 8901', 'thẻ [dãy số]'],
    ['thẻ 9704 1234 5678 9012 3456', 'thẻ [dãy số]'],
  ])('masks %j', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it.each([
    'Ngày 12/03/2026 lúc 08:30 tôi đưa mẹ vào phòng 302, giường 12.',
    'Tôi đã nộp 500.000 đồng tạm ứng, sau đó thêm 1,5 triệu.',
    'Hóa đơn 15000000 đồng và 2500000đ, tổng cộng 300000000 VNĐ',
    'Chờ từ 7h30 đến 11 giờ, tầng 3 nhà B, quầy số 5',
    'Mã hồ sơ 7K3M-9QX-PRF, gọi tổng đài 1900 9095',
  ])('leaves %j as typed', (input) => {
    expect(redactText(input)).toBe(input);
  });

  it('says where each piece is, in NFC positions', () => {
    const text = 'Lan, 0912345678, lan@gmail.com';
    expect(findPersonalData(text)).toEqual([
      { start: 5, end: 15, kind: 'phone' },
      { start: 17, end: 30, kind: 'email' },
    ]);
  });
});

// Properties: a text made of Vietnamese words, things that must stay readable and personal data
// in every usual form comes back with exactly the personal data replaced.
const digitsOf = (n: number, first = '0123456789') =>
  fc
    .tuple(
      fc.constantFrom(...first),
      fc.array(fc.constantFrom(...'0123456789'), { minLength: n - 1, maxLength: n - 1 }),
    )
    .map(([head, rest]) => head + rest.join(''));
const group = (digits: string, sizes: number[], sep: string) => {
  const parts: string[] = [];
  let at = 0;
  for (const size of sizes) parts.push(digits.slice(at, (at += size)));
  return parts.join(sep);
};
const sep = fc.constantFrom(' ', '.', '-');

const mobile = fc
  .tuple(fc.constantFrom('03', '05', '07', '08', '09'), digitsOf(8), sep, fc.integer({ min: 0, max: 5 }))
  .map(([prefix, rest, s, form]) => {
    const national = prefix + rest;
    const nine = national.slice(1);
    return [
      national,
      group(national, [4, 3, 3], s),
      group(national, [3, 3, 4], s),
      `+84 ${group(nine, [3, 3, 3], s)}`,
      `+84${nine}`,
      `84${nine}`,
    ][form]!;
  });
const landline = fc
  .tuple(digitsOf(1, '0123456789'), digitsOf(8), sep, fc.integer({ min: 0, max: 2 }))
  .map(([area, rest, s, form]) => {
    const code = `02${area}`;
    return [
      `${code} ${group(rest, [4, 4], s)}`,
      `(${code}) ${rest.slice(0, 4)} ${rest.slice(4)}`,
      code + rest,
    ][form]!;
  });
const word = (chars: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...chars), { minLength: min, maxLength: max }).map((a) => a.join(''));
const email = fc
  .tuple(
    word('abcdefghiklmnopqrstuvxy', 1, 8),
    word('abcdefghiklmnopqrstuvxy0123456789._', 0, 6),
    word('abcdefghik', 2, 8),
    fc.constantFrom('com', 'vn', 'com.vn', 'org'),
  )
  .map(([a, b, domain, tld]) => `${a}${b.replace(/\.$/, '')}@${domain}.${tld}`);
const cccd = fc
  .tuple(digitsOf(2, '0123456789'), digitsOf(9), fc.boolean())
  .map(([province, rest, spaced]) => {
    const n = `0${province}${rest}`;
    return spaced ? group(n, [3, 3, 3, 3], ' ') : n;
  });
const cmnd = digitsOf(9, '0123');
const bhyt = fc
  .tuple(word('ABCDEFGHKLMNPQRSTUVXY', 2, 2), digitsOf(13))
  .map(([letters, digits]) => letters + digits);
const account = fc.integer({ min: 8, max: 16 }).chain((n) => digitsOf(n, '2345679'));

const PERSONAL = fc.oneof(mobile, landline, email, cccd, cmnd, bhyt, account);

const arbitraryCode = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => {
  let offset = 0;
  return generateTrackingCode((size) => Uint8Array.from({ length: size }, () => bytes[offset++ % 16]!));
});
const twoDigits = (max: number) => fc.integer({ min: 1, max }).map((n) => String(n).padStart(2, '0'));
const READABLE = fc.oneof(
  fc
    .tuple(twoDigits(28), twoDigits(12), fc.integer({ min: 2020, max: 2030 }), fc.constantFrom('/', '-', '.'))
    .map(([d, m, y, s]) => `${d}${s}${m}${s}${y}`),
  fc
    .tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1, max: 3 }))
    .map(([n, k]) => `${n}${'.000'.repeat(k)} đồng`),
  fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })).map(([a, b]) => `${a},${b} triệu`),
  fc.integer({ min: 10_000_000, max: 999_999_999 }).map((n) => `${n} đồng`),
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), twoDigits(59))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${m}`),
  fc.integer({ min: 1, max: 999 }).map((n) => `phòng ${n}`),
  fc.integer({ min: 1, max: 60 }).map((n) => `giường ${n}`),
  fc.integer({ min: 0, max: 9999 }).map(String),
  arbitraryCode,
  fc.constantFrom('1900 9095', '115', '1800 1234'),
);
const WORD = fc.constantFrom(
  'Tôi',
  'chờ',
  'ở khoa Nhi',
  'bác sĩ',
  'nói:',
  'gọi',
  'số',
  'liên hệ',
  'ngày',
  'đã đóng',
  'và',
  'nhưng không',
  'được giải quyết.',
  'điều dưỡng,',
  '(ghi chú)',
);
const PIECE = fc.oneof(
  PERSONAL.map((text) => ({ text, personal: true })),
  READABLE.map((text) => ({ text, personal: false })),
);

const anyLabel = new RegExp(
  Object.values(REDACTION_LABELS)
    .map((l) => l.replace(/[[\]]/g, '\\$&'))
    .join('|'),
  'g',
);

describe('redactText properties', () => {
  it('masks exactly the personal data in a text of words, readable numbers and personal data', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(WORD, PIECE), { maxLength: 8 }), WORD, (pairs, last) => {
        const text = [...pairs.flatMap(([w, p]) => [w, p.text]), last].join(' ');
        const expected = [...pairs.flatMap(([w, p]) => [w, p.personal ? '[X]' : p.text]), last].join(' ');
        expect(redactText(text).replace(anyLabel, '[X]')).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a date, a room or a short number written right before a phone', () => {
    fc.assert(
      fc.property(
        fc.oneof(READABLE.filter((r) => /^\d{2}[/.-]\d{2}[/.-]\d{4}$|^phòng \d+$|^\d{1,4}$/.test(r))),
        mobile,
        (readable, phone) => {
          expect(redactText(`${readable} ${phone}`)).toBe(`${readable} ${REDACTION_LABELS.phone}`);
        },
      ),
    );
  });

  it('leaves no run of eight digits or more, whatever is typed (public hotlines aside)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789 .-+()@ab\n'), maxLength: 80 }), (text) => {
        const runs = redactText(text).match(/\d{8,}/g) ?? [];
        expect(runs.filter((r) => !/^(?:1900|1800)/.test(r))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: fc.constantFrom(...'0123456789 .-+()@abđ\n'), maxLength: 60 }),
          fc.string(),
        ),
        (text) => {
          const once = redactText(text);
          expect(redactText(once)).toBe(once);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
