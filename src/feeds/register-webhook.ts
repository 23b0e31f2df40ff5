// An organisation's outbound webhook: validated at the edge (a reachable http(s) URL, known event
// types, an existing organisation), its secret generated unless one is given, sealed at rest.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { SealedBox } from '../core/sealed-box.js';
import { AppError } from '../core/app-error.js';
import { parseInput } from '../core/validation.js';
import { findOrganizationByCode } from '../intake/intake.repository.js';
import { FEED_EVENT_TYPES, ZFeedEventTypeSchema } from './feed-events.js';
import { insertWebhook } from './feed.repository.js';

export const ZWebhookInputSchema = z
  .object({
    organizationCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,40}$/, 'mã đơn vị không hợp lệ'),
    url: z.url({ protocol: /^https?$/, error: 'phải là địa chỉ http(s)://' }).max(2000),
    events: z
      .array(ZFeedEventTypeSchema)
      .min(1)
      .default([...FEED_EVENT_TYPES]),
    secret: z
      .string()
      .regex(/^[\x21-\x7e]{16,256}$/, 'phải có 16–256 ký tự in được, không dấu cách')
      .optional(),
  })
  .strict();

export async function registerWebhook(
  deps: { db: Db; sealedBox: SealedBox },
  raw: z.input<typeof ZWebhookInputSchema>,
): Promise<{ id: string; secret: string; events: string[] }> {
  const input = parseInput(ZWebhookInputSchema, raw, {});
  const org = await findOrganizationByCode(deps.db, input.organizationCode);
  if (!org) throw new AppError('unprocessable', `Không tìm thấy đơn vị có mã "${input.organizationCode}".`);
  const secret = input.secret ?? randomBytes(32).toString('base64url');
  const events = [...new Set(input.events)];
  const hook = await insertWebhook(deps.db, {
    organizationId: org.id,
    url: input.url,
    secretCiphertext: deps.sealedBox.seal(secret),
    events,
  });
  return { id: hook.id, secret, events };
}
