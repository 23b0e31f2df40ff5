import { describe, expect, it } from 'vitest';
import { parseLocalDate } from '../calendar/local-date.js';
import {
  checkQuestionText,
  collectionState,
  hashQuestionFollowUpCode,
  newQuestionFollowUpCode,
  newQuestionRef,
  parseGroupNumber,
  parseQuestionRef,
} from './staff-qa-rules.js';
import { mayAnswerGroup, mayOrganiseStaffQa } from './staff-qa-permissions.js';

const d = parseLocalDate;

describe('staff question rules', () => {
  it('a collection takes questions from its opening to its closing day, both included', () => {
    const c = { opensOn: d('2027-01-05'), closesOn: d('2027-01-20') };
    expect(collectionState(c, d('2027-01-04'))).toBe('upcoming');
    expect(collectionState(c, d('2027-01-05'))).toBe('open');
    expect(collectionState(c, d('2027-01-20'))).toBe('open');
    expect(collectionState(c, d('2027-01-21'))).toBe('closed');
  });

  it('reads refs and group numbers as typed', () => {
    const ref = newQuestionRef();
    expect(parseQuestionRef(`ch-${ref.toLowerCase()}`)).toBe(ref);
    expect(parseQuestionRef(ref)).toBe(ref);
    expect(parseQuestionRef('CH-10')).toBeUndefined();
    expect(parseGroupNumber('N3')).toBe(3);
    expect(parseGroupNumber('12')).toBe(12);
    expect(parseGroupNumber('x')).toBeUndefined();
  });

  it('a follow-up code hashes the same however it is typed, and nothing else hashes', () => {
    const code = newQuestionFollowUpCode();
    expect(code).toMatch(/^HD-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(hashQuestionFollowUpCode(code.toLowerCase().replaceAll('-', ' '))).toBe(
      hashQuestionFollowUpCode(code),
    );
    expect(hashQuestionFollowUpCode('HD-1234')).toBeUndefined();
  });

  it('a question is between 10 and 2000 characters once cleaned', () => {
    expect(checkQuestionText('  ngắn  ')).toEqual({ ok: false, reason: 'too_short' });
    expect(checkQuestionText('x'.repeat(2001))).toEqual({ ok: false, reason: 'too_long' });
    expect(checkQuestionText(' Bao giờ có lương tăng thêm? ')).toEqual({
      ok: true,
      text: 'Bao giờ có lương tăng thêm?',
    });
  });

  it('organisers and answerers are stated once', () => {
    const staff = (role: string) =>
      ({ id: 's1', organizationId: 'o', roles: [{ role, unitId: null }] }) as never;
    expect(mayOrganiseStaffQa(staff('receiver'))).toBe(true);
    expect(mayOrganiseStaffQa(staff('handler'))).toBe(false);
    expect(mayAnswerGroup(staff('leader'), null)).toBe(true);
    expect(mayAnswerGroup(staff('leader'), 's1')).toBe(true);
    expect(mayAnswerGroup(staff('leader'), 's2')).toBe(false);
    expect(mayAnswerGroup(staff('receiver'), null)).toBe(false);
  });
});
