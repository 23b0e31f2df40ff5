// The organising board opens a call for staff questions before the staff conference: a topic and
// the days questions are taken (Luật 10/2022 Điều 53–59). From the officer bot (/hoimo) or the CLI.
import {
  compareDates,
  formatVietnameseDate,
  toDbDate,
  toVietnamDate,
  type LocalDate,
} from '../calendar/local-date.js';
import type { StaffPrincipal } from '../cases/case-permissions.js';
import { AppError } from '../core/app-error.js';
import { cleanFreeText } from '../core/free-text.js';
import type { StaffQaContext } from './staff-qa-context.js';
import { requireOrganiser } from './staff-qa-context.js';
import { STAFF_QA_TOPIC_MAX_CHARS } from './staff-qa-rules.js';
import {
  appendStaffQaEvent,
  findOrganizationByCodeForQa,
  findOrganizationForQa,
  insertCollection,
  nextCollectionNumber,
} from './staff-qa.repository.js';

export interface OpenCollectionInput {
  /** The officer opening it; null from the CLI (an administrator at the console). */
  actor: StaffPrincipal | null;
  /** Required from the CLI; an officer opens it for their own organisation. */
  organizationCode?: string;
  topic: string;
  opensOn: LocalDate;
  closesOn: LocalDate;
}

export async function openStaffQaCollection(ctx: StaffQaContext, input: OpenCollectionInput) {
  if (input.actor) requireOrganiser(input.actor);
  const org = input.actor
    ? await findOrganizationForQa(ctx.db.prisma, input.actor.organizationId)
    : input.organizationCode
      ? await findOrganizationByCodeForQa(ctx.db.prisma, input.organizationCode)
      : null;
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị "${input.organizationCode ?? ''}".`);
  const topic = cleanFreeText(input.topic);
  if (topic.length < 5 || topic.length > STAFF_QA_TOPIC_MAX_CHARS) {
    throw new AppError('validation', `Chủ đề cần từ 5 đến ${STAFF_QA_TOPIC_MAX_CHARS} ký tự.`);
  }
  if (compareDates(input.closesOn, input.opensOn) < 0) {
    throw new AppError('validation', 'Ngày đóng phải sau hoặc trùng ngày mở.');
  }
  const today = toVietnamDate(ctx.clock.now());
  if (compareDates(input.closesOn, today) < 0) {
    throw new AppError('validation', `Ngày đóng ${formatVietnameseDate(input.closesOn)} đã qua.`);
  }
  const now = ctx.clock.now();
  const collection = await ctx.db.prisma.$transaction(async (tx) => {
    const number = await nextCollectionNumber(tx, org.id);
    const row = await insertCollection(tx, {
      organizationId: org.id,
      number,
      topic,
      opensOn: toDbDate(input.opensOn),
      closesOn: toDbDate(input.closesOn),
    });
    await appendStaffQaEvent(tx, {
      collectionId: row.id,
      action: 'open',
      actorStaffId: input.actor?.id ?? null,
      data: { topic, opensOn: input.opensOn, closesOn: input.closesOn, by: input.actor ? 'staff' : 'cli' },
      at: now,
    });
    return row;
  });
  return { ...collection, organizationName: org.name };
}
