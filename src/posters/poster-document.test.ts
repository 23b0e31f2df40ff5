import { describe, expect, it } from 'vitest';
import { buildPosterDocument, POSTER_FONT_SIZES, type PosterData } from './poster-document.js';

const data: PosterData = {
  unitName: 'Khoa Khám bệnh',
  organizationName: 'Trung tâm Y tế khu vực Thuận An',
  links: { web: 'https://gopy.example.vn/chat/ta-kkb', telegram: 'https://t.me/bot?start=u_ta-kkb' },
  trackingUrl: 'https://gopy.example.vn/tra-cuu',
  hotlines: [
    { owner: 'Khoa Khám bệnh', numbers: [] },
    { owner: 'Trung tâm Y tế khu vực Thuận An', numbers: ['0900 000 200'] },
  ],
  nationalHotline: { owner: 'Đường dây nóng Bộ Y tế', numbers: ['1900 9095'] },
};

/** Every text node with the font size it is drawn at (its own, its style's, or the default). */
function sizedTexts(node: unknown, inherited: number, styles: Record<string, { fontSize?: number }>) {
  const out: { text: string; size: number }[] = [];
  const walk = (n: unknown, size: number): void => {
    if (typeof n === 'string') return void out.push({ text: n, size });
    if (Array.isArray(n)) return n.forEach((c) => walk(c, size));
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    const style = typeof o.style === 'string' ? styles[o.style]?.fontSize : undefined;
    const own = typeof o.fontSize === 'number' ? o.fontSize : (style ?? size);
    for (const [key, value] of Object.entries(o)) {
      if (key === 'qr') continue;
      if (['text', 'stack', 'columns', 'ol', 'ul', 'table', 'body'].includes(key)) walk(value, own);
    }
  };
  walk(node, inherited);
  return out;
}

describe('the poster', () => {
  const doc = buildPosterDocument(data);
  const styles = doc.styles as Record<string, { fontSize?: number }>;
  const texts = sizedTexts(doc.content, POSTER_FONT_SIZES.body, styles);

  it('reads from a wall: all text at 18 pt or more, headings larger', () => {
    expect((doc.defaultStyle as { fontSize: number }).fontSize).toBeGreaterThanOrEqual(18);
    expect(texts.length).toBeGreaterThan(10);
    for (const t of texts) expect(t.size, t.text).toBeGreaterThanOrEqual(18);
    expect(styles.heading!.fontSize).toBeGreaterThan(POSTER_FONT_SIZES.body);
    expect(styles.unit!.fontSize).toBeGreaterThan(styles.heading!.fontSize!);
  });

  it("labels 1900 9095 as the Ministry of Health's hotline, and leaves out owners without numbers", () => {
    const words = texts.map((t) => t.text);
    const at = words.indexOf('1900 9095');
    expect(words[at - 1]).toBe('Đường dây nóng Bộ Y tế');
    expect(words).toContain('0900 000 200');
    expect(words.filter((w) => w === 'Khoa Khám bệnh')).toHaveLength(1); // the title, not a hotline row
  });

  it('marks a trial print with a local address as not for posting, and only then', () => {
    const trial = buildPosterDocument({ ...data, notForPostingReason: 'địa chỉ mạng nội bộ' });
    expect(JSON.stringify(trial.content)).toMatch(/BẢN IN THỬ – KHÔNG NIÊM YẾT/);
    expect(JSON.stringify(doc.content)).not.toMatch(/BẢN IN THỬ/);
  });
});

describe('the poster with a citizen-reception schedule', () => {
  it('prints the sessions under their heading, and nothing of it without sessions', () => {
    const line =
      'ngày 15 hằng tháng, 08:00–11:00 — Giám đốc Nguyễn Văn An (Thủ trưởng đơn vị), Phòng Tiếp công dân';
    const withSessions = JSON.stringify(buildPosterDocument({ ...data, receptionSessions: [line] }).content);
    expect(withSessions).toContain('LỊCH TIẾP CÔNG DÂN');
    expect(withSessions).toContain(line);
    expect(JSON.stringify(buildPosterDocument(data).content)).not.toContain('LỊCH TIẾP CÔNG DÂN');
  });
});
