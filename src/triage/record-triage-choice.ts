// An officer answers a suggestion: accepts it, or overrides it with another value. A kind or unit
// that differs from the case's goes through the lifecycle (reclassify, assign) like any move, with
// its own audit event and effects; then the choice is stored with a `triage_choice` event, and the
// next `langnghe triage:train` learns from it. Pressing the same button twice changes nothing more.
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { applyStaffCaseAction } from '../cases/apply-staff-case-action.js';
import { appendCaseEvent, updateCaseAtVersion } from '../cases/case.repository.js';
import {
  OVERSIGHT_ONLY_MESSAGE,
  authorizeCaseView,
  authorizeUrgencyChange,
  reachActs,
} from '../cases/case-permissions.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import { ZCaseKindSchema } from '../cases/case-vocabulary.js';
import { AppError } from '../core/app-error.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { unitRole, URGENCIES } from './triage-model.js';
import { findCaseForTriage, findTriageSuggestion, recordTriageChoiceRow } from './triage.repository.js';

export const ZTriageChoiceSchema = z.discriminatedUnion('field', [
  z.object({ field: z.literal('kind'), value: ZCaseKindSchema }),
  z.object({ field: z.literal('unit'), value: z.uuid() }),
  z.object({ field: z.literal('urgency'), value: z.enum(URGENCIES) }),
]);
export type TriageChoice = z.infer<typeof ZTriageChoiceSchema>;

export interface RecordTriageChoiceResult {
  accepted: boolean;
  /** Whether the case was changed (reclassify, assign, its urgency). */
  moved: boolean;
}

export async function recordTriageChoice(
  ctx: AppContext,
  input: { caseId: string; staffId: string; choice: unknown },
): Promise<RecordTriageChoiceResult> {
  const parsed = ZTriageChoiceSchema.safeParse(input.choice);
  if (!parsed.success) throw new AppError('unprocessable', 'Lựa chọn không hợp lệ.');
  const choice = parsed.data;
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { scope } = await loadCaseWithScope(ctx, input.caseId);
  const view = authorizeCaseView(staff, scope);
  if (!view.ok) throw new AppError('forbidden', view.message, { reason: view.code });
  // Even an agreeing choice is a row in the triage record, written in the viewer's role.
  if (!reachActs(view.reach)) {
    throw new AppError('forbidden', OVERSIGHT_ONLY_MESSAGE, { reason: 'oversight_only' });
  }
  const [found, suggestion] = await Promise.all([
    findCaseForTriage(ctx.db.prisma, input.caseId),
    findTriageSuggestion(ctx.db.prisma, input.caseId),
  ]);
  if (!found) throw new AppError('not_found', 'Không tìm thấy hồ sơ.');
  if (!suggestion) throw new AppError('unprocessable', 'Hồ sơ này chưa có gợi ý phân loại.');

  let moved = false;
  let suggested: string | null;
  let chosen: string;
  const reason = 'Theo lựa chọn của cán bộ khi xem gợi ý phân loại';
  switch (choice.field) {
    case 'kind':
      suggested = suggestion.kind;
      chosen = choice.value;
      if (found.kind !== choice.value) {
        await applyStaffCaseAction(ctx, {
          caseId: found.id,
          staffId: staff.id,
          action: 'reclassify',
          params: { newKind: choice.value, reason },
        });
        moved = true;
      }
      break;
    case 'unit': {
      const unit = found.organization.units.find((u) => u.id === choice.value);
      if (!unit) throw new AppError('unprocessable', 'Khoa/phòng không thuộc đơn vị của hồ sơ.');
      suggested = suggestion.unitRole;
      chosen = unitRole(unit.code);
      if (found.unitId !== unit.id) {
        await applyStaffCaseAction(ctx, {
          caseId: found.id,
          staffId: staff.id,
          action: 'assign',
          params: { unitId: unit.id, reason },
        });
        moved = true;
      }
      break;
    }
    case 'urgency': {
      // Kind and unit are checked by the lifecycle move; urgency has no move, so its rule is here.
      const may = authorizeUrgencyChange(staff, scope);
      if (!may.ok) throw new AppError('forbidden', may.message, { reason: may.code });
      suggested = suggestion.urgency;
      chosen = choice.value;
      if (found.urgency !== choice.value) {
        await setCaseUrgency(
          ctx,
          { caseId: found.id, version: found.version, urgency: choice.value },
          staff,
          { role: may.role, reason },
        );
        moved = true;
      }
      break;
    }
    default:
      throw new Error(`Unhandled triage field: ${JSON.stringify(choice satisfies never)}`);
  }
  await recordTriageChoiceRow(ctx.db.prisma, {
    caseId: found.id,
    field: choice.field,
    suggested,
    chosen,
    staffId: staff.id,
    role: view.role,
    now: ctx.clock.now(),
  });
  return { accepted: suggested === chosen, moved };
}

/**
 * The officer's urgency becomes the case's, with its audit event (`set_urgency`, like routing's
 * `mark_urgent`), guarded by the case's version: a case moved meanwhile is refused, not overwritten.
 */
async function setCaseUrgency(
  ctx: AppContext,
  target: { caseId: string; version: number; urgency: (typeof URGENCIES)[number] },
  staff: { id: string },
  audit: { role: string; reason: string },
): Promise<void> {
  const at = ctx.clock.now();
  const written = await ctx.db.prisma.$transaction(async (tx) => {
    const ok = await updateCaseAtVersion(tx, target.caseId, target.version, { urgency: target.urgency });
    if (!ok) return false;
    await appendCaseEvent(tx, {
      caseId: target.caseId,
      action: 'set_urgency',
      actorType: 'staff',
      actorStaffId: staff.id,
      actorRole: audit.role,
      reason: audit.reason,
      data: { urgency: target.urgency, source: 'triage' },
      at,
    });
    return true;
  });
  if (!written)
    throw new AppError('conflict', 'Hồ sơ vừa được người khác cập nhật. Vui lòng xem lại và thử lại.');
}
