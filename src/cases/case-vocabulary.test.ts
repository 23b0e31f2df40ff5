import { describe, expect, it } from 'vitest';
import * as dbEnums from '../db/generated/enums.js';
import {
  ACTORS,
  ACTOR_LABELS,
  AUDIENCES,
  AUDIENCE_LABELS,
  CASE_KINDS,
  CASE_KIND_LABELS,
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  CHANNELS,
  CHANNEL_LABELS,
  OPEN_STATUSES,
  OUTCOMES,
  OUTCOME_LABELS,
  ROLES,
  TERMINAL_STATUSES,
  ZCaseKindSchema,
  ZCaseStatusSchema,
  actorTypeOf,
  type Label,
} from './case-vocabulary.js';

describe('case vocabulary', () => {
  it('uses exactly the database enum values', () => {
    expect([...CASE_KINDS].sort()).toEqual(Object.values(dbEnums.CaseKind).sort());
    expect([...CASE_STATUSES].sort()).toEqual(Object.values(dbEnums.CaseStatus).sort());
    expect([...OUTCOMES].sort()).toEqual(Object.values(dbEnums.Outcome).sort());
    expect([...ROLES].sort()).toEqual(Object.values(dbEnums.Role).sort());
    expect([...CHANNELS].sort()).toEqual(Object.values(dbEnums.Channel).sort());
    expect([...AUDIENCES].sort()).toEqual(Object.values(dbEnums.Audience).sort());
  });

  it.each([
    ['kinds', CASE_KINDS, CASE_KIND_LABELS],
    ['statuses', CASE_STATUSES, CASE_STATUS_LABELS],
    ['outcomes', OUTCOMES, OUTCOME_LABELS],
    ['channels', CHANNELS, CHANNEL_LABELS],
    ['audiences', AUDIENCES, AUDIENCE_LABELS],
    ['actors', ACTORS, ACTOR_LABELS],
  ] as const)('labels every one of the %s in NFC Vietnamese and English', (_name, values, labels) => {
    const map = labels as Readonly<Record<string, Label>>;
    expect(Object.keys(map).sort()).toEqual([...values].sort());
    for (const label of Object.values(map)) {
      expect(label.vi).toBe(label.vi.normalize('NFC'));
      expect(label.vi.trim()).not.toBe('');
      expect(label.en.trim()).not.toBe('');
    }
  });

  it('has the agreed Vietnamese labels', () => {
    expect(CASE_KIND_LABELS.denunciation.vi).toBe('Tố cáo');
    expect(CASE_STATUS_LABELS.refused.vi).toBe('Không thụ lý');
    expect(OUTCOME_LABELS.partly_valid.vi).toBe('Đúng một phần');
  });

  it('splits statuses into open, resolved and terminal with no overlap', () => {
    const open = new Set<string>(OPEN_STATUSES);
    const terminal = new Set<string>(TERMINAL_STATUSES);
    for (const status of CASE_STATUSES) {
      const groups = Number(open.has(status)) + Number(terminal.has(status)) + Number(status === 'resolved');
      expect(groups, status).toBe(1);
    }
  });

  it('validates with zod', () => {
    expect(ZCaseKindSchema.safeParse('complaint').success).toBe(true);
    expect(ZCaseKindSchema.safeParse('khieu_nai').success).toBe(false);
    expect(ZCaseStatusSchema.safeParse('in_progress').success).toBe(true);
  });

  it('tells people, workers and senders apart', () => {
    expect(actorTypeOf('receiver')).toBe('staff');
    expect(actorTypeOf('system')).toBe('system');
    expect(actorTypeOf('sender')).toBe('sender');
  });
});
