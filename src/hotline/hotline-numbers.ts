// The hotline numbers to post (Chỉ thị 09/CT-BYT, 06/CT-BYT): the organisation's own, those of
// its managing body (e.g. the Sở Y tế), and any a unit has. Configuration data on the rows.
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { isUuid } from '../core/ids.js';
import { findOrganizationHotlines } from './hotline.repository.js';

export interface HotlineNumbers {
  organization: { code: string; name: string; numbers: string[] };
  managingBody: { code: string; name: string; numbers: string[] } | null;
  units: { code: string; name: string; numbers: string[] }[];
}

export async function getHotlineNumbers(
  ctx: Pick<AppContext, 'db'>,
  organizationId: string,
): Promise<HotlineNumbers> {
  const org = isUuid(organizationId) ? await findOrganizationHotlines(ctx.db.prisma, organizationId) : null;
  if (!org) throw new AppError('not_found', 'Không tìm thấy đơn vị.');
  return {
    organization: { code: org.code, name: org.name, numbers: org.hotlineNumbers },
    managingBody: org.parent
      ? { code: org.parent.code, name: org.parent.name, numbers: org.parent.hotlineNumbers }
      : null,
    units: org.units
      .filter((u) => u.hotlineNumbers.length > 0)
      .map((u) => ({ code: u.code, name: u.name, numbers: u.hotlineNumbers })),
  };
}
