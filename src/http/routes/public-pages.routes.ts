// The public pages: home (/), tracking (/tra-cuu), transparency (/cong-khai) and the department
// posters (/posters/<unitCode>). Registered in their own Fastify scope: the form parser (small
// url-encoded bodies), the CSRF check and the HTML error pages apply here and nowhere else.
//
// Tracking is POST only: the code and the follow-up secret never appear in an address (addresses end
// up in logs, histories and Referer headers). Failed lookups (mistyped or unknown code, wrong
// secret) are counted per client address; past the limit the page answers 429 until the window ends.
import { readFileSync } from 'node:fs';
import { registerReceptionPages } from './reception-pages.routes.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { toVietnamDate } from '../../calendar/local-date.js';
import { getPublicCaseStatus, type PublicCaseStatus } from '../../cases/get-public-status.js';
import { findCaseIdByCode } from '../../cases/case.repository.js';
import { LETTER_KIND_LABELS, listLettersOfCase, readLetterFile } from '../../letters/index.js';
import { createIdLinkTokens } from '../../web/signed-token.js';
import { recordSatisfaction } from '../../cases/record-satisfaction.js';
import { AppError, isAppError } from '../../core/app-error.js';
import { parseInput } from '../../core/validation.js';
import {
  findPublicOrganization,
  listPublicOrganizations,
  listTransparencyRows,
} from '../../reports/transparency.repository.js';
import { parseTransparencyPeriod, summarizeTransparency } from '../../reports/transparency.js';
import {
  homePage,
  messagePage,
  trackingFormPage,
  trackingResultPage,
  transparencyIndexPage,
  transparencyPage,
} from '../../web/public-pages.js';
import { findOrganizationForHome } from '../../web/public-pages.repository.js';
import { html } from '../../web/html.js';
import { createCsrf, CSRF_FIELD } from '../csrf.js';
import { LOOKUP_LIMIT_MESSAGE, type CaseLookup } from '../case-lookup.js';
import { perAddress } from '../rate-limits.js';
import { registerPosterRoutes, type PosterRouteOptions } from './poster.routes.js';
import { registerStaffQaRoutes } from './staff-qa.routes.js';

/** A tracking or satisfaction form is a few hundred bytes; anything near this is not a person. */
export const FORM_BODY_LIMIT = 4 * 1024;
export { TRACKING_FAILURE_LIMIT } from '../case-lookup.js';
/** How long a letter link shown after a lookup works. */
export const LETTER_LINK_TTL_SECONDS = 15 * 60;

const TRACKING_SCRIPT = readFileSync(new URL('../../web/assets/tra-cuu.js', import.meta.url), 'utf8');
const HTML = 'text/html; charset=utf-8';

export interface PublicPagesOptions extends PosterRouteOptions {
  publicUrl: () => string;
}

const LOOKUP_LABELS = {
  code: 'Mã hồ sơ',
  secret: 'Mã bí mật',
  score: 'Mức hài lòng',
  comment: 'Ý kiến thêm',
};
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => v || undefined);
const ZLookupForm = z.object({ code: z.string().trim().min(1).max(30), secret: optionalText(30) });
const ZSatisfactionForm = ZLookupForm.extend({
  score: z.coerce.number().int().min(1).max(5),
  comment: optionalText(1000),
});

export function registerPublicPages(
  app: FastifyInstance,
  ctx: AppContext,
  /** Shared with GET /api/cases/:code: one proof, one guess limit (decision 0012). */
  limiter: CaseLookup,
  options: PublicPagesOptions,
): void {
  const csrf = createCsrf(ctx.sealedBox.deriveKey('csrf'), {
    secureCookie: (ctx.config.publicUrl ?? '').startsWith('https:'),
  });

  const letterLinks = createIdLinkTokens(ctx.sealedBox.deriveKey('letter-download'), {
    purpose: 'letter',
    ttlSeconds: LETTER_LINK_TTL_SECONDS,
  });

  /** Letters are offered only where the replies are: to whoever proved to be the sender. */
  const lettersFor = async (status: PublicCaseStatus) => {
    if (status.replies === null) return [];
    const found = await findCaseIdByCode(ctx.db.prisma, status.code);
    if (!found) return [];
    const now = ctx.clock.now();
    return (await listLettersOfCase(ctx, found.id)).map((l) => ({
      title: `${LETTER_KIND_LABELS[l.kind].vi}${l.number !== null ? ` số ${l.number}/${l.year}` : ''}`,
      href: `/tra-cuu/thu/${letterLinks.issue([found.id, l.id], now)}`,
    }));
  };

  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    scope.setErrorHandler((err: Error & { code?: string; statusCode?: number }, request, reply) => {
      if (isAppError(err)) {
        return reply.status(err.httpStatus).type(HTML).send(messagePage('Không thực hiện được', err.message));
      }
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reply
          .status(413)
          .type(HTML)
          .send(messagePage('Nội dung quá dài', 'Vui lòng rút gọn nội dung.'));
      }
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
        return reply
          .status(err.statusCode)
          .type(HTML)
          .send(messagePage('Yêu cầu không hợp lệ', 'Vui lòng thử lại.'));
      }
      request.log.error({ err }, 'unhandled error');
      return reply
        .status(500)
        .type(HTML)
        .send(messagePage('Hệ thống đang gặp sự cố', 'Vui lòng thử lại sau ít phút.'));
    });

    const refuseForeignForm = (request: FastifyRequest, reply: FastifyReply) => {
      const body = request.body as Record<string, unknown> | undefined;
      if (csrf.verify(request, body?.[CSRF_FIELD])) return false;
      void reply
        .status(403)
        .type(HTML)
        .send(
          messagePage(
            'Phiên làm việc đã hết hạn',
            'Biểu mẫu đã cũ hoặc không được gửi từ trang này. Vui lòng mở lại trang tra cứu và thử lại.',
            html`<a href="/tra-cuu">Mở lại trang tra cứu</a>`,
          ),
        );
      return true;
    };

    const refuseWhenBlocked = async (request: FastifyRequest, reply: FastifyReply) => {
      const wait = await limiter.blockedFor(request.ip);
      if (!wait) return false;
      const minutes = Math.ceil(wait / 60);
      const at = new Date(ctx.clock.now().getTime() + wait * 1000 + 7 * 3600_000);
      const hhmm = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
      void reply
        .status(429)
        .header('retry-after', String(wait))
        .type(HTML)
        .send(
          messagePage(
            'Tạm dừng tra cứu',
            `Bạn đã nhập sai mã quá nhiều lần. Vui lòng thử lại sau khoảng ${minutes} phút (sau ${hhmm}).`,
          ),
        );
      return true;
    };

    scope.get('/', async (_request, reply) => {
      const code = ctx.config.defaultOrgCode;
      const org = code ? await findOrganizationForHome(ctx.db.prisma, code) : null;
      return reply.type(HTML).send(
        homePage({
          organization: org ? { name: org.name, hotlineNumbers: org.hotlineNumbers } : null,
          managingBody:
            org?.parent?.kind === 'health_department'
              ? { name: org.parent.name, hotlineNumbers: org.parent.hotlineNumbers }
              : null,
        }),
      );
    });

    scope.get('/assets/tra-cuu.js', async (_request, reply) =>
      reply
        .type('text/javascript; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(TRACKING_SCRIPT),
    );

    scope.get('/tra-cuu', async (request, reply) =>
      reply
        .header('cache-control', 'no-store')
        .type(HTML)
        .send(trackingFormPage({ csrfToken: csrf.issue(request, reply) })),
    );

    // Lookups per address per minute, successful or not, on top of the failed-lookup limit.
    const lookupLimit = {
      config: { rateLimit: perAddress(ctx.config.limits.lookupsPerMinute, 60_000, LOOKUP_LIMIT_MESSAGE) },
    };

    scope.post('/tra-cuu', lookupLimit, async (request, reply) => {
      if (refuseForeignForm(request, reply)) return reply;
      if (await refuseWhenBlocked(request, reply)) return reply;
      const form = parseInput(ZLookupForm, request.body, LOOKUP_LABELS);
      const csrfToken = csrf.issue(request, reply);
      reply.header('cache-control', 'no-store').type(HTML);
      let found;
      try {
        found = await limiter.lookUp(request.ip, form.code, form.secret);
      } catch (err) {
        if (!isAppError(err) || (err.code !== 'malformed_code' && err.code !== 'not_found')) throw err;
        return reply
          .status(err.httpStatus)
          .send(trackingFormPage({ csrfToken, code: form.code.slice(0, 20), error: err.message }));
      }
      const { status, secretRejected } = found;
      return reply.send(
        trackingResultPage({
          status,
          csrfToken,
          secret: secretRejected ? undefined : form.secret,
          secretRejected,
          letters: await lettersFor(status),
        }),
      );
    });

    scope.post('/tra-cuu/danh-gia', lookupLimit, async (request, reply) => {
      if (refuseForeignForm(request, reply)) return reply;
      if (await refuseWhenBlocked(request, reply)) return reply;
      const form = parseInput(ZSatisfactionForm, request.body, LOOKUP_LABELS);
      let notice: string;
      try {
        const result = await recordSatisfaction(ctx, {
          code: form.code,
          score: form.score,
          comment: form.comment,
          trackingPage: { secret: form.secret },
        });
        notice = result.changed
          ? 'Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp đơn vị phục vụ tốt hơn.'
          : 'Hồ sơ này đã được đánh giá trước đó; đánh giá không thay đổi.';
      } catch (err) {
        if (isAppError(err) && (err.details?.reason === 'not_sender' || err.details?.reason === 'not_found'))
          await limiter.recordFailure(request.ip);
        throw err;
      }
      const status = await getPublicCaseStatus(ctx, form.code, form.secret);
      return reply
        .header('cache-control', 'no-store')
        .type(HTML)
        .send(
          trackingResultPage({
            status,
            csrfToken: csrf.issue(request, reply),
            secret: form.secret,
            secretRejected: false,
            notice,
            letters: await lettersFor(status),
          }),
        );
    });

    // A letter link handed out by a lookup: the token names the case and the letter and expires.
    scope.get<{ Params: { token: string } }>('/tra-cuu/thu/:token', async (request, reply) => {
      const [caseId, letterId] = letterLinks.verify(request.params.token, ctx.clock.now()) ?? [];
      if (!caseId || !letterId) {
        throw new AppError(
          'not_found',
          'Đường dẫn tải thư đã hết hạn. Vui lòng tra cứu lại hồ sơ để tải thư.',
        );
      }
      const issued = await listLettersOfCase(ctx, caseId);
      if (!issued.some((l) => l.id === letterId)) throw new AppError('not_found', 'Không tìm thấy thư.');
      const file = await readLetterFile(ctx, letterId);
      return reply
        .type(file.mimeType)
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
        )
        .send(file.bytes);
    });

    scope.get('/cong-khai', async (_request, reply) =>
      reply.type(HTML).send(transparencyIndexPage(await listPublicOrganizations(ctx.db.prisma))),
    );

    scope.get<{ Params: { orgCode: string }; Querystring: Record<string, string | undefined> }>(
      '/cong-khai/:orgCode',
      async (request, reply) => {
        const org = /^[A-Za-z0-9-]{1,40}$/.test(request.params.orgCode)
          ? await findPublicOrganization(ctx.db.prisma, request.params.orgCode)
          : null;
        if (!org) throw new AppError('not_found', 'Không tìm thấy đơn vị này.');
        const q = request.query;
        const period = parseTransparencyPeriod(
          { ky: q.ky?.slice(0, 20), tu: q.tu?.slice(0, 20), den: q.den?.slice(0, 20) },
          toVietnamDate(ctx.clock.now()),
        );
        const rows = await listTransparencyRows(ctx.db.prisma, org.id, period);
        return reply
          .type(HTML)
          .send(
            transparencyPage({ organization: org, period, summary: summarizeTransparency(rows, period) }),
          );
      },
    );

    registerPosterRoutes(scope, ctx, options);
    registerStaffQaRoutes(scope, ctx, {
      csrf,
      recordFailure: (client) => limiter.recordFailure(client),
      refuseForeignForm,
      refuseWhenBlocked,
      lookupLimit,
    });
    registerReceptionPages(scope, ctx);
  });
}
