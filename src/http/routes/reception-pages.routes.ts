// GET /lich-tiep/:orgCode — the organisation's public citizen-reception schedule.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../core/app-error.js';
import { findOrganizationByCode } from '../../directory/directory.repository.js';
import { listUpcomingOffers } from '../../reception/reception-bookings.js';
import { receptionSchedulePage } from '../../web/reception-page.js';

export function registerReceptionPages(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Params: { orgCode: string } }>('/lich-tiep/:orgCode', async (request, reply) => {
    const org = /^[A-Za-z0-9-]{1,40}$/.test(request.params.orgCode)
      ? await findOrganizationByCode(ctx.db.prisma, request.params.orgCode)
      : null;
    if (!org) throw new AppError('not_found', 'Không tìm thấy đơn vị này.');
    const offers = await listUpcomingOffers(ctx, org.id);
    return reply
      .type('text/html; charset=utf-8')
      .send(receptionSchedulePage({ organization: { code: org.code, name: org.name }, offers }));
  });
}
