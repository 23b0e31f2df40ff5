import { describe, expect, it } from 'vitest';
import {
  ACTORS,
  CASE_KINDS,
  CASE_STATUSES,
  type Actor,
  type CaseKind,
  type CaseStatus,
} from './case-vocabulary.js';
import {
  CASE_ACTIONS,
  CASE_TRANSITIONS,
  availableActions,
  planTransition,
  type CaseAction,
  type CaseState,
  type TransitionParams,
  type TransitionResult,
} from './case-transitions.js';
import { refusalGroundsFor } from './refusal-grounds.js';
import { senderNotice } from './sender-notices.js';

// The table restated independently, in the words of the comment at the top of case-transitions.ts.
// A change to the rules must change both, on purpose.
const OPEN = 'received accepted assigned in_progress';
const SPEC: Record<
  CaseAction,
  {
    from: string;
    to: string;
    actors: string;
    kinds?: string;
    senderFrom?: string;
    /** Actors allowed only for the kinds listed after the colon. */
    kindActors?: string;
  }
> = {
  accept: {
    from: 'received assigned',
    to: 'accepted',
    actors: 'receiver unit_head leader',
    kindActors: 'handler: feedback report petition praise',
  },
  refuse: { from: 'received assigned', to: 'refused', actors: 'receiver unit_head leader' },
  forward: { from: 'received accepted assigned', to: 'forwarded', actors: 'receiver leader' },
  guide: { from: 'received accepted assigned', to: 'guided', actors: 'receiver leader' },
  merge: { from: OPEN, to: 'merged', actors: 'receiver leader' },
  withdraw: { from: OPEN, to: 'withdrawn', actors: 'sender receiver unit_head leader' },
  assign: { from: OPEN, to: 'assigned', actors: 'receiver unit_head leader system' },
  start: { from: 'accepted assigned', to: 'in_progress', actors: 'handler unit_head leader' },
  resolve: { from: 'accepted assigned in_progress', to: 'resolved', actors: 'handler unit_head leader' },
  close: { from: 'resolved', to: 'closed', actors: 'leader admin system' },
  reopen: {
    from: 'resolved closed',
    to: 'in_progress',
    actors: 'sender leader admin',
    senderFrom: 'resolved',
  },
  pause: { from: OPEN, to: '—', actors: 'handler unit_head leader' },
  resume: { from: OPEN, to: '—', actors: 'handler unit_head leader' },
  reclassify: { from: `${OPEN} resolved`, to: '—', actors: 'receiver leader' },
  record_petition_document: {
    from: OPEN,
    to: '—',
    actors: 'receiver leader',
    kinds: 'complaint denunciation',
  },
  correct_petition_date: {
    from: OPEN,
    to: '—',
    actors: 'receiver unit_head leader',
    kinds: 'complaint denunciation',
  },
  extend: {
    from: 'accepted assigned in_progress',
    to: '—',
    actors: 'unit_head leader',
    kindActors: 'handler: feedback report petition praise',
  },
  note: { from: CASE_STATUSES.join(' '), to: '—', actors: 'admin receiver handler unit_head leader hotline' },
};

const words = (list: string) => list.split(' ');

function expectedOutcome(action: CaseAction, status: CaseStatus, actor: Actor, kind: CaseKind) {
  const spec = SPEC[action];
  const [extraActors = '', extraKinds = ''] = (spec.kindActors ?? '').split(':').map((p) => p.trim());
  const byKind = words(extraActors).includes(actor) && words(extraKinds).includes(kind);
  if (!words(spec.actors).includes(actor) && !byKind) return 'actor_not_allowed';
  const from = actor === 'sender' && spec.senderFrom ? spec.senderFrom : spec.from;
  if (!words(from).includes(status)) return 'status_not_allowed';
  if (spec.kinds && !words(spec.kinds).includes(kind)) return 'kind_not_allowed';
  return 'ok';
}

function caseState(overrides: Partial<CaseState> = {}): CaseState {
  return {
    id: 'case-1',
    kind: 'report',
    status: 'received',
    paused: false,
    forwardCount: 0,
    petitionReceivedOn: null,
    ...overrides,
  };
}

/** A state in which only role, status and kind can stand in the way of `action`. */
function permissiveState(action: CaseAction, status: CaseStatus, kind: CaseKind): CaseState {
  return caseState({
    status,
    kind,
    paused: action === 'resume',
    petitionReceivedOn: action === 'record_petition_document' ? null : '2026-03-02',
    acceptedAt: new Date('2026-03-03T02:00:00Z'),
  });
}

function validParams(action: CaseAction, kind: CaseKind): TransitionParams {
  const reason = 'Lý do ghi rõ';
  switch (action) {
    case 'refuse':
      return { groundId: refusalGroundsFor(kind)[0]!.id };
    case 'forward':
      return { targetBody: 'Sở Y tế TP.HCM' };
    case 'merge':
      return { masterCaseId: 'case-2' };
    case 'assign':
      return { unitId: 'unit-khoa-noi' };
    case 'resolve':
      return { outcome: 'partly_valid', answer: 'Đơn vị đã chấn chỉnh thái độ phục vụ.' };
    case 'reclassify':
      return { newKind: kind === 'report' ? 'petition' : 'report', reason };
    case 'record_petition_document':
      return { receivedOn: '2026-03-02' };
    case 'correct_petition_date':
      return { receivedOn: '2026-03-01', reason };
    case 'note':
      return { text: 'Đã gọi lại cho người bệnh.' };
    case 'accept':
    case 'close':
    case 'extend':
    case 'guide':
    case 'pause':
    case 'reopen':
    case 'resume':
    case 'start':
    case 'withdraw':
      return { reason };
  }
}

function refused(result: TransitionResult) {
  if (result.ok) throw new Error(`expected a refusal, got a move to ${result.to}`);
  return result;
}

function planned(result: TransitionResult) {
  if (!result.ok) throw new Error(`expected a plan, got ${result.code}: ${result.message}`);
  return result;
}

describe('the transition table', () => {
  it('has one rule per action and nothing else', () => {
    expect(Object.keys(CASE_TRANSITIONS).sort()).toEqual([...CASE_ACTIONS].sort());
    expect(Object.keys(SPEC).sort()).toEqual([...CASE_ACTIONS].sort());
  });

  describe.each(CASE_ACTIONS)('%s', (action) => {
    const cells = CASE_STATUSES.flatMap((status) => ACTORS.map((actor) => [status, actor] as const));

    it.each(cells)('from %s by %s matches the table for every kind', (status, actor) => {
      for (const kind of CASE_KINDS) {
        const state = permissiveState(action, status, kind);
        const result = planTransition(state, action, actor, validParams(action, kind));
        const expected = expectedOutcome(action, status, actor, kind);
        const where = `${action} ${status} ${actor} ${kind}`;

        expect(availableActions(state, actor).includes(action), where).toBe(expected === 'ok');
        if (expected === 'ok') {
          const plan = planned(result);
          const to = SPEC[action].to === '—' ? status : SPEC[action].to;
          expect(plan.to, where).toBe(to);
          expect(plan.event).toMatchObject({ action, from: status, to, actorRole: actor });
          expect(plan.changes.status, where).toBe(to === status ? undefined : to);
        } else {
          const refusal = refused(result);
          expect(refusal.code, where).toBe(expected);
          expect(refusal.message, where).toBe(refusal.message.normalize('NFC'));
        }
      }
    });
  });
});

describe('planTransition', () => {
  it('explains a wrong status in plain Vietnamese', () => {
    const result = refused(planTransition(caseState({ status: 'closed' }), 'accept', 'receiver'));
    expect(result.code).toBe('status_not_allowed');
    expect(result.message).toBe('Không thể thụ lý hồ sơ đang ở trạng thái Đã đóng.');
  });

  it('explains a missing right', () => {
    const result = refused(planTransition(caseState(), 'accept', 'hotline'));
    expect(result.message).toBe('Cán bộ trực đường dây nóng không có quyền thụ lý hồ sơ.');
  });

  it('refuses actions and actors it does not know', () => {
    expect(refused(planTransition(caseState(), 'approve' as CaseAction, 'leader')).code).toBe(
      'unknown_action',
    );
    expect(refused(planTransition(caseState(), 'toString' as CaseAction, 'leader')).code).toBe(
      'unknown_action',
    );
    expect(refused(planTransition(caseState(), 'accept', 'janitor' as Actor)).code).toBe('actor_not_allowed');
  });

  it('records who did what in the event draft', () => {
    const plan = planned(
      planTransition(caseState(), 'guide', 'receiver', { reason: '  Liên hệ UBND phường Hồng An  ' }),
    );
    expect(plan.event).toEqual({
      action: 'guide',
      from: 'received',
      to: 'guided',
      actorType: 'staff',
      actorRole: 'receiver',
      reason: 'Liên hệ UBND phường Hồng An',
      data: {},
    });
    expect(plan.effects).toEqual([{ type: 'notify_sender', notice: 'guide' }, { type: 'stop_clocks' }]);
  });

  it('treats a blank reason as missing', () => {
    const result = refused(planTransition(caseState(), 'guide', 'receiver', { reason: '   ' }));
    expect(result).toMatchObject({ code: 'missing_param', param: 'reason' });
    expect(result.message).toBe('Cần nêu lý do để hướng dẫn hồ sơ.');
  });

  describe('accept', () => {
    it('needs the signed đơn for a complaint or denunciation', () => {
      for (const kind of ['complaint', 'denunciation'] as const) {
        const result = refused(planTransition(caseState({ kind }), 'accept', 'receiver'));
        expect(result.code).toBe('petition_document_required');
        expect(availableActions(caseState({ kind }), 'receiver')).not.toContain('accept');
      }
    });

    it('starts the clocks that run from acceptance', () => {
      const plan = planned(
        planTransition(
          caseState({ kind: 'complaint', petitionReceivedOn: new Date('2026-03-02') }),
          'accept',
          'unit_head',
        ),
      );
      expect(plan.to).toBe('accepted');
      expect(plan.effects).toContainEqual({ type: 'start_clocks', trigger: 'accepted' });
    });

    it('does not need a đơn for a report', () => {
      expect(planTransition(caseState(), 'accept', 'receiver').ok).toBe(true);
    });
  });

  describe('refuse', () => {
    it('needs a ground', () => {
      expect(refused(planTransition(caseState(), 'refuse', 'receiver'))).toMatchObject({
        code: 'missing_param',
        param: 'groundId',
      });
    });

    it('rejects an unknown ground and one meant for another kind', () => {
      expect(refused(planTransition(caseState(), 'refuse', 'receiver', { groundId: 'because' })).code).toBe(
        'invalid_param',
      );
      const result = refused(
        planTransition(caseState({ kind: 'report' }), 'refuse', 'receiver', {
          groundId: 'complaint-time-limit-expired',
        }),
      );
      expect(result.code).toBe('ground_not_applicable');
      expect(result.message).toContain('Phản ánh');
    });

    it('records the ground and its source, and tells the sender', () => {
      const plan = planned(
        planTransition(caseState({ kind: 'complaint' }), 'refuse', 'unit_head', {
          groundId: 'complaint-time-limit-expired',
        }),
      );
      expect(plan.event.data).toEqual({
        groundId: 'complaint-time-limit-expired',
        groundSource: 'Luật Khiếu nại 2011, Điều 11 khoản 6',
      });
      expect(plan.effects).toContainEqual({ type: 'notify_sender', notice: 'refuse' });
    });
  });

  describe('forward', () => {
    it('forwards a denunciation once and refuses a second time', () => {
      const first = planned(
        planTransition(caseState({ kind: 'denunciation' }), 'forward', 'receiver', {
          targetBody: 'Thanh tra Sở Y tế',
        }),
      );
      expect(first.changes.forwardCount).toBe(1);
      expect(first.effects).toContainEqual({ type: 'send_forwarding_slip', targetBody: 'Thanh tra Sở Y tế' });

      const again = caseState({ kind: 'denunciation', forwardCount: first.changes.forwardCount! });
      const second = refused(
        planTransition(again, 'forward', 'receiver', { targetBody: 'Thanh tra Bộ Y tế' }),
      );
      expect(second.code).toBe('already_forwarded');
      expect(availableActions(again, 'receiver')).not.toContain('forward');
    });

    it('lets other kinds that reached us by forwarding be forwarded on', () => {
      const plan = planTransition(caseState({ kind: 'report', forwardCount: 1 }), 'forward', 'receiver', {
        targetBody: 'UBND phường Hồng An',
      });
      expect(plan.ok).toBe(true);
    });

    it('needs the body it goes to', () => {
      expect(refused(planTransition(caseState(), 'forward', 'receiver', { targetBody: ' ' })).param).toBe(
        'targetBody',
      );
    });
  });

  describe('merge', () => {
    it('refuses to merge a case into itself', () => {
      const result = refused(planTransition(caseState(), 'merge', 'receiver', { masterCaseId: 'case-1' }));
      expect(result.code).toBe('merge_into_self');
    });

    it('links the duplicate to its master', () => {
      const plan = planned(planTransition(caseState(), 'merge', 'receiver', { masterCaseId: 'case-9' }));
      expect(plan.changes).toEqual({ status: 'merged', duplicateOfId: 'case-9' });
    });
  });

  describe('withdraw', () => {
    it('lets the sender withdraw without a reason, but not an officer', () => {
      expect(planTransition(caseState(), 'withdraw', 'sender').ok).toBe(true);
      expect(refused(planTransition(caseState(), 'withdraw', 'receiver')).param).toBe('reason');
    });

    it('clears the pause when the case leaves the open statuses', () => {
      const plan = planned(planTransition(caseState({ paused: true }), 'withdraw', 'sender'));
      expect(plan.changes).toEqual({ status: 'withdrawn', paused: false });
      expect(plan.event.actorType).toBe('sender');
    });
  });

  describe('assign', () => {
    it('needs a unit or a person', () => {
      expect(refused(planTransition(caseState(), 'assign', 'receiver')).code).toBe('missing_param');
    });

    it('drops the old assignee when the case moves to another unit', () => {
      const plan = planned(
        planTransition(caseState({ status: 'in_progress' }), 'assign', 'receiver', { unitId: 'khoa-nhi' }),
      );
      expect(plan.changes).toEqual({ status: 'assigned', unitId: 'khoa-nhi', assigneeId: null });
      expect(plan.effects).toEqual([
        { type: 'notify_assignee', unitId: 'khoa-nhi' },
        { type: 'notify_sender', notice: 'assign' },
      ]);
    });

    it('lets the routing worker assign', () => {
      const plan = planned(planTransition(caseState(), 'assign', 'system', { unitId: 'khoa-kham-benh' }));
      expect(plan.event.actorType).toBe('system');
    });
  });

  describe('resolve', () => {
    const working = caseState({ status: 'in_progress' });

    it('needs an outcome', () => {
      const result = refused(planTransition(working, 'resolve', 'handler', { answer: 'Đã xử lý.' }));
      expect(result).toMatchObject({ code: 'missing_param', param: 'outcome' });
    });

    it('rejects an outcome that is not one of the four', () => {
      const result = refused(
        planTransition(working, 'resolve', 'handler', { outcome: 'great' as never, answer: 'Đã xử lý.' }),
      );
      expect(result).toMatchObject({ code: 'invalid_param', param: 'outcome' });
    });

    it('needs an answer for the sender', () => {
      expect(refused(planTransition(working, 'resolve', 'handler', { outcome: 'valid' })).param).toBe(
        'answer',
      );
    });

    it('needs a finding on the merits for a complaint', () => {
      const result = refused(
        planTransition({ ...working, kind: 'complaint', acceptedAt: new Date() }, 'resolve', 'handler', {
          outcome: 'not_applicable',
          answer: 'x',
        }),
      );
      expect(result.code).toBe('outcome_not_allowed');
    });

    it('stops the clocks, asks for satisfaction and suggests the right letter', () => {
      const plan = planned(
        planTransition(working, 'resolve', 'handler', { outcome: 'valid', answer: 'Xin lỗi quý khách.' }),
      );
      expect(plan.changes).toEqual({ status: 'resolved', outcome: 'valid', answer: 'Xin lỗi quý khách.' });
      expect(plan.effects).toEqual([
        { type: 'stop_clocks' },
        { type: 'notify_sender', notice: 'resolve' },
        { type: 'request_satisfaction' },
        { type: 'schedule_auto_close' },
        { type: 'draft_letter', letter: 'apology' },
      ]);
      const praise = planned(
        planTransition({ ...working, kind: 'praise' }, 'resolve', 'unit_head', {
          outcome: 'not_applicable',
          answer: 'Cảm ơn lời khen.',
        }),
      );
      expect(praise.effects).toContainEqual({ type: 'draft_letter', letter: 'thank_you' });
      const rejected = planned(
        planTransition(working, 'resolve', 'handler', { outcome: 'not_valid', answer: 'x' }),
      );
      expect(rejected.effects.some((effect) => effect.type === 'draft_letter')).toBe(false);
    });
  });

  describe('pause and resume', () => {
    const working = caseState({ status: 'in_progress' });

    it('refuses to pause a paused case', () => {
      const result = refused(
        planTransition({ ...working, paused: true }, 'pause', 'handler', { reason: 'Chờ hồ sơ' }),
      );
      expect(result.code).toBe('already_paused');
    });

    it('needs a reason to pause', () => {
      expect(refused(planTransition(working, 'pause', 'handler')).param).toBe('reason');
    });

    it('refuses to resume a running case', () => {
      expect(refused(planTransition(working, 'resume', 'handler')).code).toBe('not_paused');
    });

    it('flips the flag without changing the status', () => {
      const pause = planned(planTransition(working, 'pause', 'handler', { reason: 'Chờ người gửi bổ sung' }));
      expect(pause.to).toBe('in_progress');
      expect(pause.changes).toEqual({ paused: true });
      const resume = planned(planTransition({ ...working, paused: true }, 'resume', 'handler'));
      expect(resume.changes).toEqual({ paused: false });
    });

    it('only applies to open cases', () => {
      expect(
        refused(planTransition(caseState({ status: 'resolved' }), 'pause', 'leader', { reason: 'x' })).code,
      ).toBe('status_not_allowed');
    });
  });

  describe('record_petition_document', () => {
    it('is refused on a report', () => {
      const result = refused(
        planTransition(caseState(), 'record_petition_document', 'receiver', { receivedOn: '2026-03-02' }),
      );
      expect(result.code).toBe('kind_not_allowed');
      expect(result.message).toBe('Chỉ có thể ghi nhận đơn cho hồ sơ loại Khiếu nại hoặc Tố cáo.');
    });

    it('starts the statutory clocks from the day the đơn was received', () => {
      const plan = planned(
        planTransition(caseState({ kind: 'complaint' }), 'record_petition_document', 'receiver', {
          receivedOn: '2026-03-02',
        }),
      );
      expect(plan.changes).toEqual({ petitionReceivedOn: '2026-03-02' });
      expect(plan.effects).toContainEqual({
        type: 'start_clocks',
        trigger: 'petition_document_recorded',
        startedOn: '2026-03-02',
      });
    });

    it('is recorded once', () => {
      const state = caseState({ kind: 'denunciation', petitionReceivedOn: '2026-03-02' });
      const result = refused(
        planTransition(state, 'record_petition_document', 'receiver', { receivedOn: '2026-03-03' }),
      );
      expect(result.code).toBe('petition_already_recorded');
    });

    it('rejects a date that does not exist', () => {
      for (const receivedOn of ['2026-02-30', '02/03/2026', '2026-3-2']) {
        const result = planTransition(
          caseState({ kind: 'complaint' }),
          'record_petition_document',
          'receiver',
          {
            receivedOn,
          },
        );
        expect(refused(result).code, receivedOn).toBe('invalid_param');
      }
    });
  });

  describe('reclassify', () => {
    it('refuses the kind the case already has', () => {
      const result = refused(
        planTransition(caseState(), 'reclassify', 'receiver', { newKind: 'report', reason: 'x' }),
      );
      expect(result.code).toBe('same_kind');
    });

    it('changes the kind and recomputes the clocks', () => {
      const plan = planned(
        planTransition(caseState({ kind: 'complaint' }), 'reclassify', 'receiver', {
          newKind: 'report',
          reason: 'Không phải quyết định hành chính',
        }),
      );
      expect(plan.changes).toEqual({ kind: 'report' });
      expect(plan.effects).toContainEqual({
        type: 'recompute_clocks',
        fromKind: 'complaint',
        toKind: 'report',
      });
    });

    it('needs a reason', () => {
      expect(
        refused(planTransition(caseState(), 'reclassify', 'receiver', { newKind: 'praise' })).param,
      ).toBe('reason');
    });
  });

  describe('reopen', () => {
    it('lets the sender reopen a resolved case but not a closed one', () => {
      expect(
        planTransition(caseState({ status: 'resolved' }), 'reopen', 'sender', { reason: 'Chưa thỏa đáng' })
          .ok,
      ).toBe(true);
      const closed = refused(
        planTransition(caseState({ status: 'closed' }), 'reopen', 'sender', { reason: 'x' }),
      );
      expect(closed.code).toBe('status_not_allowed');
      expect(
        planTransition(caseState({ status: 'closed' }), 'reopen', 'admin', { reason: 'Đóng nhầm' }).ok,
      ).toBe(true);
    });

    it('clears the answer and restarts the clocks', () => {
      const plan = planned(
        planTransition(caseState({ status: 'closed' }), 'reopen', 'leader', { reason: 'Sai sót' }),
      );
      expect(plan.changes).toEqual({ status: 'in_progress', outcome: null, answer: null });
      expect(plan.effects).toContainEqual({ type: 'start_clocks', trigger: 'reopened' });
    });
  });

  describe('extend and note', () => {
    it('extends with a reason and optional days', () => {
      const plan = planned(
        planTransition(caseState({ status: 'in_progress', kind: 'denunciation' }), 'extend', 'unit_head', {
          reason: 'Vụ việc phức tạp',
          days: 30,
          clockKind: 'resolve',
        }),
      );
      expect(plan.effects).toContainEqual({ type: 'extend_clocks', clockKind: 'resolve', days: 30 });
      const bad = planTransition(caseState({ status: 'in_progress' }), 'extend', 'handler', {
        reason: 'x',
        days: 1.5,
      });
      expect(refused(bad).param).toBe('days');
    });

    it('keeps a note on any case without moving it', () => {
      const plan = planned(
        planTransition(caseState({ status: 'closed' }), 'note', 'hotline', { text: 'Người gửi gọi lại' }),
      );
      expect(plan.changes).toEqual({});
      expect(plan.event.data).toEqual({ text: 'Người gửi gọi lại' });
      expect(refused(planTransition(caseState(), 'note', 'inspector', { text: 'x' })).code).toBe(
        'actor_not_allowed',
      );
    });
  });

  it('shows only the moves that would pass', () => {
    expect(availableActions(caseState({ status: 'in_progress', paused: true }), 'handler')).toEqual([
      'resolve',
      'resume',
      'extend',
      'note',
    ]);
    expect(availableActions(caseState({ status: 'received' }), 'inspector')).toEqual([]);
  });
});

describe('rules the law sets on top of the table', () => {
  const complaint = (overrides: Partial<CaseState> = {}) =>
    caseState({ kind: 'complaint', status: 'in_progress', petitionReceivedOn: '2026-03-02', ...overrides });
  const resolveParams: TransitionParams = { outcome: 'not_valid', answer: 'Khiếu nại không có cơ sở.' };

  it.each(['complaint', 'denunciation'] as const)('resolves a %s only after its thụ lý', (kind) => {
    for (const actor of ['handler', 'unit_head', 'leader'] as const) {
      const state = complaint({ kind, acceptedAt: null });
      expect(refused(planTransition(state, 'resolve', actor, resolveParams)).code).toBe(
        'acceptance_required',
      );
      expect(availableActions(state, actor)).not.toContain('resolve');
      expect(
        planTransition(
          { ...state, acceptedAt: new Date('2026-03-04T02:00:00Z') },
          'resolve',
          actor,
          resolveParams,
        ).ok,
      ).toBe(true);
    }
    // A report needs no thụ lý to be answered.
    expect(planTransition(caseState({ status: 'assigned' }), 'resolve', 'handler', resolveParams).ok).toBe(
      true,
    );
  });

  it('leaves the extension of a statutory clock to the head, a service clock to the handler too', () => {
    const params = { days: 10, reason: 'Cần xác minh thêm' };
    const accepted = { acceptedAt: new Date('2026-03-04T02:00:00Z') };
    expect(refused(planTransition(complaint(accepted), 'extend', 'handler', params)).code).toBe(
      'actor_not_allowed',
    );
    expect(planTransition(complaint(accepted), 'extend', 'unit_head', params).ok).toBe(true);
    expect(planTransition(caseState({ status: 'in_progress' }), 'extend', 'handler', params).ok).toBe(true);
  });

  it('takes a đơn date that is not in the future, and one before receipt only with a reason', () => {
    const state = caseState({
      kind: 'complaint',
      status: 'received',
      receivedAt: new Date('2026-03-02T03:00:00Z'),
    });
    const today = { today: '2026-03-05' };
    const plan = (receivedOn: string, reason?: string) =>
      planTransition(
        state,
        'record_petition_document',
        'receiver',
        { receivedOn, ...(reason && { reason }) },
        today,
      );
    expect(refused(plan('2027-03-05'))).toMatchObject({ code: 'invalid_param', param: 'receivedOn' });
    expect(refused(plan('2027-03-05')).message).toContain('05/03/2027');
    expect(refused(plan('2020-01-01'))).toMatchObject({ code: 'missing_param', param: 'reason' });
    expect(plan('2026-02-27', 'Đơn gửi qua bưu điện trước khi nhắn tin').ok).toBe(true);
    expect(plan('2026-03-05').ok).toBe(true);
    expect(plan('2026-03-02').ok).toBe(true);
  });

  it('corrects the đơn date once, with a reason, restarting the acceptance clock only before thụ lý', () => {
    const recorded = complaint({ status: 'received', receivedAt: new Date('2026-03-02T03:00:00Z') });
    const fix = (state: CaseState, receivedOn = '2026-03-03') =>
      planTransition(
        state,
        'correct_petition_date',
        'receiver',
        { receivedOn, reason: 'Nhập nhầm ngày' },
        {
          today: '2026-03-05',
        },
      );
    const before = planned(fix(recorded));
    expect(before.changes).toMatchObject({
      petitionReceivedOn: '2026-03-03',
      petitionDateCorrectedNow: true,
    });
    expect(before.effects).toContainEqual({
      type: 'start_clocks',
      trigger: 'petition_document_recorded',
      startedOn: '2026-03-03',
    });
    const after = planned(
      fix({ ...recorded, status: 'accepted', acceptedAt: new Date('2026-03-04T02:00:00Z') }),
    );
    expect(after.effects.some((e) => e.type === 'start_clocks')).toBe(false);
    expect(refused(fix({ ...recorded, petitionDateCorrectedAt: new Date() })).code).toBe(
      'petition_date_already_corrected',
    );
    expect(refused(fix({ ...recorded, petitionReceivedOn: null })).code).toBe('petition_not_recorded');
    expect(refused(fix(recorded, '2026-12-31')).code).toBe('invalid_param');
    expect(
      refused(planTransition(recorded, 'correct_petition_date', 'receiver', { receivedOn: '2026-03-03' }))
        .code,
    ).toBe('missing_param');
  });
});

describe('promises to the sender', () => {
  it('has a notice text for every move that declares one', () => {
    for (const action of CASE_ACTIONS) {
      for (const kind of CASE_KINDS) {
        for (const status of CASE_STATUSES) {
          for (const actor of ACTORS) {
            const result = planTransition(
              permissiveState(action, status, kind),
              action,
              actor,
              validParams(action, kind),
            );
            if (!result.ok || !result.effects.some((e) => e.type === 'notify_sender')) continue;
            const text = senderNotice(action, {
              code: 'ABCD-EFG-HJK',
              organizationName: 'Trung tâm Y tế',
              unitName: 'Khoa Nội',
              kind,
            });
            expect(text, `${action} ${kind}`).toBeTruthy();
            const english = senderNotice(
              action,
              { code: 'ABCD-EFG-HJK', organizationName: 'Trung tâm Y tế', unitName: 'Khoa Nội', kind },
              'en',
            );
            expect(english, `${action} ${kind} in English`).toMatch(/^(Case|The time limit|Handling)/);
          }
        }
      }
    }
  });
});
