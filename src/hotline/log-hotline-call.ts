// The hotline officer logs a phone call as a case (channel hotline) in under a minute. It goes in
// through the same door as every other submission (submitSubmission: validated, sealed, stored,
// queued), is then turned into its case at once so the officer gets the case back, and is routed
// (unit, urgency). The audit trail records which officer logged it; the caller's name and number
// are sealed with the identity like any sender's, never logged.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import type { CaseKind } from '../cases/case-vocabulary.js';
import { AppError } from '../core/app-error.js';
import { parseInput } from '../core/validation.js';
import { findOrganizationById } from '../directory/directory.repository.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { processSubmission } from '../intake/process-submission.js';
import { ZSubmissionSchema } from '../intake/submission.schema.js';
import { submitSubmission } from '../intake/submit-submission.js';
import { routeCase, type RouteCaseResult } from '../routing/route-case.js';
import { HOTLINE_CALL_LOGGING_ROLES } from './hotline-roles.js';
import { recordHotlineCallLogged } from './hotline.repository.js';

export interface LogHotlineCallInput {
  officerStaffId: string;
  organizationId: string;
  kind: CaseKind;
  text: string;
  unitCode?: string;
  callerName?: string;
  callerPhone?: string;
  /** The caller did not want to give a name or number: they follow the case with code + secret. */
  anonymous: boolean;
  place?: string;
  occurredAt?: string;
  /**
   * The form's own id (8–64 of A-Z a-z 0-9 _ -): sending the same form twice logs one case. A new
   * id is made when absent.
   */
  callId?: string;
}

export interface LoggedHotlineCall {
  code: string;
  /** Read out to an anonymous caller once: with the code it opens the replies. */
  followUpSecret?: string;
  /** Null when the case is still being made by the worker (the code already works). */
  caseId: string | null;
  duplicate: boolean;
  routing: RouteCaseResult | null;
}

export async function logHotlineCall(
  ctx: AppContext,
  input: LogHotlineCallInput,
): Promise<LoggedHotlineCall> {
  const officer = await loadActiveStaff(ctx, input.officerStaffId);
  const role = HOTLINE_CALL_LOGGING_ROLES.find((r) =>
    officer.roles.some((g) => g.role === r && (g.unitId === null || r === 'hotline')),
  );
  if (officer.organizationId !== input.organizationId || !role) {
    throw new AppError(
      'forbidden',
      'Chỉ cán bộ trực đường dây nóng hoặc cán bộ tiếp nhận của đơn vị mới ghi nhận cuộc gọi.',
    );
  }
  const org = await findOrganizationById(ctx.db.prisma, input.organizationId);
  if (!org) throw new AppError('not_found', 'Không tìm thấy đơn vị.');

  const name = input.callerName?.trim() || undefined;
  const phone = input.callerPhone?.trim() || undefined;
  // Without a name or a number there is nobody to answer but the caller holding the code.
  const anonymous = input.anonymous || (!name && !phone);
  const submission = parseInput(ZSubmissionSchema, {
    submissionId: input.callId ?? `hotline-${randomUUID()}`,
    channel: 'hotline',
    kind: input.kind,
    text: input.text,
    organizationCode: org.code,
    ...(input.unitCode ? { unitCode: input.unitCode } : {}),
    ...(anonymous ? {} : { contact: { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } }),
    anonymous,
    ...(input.place ? { place: input.place } : {}),
    ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
  });
  const receipt = await submitSubmission(ctx, submission);

  let caseId: string | null = null;
  try {
    caseId = (await processSubmission(ctx, submission.submissionId)).caseId;
  } catch (err) {
    // Stored and queued: the worker makes the case; the officer already has the code.
    ctx.logger.warn({ err, submissionId: submission.submissionId }, 'hotline call: case left to the worker');
  }
  let routing: RouteCaseResult | null = null;
  if (caseId) {
    await recordHotlineCallLogged(ctx.db.prisma, {
      caseId,
      staffId: officer.id,
      role,
      anonymous,
      at: ctx.clock.now(),
    });
    try {
      routing = await routeCase(ctx, caseId);
    } catch (err) {
      ctx.logger.warn({ err, caseId }, 'hotline call: routing failed; the case waits in the inbox');
    }
  }
  ctx.logger.info(
    { caseId, officerStaffId: officer.id, duplicate: receipt.duplicate },
    'hotline call logged',
  );
  return {
    code: receipt.code,
    ...(receipt.followUpSecret ? { followUpSecret: receipt.followUpSecret } : {}),
    caseId,
    duplicate: receipt.duplicate,
    routing,
  };
}
