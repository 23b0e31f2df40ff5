import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import type { StaffPrincipal } from '../cases/case-permissions.js';
import { findCollection } from './staff-qa.repository.js';
import { mayOrganiseStaffQa } from './staff-qa-permissions.js';

// What the services that store no message need; assigning and publishing also send (AppContext).
export type StaffQaContext = Pick<AppContext, 'db' | 'clock'>;

/** The actor's collection: by its number, else the organisation's latest. */
export async function collectionOf(ctx: Pick<AppContext, 'db'>, organizationId: string, number?: number) {
  const found = await findCollection(ctx.db.prisma, organizationId, number);
  if (!found) {
    throw new AppError(
      'not_found',
      number === undefined
        ? 'Đơn vị chưa mở đợt lấy câu hỏi nào. Mở bằng /hoimo.'
        : `Không có đợt lấy câu hỏi số ${number}.`,
    );
  }
  return found;
}

export function requireOrganiser(staff: StaffPrincipal): void {
  if (!mayOrganiseStaffQa(staff)) {
    throw new AppError(
      'forbidden',
      'Chỉ bộ phận tiếp nhận, lãnh đạo hoặc quản trị viên (ban tổ chức hội nghị) làm được việc này.',
    );
  }
}
