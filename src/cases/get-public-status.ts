// What anyone holding a tracking code may see: no names, no contact, no internal notes.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { findSubmissionByTrackingCode } from '../intake/intake.repository.js';
import { INTAKE_FAILURE_PUBLIC_NOTICE } from '../intake/submission-failure.js';
import { loadGoverningDeadline } from '../deadlines/governing-deadline.js';
import { findCaseByCode, findMasterForTracking } from './case.repository.js';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, parseTrackingCode, verifySecret } from './index.js';
import type { PublicCaseStatus } from './public-case-status.schema.js';
import { redactText } from './redaction.js';

// The shape lives with its zod schema (the OpenAPI document is generated from it).
export type { PublicCaseStatus } from './public-case-status.schema.js';

export async function getPublicCaseStatus(
  ctx: AppContext,
  rawCode: string,
  secret?: string,
): Promise<PublicCaseStatus> {
  const parsed = parseTrackingCode(rawCode);
  if (!parsed.ok) throw new AppError('malformed_code', parsed.message, { reason: parsed.reason });
  const code = parsed.code;

  const found = await findCaseByCode(ctx.db.prisma, code);
  if (!found) {
    // Acknowledged but not yet turned into a case by the worker: it exists for the sender.
    const pending = await findSubmissionByTrackingCode(ctx.db.prisma, code);
    if (!pending)
      throw new AppError('not_found', `Không tìm thấy hồ sơ có mã ${code}. Vui lòng kiểm tra lại mã.`);
    return {
      code,
      kind: null,
      kindLabel: null,
      status: 'received',
      statusLabel: CASE_STATUS_LABELS.received.vi,
      // Failed with no organisation to take it (decision 0026): no case, but the truth all the same.
      statusNote: pending.status === 'failed' ? INTAKE_FAILURE_PUBLIC_NOTICE : null,
      organization: null,
      unit: null,
      receivedAt: pending.createdAt.toISOString(),
      updatedAt: pending.createdAt.toISOString(),
      outcome: null,
      answer: null,
      replies: [],
      repliesNeedSecret: false,
      dueDates: [],
      satisfaction: null,
    };
  }

  // A duplicate merged into another case follows it: its sender sees that case's progress and
  // public replies (never its code, which is someone else's).
  const master =
    found.status === 'merged' && found.duplicateOfId
      ? await findMasterForTracking(ctx.db.prisma, found.duplicateOfId)
      : null;
  const followed = master ?? found;
  const needsSecret = found.followUpSecretHash !== null;
  const secretOk = needsSecret && secret ? await verifySecret(secret, found.followUpSecretHash!) : false;
  const showReplies = !needsSecret || secretOk;
  // A merged duplicate follows its master's deadline, like its progress.
  const deadline = await loadGoverningDeadline(ctx.db.prisma, master ? found.duplicateOfId! : found.id);
  return {
    code,
    kind: found.kind,
    kindLabel: CASE_KIND_LABELS[found.kind].vi,
    status: followed.status,
    statusLabel: CASE_STATUS_LABELS[followed.status].vi,
    statusNote: found.intakeFailureReason ? INTAKE_FAILURE_PUBLIC_NOTICE : null,
    organization: found.organization.name,
    unit: followed.unit?.name ?? null,
    receivedAt: found.receivedAt.toISOString(),
    updatedAt: followed.updatedAt.toISOString(),
    outcome: followed.outcome,
    // Whoever holds the code reads this page: the names, phones and numbers an officer wrote
    // into the answer or a reply are masked here too (the sender gets them in clear in the chat).
    answer: showReplies && followed.answer !== null ? redactText(followed.answer) : null,
    replies: showReplies
      ? [...found.messages, ...(master?.messages ?? [])].map((m) => ({
          at: m.createdAt.toISOString(),
          text: redactText(m.body),
        }))
      : null,
    repliesNeedSecret: needsSecret && !secretOk,
    dueDates: deadline
      ? [
          {
            kind: deadline.clockKind,
            label: deadline.label.vi,
            dueOn: deadline.dueOn,
            paused: deadline.paused,
            basis:
              deadline.basis === 'statutory'
                ? `Theo luật${deadline.source ? `: ${deadline.source}` : ''}`
                : 'Thời hạn phục vụ của đơn vị',
          },
        ]
      : [],
    satisfaction: showReplies ? found.satisfaction : null,
  };
}
