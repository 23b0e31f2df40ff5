// `/maudon <mã>`: a complaint or denunciation that came by chat needs the sender's signed đơn before
// the statutory clocks start (DOMAIN.md §2.1). This sends them the đơn pre-filled with what we hold
// (name, address, phone, what they wrote) and blanks for the rest; they sign and hand it in.
import type { AppContext } from '../app-context.js';
import { applicableRoles } from '../cases/case-permissions.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import { AppError } from '../core/app-error.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { completeLetter, letterOnce, type SignLetterResult } from './issue-letter.js';
import { findLetterOfCase } from './letter.repository.js';
import { PETITION_FORM_ROLES } from './letter-signers.js';

export async function sendPetitionForm(
  ctx: AppContext,
  input: { caseId: string; staffId: string },
): Promise<Omit<SignLetterResult, 'signedNow'>> {
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { case: c, scope } = await loadCaseWithScope(ctx, input.caseId);
  const reach = applicableRoles(staff, scope);
  const role = reach.ok
    ? reach.roles.find((r) => (PETITION_FORM_ROLES as readonly string[]).includes(r))
    : undefined;
  if (!role) throw new AppError('forbidden', 'Hồ sơ này không thuộc phạm vi xử lý của bạn.');
  if (c.kind !== 'complaint' && c.kind !== 'denunciation') {
    throw new AppError('unprocessable', 'Mẫu đơn chỉ dành cho hồ sơ khiếu nại hoặc tố cáo.');
  }
  if (c.petitionReceivedOn) {
    throw new AppError('conflict', `Hồ sơ ${c.code} đã có đơn có chữ ký; không cần gửi mẫu đơn.`);
  }
  const existing = await findLetterOfCase(ctx.db.prisma, c.id, 'petition_form');
  const letterId = await letterOnce(ctx, c, existing, {
    content: { kind: 'petition_form', draftedByStaffId: staff.id },
    // Nothing of ours to sign: ready to go as soon as it is made.
    status: 'approved',
    actor: { staffId: staff.id, role },
  });
  return completeLetter(ctx, letterId, { actorStaffId: staff.id });
}
