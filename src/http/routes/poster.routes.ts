// GET /posters/<unitCode>: the printable A4 poster of a department (QR code to its web chat, the
// other channels, the hotline numbers). Unknown or inactive unit → 404.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../core/app-error.js';
import type { ChannelLinkOptions } from '../../intake/channel-links.js';
import { renderUnitPoster } from '../../posters/render-unit-poster.js';

export interface PosterRouteOptions {
  publicUrl: () => string;
  zaloLink?: ChannelLinkOptions['zaloLink'];
  zaloKeyword?: ChannelLinkOptions['zaloKeyword'];
}

const UNIT_CODE = /^[A-Za-z0-9-]{1,40}$/;

export function registerPosterRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  options: PosterRouteOptions,
): void {
  app.get<{ Params: { unitCode: string } }>('/posters/:unitCode', async (request, reply) => {
    const { unitCode } = request.params;
    if (!UNIT_CODE.test(unitCode)) throw new AppError('not_found', 'Không tìm thấy khoa/phòng này.');
    const poster = await renderUnitPoster(ctx, unitCode, {
      baseUrl: options.publicUrl(),
      zaloLink: options.zaloLink,
      zaloKeyword: options.zaloKeyword,
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="poster-${poster.unitCode}.pdf"`)
      .header('cache-control', 'no-cache')
      .send(poster.pdf);
  });
}
