// The officer logs a visit to the reception place (sổ tiếp công dân) in under a minute, like a
// hotline call: each content of the visit goes in through the same door as every submission
// (validated, sealed, stored, queued) with channel in_person, is turned into its case at once and
// routed. A đơn signed on the spot is recorded on each complaint or denunciation with its date, which
// starts the statutory clocks (decision 0015's checks apply). Mixed content becomes separate cases,
// each with its kind: the law handles a complaint and a denunciation in one đơn separately
// (TT 05/2021/TT-TTCP Điều 6). The visit itself — visitor sealed, officer, handling, cases — is the
// register's row; every case gets a `log_reception_visit` audit event. Nothing personal is logged.
import type { AppContext } from '../app-context.js';
import { applyStaffCaseAction } from '../cases/apply-staff-case-action.js';
import { isStatutoryKind, type CaseKind } from '../cases/case-vocabulary.js';
import { findCaseById } from '../cases/case.repository.js';
import {
  compareDates,
  fromDbDate,
  parseLocalDate,
  toDbDate,
  toVietnamDate,
  type LocalDate,
} from '../calendar/local-date.js';
import { AppError } from '../core/app-error.js';
import { parseInput } from '../core/validation.js';
import { findOrganizationById } from '../directory/directory.repository.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { processSubmission } from '../intake/process-submission.js';
import { ZSubmissionSchema } from '../intake/submission.schema.js';
import { submitSubmission } from '../intake/submit-submission.js';
import { routeCase } from '../routing/route-case.js';
import { findBookingOfVisit } from './booked-visit.js';
import { findVisitByKey, insertReceptionVisit } from './reception.repository.js';
import {
  RECEPTION_VISIT_FIELD_LABELS,
  ZReceptionVisitInputSchema,
  type ReceptionVisitInput,
  type Visitor,
} from './reception-visit.schema.js';
import { receptionRoleOf } from './reception-vocabulary.js';

export interface LogReceptionVisitInput extends ReceptionVisitInput {
  officerStaffId: string;
  organizationId: string;
}

export interface LoggedVisitCase {
  caseId: string;
  code: string;
  kind: CaseKind;
  /** The đơn's date recorded on this case (a complaint or denunciation with a đơn). */
  petitionReceivedOn: LocalDate | null;
  /** The governing due date after the visit (YYYY-MM-DD), when a clock runs. */
  dueOn: LocalDate | null;
}

export interface LoggedReceptionVisit {
  visitId: string;
  /** True when this visit key was logged before: nothing new was written. */
  duplicate: boolean;
  cases: LoggedVisitCase[];
}

/** The reason written on the đơn's event: the đơn was signed in front of the officer. */
const PETITION_REASON = 'Đơn ký trực tiếp tại buổi tiếp công dân.';

export async function logReceptionVisit(
  ctx: AppContext,
  raw: LogReceptionVisitInput,
): Promise<LoggedReceptionVisit> {
  const { officerStaffId, organizationId, ...fields } = raw;
  const input = parseInput(ZReceptionVisitInputSchema, fields, RECEPTION_VISIT_FIELD_LABELS);
  const officer = await loadActiveStaff(ctx, officerStaffId);
  const role = receptionRoleOf(officer);
  if (officer.organizationId !== organizationId || !role) {
    throw new AppError(
      'forbidden',
      'Chỉ cán bộ tiếp nhận hoặc lãnh đạo của đơn vị mới ghi sổ tiếp công dân.',
    );
  }
  const org = await findOrganizationById(ctx.db.prisma, organizationId);
  if (!org) throw new AppError('not_found', 'Không tìm thấy đơn vị.');

  const now = ctx.clock.now();
  const visitedAt = input.visitedAt ?? now;
  if (visitedAt.getTime() > now.getTime()) {
    throw new AppError('validation', 'Thời gian tiếp không được sau thời điểm hiện tại.');
  }
  const petitionDate = input.petitionDate ? parseLocalDate(input.petitionDate) : null;
  if (input.handling === 'accepted_petition' && !petitionDate) {
    throw new AppError('validation', 'Hướng xử lý "nhận đơn" cần ngày của đơn đã ký.');
  }
  if (petitionDate && compareDates(petitionDate, toVietnamDate(visitedAt)) > 0) {
    throw new AppError('validation', 'Ngày đơn không được sau ngày tiếp.');
  }

  const booking = await findBookingOfVisit(ctx.db.prisma, organizationId, input.bookingReference);

  const before = await findVisitByKey(ctx.db.prisma, input.visitKey);
  if (before) {
    return {
      visitId: before.id,
      duplicate: true,
      cases: await Promise.all(before.cases.map((c) => describeCase(ctx, c.caseId))),
    };
  }

  const contact = contactOf(input.visitor);
  const caseIds: string[] = [];
  for (const [i, content] of input.contents.entries()) {
    const submission = parseInput(ZSubmissionSchema, {
      // One submission per content, keyed by the visit: a retried form makes the same cases.
      submissionId: `${input.visitKey}-${i + 1}`,
      channel: 'in_person',
      kind: content.kind,
      text: content.text,
      organizationCode: org.code,
      ...(content.unitCode ? { unitCode: content.unitCode } : {}),
      contact,
      anonymous: false,
    });
    await submitSubmission(ctx, submission);
    // The case is needed now (the register links it): if this fails, the officer sends the form
    // again and the stored submission is picked up, not duplicated.
    const { caseId } = await processSubmission(ctx, submission.submissionId);
    caseIds.push(caseId);
    if (petitionDate && isStatutoryKind(content.kind)) {
      const current = await findCaseById(ctx.db.prisma, caseId);
      if (!current?.petitionReceivedOn) {
        await applyStaffCaseAction(ctx, {
          caseId,
          staffId: officer.id,
          action: 'record_petition_document',
          params: { receivedOn: petitionDate, reason: PETITION_REASON },
        });
      }
    }
    try {
      await routeCase(ctx, caseId);
    } catch (err) {
      ctx.logger.warn({ err, caseId }, 'reception visit: routing failed; the case waits in the inbox');
    }
  }

  const written = await insertReceptionVisit(ctx.db.prisma, {
    organizationId,
    visitKey: input.visitKey,
    visitedAt,
    officerStaffId: officer.id,
    officerRole: role,
    visitorCiphertext: ctx.sealedBox.sealJson(input.visitor),
    keyId: ctx.sealedBox.keyId,
    summary: input.summary,
    handling: input.handling,
    petitionReceivedOn: petitionDate ? toDbDate(petitionDate) : null,
    priorBody: input.priorBody ?? null,
    bookingReference: booking
      ? `${input.bookingReference!.trim().toUpperCase()}${booking.caseCode ? ` (hồ sơ ${booking.caseCode})` : ''}`
      : (input.bookingReference ?? null),
    booking,
    caseIds,
    at: now,
  });
  ctx.logger.info(
    { visitId: written.id, officerStaffId: officer.id, cases: caseIds.length },
    'reception visit logged',
  );
  return {
    visitId: written.id,
    duplicate: !written.created,
    cases: await Promise.all(caseIds.map((id) => describeCase(ctx, id))),
  };
}

function contactOf(v: Visitor) {
  return {
    name: v.name,
    ...(v.phone ? { phone: v.phone } : {}),
    ...(v.address ? { address: v.address } : {}),
  };
}

async function describeCase(ctx: AppContext, caseId: string): Promise<LoggedVisitCase> {
  const c = await findCaseById(ctx.db.prisma, caseId);
  if (!c) throw new AppError('not_found', 'Không tìm thấy hồ sơ.');
  return {
    caseId,
    code: c.code,
    kind: c.kind,
    petitionReceivedOn: c.petitionReceivedOn ? fromDbDate(c.petitionReceivedOn) : null,
    dueOn: c.governingDueOn ? fromDbDate(c.governingDueOn) : null,
  };
}
