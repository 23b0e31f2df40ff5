// Adding, listing and removing an organisation's report schedules (the CLI today, the console
// later). Input is validated here with Vietnamese messages; nothing is written on a mistake.
import { z } from 'zod';
import { AppError } from '../../core/app-error.js';
import type { Db } from '../../db/database.js';
import { parseInput } from '../../core/validation.js';
import { findOrganizationByCode } from '../../directory/directory.repository.js';
import {
  findDefinition,
  findOrganizationIdByCode,
  findUnitGroupByCode,
  listDefinitionsOf,
  removeDefinition,
  upsertDefinition,
} from './report-filing.repository.js';
import {
  ZReportRecipientSchema,
  ZReportScheduleSchema,
  type ReportRecipient,
  type ReportSchedule,
} from './report-schedule.js';

const LABELS: Record<string, string> = {
  code: 'Mã lịch báo cáo',
  title: 'Tên báo cáo',
  periodKind: 'Kỳ báo cáo',
  dueMonths: 'Tháng đến hạn',
  dueDay: 'Ngày đến hạn',
  draftWorkingDaysBefore: 'Số ngày làm việc lập dự thảo trước hạn',
  recipients: 'Nơi nhận',
};

export const ZReportDefinitionInputSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'chữ thường, số và dấu gạch ngang, tối đa 40 ký tự'),
    title: z.string().trim().normalize('NFC').min(3).max(200),
    recipients: z.array(ZReportRecipientSchema).min(1, 'cần ít nhất một nơi nhận').max(20),
  })
  .extend(ZReportScheduleSchema.shape)
  .strict();
export type ReportDefinitionInput = z.input<typeof ZReportDefinitionInputSchema>;

async function organizationIdOf(db: Db, code: string): Promise<{ id: string; name: string }> {
  const org = await findOrganizationByCode(db, code);
  if (!org) throw new AppError('not_found', `Không tìm thấy tổ chức có mã "${code}".`);
  return org;
}

async function checkRecipients(db: Db, recipients: readonly ReportRecipient[]): Promise<void> {
  for (const r of recipients) {
    if (r.kind === 'unit' && !(await findUnitGroupByCode(db, r.unitCode)))
      throw new AppError('not_found', `Không tìm thấy khoa/phòng có mã "${r.unitCode}".`);
    if (r.kind === 'organization' && !(await findOrganizationIdByCode(db, r.organizationCode)))
      throw new AppError('not_found', `Không tìm thấy tổ chức có mã "${r.organizationCode}".`);
  }
}

/** Creates or replaces the organisation's schedule of that code. */
export async function saveReportDefinition(db: Db, organizationCode: string, input: unknown) {
  const parsed = parseInput(ZReportDefinitionInputSchema, input, LABELS);
  const org = await organizationIdOf(db, organizationCode);
  await checkRecipients(db, parsed.recipients);
  return upsertDefinition(db, {
    organizationId: org.id,
    code: parsed.code,
    title: parsed.title,
    periodKind: parsed.periodKind,
    dueMonths: parsed.dueMonths,
    dueDay: parsed.dueDay,
    draftWorkingDaysBefore: parsed.draftWorkingDaysBefore,
    recipients: parsed.recipients,
  });
}

export interface ReportDefinitionView extends ReportSchedule {
  code: string;
  title: string;
  active: boolean;
  recipients: unknown;
}

export async function listReportDefinitions(
  db: Db,
  organizationCode: string,
): Promise<ReportDefinitionView[]> {
  const org = await organizationIdOf(db, organizationCode);
  return (await listDefinitionsOf(db, org.id)).map((d) => ({
    code: d.code,
    title: d.title,
    active: d.active,
    periodKind: d.periodKind as ReportSchedule['periodKind'],
    dueMonths: d.dueMonths,
    dueDay: d.dueDay,
    draftWorkingDaysBefore: d.draftWorkingDaysBefore,
    recipients: d.recipients,
  }));
}

export async function removeReportDefinition(
  db: Db,
  organizationCode: string,
  code: string,
): Promise<'deleted' | 'deactivated'> {
  const org = await organizationIdOf(db, organizationCode);
  const definition = await findDefinition(db, org.id, code);
  if (!definition) throw new AppError('not_found', `Tổ chức không có lịch báo cáo "${code}".`);
  return removeDefinition(db, definition.id);
}
