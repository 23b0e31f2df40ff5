// One unit's poster as PDF bytes: looks the unit up, gathers its links and the hotline numbers
// (the unit's, its organisation's, and the Sở Y tế's when the organisation's parent is one).
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { channelLinks, type ChannelLinkOptions } from '../intake/channel-links.js';
import { renderPdf } from '../pdf/render-pdf.js';
import { buildPosterDocument, type PosterData, type PosterHotline } from './poster-document.js';
import { findUnitForPoster } from './poster.repository.js';

export interface UnitPoster {
  unitCode: string;
  unitName: string;
  /** The address the QR code holds. */
  chatUrl: string;
  pdf: Buffer;
}

export async function renderUnitPoster(
  ctx: Pick<AppContext, 'db' | 'config'>,
  unitCode: string,
  options: ChannelLinkOptions & { baseUrl: string },
): Promise<UnitPoster> {
  const unit = await findUnitForPoster(ctx.db.prisma, unitCode);
  if (!unit) throw new AppError('not_found', `Không tìm thấy khoa/phòng có mã "${unitCode}".`);
  const org = unit.organization;
  const hotlines: PosterHotline[] = [
    { owner: unit.name, numbers: unit.hotlineNumbers },
    { owner: org.name, numbers: org.hotlineNumbers },
  ];
  if (org.parent?.kind === 'health_department') {
    hotlines.push({ owner: org.parent.name, numbers: org.parent.hotlineNumbers });
  }
  const links = channelLinks(ctx.config, unit.code, options);
  const base = (ctx.config.publicUrl ?? options.baseUrl).replace(/\/+$/, '');
  const data: PosterData = {
    unitName: unit.name,
    organizationName: org.name,
    links,
    trackingUrl: `${base}/tra-cuu`,
    hotlines,
  };
  return {
    unitCode: unit.code,
    unitName: unit.name,
    chatUrl: links.web,
    pdf: await renderPdf(buildPosterDocument(data)),
  };
}
