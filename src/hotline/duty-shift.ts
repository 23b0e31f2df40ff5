// Rules of a duty shift, pure. Times typed without an offset are Vietnam time (UTC+7): that is
// what a roster on the wall of a Vietnamese hospital means.

/** A shift longer than this is a typo (a wrong month, a missing "to"), not a roster. */
export const MAX_SHIFT_HOURS = 7 * 24;

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses `2026-03-02T07:00`, `2026-03-02 07:00`, `2026-03-02T07:00+07:00` or `…Z`; null if not one. */
export function parseShiftInstant(input: string): Date | null {
  const m = ISO.exec(input.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const offset = zone ?? '+07:00';
  const normalizedZone = offset === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${normalizedZone}`);
  if (Number.isNaN(date.getTime())) return null;
  // Reject 2026-02-30 and 25:00, which Date would roll over silently.
  const local = new Date(date.getTime() + offsetMinutes(normalizedZone) * 60_000);
  if (
    local.getUTCFullYear() !== Number(y) ||
    local.getUTCMonth() + 1 !== Number(mo) ||
    local.getUTCDate() !== Number(d) ||
    local.getUTCHours() !== Number(h)
  )
    return null;
  return date;
}

function offsetMinutes(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  return sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
}

export type ShiftCheck = { ok: true } | { ok: false; message: string };

export function checkShift(startsAt: Date, endsAt: Date): ShiftCheck {
  if (endsAt.getTime() <= startsAt.getTime()) {
    return { ok: false, message: 'Giờ kết thúc ca trực phải sau giờ bắt đầu.' };
  }
  if (endsAt.getTime() - startsAt.getTime() > MAX_SHIFT_HOURS * 3600_000) {
    return {
      ok: false,
      message: `Một ca trực dài tối đa ${MAX_SHIFT_HOURS / 24} ngày; hãy chia thành nhiều ca.`,
    };
  }
  return { ok: true };
}

/** "07:00 02/03/2026" in Vietnam time, for rosters and messages. */
export function formatVietnamTime(instant: Date): string {
  const local = new Date(instant.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(local.getUTCHours())}:${p(local.getUTCMinutes())} ${p(local.getUTCDate())}/${p(local.getUTCMonth() + 1)}/${local.getUTCFullYear()}`;
}
