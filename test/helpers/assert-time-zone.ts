// Date-sensitive tests refuse to run in a zone other than the one their project declares, so a
// green run really covered both zones. Compared by offset: ICU may report an alias (Asia/Saigon).
const EXPECTED_OFFSET_MINUTES: Record<string, number> = { 'Asia/Ho_Chi_Minh': -420, UTC: 0 };
const expected = process.env.TZ ?? '(unset)';
const offset = new Date('2026-01-15T12:00:00Z').getTimezoneOffset();
if (EXPECTED_OFFSET_MINUTES[expected] !== offset) {
  throw new Error(`Unit tests expect TZ=${expected} but the process runs at UTC offset ${-offset} minutes`);
}
