// The board publishes the answers to staff: the collection is marked published (its answered groups
// then show on /hoi-dap behind the staff access code) and each unit group of the organisation gets
// a message with the answers. Publishing again (after more answers) sends again: each publication
// is its own audit event and its own messages.
import type { AppContext } from '../app-context.js';
import type { StaffPrincipal } from '../cases/case-permissions.js';
import { AppError } from '../core/app-error.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { loadCollectionView, publishedGroups, type CollectionView } from './collection-view.js';
import { collectionOf, requireOrganiser } from './staff-qa-context.js';
import { formatGroupNumber } from './staff-qa-rules.js';
import { appendStaffQaEvent, listUnitGroupChats, markPublished } from './staff-qa.repository.js';

/** Telegram allows 4096 characters; the rest is on the page. */
const MESSAGE_BUDGET = 3500;

export function publishedMessage(view: CollectionView, pageUrl: string | undefined): string {
  const answered = publishedGroups(view);
  const where = pageUrl
    ? `Xem đầy đủ tại ${pageUrl} (nhập mã truy cập góp ý nội bộ).`
    : 'Xem đầy đủ trên trang Hỏi – đáp (nhập mã truy cập góp ý nội bộ).';
  const head = `📢 Trả lời câu hỏi của viên chức, người lao động — ${view.topic}\nĐã trả lời ${answered.length} câu hỏi.`;
  const parts: string[] = [];
  let length = head.length + where.length + 4;
  for (const g of answered) {
    const block = `${formatGroupNumber(g.number)}. ${g.wording}\n➡️ ${g.answer}${g.answeredBy ? ` (${g.answeredBy.name})` : ''}`;
    if (length + block.length + 2 > MESSAGE_BUDGET) {
      parts.push('…');
      break;
    }
    parts.push(block);
    length += block.length + 2;
  }
  return [head, ...parts, where].join('\n\n');
}

export async function publishStaffAnswers(
  ctx: AppContext,
  input: { actor: StaffPrincipal; collectionNumber?: number },
) {
  requireOrganiser(input.actor);
  const collection = await collectionOf(ctx, input.actor.organizationId, input.collectionNumber);
  const view = await loadCollectionView(ctx, collection);
  const answered = publishedGroups(view);
  if (!answered.length) throw new AppError('conflict', 'Chưa có câu hỏi nào được trả lời để công bố.');
  const now = ctx.clock.now();
  const event = await ctx.db.prisma.$transaction(async (tx) => {
    await markPublished(tx, collection.id, now);
    return appendStaffQaEvent(tx, {
      collectionId: collection.id,
      action: 'publish',
      actorStaffId: input.actor.id,
      data: { answered: answered.length, unanswered: view.groups.length - answered.length },
      at: now,
    });
  });
  const pageUrl = ctx.config.publicUrl ? `${ctx.config.publicUrl}/hoi-dap` : undefined;
  const text = publishedMessage({ ...view, publishedAt: now }, pageUrl);
  let told = 0;
  for (const unit of await listUnitGroupChats(ctx.db.prisma, input.actor.organizationId)) {
    const sent = await enqueueNotification(ctx, {
      channel: 'telegram',
      recipient: { channel: 'telegram', conversationId: unit.telegramChatId! },
      content: { text },
      dedupeKey: `staffqa:publish:${event.id}:unit:${unit.id}`,
    });
    if (sent.created) told++;
  }
  return { answered: answered.length, unanswered: view.groups.length - answered.length, groupsTold: told };
}
