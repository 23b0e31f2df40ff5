// The Ministry of Health's national hotline (Chỉ thị 09/CT-BYT; shared/DOMAIN.md §7). Directories
// often list it among an organisation's own numbers; wherever numbers are shown by owner it is
// taken out and shown under its own name, so nobody reads it as the centre's or the Sở's line.
export const NATIONAL_HOTLINE = {
  name: { vi: 'Đường dây nóng Bộ Y tế', en: 'Ministry of Health hotline' },
  numbers: ['1900 9095'],
} as const;

const digits = (n: string) => n.replace(/\D/g, '');
const NATIONAL_DIGITS = new Set<string>(NATIONAL_HOTLINE.numbers.map(digits));

export function isNationalHotlineNumber(number: string): boolean {
  return NATIONAL_DIGITS.has(digits(number));
}
