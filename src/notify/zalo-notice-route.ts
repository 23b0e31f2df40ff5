// How a notice about a case reaches a Zalo sender once Zalo's free reply window is over: the
// organisation's policy in `settings.zaloNotices` (decision 0027):
//   { "oaVerified": true, "znsTemplateId": "123456" }
// - oaVerified: the OA is verified and the organisation pays for proactive messages;
// - znsTemplateId: a ZNS template (registered with Zalo, parameters `case_code` and `status`) sent
//   to the phone number the sender gave — only named senders give one, and only after consenting;
// - neither (or both refused): the notice is held until the person next writes; the tracking page
//   shows the case's state and answer meanwhile.
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Outbound } from '../dialog/dialog-types.js';
import { findSenderIdentityOfCase } from '../intake/intake.repository.js';
import type { SealedIdentity } from '../intake/sender-identity.js';

export interface ZaloNoticePolicy {
  oaVerified: boolean;
  znsTemplateId: string | null;
}

export const DEFAULT_ZALO_NOTICE_POLICY: ZaloNoticePolicy = { oaVerified: false, znsTemplateId: null };

const ZZaloNoticesSchema = z
  .object({
    oaVerified: z.boolean().default(false),
    znsTemplateId: z
      .string()
      .regex(/^\d{1,20}$/)
      .nullable()
      .default(null),
  })
  .strict();

/** A missing or unusable `zaloNotices` falls back to holding notices (`invalid` says it was unusable). */
export function parseZaloNoticePolicy(settings: unknown): { policy: ZaloNoticePolicy; invalid: boolean } {
  const raw = settings !== null && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
  if (raw.zaloNotices === undefined) return { policy: DEFAULT_ZALO_NOTICE_POLICY, invalid: false };
  const parsed = ZZaloNoticesSchema.safeParse(raw.zaloNotices);
  return parsed.success
    ? { policy: parsed.data, invalid: false }
    : { policy: DEFAULT_ZALO_NOTICE_POLICY, invalid: true };
}

/** A Vietnamese mobile number as ZNS wants it: 84xxxxxxxxx; undefined when it is not one. */
export function znsPhone(phone: string): string | undefined {
  const digits = phone.replace(/[\s.()-]/g, '').replace(/^\+/, '');
  if (!/^\d+$/.test(digits)) return undefined;
  const national = digits.startsWith('84') ? digits.slice(2) : digits.replace(/^0/, '');
  return /^[35789]\d{8}$/.test(national) ? `84${national}` : undefined;
}

/** ZNS template parameters are short: the notice's first line, cut at a word. */
export function znsStatus(text: string, max = 100): string {
  const line = (text.split('\n')[0] ?? '').trim();
  if ([...line].length <= max) return line;
  const cut = [...line].slice(0, max - 1).join('');
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).trimEnd()}…`;
}

export interface ZaloNoticeRouteFacts {
  oaVerified: boolean;
  zns?: { phone: string; templateId: string; templateData: Record<string, string> };
}

/** The route for one notice; a notice without a case (a deferred dialog answer) is held. */
export async function loadZaloNoticeRoute(
  ctx: AppContext,
  caseId: string | undefined,
  content: Outbound,
): Promise<ZaloNoticeRouteFacts> {
  if (!caseId) return { oaVerified: false };
  const c = await ctx.db.prisma.case.findUnique({
    where: { id: caseId },
    select: { code: true, organization: { select: { settings: true } } },
  });
  if (!c) return { oaVerified: false };
  const { policy, invalid } = parseZaloNoticePolicy(c.organization.settings);
  if (invalid) ctx.logger.warn({ key: 'zaloNotices' }, 'organisation setting unusable; notices are held');
  if (!policy.znsTemplateId) return { oaVerified: policy.oaVerified };
  const row = await findSenderIdentityOfCase(ctx.db.prisma, caseId);
  const given = row ? ctx.sealedBox.openJson<SealedIdentity>(row.ciphertext).contact?.phone : undefined;
  const phone = given ? znsPhone(given) : undefined;
  if (!phone) return { oaVerified: policy.oaVerified };
  return {
    oaVerified: policy.oaVerified,
    zns: {
      phone,
      templateId: policy.znsTemplateId,
      templateData: { case_code: c.code, status: znsStatus(content.text) },
    },
  };
}
