// Which clocks a case event starts, by kind and audience (DOMAIN.md §2.1, §3). A chat item of any
// kind starts only the internal service clock; the signed đơn starts the statutory clocks of a
// complaint or denunciation, and acceptance (thụ lý) starts their resolution clocks.
import type { CaseKind, ClockKind } from './time-limit.js';

export type ClockStartTrigger = 'received' | 'petition_document_recorded' | 'accepted' | 'reopened';

export function clocksStartedBy(
  trigger: ClockStartTrigger,
  kind: CaseKind,
  audience: 'citizen' | 'staff',
): ClockKind[] {
  const answerClock: ClockKind = audience === 'staff' ? 'staff_feedback_answer' : 'internal_answer';
  switch (trigger) {
    case 'received':
    case 'reopened':
      return [answerClock];
    case 'petition_document_recorded':
      if (kind === 'complaint') return ['complaint_acceptance'];
      if (kind === 'denunciation') return ['denunciation_initial'];
      return [];
    case 'accepted':
      if (kind === 'complaint') return ['complaint_resolution_first'];
      if (kind === 'denunciation') return ['denunciation_resolution'];
      return [];
  }
}

/** Clocks that acceptance satisfies: the acceptance decision was taken in time or late, but taken. */
export function clocksSatisfiedBy(trigger: ClockStartTrigger): ClockKind[] {
  return trigger === 'accepted' ? ['complaint_acceptance', 'denunciation_initial'] : [];
}
