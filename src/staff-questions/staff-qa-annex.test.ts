import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar/local-date.js';
import type { CollectionView } from './collection-view.js';
import { publishedMessage } from './publish-staff-answers.js';
import { buildStaffQaAnnex } from './staff-qa-annex.js';

const view: CollectionView = {
  id: 'c',
  organizationId: 'o',
  number: 1,
  topic: 'Hội nghị viên chức, người lao động năm 2027',
  opensOn: parseLocalDate('2027-01-05'),
  closesOn: parseLocalDate('2027-01-20'),
  publishedAt: null,
  groups: [
    {
      number: 1,
      wording: 'Khi nào chi trả tiền trực đêm?',
      questionCount: 2,
      assignee: 'Lê Văn Tâm',
      answer: 'Ngày 10 hằng tháng.',
      answeredBy: { name: 'Lê Văn Tâm', title: 'Phó Giám đốc' },
    },
    {
      number: 2,
      wording: 'Có mở rộng bãi xe không?',
      questionCount: 1,
      assignee: null,
      answer: null,
      answeredBy: null,
    },
  ],
  ungrouped: [{ ref: 'AB23', text: 'Câu hỏi chưa gộp.' }],
  questionCount: 4,
};

describe('what is published and printed', () => {
  it('the unit groups read answered groups only, and a long list is cut before Telegram’s limit', () => {
    const text = publishedMessage(view, 'https://langnghe.example/hoi-dap');
    expect(text).toContain('N1. Khi nào chi trả tiền trực đêm?\n➡️ Ngày 10 hằng tháng. (Lê Văn Tâm)');
    expect(text).not.toContain('bãi xe');
    expect(text).not.toContain('chưa gộp');
    const many = {
      ...view,
      groups: Array.from({ length: 60 }, (_, i) => ({ ...view.groups[0]!, number: i + 1 })),
    };
    const long = publishedMessage(many, undefined);
    expect(long.length).toBeLessThan(4096);
    expect(long).toContain('…');
  });

  it('the annex lists every group in order, unanswered ones said so, in NFC', () => {
    const doc = buildStaffQaAnnex({
      view,
      organization: {
        name: 'Trung tâm Y tế khu vực Thuận An',
        parentName: 'Sở Y tế TP. Hồ Chí Minh',
        place: 'Thuận An',
      },
      date: parseLocalDate('2027-01-25'),
      creationDate: new Date('2027-01-25T02:00:00Z'),
    });
    const json = JSON.stringify(doc.content);
    expect(json).toContain('Câu 1. Khi nào chi trả tiền trực đêm?');
    expect(json).toContain('Trả lời (Phó Giám đốc Lê Văn Tâm): ');
    expect(json).toContain('Chưa có câu trả lời.');
    expect(json).toContain('Câu hỏi chưa được tổng hợp');
    expect(json).toContain('Thuận An, ngày 25 tháng 01 năm 2027');
    expect(json).toBe(json.normalize('NFC'));
  });
});
