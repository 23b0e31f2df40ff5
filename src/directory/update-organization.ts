// An administrator edits an organisation: its name, place and hotline numbers, and the policy keys
// of its settings that have a form (reminder offsets, escalation ladder, letter symbol). Other keys
// of `settings` are kept as they are.
import { z } from 'zod';
import type { Prisma } from '../db/generated/client.js';
import { AppError } from '../core/app-error.js';
import { ZLetterSymbolSchema } from '../letters/letter-settings.js';
import type { DirectoryContext } from './directory-context.js';
import {
  CLI_ACTOR,
  recordDirectoryEvent,
  requireDirectoryAdmin,
  type DirectoryActor,
} from './directory-audit.js';
import { ZCodeSchema, ZHotlineNumberSchema, ZNameSchema, parseDirectoryInput } from './directory-input.js';
import { findOrganizationByCode, updateOrganizationRow } from './directory.repository.js';
import { ZDeadlineRemindersSchema, ZEscalationLadderSchema } from './organization-settings.js';

export const ZUpdateOrganizationSchema = z
  .object({
    organizationCode: ZCodeSchema,
    name: ZNameSchema,
    /** Empty: no place name (letters then print none). */
    place: z
      .string()
      .transform((s) => s.normalize('NFC').trim())
      .pipe(z.string().max(200, 'dài tối đa 200 ký tự'))
      .optional(),
    hotlineNumbers: z.array(ZHotlineNumberSchema).max(10).default([]),
  })
  .strict();
export type UpdateOrganizationInput = z.input<typeof ZUpdateOrganizationSchema>;

export async function updateOrganization(
  ctx: DirectoryContext,
  raw: UpdateOrganizationInput,
  actor: DirectoryActor = CLI_ACTOR,
) {
  const input = parseDirectoryInput(ZUpdateOrganizationSchema, raw);
  const org = await findOrganizationByCode(ctx.db.prisma, input.organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${input.organizationCode}".`);
  await requireDirectoryAdmin(ctx, actor, org.id);
  const updated = await updateOrganizationRow(ctx.db.prisma, org.id, {
    name: input.name,
    place: input.place ? input.place : null,
    hotlineNumbers: input.hotlineNumbers,
  });
  await recordDirectoryEvent(ctx, actor, {
    organizationId: org.id,
    action: 'organization_updated',
    subjectType: 'organization',
    subjectId: org.id,
    data: {
      changed: (['name', 'place', 'hotlineNumbers'] as const).filter(
        (k) => JSON.stringify(org[k]) !== JSON.stringify(updated[k]),
      ),
    },
  });
  ctx.logger.info({ organizationId: org.id }, 'organisation updated');
  return updated;
}

/**
 * The settings with a form. Each key is optional: absent leaves the stored value; `null` removes it
 * (the organisation falls back to the product default).
 */
export const ZOrganizationSettingsChangeSchema = z
  .object({
    organizationCode: ZCodeSchema,
    deadlineReminders: ZDeadlineRemindersSchema.nullable().optional(),
    escalationLadder: ZEscalationLadderSchema.nullable().optional(),
    letterSymbol: ZLetterSymbolSchema.nullable().optional(),
  })
  .strict();
export type OrganizationSettingsChange = z.input<typeof ZOrganizationSettingsChangeSchema>;

const SETTINGS_KEYS = ['deadlineReminders', 'escalationLadder', 'letterSymbol'] as const;

export async function changeOrganizationSettings(
  ctx: DirectoryContext,
  raw: OrganizationSettingsChange,
  actor: DirectoryActor = CLI_ACTOR,
) {
  const input = parseDirectoryInput(ZOrganizationSettingsChangeSchema, raw);
  const org = await findOrganizationByCode(ctx.db.prisma, input.organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${input.organizationCode}".`);
  await requireDirectoryAdmin(ctx, actor, org.id);
  const settings: Record<string, unknown> =
    org.settings !== null && typeof org.settings === 'object' && !Array.isArray(org.settings)
      ? { ...(org.settings as Record<string, unknown>) }
      : {};
  const changed: string[] = [];
  for (const key of SETTINGS_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (JSON.stringify(settings[key] ?? null) === JSON.stringify(value)) continue;
    if (value === null) delete settings[key];
    else settings[key] = value;
    changed.push(key);
  }
  if (!changed.length) return { changed };
  await updateOrganizationRow(ctx.db.prisma, org.id, { settings });
  await recordDirectoryEvent(ctx, actor, {
    organizationId: org.id,
    action: 'organization_settings_changed',
    subjectType: 'organization',
    subjectId: org.id,
    data: {
      changed,
      values: Object.fromEntries(changed.map((k) => [k, settings[k] ?? null])),
    } as Prisma.InputJsonValue,
  });
  ctx.logger.info({ organizationId: org.id, changed }, 'organisation settings changed');
  return { changed };
}
