// GET /posters/<unitCode>: the printable A4 poster of a department (QR code to its web chat, the
// other channels, the hotline numbers). Unknown or inactive unit → 404. When the app's address is
// not public (no PUBLIC_URL: the listen address, 127.0.0.1) → 422 with the reason, unless
// `?allow-local=1` asks for a trial print, which the poster itself marks as not for posting.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../core/app-error.js';
import type { ChannelLinkOptions } from '../../intake/channel-links.js';
import { parseInput } from '../../core/validation.js';
import { NonPublicAddressError, renderUnitPoster } from '../../posters/render-unit-poster.js';

export interface PosterRouteOptions {
  publicUrl: () => string;
  zaloLink?: ChannelLinkOptions['zaloLink'];
  zaloKeyword?: ChannelLinkOptions['zaloKeyword'];
}

const UNIT_CODE = /^[A-Za-z0-9-]{1,40}$/;
const ZPosterQuery = z.object({ 'allow-local': z.literal('1').optional() });

export function registerPosterRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  options: PosterRouteOptions,
): void {
  app.get<{ Params: { unitCode: string } }>('/posters/:unitCode', async (request, reply) => {
    const { unitCode } = request.params;
    if (!UNIT_CODE.test(unitCode)) throw new AppError('not_found', 'Không tìm thấy khoa/phòng này.');
    const query = parseInput(ZPosterQuery, request.query ?? {}, { 'allow-local': 'In thử (allow-local)' });
    const poster = await renderUnitPoster(ctx, unitCode, {
      baseUrl: options.publicUrl(),
      zaloLink: options.zaloLink,
      zaloKeyword: options.zaloKeyword,
      allowLocal: query['allow-local'] === '1',
    }).catch((err: unknown) => {
      if (!(err instanceof NonPublicAddressError)) throw err;
      throw new AppError(
        'unprocessable',
        `${err.message} Chỉ để in thử (không niêm yết): thêm ?allow-local=1 vào cuối địa chỉ trang này.`,
      );
    });
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="poster-${poster.unitCode}.pdf"`)
      .header('cache-control', 'no-cache')
      .send(poster.pdf);
  });
}
