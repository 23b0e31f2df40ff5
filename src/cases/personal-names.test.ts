import { describe, expect, it } from 'vitest';
import { redactText } from './redaction.js';

describe('personal names in free text', () => {
  it.each([
    ['Bác sĩ Trần Minh Hùng khoa Nội quát mắng mẹ tôi', 'Bác sĩ [họ tên] khoa Nội quát mắng mẹ tôi'],
    ['bs Hùng khám rất qua loa', 'bs [họ tên] khám rất qua loa'],
    ['Cảm ơn chị Lan điều dưỡng và anh Tuấn', 'Cảm ơn chị [họ tên] điều dưỡng và anh [họ tên]'],
    ['Tôi tên là Phạm Thị Mai, ở phòng 305', 'Tôi tên là [họ tên], ở phòng 305'],
    ['Nguyễn Văn An nhận phong bì ngày 12/03/2026', '[họ tên] nhận phong bì ngày 12/03/2026'],
    ['điều dưỡng Đỗ Thu Hà trực đêm ngủ', 'điều dưỡng [họ tên] trực đêm ngủ'],
    ['ĐD Hoa không thay dịch truyền', 'ĐD [họ tên] không thay dịch truyền'],
  ])('%s', (text, redacted) => {
    expect(redactText(text)).toBe(redacted);
  });

  it.each([
    'Khoa Nội và Phòng Điều dưỡng tiếp nhận rất nhanh',
    'Bác sĩ Khoa Nội rất tận tình',
    'nhà tôi ở đường Lê Lợi, TP Hồ Chí Minh',
    'Bệnh viện Hà Nội có bãi xe ở phường Hoàng Mai',
    'Mã hồ sơ ABCD-EFG-HJK, phí 20.000 đồng, giường 12, ngày 05/12/2026',
    'bác sĩ khám rất kỹ, cô ấy giải thích dễ hiểu',
  ])('keeps %s readable', (text) => {
    expect(redactText(text)).toBe(text.normalize('NFC'));
  });

  it('masks a name typed with a phone next to it', () => {
    expect(redactText('gọi chị Hương 0912345678')).toBe('gọi chị [họ tên] [số điện thoại]');
  });
});
