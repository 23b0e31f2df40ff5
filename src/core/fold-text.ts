/**
 * 'Đe DOẠ!! bác   sĩ…' → 'de doa bac si': Vietnamese without marks, lower case, words separated
 * by single spaces. People type without diacritics ("khieu nai", "cap cuu"), so every
 * diacritics-insensitive comparison starts here.
 */
export function foldText(input: string): string {
  return input
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
