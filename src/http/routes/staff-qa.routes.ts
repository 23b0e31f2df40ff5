// /hoi-dap: the published answers to staff questions, behind the staff access code (POST only, so
// the code never sits in an address), and a sealed asker's own question by their code. Registered
// inside the public pages' scope (form parser, CSRF, HTML errors); a wrong staff code or answer code
// counts as a failed lookup in the tracking page's guess limit (decision 0012): one limit per client
// for every code a public form accepts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { parseInput } from '../../core/validation.js';
import { verifyStaffAccessCode } from '../../directory/staff-access-code.service.js';
import { loadCollectionView, publishedGroups } from '../../staff-questions/collection-view.js';
import { lookUpStaffQuestion } from '../../staff-questions/look-up-staff-question.js';
import { listPublishedCollections } from '../../staff-questions/staff-qa.repository.js';
import { staffQaFormPage, staffQaResultPage, type StaffQaResultData } from '../../web/staff-qa-pages.js';
import type { Csrf } from '../csrf.js';

const HTML = 'text/html; charset=utf-8';
/** The newest published calls shown at once. */
const PUBLISHED_SHOWN = 3;

const ZStaffQaForm = z.object({
  staffCode: z.string().trim().min(1).max(30),
  questionCode: z
    .string()
    .trim()
    .max(30)
    .optional()
    .transform((v) => v || undefined),
});
const LABELS = { staffCode: 'Mã truy cập góp ý nội bộ', questionCode: 'Mã xem trả lời' };

export interface StaffQaRouteDeps {
  csrf: Csrf;
  recordFailure(client: string): Promise<void>;
  refuseForeignForm(request: FastifyRequest, reply: FastifyReply): boolean;
  refuseWhenBlocked(request: FastifyRequest, reply: FastifyReply): Promise<boolean>;
  lookupLimit: object;
}

export function registerStaffQaRoutes(scope: FastifyInstance, ctx: AppContext, deps: StaffQaRouteDeps): void {
  scope.get('/hoi-dap', async (request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type(HTML)
      .send(staffQaFormPage({ csrfToken: deps.csrf.issue(request, reply) })),
  );

  scope.post('/hoi-dap', deps.lookupLimit, async (request, reply) => {
    if (deps.refuseForeignForm(request, reply)) return reply;
    if (await deps.refuseWhenBlocked(request, reply)) return reply;
    const form = parseInput(ZStaffQaForm, request.body, LABELS);
    const csrfToken = deps.csrf.issue(request, reply);
    reply.header('cache-control', 'no-store').type(HTML);
    const grant = await verifyStaffAccessCode(ctx, form.staffCode);
    if (!grant) {
      await deps.recordFailure(request.ip);
      return reply
        .status(403)
        .send(staffQaFormPage({ csrfToken, error: 'Mã truy cập không đúng hoặc đã hết hiệu lực.' }));
    }
    const collections: StaffQaResultData['collections'] = [];
    for (const c of await listPublishedCollections(ctx.db.prisma, grant.organizationId, PUBLISHED_SHOWN)) {
      const view = await loadCollectionView(ctx, c);
      collections.push({
        topic: view.topic,
        groups: publishedGroups(view).map((g) => ({
          number: g.number,
          wording: g.wording,
          answer: g.answer!,
          answeredBy: g.answeredBy ? [g.answeredBy.title, g.answeredBy.name].filter(Boolean).join(' ') : null,
        })),
      });
    }
    let own: StaffQaResultData['own'];
    if (form.questionCode) {
      const found = await lookUpStaffQuestion(ctx, form.questionCode);
      if (found && found.organizationId === grant.organizationId) {
        own = { text: found.text, status: found.status, answer: found.answer };
      } else {
        await deps.recordFailure(request.ip);
        own = 'not_found';
      }
    }
    return reply.send(
      staffQaResultPage({
        csrfToken,
        organizationName: grant.organizationName,
        collections,
        ...(own ? { own } : {}),
      }),
    );
  });
}
