import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../calendar/local-date.js';
import type { Inbound } from '../dialog/dialog-types.js';
import {
  MAX_CONTENTS_PER_VISIT,
  RECEPTION_HANDLING_LABELS,
} from '../reception-register/reception-vocabulary.js';
import {
  advanceReceptionForm,
  reaskReceptionStep,
  startReceptionForm,
  type ReceptionFormState,
} from './reception-form.js';

const today = '2026-03-10' as LocalDate;
const text = (t: string): Inbound => ({ type: 'text', text: t });
const choice = (v: string): Inbound => ({ type: 'choice', value: `rf:${v}` });

function walk(inputs: Inbound[], from: ReceptionFormState = startReceptionForm('form-0001').state) {
  let state = from;
  for (const input of inputs) {
    const turn = advanceReceptionForm(state, input, today);
    if (turn.next !== 'continue') return turn;
    state = turn.state;
  }
  return { next: 'continue' as const, state };
}

const visitor = [text('Nguyễn Thị Hồng'), text('079123456789'), choice('skip'), text('0912 000 111')];

describe('the reception quick form', () => {
  it('collects a visit with a đơn taken today and split content, then submits on save', () => {
    const turn = walk([
      ...visitor,
      choice('h:accepted_petition'),
      choice('today'),
      choice('kind:complaint'),
      text('Thu viện phí hai lần'),
      choice('add'),
      choice('kind:denunciation'),
      text('Nhân viên nhận tiền ngoài'),
      choice('next'),
      text('LH-ABC123'),
      choice('save'),
    ]);
    expect(turn).toMatchObject({
      next: 'submit',
      visit: {
        name: 'Nguyễn Thị Hồng',
        idNumber: '079123456789',
        address: null,
        phone: '0912 000 111',
        handling: 'accepted_petition',
        petitionDate: today,
        contents: [
          { kind: 'complaint', text: 'Thu viện phí hai lần' },
          { kind: 'denunciation', text: 'Nhân viên nhận tiền ngoài' },
        ],
        bookingReference: 'LH-ABC123',
      },
    });
  });

  it('asks the đơn date only when a đơn is taken, and takes a typed date', () => {
    const guided = walk([...visitor, choice('h:guided')]);
    expect(guided).toMatchObject({ state: { step: 'kind' } });
    const typed = walk([...visitor, choice('h:accepted_petition'), text('08/03/2026')]);
    expect(typed).toMatchObject({ state: { step: 'kind', petitionDate: '2026-03-08' } });
  });

  it('asks again, keeping the step, for an answer that does not fit', () => {
    const badId = walk([text('A'), text('12')]);
    expect(badId).toMatchObject({ state: { step: 'idNumber' } });
    const atDate = walk([...visitor, choice('h:accepted_petition')]);
    if (atDate.next !== 'continue') throw new Error('expected the date step');
    const future = advanceReceptionForm(atDate.state, text('11/03/2026'), today);
    expect(future).toMatchObject({ next: 'continue', state: { step: 'petitionDate' } });
    if (future.next === 'continue') expect(future.reply.text).toMatch(/không được sau hôm nay/);
    const wrong = advanceReceptionForm(atDate.state, text('31/02/2026'), today);
    expect(wrong).toMatchObject({ state: { step: 'petitionDate' } });
  });

  it('offers the four handlings by their register labels, and short button values', () => {
    const atHandling = walk(visitor);
    if (atHandling.next !== 'continue') throw new Error('expected the handling step');
    const turn = advanceReceptionForm(atHandling.state, text('?'), today);
    if (turn.next !== 'continue') throw new Error('expected to stay');
    const labels = turn.reply.buttons!.flat().map((b) => b.label);
    for (const l of Object.values(RECEPTION_HANDLING_LABELS)) expect(labels).toContain(l.vi);
    for (const b of turn.reply.buttons!.flat()) expect(Buffer.byteLength(b.value)).toBeLessThanOrEqual(64);
  });

  it(`stops offering more content at ${MAX_CONTENTS_PER_VISIT} contents`, () => {
    const one = [choice('kind:feedback'), text('x')];
    const inputs = [...visitor, choice('h:answered')];
    for (let i = 1; i < MAX_CONTENTS_PER_VISIT; i++) inputs.push(...one, choice('add'));
    const turn = walk([...inputs, ...one]);
    expect(turn).toMatchObject({ state: { step: 'reference' } });
    if (turn.next === 'continue') expect(turn.state.contents).toHaveLength(MAX_CONTENTS_PER_VISIT);
  });

  it('cancels on the button or /huy, and goes back to the summary after a refused save', () => {
    expect(walk([text('A'), choice('cancel')]).next).toBe('cancelled');
    expect(walk([text('A'), { type: 'command', command: 'huy', args: '' }]).next).toBe('cancelled');
    const atConfirm = walk([
      ...visitor,
      choice('h:answered'),
      choice('kind:feedback'),
      text('x'),
      choice('next'),
    ]);
    if (atConfirm.next !== 'continue') throw new Error('expected the reference step');
    const summary = walk([text('LH-NOPE')], atConfirm.state);
    if (summary.next !== 'continue') throw new Error('expected the summary');
    expect(summary.state.step).toBe('confirm');
    const back = reaskReceptionStep(summary.state, 'reference');
    const fixed = walk([choice('skip')], back);
    expect(fixed).toMatchObject({ state: { step: 'confirm', bookingReference: null } });
    if (fixed.next === 'continue') expect(fixed.state.backToConfirm).toBeUndefined();
    expect(walk([choice('save')], fixed.next === 'continue' ? fixed.state : back)).toMatchObject({
      next: 'submit',
      visit: { name: 'Nguyễn Thị Hồng', contents: [{ kind: 'feedback', text: 'x' }] },
    });
  });
});
