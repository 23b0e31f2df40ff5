// "Chrome · Android": enough for a person to recognise their own device in the session list, and
// too little to fingerprint anyone (no versions, no full User-Agent kept).

const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\bCocCoc\//, 'Cốc Cốc'],
  [/\bZalo/i, 'Zalo'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:Chrome|CriOS|Chromium)\//, 'Chrome'],
  [/\bSafari\//, 'Safari'],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/\bAndroid\b/, 'Android'],
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bLinux\b/, 'Linux'],
];

const first = (list: readonly [RegExp, string][], text: string) => list.find(([re]) => re.test(text))?.[1];

export function summarizeUserAgent(userAgent: string | undefined): string | null {
  if (!userAgent) return null;
  const text = userAgent.slice(0, 512);
  const parts = [first(BROWSERS, text), first(SYSTEMS, text)].filter((p): p is string => p !== undefined);
  return parts.length ? parts.join(' · ') : null;
}
