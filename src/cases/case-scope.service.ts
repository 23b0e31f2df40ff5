// Loads a case with the scope permission checks need (organisation, unit, competence decision).
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { isUuid } from '../core/ids.js';
import { findCaseById, findLatestCaseEvent } from './case.repository.js';
import type { CaseScope } from './case-permissions.js';
import { caseScopeOf } from './case-scope.js';

export async function loadCaseWithScope(ctx: Pick<AppContext, 'db'>, caseId: string) {
  const { prisma } = ctx.db;
  const found = isUuid(caseId) ? await findCaseById(prisma, caseId) : null;
  if (!found) throw new AppError('not_found', 'Không tìm thấy hồ sơ.');
  const route = await findLatestCaseEvent(prisma, found.id, 'route');
  const scope: CaseScope = caseScopeOf(found, route?.data ?? null);
  return { case: found, scope };
}
