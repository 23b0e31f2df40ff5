// Every move a case can make, in one table, and the pure planner that checks a move against it.
//
// "open" = received, accepted, assigned, in_progress (see OPEN_STATUSES). "—" = status unchanged.
//
// | action                   | from                                | to          | actors                                               | needs                                  |
// |--------------------------|-------------------------------------|-------------|------------------------------------------------------|----------------------------------------|
// | accept                   | received, assigned                  | accepted    | receiver, unit_head, leader (+ handler: not a        | đơn recorded (complaint, denunciation) |
// |                          |                                     |             | complaint or denunciation)                           |                                        |
// | refuse                   | received, assigned                  | refused     | receiver, unit_head, leader                          | groundId fitting the kind              |
// | forward                  | received, accepted, assigned        | forwarded   | receiver, leader                                     | targetBody; a denunciation only once   |
// | guide                    | received, accepted, assigned        | guided      | receiver, leader                                     | reason (where to go)                   |
// | merge                    | open                                | merged      | receiver, leader                                     | masterCaseId ≠ own id                  |
// | withdraw                 | open                                | withdrawn   | sender, receiver, unit_head, leader                  | reason (staff only)                    |
// | assign                   | open                                | assigned    | receiver, unit_head, leader, system                  | unitId or assigneeId                   |
// | start                    | accepted, assigned                  | in_progress | handler, unit_head, leader                           |                                        |
// | resolve                  | accepted, assigned, in_progress     | resolved    | handler, unit_head, leader                           | outcome, answer; thụ lý first          |
// |                          |                                     |             |                                                      | (complaint, denunciation)              |
// | close                    | resolved                            | closed      | leader, admin, system                                |                                        |
// | reopen                   | resolved, closed (sender: resolved) | in_progress | sender, leader, admin                                | reason                                 |
// | pause                    | open, not paused                    | —           | handler, unit_head, leader                           | reason                                 |
// | resume                   | open, paused                        | —           | handler, unit_head, leader                           |                                        |
// | reclassify               | open, resolved                      | —           | receiver, leader                                     | newKind ≠ kind, reason                 |
// | record_petition_document | open; complaint, denunciation       | —           | receiver, leader                                     | receivedOn (not after today; before    |
// |                          |                                     |             |                                                      | receipt only with a reason); once      |
// | correct_petition_date    | open; complaint, denunciation       | —           | receiver, unit_head, leader                          | receivedOn, reason; đơn recorded; once |
// | extend                   | accepted, assigned, in_progress     | —           | unit_head, leader (+ handler: not a complaint or     | reason                                 |
// |                          |                                     |             | denunciation)                                        |                                        |
// | note                     | any                                 | —           | admin, receiver, handler, unit_head, leader, hotline | text                                   |
//
// Role choices, and why:
// - receiver triages the whole organisation's inbox: accept, refuse, forward, guide, merge, assign,
//   reclassify, record the signed đơn, withdraw on the sender's behalf. It does not work cases.
// - handler works a case in its unit: start, resolve, pause, resume, extend, note.
// - unit_head = handler + the decisions the law gives the head of a unit (accept/refuse, assign
//   within the unit). For a report, feedback, petition or praise, "accept" only means "taken up",
//   so the handler of the unit may do it too; thụ lý of a complaint or denunciation stays the
//   competent person's decision (docs/decisions/0008). Forwarding out, merging and reclassifying stay with the receiving office
//   so that one desk sees the whole picture.
// - leader may do everything a person may do.
// - admin only does administrative repairs: close a resolved case the worker missed, reopen a
//   wrongly closed one.
// - hotline logs calls (intake is elsewhere) and may add notes; no decisions.
// - inspector (Ban Thanh tra nhân dân) supervises, so it is read-only: not even notes.
// - system (workers) assigns by routing rules and closes resolved cases after the satisfaction
//   window; nothing else, so every decision has a person behind it.
// - sender may withdraw, and may reopen only while the case is resolved (the satisfaction window);
//   once closed, a new item is the way back in.
// - A complaint or denunciation is accepted only after its signed đơn is recorded, because a chat
//   message is not a valid complaint or denunciation (DOMAIN.md §2.1). Assign has no such guard:
//   routing may hand an item to a unit before the đơn exists.
// - A complaint or denunciation is resolved only after its thụ lý: the decision on its merits is
//   the end of the procedure the acceptance opened (Luật Khiếu nại Điều 27–31, Luật Tố cáo Điều 29–35).
// - Extending a statutory clock is a decision of the person competent to resolve (Luật Khiếu nại
//   Điều 28, Luật Tố cáo Điều 30: the head), so a handler may extend only the service clock of the
//   other kinds.
// - The đơn's date drives the statutory clocks, so it is checked (never after today; before the case
//   was received only with a reason, e.g. a đơn posted earlier) and may be corrected once, with a
//   reason, by the receiving office or the head (docs/decisions/0015).
// Unit scope ("only cases of my unit") is checked by the service, not here.
import { z } from 'zod';
import { formatVietnameseDate, toVietnamDate, type LocalDate } from '../calendar/local-date.js';
import {
  ACTOR_LABELS,
  CASE_KINDS,
  CASE_KIND_LABELS,
  CASE_STATUSES,
  CASE_STATUS_LABELS,
  OPEN_STATUSES,
  OUTCOMES,
  actorTypeOf,
  isOpenStatus,
  isStatutoryKind,
  type Actor,
  type ActorType,
  type CaseKind,
  type CaseStatus,
  type Label,
  type Outcome,
} from './case-vocabulary.js';
import { letterAfterResolution, type CaseLetter } from '../letters/letter-rules.js';
import { findRefusalGround } from './refusal-grounds.js';
import { cleanFreeText } from '../core/free-text.js';

export const CASE_ACTIONS = [
  'accept',
  'refuse',
  'forward',
  'guide',
  'merge',
  'withdraw',
  'assign',
  'start',
  'resolve',
  'close',
  'reopen',
  'pause',
  'resume',
  'reclassify',
  'record_petition_document',
  'correct_petition_date',
  'extend',
  'note',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];
export const ZCaseActionSchema = z.enum(CASE_ACTIONS);

/** Button labels, and the verb used inside refusal messages ("Không thể {verb} hồ sơ …"). */
export const CASE_ACTION_LABELS: Readonly<Record<CaseAction, Label & { readonly verb: string }>> = {
  accept: { vi: 'Thụ lý', en: 'Accept', verb: 'thụ lý' },
  refuse: { vi: 'Không thụ lý', en: 'Refuse', verb: 'từ chối thụ lý' },
  forward: { vi: 'Chuyển đơn', en: 'Forward', verb: 'chuyển đơn' },
  guide: { vi: 'Hướng dẫn', en: 'Guide elsewhere', verb: 'hướng dẫn' },
  merge: { vi: 'Gộp hồ sơ', en: 'Merge', verb: 'gộp' },
  withdraw: { vi: 'Rút hồ sơ', en: 'Withdraw', verb: 'rút' },
  assign: { vi: 'Giao xử lý', en: 'Assign', verb: 'giao xử lý' },
  start: { vi: 'Bắt đầu xử lý', en: 'Start', verb: 'bắt đầu xử lý' },
  resolve: { vi: 'Giải quyết', en: 'Resolve', verb: 'giải quyết' },
  close: { vi: 'Đóng hồ sơ', en: 'Close', verb: 'đóng' },
  reopen: { vi: 'Mở lại', en: 'Reopen', verb: 'mở lại' },
  pause: { vi: 'Tạm dừng', en: 'Pause', verb: 'tạm dừng' },
  resume: { vi: 'Tiếp tục', en: 'Resume', verb: 'tiếp tục xử lý' },
  reclassify: { vi: 'Phân loại lại', en: 'Reclassify', verb: 'phân loại lại' },
  record_petition_document: { vi: 'Ghi nhận đơn', en: 'Record signed petition', verb: 'ghi nhận đơn cho' },
  correct_petition_date: {
    vi: 'Đính chính ngày nhận đơn',
    en: 'Correct the petition date',
    verb: 'đính chính ngày nhận đơn của',
  },
  extend: { vi: 'Gia hạn', en: 'Extend', verb: 'gia hạn' },
  note: { vi: 'Ghi chú nội bộ', en: 'Internal note', verb: 'ghi chú vào' },
};

/** The part of a case the rules look at. A Prisma `Case` row satisfies it as is. */
export interface CaseState {
  readonly id: string;
  readonly kind: CaseKind;
  readonly status: CaseStatus;
  readonly paused: boolean;
  /** How many times the case has been forwarded, counting a forward that brought it to us. */
  readonly forwardCount: number;
  /** The date the signed đơn was received; null until recorded. */
  readonly petitionReceivedOn: Date | string | null;
  /** When the case was accepted (thụ lý); null or absent until then. */
  readonly acceptedAt?: Date | null;
  /** When the case was received: a đơn dated earlier needs a reason. */
  readonly receivedAt?: Date;
  /** When the đơn's date was corrected; it may be corrected once. */
  readonly petitionDateCorrectedAt?: Date | null;
}

/** What the planner needs from outside the case: today in Vietnam, for date checks. */
export interface PlanContext {
  /** YYYY-MM-DD, Vietnam time. Without it dates are checked for form only. */
  readonly today?: string;
}

/** Everything an action may take; which ones it needs is in the table. */
export const ZTransitionParamsSchema = z.object({
  reason: z.string().optional(),
  groundId: z.string().optional(),
  targetBody: z.string().optional(),
  masterCaseId: z.string().optional(),
  unitId: z.string().optional(),
  assigneeId: z.string().optional(),
  outcome: z.enum(OUTCOMES).optional(),
  answer: z.string().optional(),
  newKind: z.enum(CASE_KINDS).optional(),
  /** YYYY-MM-DD, the day the signed đơn reached the unit. */
  receivedOn: z.string().optional(),
  clockKind: z.string().optional(),
  days: z.number().optional(),
  text: z.string().optional(),
});
export type TransitionParams = z.infer<typeof ZTransitionParamsSchema>;
export type TransitionParamName = keyof TransitionParams;

/** Field updates the service writes with the status (timestamps come from the service's clock). */
export interface CaseChanges {
  status?: CaseStatus;
  kind?: CaseKind;
  paused?: boolean;
  forwardCount?: number;
  duplicateOfId?: string;
  unitId?: string;
  assigneeId?: string | null;
  outcome?: Outcome | null;
  answer?: string | null;
  petitionReceivedOn?: string;
  /** Set by the service to its clock's now. */
  acceptedNow?: true;
  petitionDateCorrectedNow?: true;
}

/** What starts a clock; the deadlines module maps a trigger and the case kind to clock kinds. */
export type ClockTrigger = 'petition_document_recorded' | 'accepted' | 'reopened';

/** Side effects the service turns into queued jobs after the transition is committed. */
export type CaseEffect =
  | { readonly type: 'notify_sender'; readonly notice: CaseAction }
  | { readonly type: 'notify_assignee'; readonly unitId?: string; readonly assigneeId?: string }
  | { readonly type: 'send_forwarding_slip'; readonly targetBody: string }
  | { readonly type: 'start_clocks'; readonly trigger: ClockTrigger; readonly startedOn?: string }
  | { readonly type: 'stop_clocks' }
  | { readonly type: 'pause_clocks' }
  | { readonly type: 'resume_clocks' }
  | { readonly type: 'extend_clocks'; readonly clockKind?: string; readonly days?: number }
  | { readonly type: 'recompute_clocks'; readonly fromKind: CaseKind; readonly toKind: CaseKind }
  | { readonly type: 'request_satisfaction' }
  | { readonly type: 'schedule_auto_close' }
  | { readonly type: 'draft_letter'; readonly letter: 'thank_you' | 'apology' };

/** The CaseEvent row to append, minus ids and time. */
export interface CaseEventDraft {
  readonly action: CaseAction;
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  readonly actorType: ActorType;
  readonly actorRole: Actor;
  readonly reason: string | null;
  readonly data: Readonly<Record<string, unknown>>;
}

export type TransitionErrorCode =
  | 'unknown_action'
  | 'actor_not_allowed'
  | 'status_not_allowed'
  | 'kind_not_allowed'
  | 'missing_param'
  | 'invalid_param'
  | 'already_paused'
  | 'not_paused'
  | 'already_forwarded'
  | 'merge_into_self'
  | 'ground_not_applicable'
  | 'petition_document_required'
  | 'petition_already_recorded'
  | 'petition_not_recorded'
  | 'petition_date_already_corrected'
  | 'acceptance_required'
  | 'same_kind'
  | 'outcome_not_allowed';

export interface TransitionRefusal {
  readonly ok: false;
  readonly code: TransitionErrorCode;
  /** Vietnamese, ready to show to the person who tried. */
  readonly message: string;
  /** The parameter to ask for again, when one is missing or wrong. */
  readonly param?: TransitionParamName;
}

export interface TransitionPlan {
  readonly ok: true;
  readonly action: CaseAction;
  readonly from: CaseStatus;
  readonly to: CaseStatus;
  readonly changes: CaseChanges;
  readonly event: CaseEventDraft;
  readonly effects: readonly CaseEffect[];
}

export type TransitionResult = TransitionPlan | TransitionRefusal;

export const UNCHANGED = 'unchanged';

interface Applied {
  readonly changes?: CaseChanges;
  readonly effects?: readonly CaseEffect[];
  readonly data?: Readonly<Record<string, unknown>>;
}

interface ApplyInput {
  readonly state: CaseState;
  readonly params: TransitionParams;
  readonly context: PlanContext;
  /** The reason given, trimmed, or null. */
  readonly reason: string | null;
}

export interface TransitionRule {
  readonly from: readonly CaseStatus[];
  /** A narrower `from` for some actors. */
  readonly fromFor?: Partial<Record<Actor, readonly CaseStatus[]>>;
  readonly to: CaseStatus | typeof UNCHANGED;
  readonly actors: readonly Actor[];
  /** More actors allowed for some kinds only. */
  readonly extraActorsByKind?: { readonly actors: readonly Actor[]; readonly kinds: readonly CaseKind[] };
  /** Kinds the action applies to; all kinds when absent. */
  readonly kinds?: readonly CaseKind[];
  readonly reason: 'required' | 'optional' | 'required_for_staff';
  /** Parameters besides the reason that must be present; documents what a UI must ask for. */
  readonly requires: readonly TransitionParamName[];
  /** Preconditions on the case alone, so button lists can hide moves that would fail. */
  readonly guard?: (state: CaseState) => TransitionRefusal | null;
  /** Checks the parameters and works out changes, effects and event data. */
  readonly apply: (input: ApplyInput) => TransitionRefusal | Applied;
}

const OPEN = OPEN_STATUSES;
const BEFORE_WORK = ['received', 'accepted', 'assigned'] as const satisfies readonly CaseStatus[];
const BEING_WORKED = ['accepted', 'assigned', 'in_progress'] as const satisfies readonly CaseStatus[];
const TRIAGE: readonly Actor[] = ['receiver', 'unit_head', 'leader'];
const TRIAGE_OFFICE: readonly Actor[] = ['receiver', 'leader'];
const WORKERS: readonly Actor[] = ['handler', 'unit_head', 'leader'];

const notify = (notice: CaseAction): CaseEffect => ({ type: 'notify_sender', notice });
const STOP: CaseEffect = { type: 'stop_clocks' };

export const CASE_TRANSITIONS: Readonly<Record<CaseAction, TransitionRule>> = {
  accept: {
    from: ['received', 'assigned'],
    to: 'accepted',
    actors: TRIAGE,
    extraActorsByKind: { actors: ['handler'], kinds: ['feedback', 'report', 'petition', 'praise'] },
    reason: 'optional',
    requires: [],
    guard: (state) =>
      isStatutoryKind(state.kind) && !state.petitionReceivedOn
        ? refusal(
            'petition_document_required',
            'Cần ghi nhận đơn có chữ ký hoặc điểm chỉ trước khi thụ lý khiếu nại, tố cáo.',
          )
        : null,
    // The resolution period of a complaint or denunciation runs from the day it is accepted.
    apply: () => ({
      changes: { acceptedNow: true },
      effects: [notify('accept'), { type: 'start_clocks', trigger: 'accepted' }],
    }),
  },

  refuse: {
    from: ['received', 'assigned'],
    to: 'refused',
    actors: TRIAGE,
    reason: 'optional',
    requires: ['groundId'],
    apply: ({ state, params }) => {
      const groundId = text(params.groundId);
      if (!groundId) return missing('groundId', 'Cần chọn căn cứ không thụ lý.');
      const ground = findRefusalGround(groundId);
      if (!ground) return invalid('groundId', 'Căn cứ không thụ lý không có trong danh mục.');
      if (!ground.appliesTo.includes(state.kind)) {
        return refusal(
          'ground_not_applicable',
          `Căn cứ đã chọn không áp dụng cho hồ sơ loại ${CASE_KIND_LABELS[state.kind].vi}.`,
          'groundId',
        );
      }
      // The law requires the sender to be told why; the notice quotes the ground and its source.
      return { data: { groundId, groundSource: ground.source }, effects: [notify('refuse'), STOP] };
    },
  },

  forward: {
    from: BEFORE_WORK,
    to: 'forwarded',
    actors: TRIAGE_OFFICE,
    reason: 'optional',
    requires: ['targetBody'],
    guard: (state) =>
      state.kind === 'denunciation' && state.forwardCount > 0
        ? refusal(
            'already_forwarded',
            'Tố cáo chỉ được chuyển đơn một lần; hồ sơ này đã được chuyển trước đó.',
          )
        : null,
    apply: ({ state, params }) => {
      const targetBody = text(params.targetBody);
      if (!targetBody) return missing('targetBody', 'Cần ghi rõ cơ quan, đơn vị nhận đơn chuyển.');
      return {
        changes: { forwardCount: state.forwardCount + 1 },
        data: { targetBody },
        effects: [{ type: 'send_forwarding_slip', targetBody }, notify('forward'), STOP],
      };
    },
  },

  guide: {
    from: BEFORE_WORK,
    to: 'guided',
    actors: TRIAGE_OFFICE,
    // The reason is the guidance itself: where the sender should go and why.
    reason: 'required',
    requires: [],
    apply: () => ({ effects: [notify('guide'), STOP] }),
  },

  merge: {
    from: OPEN,
    to: 'merged',
    actors: TRIAGE_OFFICE,
    reason: 'optional',
    requires: ['masterCaseId'],
    apply: ({ state, params }) => {
      const masterCaseId = text(params.masterCaseId);
      if (!masterCaseId) return missing('masterCaseId', 'Cần chọn hồ sơ chính để gộp vào.');
      if (masterCaseId === state.id) {
        return refusal('merge_into_self', 'Không thể gộp hồ sơ vào chính nó.', 'masterCaseId');
      }
      // The sender is told the item was merged, never the other case's code: it is someone else's.
      return {
        changes: { duplicateOfId: masterCaseId },
        data: { masterCaseId },
        effects: [notify('merge'), STOP],
      };
    },
  },

  withdraw: {
    from: OPEN,
    to: 'withdrawn',
    actors: ['sender', 'receiver', 'unit_head', 'leader'],
    // An officer withdrawing on the sender's behalf must say how the sender asked.
    reason: 'required_for_staff',
    requires: [],
    apply: () => ({ effects: [notify('withdraw'), STOP] }),
  },

  assign: {
    from: OPEN,
    to: 'assigned',
    actors: ['receiver', 'unit_head', 'leader', 'system'],
    reason: 'optional',
    // unitId or assigneeId; the unit is what a form asks for first.
    requires: ['unitId'],
    apply: ({ params }) => {
      const unitId = text(params.unitId);
      const assigneeId = text(params.assigneeId);
      if (!unitId && !assigneeId) {
        return missing('unitId', 'Cần chọn đơn vị hoặc cán bộ được giao xử lý.');
      }
      // Moving a case to another unit drops the person the old unit had put on it.
      const changes: CaseChanges = unitId
        ? { unitId, assigneeId: assigneeId ?? null }
        : { assigneeId: assigneeId ?? null };
      return {
        changes,
        data: { unitId: unitId ?? null, assigneeId: assigneeId ?? null },
        effects: [
          { type: 'notify_assignee', ...(unitId && { unitId }), ...(assigneeId && { assigneeId }) },
          // The sender hears which unit now handles it; a person inside the unit is internal.
          ...(unitId ? [notify('assign')] : []),
        ],
      };
    },
  },

  start: {
    from: ['accepted', 'assigned'],
    to: 'in_progress',
    actors: WORKERS,
    reason: 'optional',
    requires: [],
    apply: () => ({}),
  },

  resolve: {
    from: BEING_WORKED,
    to: 'resolved',
    actors: WORKERS,
    reason: 'optional',
    requires: ['outcome', 'answer'],
    guard: (state) =>
      isStatutoryKind(state.kind) && !state.acceptedAt
        ? refusal(
            'acceptance_required',
            'Khiếu nại, tố cáo chỉ được giải quyết sau khi đã ghi nhận đơn và thụ lý.',
          )
        : null,
    apply: ({ state, params }) => {
      const outcome = params.outcome;
      if (outcome === undefined) {
        return missing(
          'outcome',
          'Cần chọn kết quả giải quyết: Đúng, Đúng một phần, Sai hoặc Không áp dụng.',
        );
      }
      if (!(OUTCOMES as readonly string[]).includes(outcome)) {
        return invalid('outcome', 'Kết quả giải quyết không hợp lệ.');
      }
      // A complaint or denunciation ends with a finding on its merits (Luật Khiếu nại Điều 31, Luật Tố cáo Điều 35).
      if (outcome === 'not_applicable' && isStatutoryKind(state.kind)) {
        return refusal(
          'outcome_not_allowed',
          'Khiếu nại, tố cáo phải được kết luận Đúng, Đúng một phần hoặc Sai.',
          'outcome',
        );
      }
      const answer = text(params.answer);
      if (!answer) return missing('answer', 'Cần nhập nội dung trả lời người gửi.');
      const letter = letterFor(state.kind, outcome);
      return {
        changes: { outcome, answer },
        data: { outcome, answer },
        effects: [
          STOP,
          notify('resolve'),
          { type: 'request_satisfaction' },
          { type: 'schedule_auto_close' },
          ...(letter ? [{ type: 'draft_letter', letter } as const] : []),
        ],
      };
    },
  },

  close: {
    from: ['resolved'],
    to: 'closed',
    actors: ['leader', 'admin', 'system'],
    reason: 'optional',
    requires: [],
    apply: () => ({ effects: [STOP] }),
  },

  reopen: {
    from: ['resolved', 'closed'],
    fromFor: { sender: ['resolved'] },
    to: 'in_progress',
    actors: ['sender', 'leader', 'admin'],
    reason: 'required',
    requires: [],
    // The old answer stays in the event log; the case shows none until a new one is given.
    apply: ({ state }) => ({
      changes: { outcome: null, answer: null },
      data: { previousStatus: state.status },
      effects: [notify('reopen'), { type: 'notify_assignee' }, { type: 'start_clocks', trigger: 'reopened' }],
    }),
  },

  pause: {
    from: OPEN,
    to: UNCHANGED,
    actors: WORKERS,
    reason: 'required',
    requires: [],
    guard: (state) => (state.paused ? refusal('already_paused', 'Hồ sơ đang tạm dừng.') : null),
    apply: () => ({ changes: { paused: true }, effects: [{ type: 'pause_clocks' }, notify('pause')] }),
  },

  resume: {
    from: OPEN,
    to: UNCHANGED,
    actors: WORKERS,
    reason: 'optional',
    requires: [],
    guard: (state) => (state.paused ? null : refusal('not_paused', 'Hồ sơ không ở trạng thái tạm dừng.')),
    apply: () => ({ changes: { paused: false }, effects: [{ type: 'resume_clocks' }, notify('resume')] }),
  },

  reclassify: {
    from: [...OPEN, 'resolved'],
    to: UNCHANGED,
    actors: TRIAGE_OFFICE,
    reason: 'required',
    requires: ['newKind'],
    apply: ({ state, params }) => {
      const newKind = params.newKind;
      if (newKind === undefined) return missing('newKind', 'Cần chọn loại hồ sơ mới.');
      if (!(CASE_KINDS as readonly string[]).includes(newKind)) {
        return invalid('newKind', 'Loại hồ sơ không hợp lệ.');
      }
      if (newKind === state.kind) {
        return refusal('same_kind', `Hồ sơ đã thuộc loại ${CASE_KIND_LABELS[newKind].vi}.`, 'newKind');
      }
      // Time limits differ by kind, and the sender should know which procedure now applies.
      return {
        changes: { kind: newKind },
        data: { fromKind: state.kind, toKind: newKind },
        effects: [{ type: 'recompute_clocks', fromKind: state.kind, toKind: newKind }, notify('reclassify')],
      };
    },
  },

  record_petition_document: {
    from: OPEN,
    to: UNCHANGED,
    actors: TRIAGE_OFFICE,
    kinds: ['complaint', 'denunciation'],
    reason: 'optional',
    requires: ['receivedOn'],
    guard: (state) =>
      state.petitionReceivedOn
        ? refusal('petition_already_recorded', 'Đơn của hồ sơ này đã được ghi nhận trước đó.')
        : null,
    apply: ({ state, params, context, reason }) => {
      const receivedOn = text(params.receivedOn);
      const wrong = checkPetitionDate(receivedOn, state, context, reason);
      if (wrong) return wrong;
      // The statutory clocks start from the đơn, not from the chat message (DOMAIN.md §2.1).
      return {
        changes: { petitionReceivedOn: receivedOn },
        data: { receivedOn },
        effects: [
          { type: 'start_clocks', trigger: 'petition_document_recorded', startedOn: receivedOn },
          notify('record_petition_document'),
        ],
      };
    },
  },

  correct_petition_date: {
    from: OPEN,
    to: UNCHANGED,
    actors: ['receiver', 'unit_head', 'leader'],
    kinds: ['complaint', 'denunciation'],
    reason: 'required',
    requires: ['receivedOn'],
    guard: (state) =>
      !state.petitionReceivedOn
        ? refusal('petition_not_recorded', 'Hồ sơ chưa ghi nhận đơn; hãy ghi nhận đơn trước (/nhandon).')
        : state.petitionDateCorrectedAt
          ? refusal(
              'petition_date_already_corrected',
              'Ngày nhận đơn của hồ sơ này đã được đính chính một lần; không thể đính chính lần nữa.',
            )
          : null,
    apply: ({ state, params, context, reason }) => {
      const receivedOn = text(params.receivedOn);
      const wrong = checkPetitionDate(receivedOn, state, context, reason);
      if (wrong) return wrong;
      const previous = dateText(state.petitionReceivedOn);
      if (receivedOn === previous) {
        return invalid('receivedOn', 'Ngày mới trùng với ngày nhận đơn đã ghi nhận.');
      }
      // Before thụ lý the đơn's date starts the acceptance clock, so it restarts from the corrected
      // date; after it, the resolution clock counts from the acceptance and does not move.
      return {
        changes: { petitionReceivedOn: receivedOn, petitionDateCorrectedNow: true },
        data: { previousReceivedOn: previous, receivedOn, clocksRestarted: !state.acceptedAt },
        effects: [
          ...(state.acceptedAt
            ? []
            : [
                {
                  type: 'start_clocks',
                  trigger: 'petition_document_recorded',
                  startedOn: receivedOn,
                } as const,
              ]),
          notify('correct_petition_date'),
        ],
      };
    },
  },

  extend: {
    from: BEING_WORKED,
    to: UNCHANGED,
    actors: ['unit_head', 'leader'],
    extraActorsByKind: { actors: ['handler'], kinds: ['feedback', 'report', 'petition', 'praise'] },
    reason: 'required',
    requires: [],
    apply: ({ params }) => {
      const { days } = params;
      if (days !== undefined && !(Number.isInteger(days) && days > 0)) {
        return invalid('days', 'Số ngày gia hạn phải là số nguyên dương.');
      }
      const clockKind = text(params.clockKind);
      // Legal caps on extensions live with the rule sets in the deadlines module.
      return {
        data: { clockKind: clockKind ?? null, days: days ?? null },
        effects: [
          { type: 'extend_clocks', ...(clockKind && { clockKind }), ...(days !== undefined && { days }) },
          notify('extend'),
        ],
      };
    },
  },

  note: {
    from: CASE_STATUSES,
    to: UNCHANGED,
    actors: ['admin', 'receiver', 'handler', 'unit_head', 'leader', 'hotline'],
    reason: 'optional',
    requires: ['text'],
    apply: ({ params }) => {
      const note = text(params.text);
      if (!note) return missing('text', 'Cần nhập nội dung ghi chú.');
      return { data: { text: note } };
    },
  },
};

/**
 * Checks `action` by `actor` on a case and, when allowed, returns the new status, the field
 * changes, the audit event and the side effects. Pure: the caller persists the result.
 * Checks run in this order: action, actor, status, kind, case preconditions, reason, parameters.
 */
export function planTransition(
  state: CaseState,
  action: CaseAction,
  actor: Actor,
  params: TransitionParams = {},
  context: PlanContext = {},
): TransitionResult {
  const rule = ruleFor(action);
  if (!rule) return refusal('unknown_action', 'Thao tác không hợp lệ.');
  const blocked = checkPreconditions(rule, state, action, actor);
  if (blocked) return blocked;

  const reason = text(params.reason) ?? null;
  const reasonNeeded =
    rule.reason === 'required' || (rule.reason === 'required_for_staff' && actorTypeOf(actor) === 'staff');
  if (reasonNeeded && !reason) {
    return missing('reason', `Cần nêu lý do để ${CASE_ACTION_LABELS[action].verb} hồ sơ.`);
  }

  const applied = rule.apply({ state, params, context, reason });
  if ('ok' in applied) return applied;

  const to = rule.to === UNCHANGED ? state.status : rule.to;
  const changes: CaseChanges = { ...applied.changes };
  if (to !== state.status) changes.status = to;
  // Pause only means something while work is owed; leaving the open statuses clears it.
  if (state.paused && !isOpenStatus(to)) changes.paused = false;

  return {
    ok: true,
    action,
    from: state.status,
    to,
    changes,
    event: {
      action,
      from: state.status,
      to,
      actorType: actorTypeOf(actor),
      actorRole: actor,
      reason,
      data: applied.data ?? {},
    },
    effects: applied.effects ?? [],
  };
}

/**
 * The actions `actor` could take on the case now, ignoring parameters: what to show as buttons.
 * Every action listed still goes through planTransition when chosen.
 */
export function availableActions(state: CaseState, actor: Actor): CaseAction[] {
  return CASE_ACTIONS.filter(
    (action) => checkPreconditions(CASE_TRANSITIONS[action], state, action, actor) === null,
  );
}

/** Whether `actor` is among the rule's actors, for a case of `kind` when kind-specific actors apply. */
export function actorMayTake(rule: TransitionRule, actor: Actor, kind?: CaseKind): boolean {
  const extra = rule.extraActorsByKind;
  return (
    rule.actors.includes(actor) ||
    (!!extra && !!kind && extra.actors.includes(actor) && extra.kinds.includes(kind))
  );
}

function ruleFor(action: string): TransitionRule | undefined {
  return Object.hasOwn(CASE_TRANSITIONS, action) ? CASE_TRANSITIONS[action as CaseAction] : undefined;
}

function checkPreconditions(
  rule: TransitionRule,
  state: CaseState,
  action: CaseAction,
  actor: Actor,
): TransitionRefusal | null {
  const { verb } = CASE_ACTION_LABELS[action];
  const extra = rule.extraActorsByKind;
  const allowed =
    rule.actors.includes(actor) ||
    (!!extra && extra.actors.includes(actor) && extra.kinds.includes(state.kind));
  if (!allowed) {
    const who = Object.hasOwn(ACTOR_LABELS, actor) ? ACTOR_LABELS[actor].vi : 'Người dùng này';
    return refusal('actor_not_allowed', `${who} không có quyền ${verb} hồ sơ.`);
  }
  const from = rule.fromFor?.[actor] ?? rule.from;
  if (!from.includes(state.status)) {
    return refusal(
      'status_not_allowed',
      `Không thể ${verb} hồ sơ đang ở trạng thái ${CASE_STATUS_LABELS[state.status]?.vi ?? state.status}.`,
    );
  }
  if (rule.kinds && !rule.kinds.includes(state.kind)) {
    const kinds = rule.kinds.map((kind) => CASE_KIND_LABELS[kind].vi).join(' hoặc ');
    return refusal('kind_not_allowed', `Chỉ có thể ${verb} hồ sơ loại ${kinds}.`);
  }
  return rule.guard?.(state) ?? null;
}

/** Which letter a resolution calls for: the one rule in src/letters/letter-rules.ts; the head still approves it. */
function letterFor(kind: CaseKind, outcome: Outcome): CaseLetter | null {
  return letterAfterResolution(kind, outcome);
}

function refusal(code: TransitionErrorCode, message: string, param?: TransitionParamName): TransitionRefusal {
  return param ? { ok: false, code, message, param } : { ok: false, code, message };
}

function missing(param: TransitionParamName, message: string): TransitionRefusal {
  return refusal('missing_param', message, param);
}

function invalid(param: TransitionParamName, message: string): TransitionRefusal {
  return refusal('invalid_param', message, param);
}

/** Trimmed text, or undefined when absent, not a string, or blank. */
function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const trimmed = cleanFreeText(value);
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The đơn's date: a real date, not after today, and not before the case was received unless a
 * reason says why (a đơn sent by post before the chat message, for example).
 */
function checkPetitionDate(
  receivedOn: string | undefined,
  state: CaseState,
  context: PlanContext,
  reason: string | null,
): TransitionRefusal | null {
  if (!receivedOn) return missing('receivedOn', 'Cần nhập ngày nhận đơn.');
  if (!isCalendarDate(receivedOn)) {
    return invalid('receivedOn', 'Ngày nhận đơn không hợp lệ (định dạng YYYY-MM-DD).');
  }
  if (context.today && receivedOn > context.today) {
    return invalid(
      'receivedOn',
      `Ngày nhận đơn ${formatDate(receivedOn)} là ngày trong tương lai; hãy kiểm tra lại (hôm nay là ${formatDate(context.today)}).`,
    );
  }
  const receivedOnCase = state.receivedAt ? toVietnamDate(state.receivedAt) : null;
  if (receivedOnCase && receivedOn < receivedOnCase && !reason) {
    return missing(
      'reason',
      `Ngày nhận đơn ${formatDate(receivedOn)} trước ngày tiếp nhận hồ sơ (${formatDate(receivedOnCase)}); nếu đúng, hãy nêu lý do (ví dụ đơn gửi qua bưu điện trước đó).`,
    );
  }
  return null;
}

const formatDate = (value: string) => formatVietnameseDate(value as LocalDate);

/** A stored date (a DATE column reads as midnight UTC) or a YYYY-MM-DD string, as YYYY-MM-DD. */
function dateText(value: Date | string | null): string | null {
  if (value === null) return null;
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
