// The dialog's dependencies as they run: drafts in Redis (encrypted), submissions through the
// intake, files under DATA_DIR, tracking and follow-up on the database, reminders on the queue.
import { createDialogStaffQuestions } from '../staff-questions/dialog-staff-questions.js';
import { isNationalHotlineNumber, NATIONAL_HOTLINE } from '../hotline/national-hotline.js';
import { createDialogReception } from '../reception/dialog-reception.js';
import { findMasterForTracking } from '../cases/case.repository.js';
import { randomBytes } from 'node:crypto';
import { loadGoverningDeadline } from '../deadlines/governing-deadline.js';
import type { Redis } from 'ioredis';
import type { AppContext } from '../app-context.js';
import { generateFollowUpSecret, verifySecret } from '../cases/follow-up-secret.js';
import { recordSatisfaction } from '../cases/record-satisfaction.js';
import { isAppError } from '../core/app-error.js';
import { createConversationHash } from '../core/keyed-hash.js';
import { parseInput } from '../core/validation.js';
import { estimateAnswerDueDate } from '../deadlines/deadline.service.js';
import { verifyStaffAccessCode } from '../directory/staff-access-code.service.js';
import { MAX_ATTACHMENT_BYTES } from '../intake/attachment-policy.js';
import { ZChannelSubmissionSchema } from '../intake/channel-submission.schema.js';
import { createIntakeNewCaseCap } from '../intake/new-case-cap.js';
import { findSubmissionByTrackingCode, findUnitByCode } from '../intake/intake.repository.js';
import { isCaseSender } from '../intake/sender-identity.js';
import { discardDraftAttachments, storeAttachment } from '../intake/store-attachment.js';
import { submitChannelSubmission } from '../intake/submit-submission.js';
import {
  DRAFT_TTL_SECONDS,
  type DialogDeps,
  type DialogOrganization,
  type FollowUpRefusal,
} from './dialog-deps.js';
import {
  findCaseForTracking,
  findOrganizationWithParent,
  findRecipientNames,
  listActiveUnitsOfOrganization,
  listOrganizations,
} from './dialog.repository.js';
import { createRedisDraftStore, type DraftStore } from './draft.store.js';
import {
  DEFAULT_REOPEN_WINDOW_DAYS,
  isWithinReopenWindow,
  reopenCaseBySender,
  reopenWindowDays,
} from './reopen-by-sender.js';

export interface CreateDialogDepsOptions {
  /** The app's Redis connection; by default the one the job queues use. */
  redis?: Redis;
  /** Days after resolution during which a sender may ask to reopen, unless the organisation sets its own. */
  reopenWindowDays?: number;
}

const DIRECTORY_CACHE_MS = 60_000;

/**
 * The queues' own connection, so that a worker needs nothing more than the AppContext. BullMQ 6
 * hands back the ioredis instance we gave it behind a proxy that keeps ioredis's own call forms
 * (test/integration/dialog.test.ts runs the reminder through it). Pass `redis` where one is at hand.
 */
export function redisOfQueues(ctx: AppContext): Promise<Redis> {
  return ctx.queues.queue('intake').getBackend().client as unknown as Promise<Redis>;
}

export function createDialogDraftStore(ctx: AppContext, redis?: Redis): DraftStore {
  return createRedisDraftStore({
    redis: redis ?? redisOfQueues(ctx),
    prefix: ctx.config.queuePrefix,
    sealedBox: ctx.sealedBox,
    ttlSeconds: DRAFT_TTL_SECONDS,
  });
}

// Units and hotlines change rarely and are read at every prompt: keep them a minute.
function cached<A extends string, R>(load: (key: A) => Promise<R>): (key: A) => Promise<R> {
  const entries = new Map<A, { at: number; value: Promise<R> }>();
  return (key) => {
    const hit = entries.get(key);
    if (hit && Date.now() - hit.at < DIRECTORY_CACHE_MS) return hit.value;
    const value = load(key);
    value.catch(() => entries.delete(key));
    entries.set(key, { at: Date.now(), value });
    return value;
  };
}

function organizationView(
  org: NonNullable<Awaited<ReturnType<typeof findOrganizationWithParent>>>,
): DialogOrganization {
  const own = (numbers: string[]) => numbers.filter((n) => !isNationalHotlineNumber(n));
  const desk = (org.settings as { receptionDesk?: unknown } | null)?.receptionDesk;
  return {
    code: org.code,
    name: org.name,
    hotlines: [
      ...(own(org.hotlineNumbers).length ? [{ name: org.name, numbers: own(org.hotlineNumbers) }] : []),
      ...(org.parent && own(org.parent.hotlineNumbers).length
        ? [{ name: org.parent.name, numbers: own(org.parent.hotlineNumbers) }]
        : []),
      { name: NATIONAL_HOTLINE.name.vi, numbers: [...NATIONAL_HOTLINE.numbers] },
    ],
    ...(typeof desk === 'string' && desk ? { receptionDesk: desk } : {}),
  };
}

export function createDialogDeps(ctx: AppContext, options: CreateDialogDepsOptions = {}): DialogDeps {
  const { prisma } = ctx.db;
  const defaultReopenDays = options.reopenWindowDays ?? DEFAULT_REOPEN_WINDOW_DAYS;
  const findOrganization = cached(async (code: string) => {
    const org = await findOrganizationWithParent(prisma, code);
    return org ? organizationView(org) : null;
  });
  const listUnits = cached((code: string) => listActiveUnitsOfOrganization(prisma, code));
  const organizations = cached(() => listOrganizations(prisma));
  // On the dialog's own Redis: it keeps the drafts there, so without Redis nothing is submitted anyway.
  const newCaseCap = createIntakeNewCaseCap(ctx, options.redis ?? redisOfQueues(ctx));
  const conversationHash = createConversationHash(ctx.sealedBox);

  return {
    drafts: createDialogDraftStore(ctx, options.redis),
    clock: ctx.clock,
    ids: {
      newDraftId: () => randomBytes(12).toString('base64url'),
      newFollowUpSecret: () => generateFollowUpSecret(),
    },
    directory: {
      defaultOrganizationCode: () => ctx.config.defaultOrgCode,
      async findUnit(code) {
        const unit = await findUnitByCode(prisma, code);
        return unit
          ? {
              code: unit.code,
              name: unit.name,
              organizationCode: unit.organization.code,
              organizationName: unit.organization.name,
            }
          : null;
      },
      listUnits,
      listOrganizations: () => organizations(''),
      findOrganization,
    },
    files: {
      async store({ submissionId, file }) {
        if (file.sizeBytes !== undefined && file.sizeBytes > MAX_ATTACHMENT_BYTES)
          return { ok: false, reason: 'too_large' };
        const bytes = await file.download();
        const fallback =
          file.kind === 'photo'
            ? { type: 'image/jpeg', name: 'anh.jpg' }
            : file.kind === 'voice'
              ? { type: 'audio/ogg', name: 'ghi-am.ogg' }
              : { type: undefined, name: 'tep-dinh-kem' };
        const stored = await storeAttachment(ctx, {
          submissionId,
          bytes,
          fileName: file.fileName,
          mimeType: file.mimeType,
          fallbackType: fallback.type,
          fallbackName: fallback.name,
        });
        return stored;
      },
      discard: (submissionId) => discardDraftAttachments(ctx, submissionId),
    },
    intake: {
      async submit(input, { conversation, source }) {
        const client = source ?? `chat:${conversationHash(conversation)}`;
        const receipt = await submitChannelSubmission(ctx, parseInput(ZChannelSubmissionSchema, input), {
          source: { client, cap: newCaseCap },
        });
        const names = await findRecipientNames(prisma, receipt.organizationId, receipt.unitId);
        let dueOn = null;
        try {
          ({ dueOn } = await estimateAnswerDueDate(ctx, {
            organizationId: receipt.organizationId,
            kind: input.kind,
            audience: input.audience,
            receivedAt: receipt.receivedAt,
          }));
        } catch (err) {
          // The item is stored and queued; a receipt without a date beats no receipt.
          ctx.logger.warn({ err: { message: (err as Error).message } }, 'no due date for a receipt');
        }
        return { code: receipt.code, duplicate: receipt.duplicate, ...names, dueOn };
      },
    },
    tracking: {
      async track({ code, secret, conversation }) {
        const found = await findCaseForTracking(prisma, code);
        if (!found) {
          // Acknowledged but not yet turned into a case by the worker: it exists for the sender.
          const pending = await findSubmissionByTrackingCode(prisma, code);
          if (!pending) return { found: false };
          return {
            found: true,
            secretRejected: false,
            case: {
              code,
              kind: null,
              status: 'received',
              organizationName: null,
              unitName: null,
              dueOn: null,
              replies: [],
              isSender: false,
              canRate: false,
            },
          };
        }
        const sender = await isCaseSender(ctx, found.id, conversation);
        const locked = found.followUpSecretHash !== null && !sender;
        const secretOk = locked && secret ? await verifySecret(secret, found.followUpSecretHash!) : false;
        const open = !locked || secretOk;
        // A duplicate merged into another case follows it: its progress and public replies, never
        // its code (someone else's).
        const master =
          found.status === 'merged' && found.duplicateOfId
            ? await findMasterForTracking(prisma, found.duplicateOfId)
            : null;
        const followed = master ?? found;
        const deadline = await loadGoverningDeadline(prisma, master ? found.duplicateOfId! : found.id);
        return {
          found: true,
          secretRejected: !!secret && locked && !secretOk,
          case: {
            code: found.code,
            kind: found.kind,
            status: followed.status,
            organizationName: found.organization.name,
            unitName: followed.unit?.name ?? null,
            dueOn: deadline?.dueOn ?? null,
            deadline,
            replies: open
              ? [...found.messages, ...(master?.messages ?? [])].map((m) => ({
                  at: m.createdAt,
                  text: m.body,
                }))
              : null,
            isSender: sender,
            canRate: sender && followed.status === 'resolved' && found.satisfaction === null,
            ...(found.intakeFailureReason ? { contentUnreadable: true } : {}),
          },
        };
      },
    },
    staffAccess: {
      verify: (code) => verifyStaffAccessCode(ctx, code),
    },
    staffQuestions: createDialogStaffQuestions(ctx),
    followUp: {
      async recordSatisfaction(input) {
        try {
          const result = await recordSatisfaction(ctx, input);
          const found = await findCaseForTracking(prisma, input.code);
          const days = reopenWindowDays(found?.organization.settings, defaultReopenDays);
          return {
            ok: true,
            canReopen:
              result.status === 'resolved' && isWithinReopenWindow(result.resolvedAt, days, ctx.clock.now()),
          };
        } catch (err) {
          const reason = isAppError(err) ? (err.details?.reason as FollowUpRefusal | undefined) : undefined;
          if (reason) return { ok: false, reason };
          throw err;
        }
      },
      requestReopen: (input) => reopenCaseBySender(ctx, { ...input, defaultWindowDays: defaultReopenDays }),
    },
    reception: createDialogReception(ctx),
    reminders: {
      async schedule({ draftId, at }) {
        const dueAt = at.getTime();
        try {
          await ctx.queues.add(
            'dialog.remind-draft',
            { draftId, dueAt },
            { delay: Math.max(0, dueAt - ctx.clock.now().getTime()) },
          );
        } catch (err) {
          // A reminder is a courtesy: losing it must not lose the message being handled.
          ctx.logger.warn(
            { err: { message: (err as Error).message } },
            'could not schedule a draft reminder',
          );
        }
      },
    },
  };
}
