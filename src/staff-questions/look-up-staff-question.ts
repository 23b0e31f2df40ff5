// A sealed asker's own question, found by the code they kept: where it stands and, once the
// answers are published, its answer. The code is the only proof; it names no one.
import type { AppContext } from '../app-context.js';
import { findQuestionByFollowUpHash } from './staff-qa.repository.js';
import { hashQuestionFollowUpCode } from './staff-qa-rules.js';

export interface OwnQuestionView {
  topic: string;
  text: string;
  status: 'waiting' | 'grouped' | 'answered';
  group: { number: number; wording: string } | null;
  /** Shown once the collection's answers are published. */
  answer: string | null;
  organizationId: string;
}

export async function lookUpStaffQuestion(
  ctx: Pick<AppContext, 'db'>,
  code: string,
): Promise<OwnQuestionView | null> {
  const hash = hashQuestionFollowUpCode(code);
  if (!hash) return null;
  const q = await findQuestionByFollowUpHash(ctx.db.prisma, hash);
  if (!q) return null;
  const published = q.collection.publishedAt !== null;
  const answered = !!q.group?.answer && published;
  return {
    topic: q.collection.topic,
    text: q.text,
    status: answered ? 'answered' : q.group ? 'grouped' : 'waiting',
    group: q.group ? { number: q.group.number, wording: q.group.wording } : null,
    answer: answered ? q.group!.answer : null,
    organizationId: q.collection.organizationId,
  };
}
