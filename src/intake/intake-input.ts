// The one shape every intake path turns into before it is sealed and queued: the public HTTP API
// (ZSubmissionSchema) and the chat channels through the dialog (ZChannelSubmissionSchema).
import type { Audience, CaseKind, Channel } from '../cases/case-vocabulary.js';
import type { ChannelSubmission, IdentityMode, ReplyTo } from './channel-submission.schema.js';
import type { Submission } from './submission.schema.js';

export type Contact = NonNullable<Submission['contact']>;

export interface IntakeInput {
  submissionId: string;
  channel: Channel;
  kind: CaseKind;
  audience: Audience;
  identityMode: IdentityMode;
  text: string;
  unitCode?: string;
  organizationCode?: string;
  contact?: Contact;
  replyTo?: ReplyTo;
  place?: string;
  occurredAt?: string;
  involved?: string;
  attachmentIds?: string[];
  petitionDocument?: ChannelSubmission['petitionDocument'];
}

export function intakeInputFromPublic(s: Submission): IntakeInput {
  const { anonymous, ...rest } = s;
  return {
    ...rest,
    audience: 'citizen',
    identityMode: anonymous || !s.contact ? 'anonymous' : 'named',
  };
}

export function intakeInputFromChannel(s: ChannelSubmission): IntakeInput {
  // The secret never travels further than the hash computed from it.
  const { followUpSecret: _secret, ...rest } = s;
  return rest;
}

/** Modes in which nobody holds the sender's contact: they follow the case with code + secret. */
export function needsFollowUpSecret(mode: IdentityMode): boolean {
  return mode !== 'named';
}
