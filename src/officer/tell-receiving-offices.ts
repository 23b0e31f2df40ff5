// A message for the receiving office of every organisation (its receivers in Telegram): news about
// the whole deployment, such as a Zalo OA quota running low, that no one case or unit owns.
import type { AppContext } from '../app-context.js';
import { enqueueNotification } from '../notify/enqueue-notification.js';
import { listStaffWithTelegram } from './officer.repository.js';

export async function tellReceivingOffices(ctx: AppContext, text: string, key: string): Promise<number> {
  const organizations = await ctx.db.prisma.organization.findMany({ select: { id: true } });
  let told = 0;
  for (const org of organizations) {
    const receivers = await listStaffWithTelegram(ctx.db.prisma, {
      organizationId: org.id,
      role: 'receiver',
      unitId: null,
    });
    for (const r of receivers) {
      const recipient = { channel: 'telegram' as const, conversationId: r.telegramUserId! };
      const sent = await enqueueNotification(ctx, {
        channel: 'telegram',
        recipient,
        content: { text },
        dedupeKey: `${key}:staff:${r.id}`,
      });
      if (sent.created) told++;
    }
  }
  return told;
}
