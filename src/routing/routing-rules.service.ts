// Administrators keep each organisation's routing rules: kind, category and keywords → unit.
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { ZCaseKindSchema } from '../cases/case-vocabulary.js';
import { AppError } from '../core/app-error.js';
import { parseDirectoryInput, ZCodeSchema } from '../directory/directory-input.js';
import { findOrganizationByCode, findUnitByCode } from '../directory/directory.repository.js';
import {
  CLI_ACTOR,
  recordDirectoryEvent,
  requireDirectoryAdmin,
  type DirectoryActor,
} from '../directory/directory-audit.js';
import { isUuid } from '../core/ids.js';
import {
  findRoutingRule,
  insertRoutingRule,
  listRoutingRules,
  setRoutingRuleActive,
} from './routing.repository.js';

type RoutingContext = Pick<AppContext, 'db' | 'clock' | 'logger'>;

const ZKeywordSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(z.string().min(2, 'từ khóa quá ngắn').max(60, 'từ khóa dài tối đa 60 ký tự'));

export const ZCreateRoutingRuleSchema = z
  .object({
    organizationCode: ZCodeSchema,
    unitCode: ZCodeSchema,
    priority: z.number().int().min(0).max(10_000).default(100),
    kind: ZCaseKindSchema.optional(),
    category: z.string().trim().min(1).max(100).optional(),
    keywords: z.array(ZKeywordSchema).max(50).default([]),
  })
  .strict();
export type CreateRoutingRuleInput = z.input<typeof ZCreateRoutingRuleSchema>;

export async function createRoutingRule(
  ctx: RoutingContext,
  raw: CreateRoutingRuleInput,
  actor: DirectoryActor = CLI_ACTOR,
) {
  const input = parseDirectoryInput(ZCreateRoutingRuleSchema, raw);
  const { prisma } = ctx.db;
  const org = await findOrganizationByCode(prisma, input.organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${input.organizationCode}".`);
  await requireDirectoryAdmin(ctx, actor, org.id);
  const unit = await findUnitByCode(prisma, input.unitCode);
  if (!unit || unit.organizationId !== org.id) {
    throw new AppError('unprocessable', `Khoa/phòng "${input.unitCode}" không thuộc đơn vị "${org.code}".`);
  }
  const rule = await insertRoutingRule(prisma, {
    organizationId: org.id,
    unitId: unit.id,
    priority: input.priority,
    kind: input.kind ?? null,
    category: input.category ?? null,
    keywords: [...new Set(input.keywords)],
  });
  await recordDirectoryEvent(ctx, actor, {
    organizationId: org.id,
    action: 'routing_rule_created',
    subjectType: 'routing_rule',
    subjectId: rule.id,
    data: {
      unitId: unit.id,
      priority: rule.priority,
      kind: rule.kind,
      category: rule.category,
      keywords: rule.keywords,
    },
  });
  ctx.logger.info(
    { routingRuleId: rule.id, organizationId: org.id, unitId: unit.id },
    'routing rule created',
  );
  return rule;
}

/** Switches a rule off (kept for the record) or back on. False: it already was. */
export async function switchRoutingRule(
  ctx: RoutingContext,
  input: { ruleId: string; active: boolean },
  actor: DirectoryActor = CLI_ACTOR,
): Promise<boolean> {
  const rule = isUuid(input.ruleId) ? await findRoutingRule(ctx.db.prisma, input.ruleId) : null;
  if (!rule) throw new AppError('not_found', 'Không tìm thấy quy tắc phân luồng.');
  await requireDirectoryAdmin(ctx, actor, rule.organizationId);
  if (rule.active === input.active) return false;
  await setRoutingRuleActive(ctx.db.prisma, rule.id, input.active);
  await recordDirectoryEvent(ctx, actor, {
    organizationId: rule.organizationId,
    action: 'routing_rule_switched',
    subjectType: 'routing_rule',
    subjectId: rule.id,
    data: { active: input.active },
  });
  ctx.logger.info({ routingRuleId: rule.id, active: input.active }, 'routing rule switched');
  return true;
}

export async function listOrganizationRoutingRules(ctx: Pick<AppContext, 'db'>, organizationCode: string) {
  const org = await findOrganizationByCode(ctx.db.prisma, organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${organizationCode}".`);
  return listRoutingRules(ctx.db.prisma, org.id);
}
