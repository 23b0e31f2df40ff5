// The hotline officer's quick form: `/nhanduongday` opens it, each answer moves one step, buttons
// where a choice is short (kind, unit, skip), and the call is logged as a case on "Lưu". Pure: the
// state comes in and goes out; src/officer/hotline-form.store.ts keeps it between messages.
import { z } from 'zod';
import { CASE_KINDS, CASE_KIND_LABELS, type CaseKind } from '../cases/case-vocabulary.js';
import type { Button, Inbound, Outbound } from '../dialog/dialog-types.js';
import type { HotlineCallForm } from './officer-commands.js';
import { cleanFreeText } from '../core/free-text.js';

export const HOTLINE_FORM_BUTTON_PREFIX = 'hf:';

const STEPS = ['kind', 'unit', 'text', 'name', 'phone', 'confirm'] as const;

export const ZHotlineFormStateSchema = z.object({
  /** Random, and the call's idempotency key: saving twice logs one case. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  step: z.enum(STEPS),
  kind: z.enum(CASE_KINDS).optional(),
  unitCode: z.string().nullable().optional(),
  text: z.string().optional(),
  callerName: z.string().nullable().optional(),
  callerPhone: z.string().nullable().optional(),
  /** Set when a step is asked again to correct it: the answer leads straight back to the summary. */
  backToConfirm: z.boolean().optional(),
});
export type HotlineFormState = z.infer<typeof ZHotlineFormStateSchema>;

export interface UnitChoice {
  code: string;
  name: string;
}

export type HotlineFormTurn =
  | { next: 'continue'; state: HotlineFormState; reply: Outbound }
  | { next: 'cancelled'; reply: Outbound }
  | { next: 'submit'; state: HotlineFormState; call: HotlineCallForm };

const TEXT_LIMIT = 5000;
const PHONE = /^\+?[0-9 .-]{8,16}$/;
const button = (label: string, value: string): Button => ({
  label,
  value: `${HOTLINE_FORM_BUTTON_PREFIX}${value}`,
});
const CANCEL_ROW: Button[] = [button('✖️ Hủy', 'cancel')];
const SKIP_ROW: Button[] = [button('Bỏ qua', 'skip'), ...CANCEL_ROW];

/** At most this many units as buttons; the officer can always type a unit code. */
export const MAX_UNIT_BUTTONS = 8;

export function startHotlineForm(id: string): { state: HotlineFormState; reply: Outbound } {
  const state: HotlineFormState = { id, step: 'kind' };
  return { state, reply: prompt(state, []) };
}

export function advanceHotlineForm(
  state: HotlineFormState,
  input: Inbound,
  units: readonly UnitChoice[],
): HotlineFormTurn {
  const choice = input.type === 'choice' ? input.value.slice(HOTLINE_FORM_BUTTON_PREFIX.length) : null;
  const typed = input.type === 'text' ? cleanFreeText(input.text) : null;
  if (choice === 'cancel' || (input.type === 'command' && ['huy', 'cancel'].includes(input.command))) {
    return { next: 'cancelled', reply: { text: 'Đã hủy phiếu ghi nhận cuộc gọi. Không có gì được lưu.' } };
  }
  const again = (message: string): HotlineFormTurn => ({
    next: 'continue',
    state,
    reply: { ...prompt(state, units), text: `${message}\n\n${prompt(state, units).text}` },
  });
  const advance = (changes: Partial<HotlineFormState>): HotlineFormTurn => {
    const step = state.backToConfirm ? 'confirm' : STEPS[STEPS.indexOf(state.step) + 1]!;
    const { backToConfirm: _done, ...rest } = { ...state, ...changes };
    const next: HotlineFormState = { ...rest, step };
    return { next: 'continue', state: next, reply: prompt(next, units) };
  };

  switch (state.step) {
    case 'kind': {
      const kind = choice?.startsWith('kind:') ? choice.slice(5) : null;
      if (!kind || !(CASE_KINDS as readonly string[]).includes(kind)) return again('Hãy chọn loại ý kiến.');
      return advance({ kind: kind as CaseKind });
    }
    case 'unit': {
      if (choice === 'unit:-') return advance({ unitCode: null });
      const code = (choice?.startsWith('unit:') ? choice.slice(5) : (typed ?? '')).toLowerCase();
      if (!/^[a-z0-9][a-z0-9-]{1,40}$/.test(code)) return again('Mã khoa/phòng chưa đúng.');
      return advance({ unitCode: code });
    }
    case 'text': {
      if (!typed) return again('Hãy gõ nội dung người gọi phản ánh.');
      if (typed.length > TEXT_LIMIT) return again(`Nội dung dài quá ${TEXT_LIMIT} ký tự; hãy tóm tắt lại.`);
      return advance({ text: typed });
    }
    case 'name': {
      if (choice === 'skip') return advance({ callerName: null });
      if (!typed || typed.length > 200) return again('Hãy gõ tên người gọi, hoặc bấm "Bỏ qua".');
      return advance({ callerName: typed });
    }
    case 'phone': {
      if (choice === 'skip') return advance({ callerPhone: null });
      if (!typed || !PHONE.test(typed)) return again('Số điện thoại chưa đúng (8–16 chữ số).');
      return advance({ callerPhone: typed });
    }
    case 'confirm': {
      if (choice === 'save') {
        return {
          next: 'submit',
          state,
          call: {
            kind: state.kind!,
            unitCode: state.unitCode ?? null,
            text: state.text!,
            callerName: state.callerName ?? null,
            callerPhone: state.callerPhone ?? null,
          },
        };
      }
      return again('Bấm "Lưu" để ghi nhận, hoặc "Hủy".');
    }
  }
}

/** What the form asks at its current step. */
export function prompt(state: HotlineFormState, units: readonly UnitChoice[]): Outbound {
  const n = STEPS.indexOf(state.step) + 1;
  const title = `☎️ Ghi nhận cuộc gọi (${Math.min(n, 5)}/5)`;
  switch (state.step) {
    case 'kind':
      return {
        text: `${title}\nNgười gọi muốn gửi loại ý kiến nào?`,
        buttons: [...pairs(CASE_KINDS.map((k) => button(CASE_KIND_LABELS[k].vi, `kind:${k}`))), CANCEL_ROW],
      };
    case 'unit':
      return {
        text: `${title}\nKhoa/phòng liên quan? Chọn hoặc gõ mã khoa/phòng.`,
        buttons: [
          ...pairs(units.slice(0, MAX_UNIT_BUTTONS).map((u) => button(u.name, `unit:${u.code}`))),
          [button('Không rõ — chuyển bộ phận tiếp nhận', 'unit:-')],
          CANCEL_ROW,
        ],
      };
    case 'text':
      return { text: `${title}\nGõ nội dung cuộc gọi (tóm tắt điều người gọi nói).`, buttons: [CANCEL_ROW] };
    case 'name':
      return { text: `${title}\nTên người gọi? (Bỏ qua nếu người gọi muốn ẩn danh.)`, buttons: [SKIP_ROW] };
    case 'phone':
      return { text: `${title}\nSố điện thoại để gọi lại? (Bỏ qua nếu không có.)`, buttons: [SKIP_ROW] };
    case 'confirm':
      return {
        text: [
          '☎️ Kiểm tra trước khi lưu:',
          `Loại: ${CASE_KIND_LABELS[state.kind!].vi}`,
          `Khoa/phòng: ${state.unitCode ?? 'chuyển bộ phận tiếp nhận'}`,
          `Nội dung: ${state.text}`,
          `Người gọi: ${state.callerName ?? '(ẩn danh)'}${state.callerPhone ? ` · ${state.callerPhone}` : ''}`,
        ].join('\n'),
        buttons: [[button('💾 Lưu', 'save'), ...CANCEL_ROW]],
      };
  }
}

function pairs(buttons: Button[]): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}
