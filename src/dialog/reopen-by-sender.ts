// A sender asks to reopen their resolved case ("Đề nghị xem xét lại"), within a number of days of
// its resolution that each organisation may set (`settings.reopenWindowDays`). The move itself is
// the lifecycle's `reopen`, which allows a sender only while the case is resolved, not closed.
import type { AppContext } from '../app-context.js';
import { isAppError } from '../core/app-error.js';
import type { ConversationRef } from './dialog-types.js';
import { applyCaseAction } from '../cases/case-lifecycle.service.js';
import { isCaseSender } from '../intake/sender-identity.js';
import type { FollowUpRefusal } from './dialog-deps.js';
import { findCaseIdByCode } from './dialog.repository.js';

export const DEFAULT_REOPEN_WINDOW_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export function reopenWindowDays(settings: unknown, fallback: number): number {
  const days = (settings as { reopenWindowDays?: unknown } | null)?.reopenWindowDays;
  return typeof days === 'number' && Number.isInteger(days) && days >= 0 ? days : fallback;
}

export function isWithinReopenWindow(resolvedAt: Date | null, windowDays: number, now: Date): boolean {
  return !!resolvedAt && now.getTime() - resolvedAt.getTime() <= windowDays * DAY_MS;
}

export async function reopenCaseBySender(
  ctx: AppContext,
  input: { code: string; reason: string; conversation: ConversationRef; defaultWindowDays?: number },
): Promise<{ ok: true } | { ok: false; reason: FollowUpRefusal }> {
  const found = await findCaseIdByCode(ctx.db.prisma, input.code);
  if (!found) return { ok: false, reason: 'not_found' };
  if (!(await isCaseSender(ctx, found.id, input.conversation))) return { ok: false, reason: 'not_sender' };
  if (found.status !== 'resolved') return { ok: false, reason: 'not_resolved' };
  const days = reopenWindowDays(
    found.organization.settings,
    input.defaultWindowDays ?? DEFAULT_REOPEN_WINDOW_DAYS,
  );
  if (!isWithinReopenWindow(found.resolvedAt, days, ctx.clock.now()))
    return { ok: false, reason: 'window_closed' };
  try {
    await applyCaseAction(ctx, {
      caseId: found.id,
      action: 'reopen',
      actor: { type: 'sender' },
      params: { reason: input.reason },
    });
  } catch (err) {
    if (isAppError(err) && err.code === 'illegal_transition') return { ok: false, reason: 'not_resolved' };
    throw err;
  }
  return { ok: true };
}
