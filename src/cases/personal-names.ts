// Vietnamese personal names in free text, for redaction.ts. A name cannot be found by its shape
// alone ("Nội", "An" are words too), so a run of capitalised syllables is taken as a name only
// when something says it is one: a title or kinship word before it ("bác sĩ Hùng", "chị Lan",
// "tôi tên là Mai"), or a common family name at its start ("Nguyễn Văn An"). Unit names ("khoa
// Nội", "Phòng Điều dưỡng") and places named after people ("đường Lê Lợi", "TP Hồ Chí Minh") stay
// readable. Over-masking is preferred to leaking, as everywhere in redaction.ts.

/** Words that announce a person's name next, lower case; longest first so "bác sĩ" wins over "bác". */
const TITLES = [
  'tôi tên là',
  'tên tôi là',
  'em tên là',
  'mình tên là',
  'cháu tên là',
  'tên là',
  'tên',
  'bác sĩ',
  'bác sỹ',
  'điều dưỡng',
  'dược sĩ',
  'hộ sinh',
  'hộ lý',
  'y tá',
  'trưởng khoa',
  'phó khoa',
  'giám đốc',
  'bệnh nhân',
  'cụ',
  'bs',
  'đd',
  'anh',
  'chị',
  'cô',
  'chú',
  'ông',
  'bà',
  'bác',
  'em',
  'cháu',
  'bạn',
  'mr',
  'mrs',
  'ms',
  'dr',
].sort((a, b) => b.length - a.length);

/** Common family names (about nine Vietnamese in ten carry one of them). */
const FAMILY_NAMES = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
  'Đinh',
  'Trương',
  'Lâm',
  'Mai',
  'Tô',
  'Trịnh',
  'Đoàn',
  'Lương',
  'Cao',
  'Châu',
  'Tạ',
  'Hà',
];

/** Capitalised words that start a unit's or a body's name, not a person's, when more follow. */
const UNIT_WORDS = new Set([
  'Khoa',
  'Phòng',
  'Ban',
  'Trạm',
  'Trung',
  'Bệnh',
  'Sở',
  'Tổ',
  'Đội',
  'Viện',
  'Trường',
]);

/** Words before a family-name run that make it a place (a street, a district, the city). */
const PLACE_BEFORE =
  /(?:đường|phố|phường|quận|huyện|xã|tỉnh|thành phố|tp\.?|trường|bệnh viện|bv|cầu|chợ|khu)\s+$/iu;

/** Well-known places that begin with a family name and are written without "thành phố" or "tỉnh". */
const PLACES = [
  'Hồ Chí Minh',
  'Hà Nội',
  'Hà Tĩnh',
  'Hà Giang',
  'Hà Nam',
  'Hoàng Mai',
  'Phan Thiết',
  'Phan Rang',
  'Cao Bằng',
  'Lâm Đồng',
  'Châu Đốc',
  'Hồ Gươm',
  'Hồ Tây',
];

// Without the i flag: under /iu, \p{Lu} would match lower case too, and a name must start with a
// capital. Titles are matched in lower case, with a capital first letter, or all in capitals.
const titleForms = (t: string) => [t, t.charAt(0).toUpperCase() + t.slice(1), t.toUpperCase()];
const SYLLABLE = '\\p{Lu}\\p{Ll}{0,6}';
const RUN = `${SYLLABLE}(?:[ \\u00A0]+${SYLLABLE}){0,3}`;
const TITLED = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${TITLES.flatMap(titleForms).join('|')})[ \\u00A0]+(?<name>${RUN})(?![\\p{L}\\p{N}])`,
  'gu',
);
const FAMILY = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${FAMILY_NAMES.join('|')})(?:[ \\u00A0]+${SYLLABLE}){1,3}(?![\\p{L}\\p{N}])`,
  'gu',
);

export interface NameSpan {
  start: number;
  end: number;
}

/** Where names are in an NFC text, in order, not overlapping. Pure. */
export function findPersonalNames(nfc: string): NameSpan[] {
  const spans: NameSpan[] = [];
  for (const m of nfc.matchAll(TITLED)) {
    const name = m.groups!.name!;
    const words = name.split(/[ \u00A0]+/);
    if (words.length > 1 && UNIT_WORDS.has(words[0]!)) continue;
    const start = m.index + m[0].length - name.length;
    spans.push({ start, end: start + name.length });
  }
  for (const m of nfc.matchAll(FAMILY)) {
    if (PLACE_BEFORE.test(nfc.slice(Math.max(0, m.index - 20), m.index))) continue;
    if (PLACES.some((p) => m[0].startsWith(p))) continue;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: NameSpan[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}
