// What a collection holds, as the board's list, the published page, the unit groups' message and
// the annex read it: groups in number order with their answer and who answers, and the questions
// not yet grouped. Askers appear nowhere in it: there is nothing about them to show.
import { fromDbDate, type LocalDate } from '../calendar/local-date.js';
import type { AppContext } from '../app-context.js';
import { findStaffNames, loadCollectionContents } from './staff-qa.repository.js';

export interface CollectionView {
  id: string;
  organizationId: string;
  number: number;
  topic: string;
  opensOn: LocalDate;
  closesOn: LocalDate;
  publishedAt: Date | null;
  groups: {
    number: number;
    wording: string;
    questionCount: number;
    assignee: string | null;
    answer: string | null;
    answeredBy: { name: string; title: string | null } | null;
  }[];
  ungrouped: { ref: string; text: string }[];
  questionCount: number;
}

export async function loadCollectionView(
  ctx: Pick<AppContext, 'db'>,
  collection: {
    id: string;
    organizationId: string;
    number: number;
    topic: string;
    opensOn: Date;
    closesOn: Date;
    publishedAt: Date | null;
  },
): Promise<CollectionView> {
  const [questions, groups] = await loadCollectionContents(ctx.db.prisma, collection.id);
  const staffIds = [
    ...new Set(groups.flatMap((g) => [g.assigneeId, g.answeredById]).filter((id): id is string => !!id)),
  ];
  const names = new Map((await findStaffNames(ctx.db.prisma, staffIds)).map((s) => [s.id, s]));
  return {
    id: collection.id,
    organizationId: collection.organizationId,
    number: collection.number,
    topic: collection.topic,
    opensOn: fromDbDate(collection.opensOn),
    closesOn: fromDbDate(collection.closesOn),
    publishedAt: collection.publishedAt,
    groups: groups.map((g) => {
      const by = g.answeredById ? names.get(g.answeredById) : undefined;
      return {
        number: g.number,
        wording: g.wording,
        questionCount: questions.filter((q) => q.groupId === g.id).length,
        assignee: g.assigneeId ? (names.get(g.assigneeId)?.fullName ?? null) : null,
        answer: g.answer,
        answeredBy: by ? { name: by.fullName, title: by.title } : null,
      };
    }),
    ungrouped: questions.filter((q) => !q.groupId).map((q) => ({ ref: q.ref, text: q.text })),
    questionCount: questions.length,
  };
}

/** The groups staff may read once published: answered ones only. */
export const publishedGroups = (view: CollectionView) => view.groups.filter((g) => g.answer !== null);
