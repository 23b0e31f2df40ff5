// The board assigns a group to a leader, who is told in a private message when their Telegram
// account is bound. The leader is named as officers know them (full name, accents optional).
import type { StaffPrincipal } from '../cases/case-permissions.js';
import { AppError } from '../core/app-error.js';
import { foldText } from '../core/fold-text.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import type { AppContext } from '../app-context.js';
import { collectionOf, requireOrganiser } from './staff-qa-context.js';
import { STAFF_QA_ANSWERER_ROLES } from './staff-qa-permissions.js';
import { formatGroupNumber } from './staff-qa-rules.js';
import { appendStaffQaEvent, findGroup, updateGroup } from './staff-qa.repository.js';

export interface AssignGroupInput {
  actor: StaffPrincipal;
  collectionNumber?: number;
  group: number;
  /** The leader's full name, or part of it when that names one leader only. */
  leaderName: string;
}

export async function assignQuestionGroup(ctx: AppContext, input: AssignGroupInput) {
  requireOrganiser(input.actor);
  const collection = await collectionOf(ctx, input.actor.organizationId, input.collectionNumber);
  const leaders = await ctx.db.prisma.staff.findMany({
    where: {
      organizationId: input.actor.organizationId,
      active: true,
      roles: { some: { role: { in: [...STAFF_QA_ANSWERER_ROLES] } } },
    },
    select: { id: true, fullName: true, telegramUserId: true },
  });
  const wanted = foldText(input.leaderName);
  const exact = leaders.filter((l) => foldText(l.fullName) === wanted);
  const partial = exact.length ? exact : leaders.filter((l) => foldText(l.fullName).includes(wanted));
  if (partial.length !== 1) {
    throw new AppError(
      'validation',
      partial.length
        ? `Có ${partial.length} lãnh đạo khớp "${input.leaderName}": ${partial.map((l) => l.fullName).join(', ')}. Gõ đầy đủ họ tên.`
        : `Không có lãnh đạo nào tên "${input.leaderName}". Lãnh đạo: ${leaders.map((l) => l.fullName).join(', ') || '(chưa có)'}.`,
    );
  }
  const leader = partial[0]!;
  const now = ctx.clock.now();
  const { group, eventId } = await ctx.db.prisma.$transaction(async (tx) => {
    const found = await findGroup(tx, collection.id, input.group);
    if (!found) throw new AppError('not_found', `Không có nhóm ${formatGroupNumber(input.group)}.`);
    const updated = await updateGroup(tx, found.id, { assigneeId: leader.id });
    const event = await appendStaffQaEvent(tx, {
      collectionId: collection.id,
      action: 'assign',
      groupId: found.id,
      actorStaffId: input.actor.id,
      data: { number: found.number, assigneeId: leader.id },
      at: now,
    });
    return { group: updated, eventId: event.id };
  });
  if (leader.telegramUserId) {
    await enqueueNotification(ctx, {
      channel: 'telegram',
      recipient: { channel: 'telegram', conversationId: leader.telegramUserId },
      content: {
        text: [
          `📝 Bạn được phân công trả lời câu hỏi ${formatGroupNumber(group.number)} (đợt ${collection.number}: ${collection.topic}):`,
          group.wording,
          '',
          `Trả lời bằng: /hoitraloi ${formatGroupNumber(group.number)} <nội dung trả lời>`,
        ].join('\n'),
      },
      dedupeKey: `staffqa:assign:${eventId}`,
    });
  }
  return { number: group.number, leaderName: leader.fullName, told: !!leader.telegramUserId };
}
