// What a card or a case view shows an officer: the case without its sender. Free text goes through
// redactText (phones, e-mails, identity numbers masked); identity is never part of it: it lives in
// SenderIdentity and only revealSenderIdentity opens it. Pure.
import { redactText } from './redaction.js';
import type { Audience, CaseKind, CaseStatus, Channel, Outcome } from './case-vocabulary.js';

export interface CaseForView {
  id: string;
  code: string;
  organizationId: string;
  unitId: string | null;
  assigneeId: string | null;
  kind: CaseKind;
  audience: Audience;
  channel: Channel;
  status: CaseStatus;
  urgency: 'normal' | 'urgent';
  category: string | null;
  identityMode: 'named' | 'anonymous' | 'sealed' | 'no_trace';
  description: string;
  place: string | null;
  occurredAt: string | null;
  involved: string | null;
  outcome: Outcome | null;
  paused: boolean;
  petitionReceivedOn: Date | null;
  receivedAt: Date;
  resolvedAt: Date | null;
  /** The placeholder of a submission that could not be read (decision 0026). */
  intakeFailureReason?: string | null;
}

export interface RedactedCaseView {
  id: string;
  code: string;
  organizationId: string;
  unitId: string | null;
  assigneeId: string | null;
  kind: CaseKind;
  audience: Audience;
  channel: Channel;
  status: CaseStatus;
  urgent: boolean;
  category: string | null;
  /** Whether the sender left a contact (named) — never the contact itself. */
  senderNamed: boolean;
  description: string;
  place: string | null;
  occurredAt: string | null;
  involved: string | null;
  outcome: Outcome | null;
  paused: boolean;
  petitionRecorded: boolean;
  receivedAt: Date;
  resolvedAt: Date | null;
  /** What the sender wrote could not be read: the description says why (decision 0026). */
  contentUnreadable: boolean;
}

/** Picks the fields a card may show, redacted; anything else on the row (hashes, identity) is left out. */
export function redactedCaseView(c: CaseForView): RedactedCaseView {
  return {
    id: c.id,
    code: c.code,
    organizationId: c.organizationId,
    unitId: c.unitId,
    assigneeId: c.assigneeId,
    kind: c.kind,
    audience: c.audience,
    channel: c.channel,
    status: c.status,
    urgent: c.urgency === 'urgent',
    category: c.category,
    senderNamed: c.identityMode === 'named',
    description: redactText(c.description),
    place: c.place === null ? null : redactText(c.place),
    occurredAt: c.occurredAt === null ? null : redactText(c.occurredAt),
    involved: c.involved === null ? null : redactText(c.involved),
    outcome: c.outcome,
    paused: c.paused,
    petitionRecorded: c.petitionReceivedOn !== null,
    receivedAt: c.receivedAt,
    resolvedAt: c.resolvedAt,
    contentUnreadable: !!c.intakeFailureReason,
  };
}
