import { describe, expect, it } from 'vitest';
import { planTransition, type CaseState } from '../cases/case-transitions.js';
import { CASE_KINDS, OUTCOMES } from '../cases/case-vocabulary.js';
import { hintedLetter, letterHintAfter, LETTER_COMMAND_WORDS } from '../officer/letter-hint.js';
import { letterAfterResolution, mayDraftByHand, type CaseLetter } from './letter-rules.js';

const LETTERS: readonly CaseLetter[] = ['thank_you', 'apology'];

describe('which letter for which case', () => {
  // The transition table's draft_letter effect, the hint after the move and `/thu`'s check all
  // read letter-rules.ts: for every kind and outcome they must name the same letter.
  for (const kind of CASE_KINDS) {
    for (const outcome of OUTCOMES) {
      it(`${kind} resolved ${outcome}: table, hint and /thu agree`, () => {
        const state: CaseState = {
          id: 'c1',
          kind,
          status: 'in_progress',
          paused: false,
          forwardCount: 0,
          petitionReceivedOn: '2026-03-02',
          acceptedAt: new Date('2026-03-03T02:00:00Z'),
        };
        const plan = planTransition(state, 'resolve', 'unit_head', { outcome, answer: 'Trả lời.' });
        const expected = letterAfterResolution(kind, outcome);
        if (!plan.ok) {
          // Only a finding-less end of a complaint or denunciation is refused by the table.
          expect(plan.code).toBe('outcome_not_allowed');
          return;
        }
        const drafted = plan.effects.flatMap((e) => (e.type === 'draft_letter' ? [e.letter] : []));
        expect(drafted).toEqual(expected ? [expected] : []);

        const after = { code: 'ABCD-EFG-HJK', kind, status: 'resolved', outcome };
        expect(hintedLetter('resolve', after)).toBe(expected);
        const hint = letterHintAfter('resolve', after);
        expect(hint).toEqual(
          expected ? expect.stringContaining(`/thu ABCD-EFG-HJK ${LETTER_COMMAND_WORDS[expected]}`) : null,
        );

        // The letter the table drafts is one an officer may draft by hand too; the other kind of
        // letter never contradicts it (no apology where the table thanks, and the reverse).
        if (expected) expect(mayDraftByHand({ kind, outcome }, expected)).toEqual({ ok: true });
        for (const other of LETTERS.filter((l) => l !== expected)) {
          const decision = mayDraftByHand({ kind, outcome }, other);
          if (other === 'apology') expect(decision.ok).toBe(false);
          if (!decision.ok) expect(decision.message).toMatch(/^[A-ZĐ]/);
        }
      });
    }
  }

  it('a feedback found valid is thanked, never apologised to', () => {
    expect(letterAfterResolution('feedback', 'valid')).toBe('thank_you');
    expect(
      letterHintAfter('resolve', { code: 'X', kind: 'feedback', status: 'resolved', outcome: 'valid' }),
    ).toContain('thư cảm ơn');
    expect(mayDraftByHand({ kind: 'feedback', outcome: 'valid' }, 'apology').ok).toBe(false);
  });

  it('by hand: praise and suggestions may be thanked before resolution; denunciations get no letter', () => {
    expect(mayDraftByHand({ kind: 'praise', outcome: null }, 'thank_you').ok).toBe(true);
    expect(mayDraftByHand({ kind: 'report', outcome: null }, 'thank_you').ok).toBe(true);
    expect(mayDraftByHand({ kind: 'report', outcome: null }, 'apology')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Đúng một phần'),
    });
    expect(mayDraftByHand({ kind: 'report', outcome: 'not_valid' }, 'thank_you').ok).toBe(false);
    expect(mayDraftByHand({ kind: 'complaint', outcome: null }, 'thank_you').ok).toBe(false);
    for (const outcome of [null, ...OUTCOMES]) {
      for (const letter of LETTERS) {
        expect(mayDraftByHand({ kind: 'denunciation', outcome }, letter)).toMatchObject({
          ok: false,
          message: expect.stringContaining('tố cáo'),
        });
      }
    }
  });

  it('no hint after moves other than resolve and close', () => {
    const after = { code: 'X', kind: 'praise' as const, status: 'resolved', outcome: 'valid' as const };
    expect(letterHintAfter('note', after)).toBeNull();
    expect(letterHintAfter('close', after)).toContain('/thu X camon');
  });
});
