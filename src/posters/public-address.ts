// Whether an address printed in a QR code can be reached by a patient's phone from the street: not
// a loopback, private, link-local or carrier-grade NAT address, not `localhost` or a one-label
// intranet name. A poster with such an address hangs on the wall and leads nowhere.

/** A reason the address is not public, or undefined when it looks public. */
export function nonPublicReason(url: string): string | undefined {
  let host: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'không phải địa chỉ web';
    host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return 'không phải địa chỉ hợp lệ';
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'localhost là máy của chính bạn';
  if (host.endsWith('.local') || host.endsWith('.internal') || host.endsWith('.lan'))
    return 'tên miền nội bộ';
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 127 || a === 0) return 'địa chỉ của chính máy chủ';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168))
      return 'địa chỉ mạng nội bộ';
    if (a === 169 && b === 254) return 'địa chỉ liên kết cục bộ';
    if (a === 100 && b >= 64 && b <= 127) return 'địa chỉ nội bộ của nhà mạng';
    return undefined;
  }
  if (host.includes(':')) {
    if (host === '::1' || host === '::') return 'địa chỉ của chính máy chủ';
    if (/^f[cd][0-9a-f]{2}:/.test(host)) return 'địa chỉ mạng nội bộ';
    if (/^fe[89ab][0-9a-f]:/.test(host)) return 'địa chỉ liên kết cục bộ';
    return undefined;
  }
  if (!host.includes('.')) return 'tên máy trong mạng nội bộ';
  return undefined;
}
