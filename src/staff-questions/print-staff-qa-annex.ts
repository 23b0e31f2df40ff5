// The annex of one collection as PDF bytes (CLI `staffqa:annex`).
import type { AppContext } from '../app-context.js';
import { toVietnamDate } from '../calendar/local-date.js';
import { AppError } from '../core/app-error.js';
import { renderPdf } from '../pdf/render-pdf.js';
import { loadCollectionView } from './collection-view.js';
import { buildStaffQaAnnex } from './staff-qa-annex.js';
import { collectionOf } from './staff-qa-context.js';
import { findOrganizationByCodeForQa } from './staff-qa.repository.js';

export async function printStaffQaAnnex(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  input: { organizationCode: string; collectionNumber?: number },
): Promise<{ pdf: Buffer; number: number; topic: string }> {
  const org = await findOrganizationByCodeForQa(ctx.db.prisma, input.organizationCode);
  if (!org) throw new AppError('not_found', `Không tìm thấy đơn vị có mã "${input.organizationCode}".`);
  const collection = await collectionOf(ctx, org.id, input.collectionNumber);
  const view = await loadCollectionView(ctx, collection);
  const now = ctx.clock.now();
  const pdf = await renderPdf(
    buildStaffQaAnnex({
      view,
      organization: { name: org.name, parentName: org.parent?.name ?? null, place: org.place },
      date: toVietnamDate(now),
      creationDate: now,
    }),
  );
  return { pdf, number: collection.number, topic: collection.topic };
}
