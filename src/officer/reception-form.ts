// The reception officer's quick form: `/tiepdan` with no arguments opens it, each answer moves one
// step, buttons where a choice is short (handling, kind, today, skip), and the visit is logged on
// "Lưu" exactly as the one-line `/tiepdan` logs it. Pure: the state and today's date come in, the
// state goes out; src/officer/reception-form.store.ts keeps it between messages.
import { z } from 'zod';
import { compareDates, formatVietnameseDate, parseUserDate, type LocalDate } from '../calendar/local-date.js';
import { CASE_KINDS, CASE_KIND_LABELS, type CaseKind } from '../cases/case-vocabulary.js';
import { cleanFreeText } from '../core/free-text.js';
import type { Button, Inbound, Outbound } from '../dialog/dialog-types.js';
import { ZVisitContentSchema, ZVisitorSchema } from '../reception-register/reception-visit.schema.js';
import {
  MAX_CONTENTS_PER_VISIT,
  RECEPTION_HANDLINGS,
  RECEPTION_HANDLING_LABELS,
  type ReceptionHandling,
} from '../reception-register/reception-vocabulary.js';
import type { ReceptionVisitForm } from './officer-command-args.js';

export const RECEPTION_FORM_BUTTON_PREFIX = 'rf:';

const STEPS = [
  'name',
  'idNumber',
  'address',
  'phone',
  'handling',
  'petitionDate',
  'kind',
  'text',
  'more',
  'reference',
  'confirm',
] as const;
export type ReceptionFormStep = (typeof STEPS)[number];

const ZContentSchema = z.object({ kind: z.enum(CASE_KINDS), text: z.string() });

export const ZReceptionFormStateSchema = z.object({
  /** Random, and the visit's idempotency key: saving twice logs one visit. */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,40}$/),
  step: z.enum(STEPS),
  name: z.string().optional(),
  idNumber: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  handling: z.enum(RECEPTION_HANDLINGS).optional(),
  petitionDate: z.string().nullable().optional(),
  /** The kind chosen for the content being typed. */
  kind: z.enum(CASE_KINDS).optional(),
  contents: z.array(ZContentSchema).max(MAX_CONTENTS_PER_VISIT).default([]),
  bookingReference: z.string().nullable().optional(),
  /** Set when a step is asked again to correct it: the answer leads straight back to the summary. */
  backToConfirm: z.boolean().optional(),
});
export type ReceptionFormState = z.output<typeof ZReceptionFormStateSchema>;

export type ReceptionFormTurn =
  | { next: 'continue'; state: ReceptionFormState; reply: Outbound }
  | { next: 'cancelled'; reply: Outbound }
  | { next: 'submit'; state: ReceptionFormState; visit: ReceptionVisitForm };

const button = (label: string, value: string): Button => ({
  label,
  value: `${RECEPTION_FORM_BUTTON_PREFIX}${value}`,
});
const CANCEL_ROW: Button[] = [button('✖️ Hủy', 'cancel')];
const SKIP_ROW: Button[] = [button('Bỏ qua', 'skip'), ...CANCEL_ROW];

/** The rules of each field are the register's own (reception-visit.schema.ts), stated once. */
const FIELD = {
  name: ZVisitorSchema.shape.name,
  idNumber: ZVisitorSchema.shape.idNumber.unwrap(),
  address: ZVisitorSchema.shape.address.unwrap(),
  phone: ZVisitorSchema.shape.phone.unwrap(),
  text: ZVisitContentSchema.shape.text,
};
const REFERENCE_LIMIT = 100;

export function startReceptionForm(id: string): { state: ReceptionFormState; reply: Outbound } {
  const state: ReceptionFormState = { id, step: 'name', contents: [] };
  return { state, reply: receptionFormPrompt(state) };
}

/** The step after `step` for this state: the đơn's date is asked only when a đơn is taken. */
function stepAfter(state: ReceptionFormState, step: ReceptionFormStep): ReceptionFormStep {
  const next = STEPS[STEPS.indexOf(step) + 1]!;
  if (next === 'petitionDate' && state.handling !== 'accepted_petition') return 'kind';
  if (next === 'more' && state.contents.length >= MAX_CONTENTS_PER_VISIT) return 'reference';
  return next;
}

export function advanceReceptionForm(
  state: ReceptionFormState,
  input: Inbound,
  today: LocalDate,
): ReceptionFormTurn {
  const choice = input.type === 'choice' ? input.value.slice(RECEPTION_FORM_BUTTON_PREFIX.length) : null;
  const typed = input.type === 'text' ? cleanFreeText(input.text) : null;
  if (choice === 'cancel' || (input.type === 'command' && ['huy', 'cancel'].includes(input.command))) {
    return { next: 'cancelled', reply: { text: 'Đã hủy phiếu ghi sổ tiếp công dân. Không có gì được lưu.' } };
  }
  const again = (message: string): ReceptionFormTurn => {
    const ask = receptionFormPrompt(state);
    return { next: 'continue', state, reply: { ...ask, text: `${message}\n\n${ask.text}` } };
  };
  const goTo = (step: ReceptionFormStep, changes: Partial<ReceptionFormState>): ReceptionFormTurn => {
    const { backToConfirm: _done, ...rest } = { ...state, ...changes };
    const next: ReceptionFormState = { ...rest, step };
    return { next: 'continue', state: next, reply: receptionFormPrompt(next) };
  };
  /** Asks `step` next without leaving a correction: its answer still leads back to the summary. */
  const keep = (step: ReceptionFormStep, changes: Partial<ReceptionFormState>): ReceptionFormTurn => {
    const next: ReceptionFormState = { ...state, ...changes, step };
    return { next: 'continue', state: next, reply: receptionFormPrompt(next) };
  };
  const advance = (changes: Partial<ReceptionFormState>): ReceptionFormTurn =>
    state.backToConfirm
      ? goTo('confirm', changes)
      : goTo(stepAfter({ ...state, ...changes }, state.step), changes);
  /** A typed answer checked by the register's rule for that field, or the reason to ask again. */
  const field = (schema: z.ZodType<string, string>, label: string): { value: string } | { error: string } => {
    const parsed = schema.safeParse(typed ?? '');
    return parsed.success
      ? { value: parsed.data }
      : { error: `${label}: ${parsed.error.issues[0]?.message ?? 'chưa đúng'}.` };
  };

  switch (state.step) {
    case 'name': {
      const v = field(FIELD.name, 'Họ tên');
      return 'error' in v ? again(v.error) : advance({ name: v.value });
    }
    case 'idNumber':
    case 'address':
    case 'phone': {
      const step = state.step;
      if (choice === 'skip') return advance({ [step]: null });
      const v = field(FIELD[step], FIELD_LABELS[step]);
      return 'error' in v ? again(`${v.error} Gõ lại, hoặc bấm "Bỏ qua".`) : advance({ [step]: v.value });
    }
    case 'handling': {
      const h = choice?.startsWith('h:') ? choice.slice(2) : null;
      if (!h || !(RECEPTION_HANDLINGS as readonly string[]).includes(h))
        return again('Hãy chọn hướng xử lý.');
      const handling = h as ReceptionHandling;
      // Changing the handling away from "nhận đơn" drops the đơn's date; towards it, asks for it.
      if (handling === 'accepted_petition' && !state.petitionDate) {
        return keep('petitionDate', { handling });
      }
      return advance({ handling, ...(handling === 'accepted_petition' ? {} : { petitionDate: null }) });
    }
    case 'petitionDate': {
      let date: LocalDate | undefined;
      if (choice === 'today') date = today;
      else if (typed) {
        try {
          date = parseUserDate(typed);
        } catch {
          return again(`Ngày đơn "${typed.slice(0, 20)}" chưa đúng (dd/mm/yyyy).`);
        }
      }
      if (!date) return again('Hãy chọn "Hôm nay" hoặc gõ ngày ghi trên đơn (dd/mm/yyyy).');
      if (compareDates(date, today) > 0) return again('Ngày đơn không được sau hôm nay.');
      return advance({ petitionDate: date });
    }
    case 'kind': {
      const kind = choice?.startsWith('kind:') ? choice.slice(5) : null;
      if (!kind || !(CASE_KINDS as readonly string[]).includes(kind)) return again('Hãy chọn loại nội dung.');
      return goTo('text', { kind: kind as CaseKind });
    }
    case 'text': {
      const v = field(FIELD.text, 'Nội dung');
      if ('error' in v) return again(v.error);
      const { kind, backToConfirm, ...rest } = state;
      const added = { ...rest, contents: [...state.contents, { kind: kind!, text: v.value }] };
      const next: ReceptionFormState = {
        ...added,
        step: backToConfirm ? 'confirm' : stepAfter(added, 'text'),
      };
      return { next: 'continue', state: next, reply: receptionFormPrompt(next) };
    }
    case 'more': {
      if (choice === 'add') return goTo('kind', {});
      if (choice === 'next') return goTo('reference', {});
      return again('Bấm "Thêm nội dung khác" nếu người đến còn việc khác, hoặc "Tiếp".');
    }
    case 'reference': {
      if (choice === 'skip') return advance({ bookingReference: null });
      if (!typed || typed.length > REFERENCE_LIMIT) {
        return again('Gõ mã lịch hẹn (LH-…) hoặc mã hồ sơ người đến mang theo, hoặc bấm "Bỏ qua".');
      }
      return advance({ bookingReference: typed });
    }
    case 'confirm': {
      if (choice === 'save') return { next: 'submit', state, visit: visitOf(state) };
      if (choice === 'add' && state.contents.length < MAX_CONTENTS_PER_VISIT) {
        return keep('kind', { backToConfirm: true });
      }
      return again('Bấm "Lưu" để ghi sổ, hoặc "Hủy".');
    }
  }
}

const FIELD_LABELS = { idNumber: 'Số CCCD', address: 'Địa chỉ', phone: 'Số điện thoại' } as const;

/** What the form asks again after a refused save, to correct that one step and come back. */
export function reaskReceptionStep(state: ReceptionFormState, step: ReceptionFormStep): ReceptionFormState {
  return step === 'confirm' ? { ...state, step } : { ...state, step, backToConfirm: true };
}

function visitOf(state: ReceptionFormState): ReceptionVisitForm {
  return {
    name: state.name!,
    idNumber: state.idNumber ?? null,
    address: state.address ?? null,
    phone: state.phone ?? null,
    handling: state.handling!,
    petitionDate: (state.petitionDate as LocalDate | null | undefined) ?? null,
    contents: state.contents,
    bookingReference: state.bookingReference ?? null,
  };
}

/** What the form asks at its current step. */
export function receptionFormPrompt(state: ReceptionFormState): Outbound {
  const title = `🏛️ Ghi sổ tiếp công dân (${Math.min(STEPS.indexOf(state.step) + 1, 10)}/10)`;
  const ask = (text: string, buttons: Button[][]): Outbound => ({ text: `${title}\n${text}`, buttons });
  switch (state.step) {
    case 'name':
      return ask('Họ tên người đến?', [CANCEL_ROW]);
    case 'idNumber':
      return ask('Số CCCD/CMND/hộ chiếu? (Bỏ qua nếu không có.)', [SKIP_ROW]);
    case 'address':
      return ask('Địa chỉ người đến? (Bỏ qua nếu không có.)', [SKIP_ROW]);
    case 'phone':
      return ask('Số điện thoại? (Bỏ qua nếu không có.)', [SKIP_ROW]);
    case 'handling':
      return ask('Hướng xử lý?', [
        ...RECEPTION_HANDLINGS.map((h) => [button(RECEPTION_HANDLING_LABELS[h].vi, `h:${h}`)]),
        CANCEL_ROW,
      ]);
    case 'petitionDate':
      return ask('Ngày ghi trên đơn đã ký? Bấm "Hôm nay" hoặc gõ ngày (dd/mm/yyyy).', [
        [button('Hôm nay', 'today'), ...CANCEL_ROW],
      ]);
    case 'kind':
      return ask(
        `Nội dung ${state.contents.length + 1}: loại nào? (Vừa khiếu nại vừa tố cáo thì tách thành hai nội dung.)`,
        [...pairs(CASE_KINDS.map((k) => button(CASE_KIND_LABELS[k].vi, `kind:${k}`))), CANCEL_ROW],
      );
    case 'text':
      return ask(
        `Nội dung ${state.contents.length + 1} (${CASE_KIND_LABELS[state.kind!].vi}): gõ tóm tắt điều người đến trình bày.`,
        [CANCEL_ROW],
      );
    case 'more':
      return ask(`Đã có ${state.contents.length} nội dung. Người đến còn nội dung khác không?`, [
        [button('➕ Thêm nội dung khác', 'add'), button('Tiếp', 'next')],
        CANCEL_ROW,
      ]);
    case 'reference':
      return ask('Mã lịch hẹn (LH-…) hoặc mã hồ sơ người đến mang theo? (Bỏ qua nếu không có.)', [SKIP_ROW]);
    case 'confirm':
      return {
        text: [
          '🏛️ Kiểm tra trước khi lưu:',
          `Người đến: ${state.name}${state.idNumber ? ` · CCCD ${state.idNumber}` : ''}${state.phone ? ` · ${state.phone}` : ''}`,
          ...(state.address ? [`Địa chỉ: ${state.address}`] : []),
          `Hướng xử lý: ${RECEPTION_HANDLING_LABELS[state.handling!].vi}${
            state.petitionDate ? ` · đơn ngày ${formatVietnameseDate(state.petitionDate as LocalDate)}` : ''
          }`,
          ...state.contents.map((c, i) => `${i + 1}. ${CASE_KIND_LABELS[c.kind].vi}: ${c.text}`),
          ...(state.bookingReference ? [`Mã lịch hẹn/hồ sơ: ${state.bookingReference}`] : []),
        ].join('\n'),
        buttons: [
          [button('💾 Lưu', 'save'), ...CANCEL_ROW],
          ...(state.contents.length < MAX_CONTENTS_PER_VISIT
            ? [[button('➕ Thêm nội dung khác', 'add')]]
            : []),
        ],
      };
  }
}

function pairs(buttons: Button[]): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}
