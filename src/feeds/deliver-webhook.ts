// Delivers one webhook's chain of events for one case, in order: the lowest-numbered pending
// delivery first, the next only once it was accepted (2xx). A refusal or an outage records the
// attempt in the delivery log and throws, so BullMQ retries the chain with exponential backoff —
// and the later events wait behind it. Each event goes out once per webhook: the delivery row is
// marked when the receiver accepted it; the X-LangNghe-Delivery header (the feed event's id, the
// same on every retry) lets a receiver drop the rare repeat of a crash between the two.
//
// Signature: X-LangNghe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>.
// The timestamp inside the signed text lets a receiver refuse an old call replayed.
import { createHmac } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import {
  findFeedEvent,
  findNextDelivery,
  findWebhook,
  hasEarlierUnfanned,
  recordDeliveryAttempt,
} from './feed.repository.js';

export const WEBHOOK_TIMEOUT_MS = 10_000;

export function signWebhookBody(secret: string, timestamp: number, rawBody: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`, 'utf8').digest('hex')}`;
}

export class WebhookDeliveryError extends Error {
  override name = 'WebhookDeliveryError';
}

export async function deliverWebhookChain(
  ctx: AppContext,
  input: { webhookId: string; caseId: string },
  doFetch: typeof fetch = fetch,
): Promise<number> {
  const { prisma } = ctx.db;
  const hook = await findWebhook(prisma, input.webhookId);
  if (!hook || hook.removedAt) return 0;
  const secret = ctx.sealedBox.open(hook.secretCiphertext);
  let delivered = 0;
  for (;;) {
    const next = await findNextDelivery(prisma, input.webhookId, input.caseId);
    if (!next) return delivered;
    // An earlier event of the case still on its way to the delivery log: the poller comes back.
    if (await hasEarlierUnfanned(prisma, input.caseId, next.sequence)) return delivered;
    const event = await findFeedEvent(prisma, next.feedEventId);
    if (!event) return delivered;
    const body = JSON.stringify(event.payload);
    const now = ctx.clock.now();
    const timestamp = Math.floor(now.getTime() / 1000);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await doFetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'LangNghe-Webhooks/1',
          'x-langnghe-event': event.type,
          'x-langnghe-delivery': event.id,
          'x-langnghe-signature': signWebhookBody(secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      statusCode = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (err) {
      error = `${(err as Error).name}: ${(err as Error).message}`.slice(0, 300);
    }
    await recordDeliveryAttempt(prisma, next.id, { delivered: error === null, statusCode, error, at: now });
    if (error !== null) {
      ctx.logger.warn(
        { webhook: hook.id, delivery: next.id, error },
        'webhook delivery failed; retried later',
      );
      throw new WebhookDeliveryError(error);
    }
    ctx.logger.info({ webhook: hook.id, delivery: next.id, type: event.type }, 'webhook delivered');
    delivered++;
  }
}
