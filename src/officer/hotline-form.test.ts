import { describe, expect, it } from 'vitest';
import type { Inbound } from '../dialog/dialog-types.js';
import { advanceHotlineForm, startHotlineForm, type HotlineFormState } from './hotline-form.js';

const units = [
  { code: 'ta-kkb', name: 'Khoa Khám bệnh' },
  { code: 'ta-knhi', name: 'Khoa Nhi' },
];
const text = (t: string): Inbound => ({ type: 'text', text: t });
const choice = (v: string): Inbound => ({ type: 'choice', value: `hf:${v}` });

function walk(inputs: Inbound[]) {
  let state: HotlineFormState = startHotlineForm('form-0001').state;
  for (const input of inputs) {
    const turn = advanceHotlineForm(state, input, units);
    if (turn.next !== 'continue') return turn;
    state = turn.state;
  }
  return { next: 'continue' as const, state };
}

describe('the hotline quick form', () => {
  it('collects kind, unit, text, caller and number, then submits on save', () => {
    const turn = walk([
      choice('kind:complaint'),
      choice('unit:ta-knhi'),
      text('Người nhà phản ánh bị thu thêm tiền'),
      text('Lê Thị C'),
      text('0912 000 111'),
      choice('save'),
    ]);
    expect(turn).toMatchObject({
      next: 'submit',
      call: {
        kind: 'complaint',
        unitCode: 'ta-knhi',
        text: 'Người nhà phản ánh bị thu thêm tiền',
        callerName: 'Lê Thị C',
        callerPhone: '0912 000 111',
      },
    });
  });

  it('lets the caller stay anonymous and the unit be unknown', () => {
    const turn = walk([
      choice('kind:report'),
      choice('unit:-'),
      text('Nội dung'),
      choice('skip'),
      choice('skip'),
      choice('save'),
    ]);
    expect(turn).toMatchObject({
      next: 'submit',
      call: { unitCode: null, callerName: null, callerPhone: null },
    });
  });

  it('asks again, keeping the step, for an answer that does not fit', () => {
    const start = startHotlineForm('form-0002').state;
    const badKind = advanceHotlineForm(start, text('abc'), units);
    expect(badKind).toMatchObject({ next: 'continue', state: { step: 'kind' } });
    const atPhone: HotlineFormState = {
      ...start,
      step: 'phone',
      kind: 'report',
      unitCode: null,
      text: 'x',
      callerName: null,
    };
    const badPhone = advanceHotlineForm(atPhone, text('gọi sau'), units);
    expect(badPhone).toMatchObject({ next: 'continue', state: { step: 'phone' } });
    if (badPhone.next === 'continue') expect(badPhone.reply.text).toMatch(/Số điện thoại chưa đúng/);
  });

  it('offers the units as buttons, and a way out at every step', () => {
    const atUnit = walk([choice('kind:report')]);
    if (atUnit.next !== 'continue') throw new Error('expected the unit step');
    const turn = advanceHotlineForm(atUnit.state, text('???'), units);
    if (turn.next !== 'continue') throw new Error('expected to stay');
    const values = turn.reply.buttons!.flat().map((b) => b.value);
    expect(values).toEqual(
      expect.arrayContaining(['hf:unit:ta-kkb', 'hf:unit:ta-knhi', 'hf:unit:-', 'hf:cancel']),
    );
    for (const v of values) expect(Buffer.byteLength(v)).toBeLessThanOrEqual(64);
  });

  it('cancels on the button or /huy, and goes back to the summary after a correction', () => {
    expect(walk([choice('kind:report'), choice('cancel')]).next).toBe('cancelled');
    expect(walk([choice('kind:report'), { type: 'command', command: 'huy', args: '' }]).next).toBe(
      'cancelled',
    );
    const fixing: HotlineFormState = {
      id: 'form-0003',
      step: 'unit',
      kind: 'report',
      unitCode: null,
      text: 'x',
      callerName: null,
      callerPhone: null,
      backToConfirm: true,
    };
    const turn = advanceHotlineForm(fixing, choice('unit:ta-kkb'), units);
    expect(turn).toMatchObject({ next: 'continue', state: { step: 'confirm', unitCode: 'ta-kkb' } });
    if (turn.next === 'continue') expect(turn.state.backToConfirm).toBeUndefined();
  });
});
