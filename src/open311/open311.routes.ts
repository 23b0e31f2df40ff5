// Open311 GeoReport v2 under /open311/v2 (decision 0033): services, service definitions, POST and
// GET requests, tokens. Every resource answers in JSON or XML by its extension. A POST takes the
// same path as POST /api/submissions (validated by the same schema, stored then queued, the same
// limits per client address) and answers with a token: the case exists only once the intake
// worker made it, and GET tokens/<token> then gives its service_request_id (the case's id, never
// its tracking code, which opens the tracking page). Requests are listed without any text the
// person wrote: status, the public status line, the unit and the governing deadline.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { AppError, isAppError } from '../core/app-error.js';
import type { KeyedHash } from '../core/keyed-hash.js';
import { parseInput } from '../core/validation.js';
import { getPublicCaseStatus } from '../cases/get-public-status.js';
import { CASE_KIND_LABELS } from '../cases/case-vocabulary.js';
import { perAddress } from '../http/rate-limits.js';
import type { NewCaseCap } from '../intake/new-case-cap.js';
import { ZSubmissionSchema } from '../intake/submission.schema.js';
import { submitSubmission } from '../intake/submit-submission.js';
import {
  open311Errors,
  renderOpen311,
  type Open311Format,
  type Open311Object,
  type Open311Value,
} from './open311-format.js';
import {
  expectedDatetime,
  isoDatetime,
  isServiceCode,
  open311Status,
  serviceDefinition,
  serviceList,
  statusesFor,
  submissionFromOpen311,
  type Open311PostFields,
} from './open311-mapping.js';
import {
  findActiveOpen311Client,
  findCaseIdOfSubmission,
  findOpen311Cases,
  findSubmissionExists,
  listActiveUnitsOfOrganization,
  OPEN311_SUBMISSION_PREFIX,
} from './open311.repository.js';

export const OPEN311_BASE = '/open311/v2';
const FORMATS: readonly Open311Format[] = ['json', 'xml'];
/** The spec's default window for GET requests: 90 days. */
const DEFAULT_SPAN_MS = 90 * 24 * 3600 * 1000;
/** At most this many requests an answer (each is read through the public tracking view). */
export const MAX_REQUESTS_PER_ANSWER = 200;

export function hashOpen311Key(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export interface Open311RouteDeps {
  newCaseCap: NewCaseCap;
  clientKey: KeyedHash;
}

/** `abc.json` → ['abc', 'json']; undefined when the extension is not one we speak. */
function splitFormat(file: string): [string, Open311Format] | undefined {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? [m[1]!, m[2] as Open311Format] : undefined;
}

const ZQuerySchema = z.object({
  jurisdiction_id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,40}$/)
    .optional(),
  service_request_id: z
    .string()
    .trim()
    .regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36}){0,99}$/i, 'danh sách mã yêu cầu không hợp lệ')
    .optional(),
  service_code: z.string().trim().optional(),
  status: z.enum(['open', 'closed']).optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
});

export function registerOpen311Routes(app: FastifyInstance, ctx: AppContext, deps: Open311RouteDeps): void {
  const { limits } = ctx.config;
  const send = (
    reply: FastifyReply,
    format: Open311Format,
    root: string,
    body: Open311Value,
    status = 200,
  ) => {
    const out = renderOpen311(format, root, body);
    return reply.status(status).type(out.type).send(out.text);
  };
  const fail = (reply: FastifyReply, format: Open311Format, err: unknown) => {
    if (isAppError(err))
      return send(reply, format, 'errors', open311Errors(err.httpStatus, err.message), err.httpStatus);
    ctx.logger.error(
      { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
      'open311 request failed',
    );
    return send(reply, format, 'errors', open311Errors(500, 'Lỗi hệ thống; vui lòng thử lại sau.'), 500);
  };
  const orgCodeOf = (jurisdiction: string | undefined) => {
    const code = jurisdiction ?? ctx.config.defaultOrgCode;
    if (!code) throw new AppError('validation', 'Cần jurisdiction_id (mã đơn vị).');
    return code;
  };

  void app.register(async (scope) => {
    // The spec POSTs form fields; parsed here, for this door only.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 64 * 1024 },
      (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    for (const format of FORMATS) {
      scope.get(`${OPEN311_BASE}/services.${format}`, async (_request, reply) =>
        send(reply, format, 'services', serviceList()),
      );

      scope.post(
        `${OPEN311_BASE}/requests.${format}`,
        {
          config: {
            rateLimit: perAddress(
              limits.submissionsPerMinute,
              60_000,
              'Bạn đã gửi quá nhiều ý kiến trong thời gian ngắn.',
            ),
          },
        },
        async (request, reply) => {
          try {
            return send(reply, format, 'service_requests', await postRequest(request));
          } catch (err) {
            return fail(reply, format, err);
          }
        },
      );

      scope.get(
        `${OPEN311_BASE}/requests.${format}`,
        { config: { rateLimit: perAddress(limits.lookupsPerMinute, 60_000) } },
        async (request, reply) => {
          try {
            const q = parseInput(ZQuerySchema, request.query, {});
            return send(reply, format, 'service_requests', await listRequests(q));
          } catch (err) {
            return fail(reply, format, err);
          }
        },
      );
    }

    scope.get<{ Params: { file: string } }>(`${OPEN311_BASE}/services/:file`, async (request, reply) => {
      const parts = splitFormat(request.params.file);
      if (!parts) return reply.status(404).send();
      const [code, format] = parts;
      try {
        if (!isServiceCode(code)) throw new AppError('not_found', `Không có dịch vụ "${code}".`);
        const q = parseInput(ZQuerySchema, request.query, {});
        const units = await listActiveUnitsOfOrganization(ctx.db.prisma, orgCodeOf(q.jurisdiction_id));
        return send(reply, format, 'service_definition', serviceDefinition(code, units));
      } catch (err) {
        return fail(reply, format, err);
      }
    });

    scope.get<{ Params: { file: string } }>(
      `${OPEN311_BASE}/requests/:file`,
      { config: { rateLimit: perAddress(limits.lookupsPerMinute, 60_000) } },
      async (request, reply) => {
        const parts = splitFormat(request.params.file);
        if (!parts) return reply.status(404).send();
        const [id, format] = parts;
        try {
          if (!z.uuid().safeParse(id).success) throw new AppError('not_found', 'Không tìm thấy yêu cầu.');
          const found = await listRequests({ service_request_id: id });
          if (found.length === 0) throw new AppError('not_found', 'Không tìm thấy yêu cầu.');
          return send(reply, format, 'service_requests', found);
        } catch (err) {
          return fail(reply, format, err);
        }
      },
    );

    scope.get<{ Params: { file: string } }>(
      `${OPEN311_BASE}/tokens/:file`,
      { config: { rateLimit: perAddress(limits.lookupsPerMinute, 60_000) } },
      async (request, reply) => {
        const parts = splitFormat(request.params.file);
        if (!parts) return reply.status(404).send();
        const [token, format] = parts;
        try {
          if (
            !token.startsWith(OPEN311_SUBMISSION_PREFIX) ||
            !(await findSubmissionExists(ctx.db.prisma, token))
          ) {
            throw new AppError('not_found', 'Không tìm thấy token.');
          }
          // Until the intake worker made the case there is a token and no id yet.
          const made = await findCaseIdOfSubmission(ctx.db.prisma, token);
          return send(reply, format, 'service_requests', [
            { ...(made ? { service_request_id: made.id } : {}), token },
          ]);
        } catch (err) {
          return fail(reply, format, err);
        }
      },
    );
  });

  async function postRequest(request: FastifyRequest): Promise<Open311Object[]> {
    const fields = (request.body ?? {}) as Record<string, unknown>;
    const apiKey = typeof fields.api_key === 'string' ? fields.api_key : '';
    const client = apiKey ? await findActiveOpen311Client(ctx.db.prisma, hashOpen311Key(apiKey)) : null;
    if (!client) throw new AppError('forbidden', 'api_key không hợp lệ hoặc đã bị thu hồi.');
    const strings = Object.fromEntries(
      Object.entries(fields).filter(
        (e): e is [string, string] => typeof e[1] === 'string' && e[0] !== 'api_key',
      ),
    ) as Open311PostFields;
    if (!strings.service_code || !isServiceCode(strings.service_code)) {
      throw new AppError(
        'validation',
        `service_code không hợp lệ: dùng một trong ${serviceList()
          .map((s) => s.service_code)
          .join(', ')}.`,
      );
    }
    const submission = parseInput(ZSubmissionSchema, submissionFromOpen311(client.id, strings));
    const receipt = await submitSubmission(ctx, submission, {
      source: { client: deps.clientKey(request.ip), cap: deps.newCaseCap },
    });
    const notice = [
      `Đã tiếp nhận ${CASE_KIND_LABELS[submission.kind].vi.toLowerCase()} của bạn. Mã hồ sơ: ${receipt.code}.`,
      receipt.followUpSecret ? `Mã bí mật để xem trả lời: ${receipt.followUpSecret}.` : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    return [{ token: submission.submissionId, service_notice: notice }];
  }

  async function listRequests(q: z.output<typeof ZQuerySchema>): Promise<Open311Object[]> {
    const to = q.end_date ? new Date(q.end_date) : ctx.clock.now();
    const from = q.start_date ? new Date(q.start_date) : new Date(to.getTime() - DEFAULT_SPAN_MS);
    if (q.service_code && !isServiceCode(q.service_code)) return [];
    const cases = await findOpen311Cases(ctx.db.prisma, {
      ...(q.service_request_id ? { ids: q.service_request_id.split(',') } : {}),
      ...(q.service_code && isServiceCode(q.service_code) ? { kind: q.service_code } : {}),
      ...(q.status ? { statuses: statusesFor(q.status) } : {}),
      from,
      to,
      limit: MAX_REQUESTS_PER_ANSWER,
    });
    const answers: Open311Object[] = [];
    for (const c of cases) {
      // The public tracking view: nothing personal, the same words the sender reads.
      const view = await getPublicCaseStatus(ctx, c.code);
      answers.push({
        service_request_id: c.id,
        status: open311Status(c.status),
        status_notes: [view.statusLabel, view.statusNote].filter(Boolean).join('. '),
        service_name: CASE_KIND_LABELS[c.kind].vi,
        service_code: c.kind,
        agency_responsible: view.unit ?? view.organization ?? undefined,
        requested_datetime: isoDatetime(c.receivedAt),
        updated_datetime: isoDatetime(new Date(view.updatedAt)),
        expected_datetime: expectedDatetime(view.dueDates[0]?.dueOn),
      });
    }
    return answers;
  }
}
