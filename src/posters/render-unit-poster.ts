// One unit's poster as PDF bytes: looks the unit up, gathers its links and the hotline numbers
// (the unit's, its organisation's, and the Sở Y tế's when the organisation's parent is one; the
// Ministry's national line under its own name). Refuses an address a phone outside cannot reach,
// unless asked for a trial print, which then says so across its top.
import type { AppContext } from '../app-context.js';
import { toVietnamDate } from '../calendar/local-date.js';
import { systemClock, type Clock } from '../core/clock.js';
import { AppError } from '../core/app-error.js';
import { channelLinks, type ChannelLinkOptions } from '../intake/channel-links.js';
import { isNationalHotlineNumber, NATIONAL_HOTLINE } from '../hotline/national-hotline.js';
import { renderPdf } from '../pdf/render-pdf.js';
import { buildPosterDocument, type PosterData, type PosterHotline } from './poster-document.js';
import { findUnitForPoster } from './poster.repository.js';
import { nonPublicReason } from './public-address.js';
import { describeSessionVi } from '../reception/describe-session-rule.js';
import { listActiveSessions } from '../reception/reception.repository.js';

export interface UnitPoster {
  unitCode: string;
  unitName: string;
  /** The address the QR code holds. */
  chatUrl: string;
  pdf: Buffer;
}

export async function renderUnitPoster(
  ctx: Pick<AppContext, 'db' | 'config'> & { clock?: Clock },
  unitCode: string,
  options: ChannelLinkOptions & {
    baseUrl: string;
    /** Print even when the address is not public (a trial print, marked as such). */
    allowLocal?: boolean;
  },
): Promise<UnitPoster> {
  const unit = await findUnitForPoster(ctx.db.prisma, unitCode);
  if (!unit) throw new AppError('not_found', `Không tìm thấy khoa/phòng có mã "${unitCode}".`);
  const org = unit.organization;
  const own = (numbers: string[]) => numbers.filter((n) => !isNationalHotlineNumber(n));
  const hotlines: PosterHotline[] = [
    { owner: unit.name, numbers: own(unit.hotlineNumbers) },
    { owner: org.name, numbers: own(org.hotlineNumbers) },
  ];
  if (org.parent?.kind === 'health_department') {
    hotlines.push({ owner: org.parent.name, numbers: own(org.parent.hotlineNumbers) });
  }
  const links = channelLinks(ctx.config, unit.code, options);
  const base = (ctx.config.publicUrl ?? options.baseUrl).replace(/\/+$/, '');
  const notPublic = nonPublicReason(links.web);
  if (notPublic && !options.allowLocal) throw new NonPublicAddressError(links.web, notPublic);
  const data: PosterData = {
    unitName: unit.name,
    organizationName: org.name,
    links,
    trackingUrl: `${base}/tra-cuu`,
    hotlines,
    nationalHotline: { owner: NATIONAL_HOTLINE.name.vi, numbers: [...NATIONAL_HOTLINE.numbers] },
    ...(notPublic ? { notForPostingReason: notPublic } : {}),
  };
  // A poster hangs for months: the rule, not the coming dates (those are on /lich-tiep/<org>).
  const today = toVietnamDate((ctx.clock ?? systemClock).now());
  const sessions = (await listActiveSessions(ctx.db.prisma, org.id)).filter(
    (s) => (s.recurrence !== 'once' || s.startsOn >= today) && (!s.endsOn || s.endsOn >= today),
  );
  if (sessions.length) data.receptionSessions = sessions.slice(0, 3).map(describeSessionVi);
  return {
    unitCode: unit.code,
    unitName: unit.name,
    chatUrl: links.web,
    pdf: await renderPdf(buildPosterDocument(data)),
  };
}

/** The QR code would hold an address a phone outside cannot open. */
export class NonPublicAddressError extends AppError {
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(
      'unprocessable',
      `Không in áp phích: mã QR sẽ chứa địa chỉ ${address} (${reason}), điện thoại của người bệnh không mở được. ` +
        'Đặt PUBLIC_URL là địa chỉ công khai của hệ thống (ví dụ https://gopy.benhvien.vn).',
    );
  }
}
