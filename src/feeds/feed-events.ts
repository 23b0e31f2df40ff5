// The event feeds' vocabulary (decision 0034): which case events an organisation's systems hear
// about, and what they are told. Pure; the payload carries no personal data — no names, contact,
// text, tracking code (it opens the tracking page) or staff — only ids, codes and the case's facts.
import { z } from 'zod';
import type { CaseStatus } from '../cases/case-vocabulary.js';

export const FEED_EVENT_TYPES = [
  'case.created',
  'case.status_changed',
  'case.resolved',
  'case.satisfaction',
] as const;
export type FeedEventType = (typeof FEED_EVENT_TYPES)[number];
export const ZFeedEventTypeSchema = z.enum(FEED_EVENT_TYPES);

/** Version of the payload's shape; bumped on any change a receiver would notice. */
export const FEED_SCHEMA_VERSION = 1;

/** The types a case event stands for, in the order they are numbered (a resolve is both). */
export function feedTypesOf(e: {
  action: string;
  fromStatus?: CaseStatus | null;
  toStatus?: CaseStatus | null;
}): FeedEventType[] {
  if (e.action === 'receive') return ['case.created'];
  if (e.action === 'satisfaction') return ['case.satisfaction'];
  const types: FeedEventType[] = [];
  if (e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus) {
    types.push('case.status_changed');
    if (e.toStatus === 'resolved') types.push('case.resolved');
  }
  return types;
}

export interface FeedCaseFacts {
  id: string;
  kind: string;
  channel: string;
  audience: string;
  status: string;
  outcome: string | null;
  satisfaction: number | null;
  receivedAt: Date;
  organization: { code: string };
  unit: { code: string } | null;
}

export interface FeedPayload {
  schema: 'langnghe.case-event';
  version: typeof FEED_SCHEMA_VERSION;
  /** The feed event's id: a receiver that saw it before ignores it. */
  id: string;
  type: FeedEventType;
  /** 1, 2, 3… per case: a receiver can tell a gap or an old event apart. */
  sequence: number;
  occurredAt: string;
  case: {
    id: string;
    organization: string;
    unit: string | null;
    kind: string;
    channel: string;
    audience: string;
    status: string;
    previousStatus: string | null;
    outcome: string | null;
    satisfaction: number | null;
    receivedAt: string;
  };
}

export function buildFeedPayload(
  id: string,
  type: FeedEventType,
  sequence: number,
  at: Date,
  facts: FeedCaseFacts,
  event: { fromStatus?: CaseStatus | null; toStatus?: CaseStatus | null },
): FeedPayload {
  return {
    schema: 'langnghe.case-event',
    version: FEED_SCHEMA_VERSION,
    id,
    type,
    sequence,
    occurredAt: at.toISOString(),
    case: {
      id: facts.id,
      organization: facts.organization.code,
      unit: facts.unit?.code ?? null,
      kind: facts.kind,
      channel: facts.channel,
      audience: facts.audience,
      status: event.toStatus ?? facts.status,
      previousStatus: event.fromStatus ?? null,
      outcome: facts.outcome,
      satisfaction: type === 'case.satisfaction' || type === 'case.resolved' ? facts.satisfaction : null,
      receivedAt: facts.receivedAt.toISOString(),
    },
  };
}
