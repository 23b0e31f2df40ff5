import { describe, expect, it } from 'vitest';
import { suggestDuplicateClusters } from './suggest-duplicates.js';

describe('suggestDuplicateClusters', () => {
  it('joins questions that ask the same thing and leaves the others out', () => {
    const clusters = suggestDuplicateClusters(
      [
        { key: 'A', text: 'Khi nào đơn vị chi trả tiền làm thêm giờ trực đêm cho điều dưỡng?' },
        { key: 'B', text: 'Tiền làm thêm giờ trực đêm của điều dưỡng bao giờ được chi trả?' },
        { key: 'C', text: 'Đề nghị sửa lại máy lạnh phòng hành chính đã hỏng lâu.' },
        { key: 'D', text: 'Bao giờ chi trả tien lam them gio truc dem cho dieu duong?' },
      ],
      0.5,
    );
    expect(clusters).toHaveLength(1);
    expect(clusters[0]!.keys.sort()).toEqual(['A', 'B', 'D']);
    expect(clusters[0]!.similarity).toBeGreaterThanOrEqual(0.5);
  });

  it('suggests nothing for one question or unrelated ones', () => {
    expect(suggestDuplicateClusters([{ key: 'A', text: 'Một câu hỏi về chế độ nghỉ phép.' }], 0.5)).toEqual(
      [],
    );
    expect(
      suggestDuplicateClusters(
        [
          { key: 'A', text: 'Chế độ nghỉ phép năm nay thế nào?' },
          { key: 'B', text: 'Bãi giữ xe của nhân viên có mở rộng không?' },
        ],
        0.5,
      ),
    ).toEqual([]);
  });
});
