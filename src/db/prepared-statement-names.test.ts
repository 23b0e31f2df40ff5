import { describe, expect, it } from 'vitest';
import { preparedStatementNames } from './prepared-statement-names.js';

describe('preparedStatementNames', () => {
  it('gives one text one name, and another text another', () => {
    const nameOf = preparedStatementNames(10);
    const a = nameOf({ sql: 'SELECT 1' });
    expect(a).toMatch(/^ln_\d+$/);
    expect(nameOf({ sql: 'SELECT 1' })).toBe(a);
    expect(nameOf({ sql: 'SELECT 2' })).not.toBe(a);
  });

  it('past its limit leaves new texts unnamed and keeps naming the ones it has named', () => {
    const nameOf = preparedStatementNames(2);
    const first = nameOf({ sql: 'SELECT 1' });
    nameOf({ sql: 'SELECT 2' });
    expect(nameOf({ sql: 'SELECT 3' })).toBeUndefined();
    expect(nameOf({ sql: 'SELECT 3' })).toBeUndefined();
    expect(nameOf({ sql: 'SELECT 1' })).toBe(first);
  });
});
