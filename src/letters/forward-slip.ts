// The phiếu chuyển đơn that goes with a case forwarded to the competent body (`/chuyen`). A leader
// who forwards signs it at once and gets the PDF back to print; anyone else (the receiving office)
// gets a draft sent to the leaders for signature, and the signed slip comes back to them.
import type { AppContext } from '../app-context.js';
import { applicableRoles } from '../cases/case-permissions.js';
import { loadCaseWithScope } from '../cases/case-scope.service.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import type { Outbound } from '../dialog/dialog-types.js';
import { letterOnce, sendDraftToSigners, signLetter, signedAnswer } from './issue-letter.js';
import { signingRole } from './letter-signers.js';
import { findLetterOfCase } from './letter.repository.js';

export async function issueForwardSlip(
  ctx: AppContext,
  input: { caseId: string; staffId: string; targetBody: string; reason?: string | null },
): Promise<Outbound> {
  const staff = await loadActiveStaff(ctx, input.staffId);
  const { case: c, scope } = await loadCaseWithScope(ctx, input.caseId);
  const reach = applicableRoles(staff, scope);
  const role = reach.ok ? reach.roles[0]! : 'receiver';
  const existing = await findLetterOfCase(ctx.db.prisma, c.id, 'forward_slip');
  const letterId = await letterOnce(ctx, c, existing, {
    content: {
      kind: 'forward_slip',
      targetBody: input.targetBody.normalize('NFC').trim().slice(0, 500),
      ...(input.reason ? { forwardReason: input.reason.normalize('NFC').trim().slice(0, 2000) } : {}),
      draftedByStaffId: staff.id,
    },
    status: 'draft',
    actor: { staffId: staff.id, role },
  });
  if (signingRole(staff, scope, 'forward_slip')) {
    return signedAnswer(ctx, await signLetter(ctx, { letterId, staffId: staff.id }));
  }
  const signers = await sendDraftToSigners(ctx, letterId, scope, staff.fullName);
  return {
    text: signers.length
      ? `📄 Đã soạn phiếu chuyển đơn; dự thảo đã gửi ${signers.join(', ')} ký. Phiếu đã ký sẽ được gửi lại cho bạn để in kèm hồ sơ.`
      : '📄 Đã soạn phiếu chuyển đơn, nhưng chưa có lãnh đạo nào tham gia bot để ký.',
  };
}
