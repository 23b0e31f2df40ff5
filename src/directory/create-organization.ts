// An administrator adds an organisation (optionally under its managing body) or a unit to one.
import { z } from 'zod';
import { AppError } from '../core/app-error.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { OrganizationKind, UnitKind } from '../db/generated/enums.js';
import type { DirectoryContext } from './directory-context.js';
import {
  CLI_ACTOR,
  recordDirectoryEvent,
  requireDirectoryAdmin,
  type DirectoryActor,
} from './directory-audit.js';
import { ZCodeSchema, ZHotlineNumberSchema, ZNameSchema, parseDirectoryInput } from './directory-input.js';
import {
  findOrganizationByCode,
  findUnitByCode,
  insertOrganization,
  insertUnit,
} from './directory.repository.js';

export const ZCreateOrganizationSchema = z
  .object({
    code: ZCodeSchema,
    name: ZNameSchema,
    kind: z.enum(Object.values(OrganizationKind) as [OrganizationKind, ...OrganizationKind[]]),
    parentCode: ZCodeSchema.optional(),
    place: ZNameSchema.optional(),
    hotlineNumbers: z.array(ZHotlineNumberSchema).max(10).default([]),
  })
  .strict();
export type CreateOrganizationInput = z.input<typeof ZCreateOrganizationSchema>;

export const ZCreateUnitSchema = z
  .object({
    organizationCode: ZCodeSchema,
    code: ZCodeSchema,
    name: ZNameSchema,
    /** For senders who chose English in the chat; the Vietnamese name stays the unit's name. */
    nameEn: ZNameSchema.optional(),
    kind: z.enum(Object.values(UnitKind) as [UnitKind, ...UnitKind[]]),
    hotlineNumbers: z.array(ZHotlineNumberSchema).max(10).default([]),
  })
  .strict();
export type CreateUnitInput = z.input<typeof ZCreateUnitSchema>;

export async function createOrganization(
  ctx: DirectoryContext,
  raw: CreateOrganizationInput,
  actor: DirectoryActor = CLI_ACTOR,
) {
  const input = parseDirectoryInput(ZCreateOrganizationSchema, raw);
  const { prisma } = ctx.db;
  const parent = input.parentCode ? await findOrganizationByCode(prisma, input.parentCode) : null;
  if (input.parentCode && !parent) {
    throw new AppError('not_found', `Không tìm thấy cơ quan quản lý có mã "${input.parentCode}".`);
  }
  // A console administrator adds organisations only under one they administer.
  await requireDirectoryAdmin(ctx, actor, parent?.id ?? null);
  if (await findOrganizationByCode(prisma, input.code)) {
    throw new AppError('conflict', `Mã đơn vị "${input.code}" đã được dùng.`);
  }
  try {
    const org = await insertOrganization(prisma, {
      code: input.code,
      name: input.name,
      kind: input.kind,
      parentId: parent?.id ?? null,
      place: input.place ?? null,
      hotlineNumbers: input.hotlineNumbers,
    });
    await recordDirectoryEvent(ctx, actor, {
      organizationId: org.id,
      action: 'organization_created',
      subjectType: 'organization',
      subjectId: org.id,
      data: { code: org.code, parentId: org.parentId },
    });
    ctx.logger.info({ organizationId: org.id, parentId: org.parentId }, 'organisation created');
    return org;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', `Mã đơn vị "${input.code}" đã được dùng.`);
    throw err;
  }
}

export async function createUnit(
  ctx: DirectoryContext,
  raw: CreateUnitInput,
  actor: DirectoryActor = CLI_ACTOR,
) {
  const input = parseDirectoryInput(ZCreateUnitSchema, raw);
  const { prisma } = ctx.db;
  const org = await findOrganizationByCode(prisma, input.organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${input.organizationCode}".`);
  await requireDirectoryAdmin(ctx, actor, org.id);
  // Unit codes go into QR codes and deep links, so they are unique across the installation.
  const taken = await findUnitByCode(prisma, input.code);
  if (taken) {
    throw new AppError(
      'conflict',
      `Mã khoa/phòng "${input.code}" đã được dùng (${taken.organization.name}).`,
    );
  }
  try {
    const unit = await insertUnit(prisma, {
      organizationId: org.id,
      code: input.code,
      name: input.name,
      ...(input.nameEn ? { nameEn: input.nameEn } : {}),
      kind: input.kind,
      hotlineNumbers: input.hotlineNumbers,
    });
    await recordDirectoryEvent(ctx, actor, {
      organizationId: org.id,
      action: 'unit_created',
      subjectType: 'unit',
      subjectId: unit.id,
      data: { code: unit.code, kind: unit.kind },
    });
    ctx.logger.info({ unitId: unit.id, organizationId: org.id }, 'unit created');
    return unit;
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', `Mã khoa/phòng "${input.code}" đã được dùng.`);
    throw err;
  }
}
