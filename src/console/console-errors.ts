// How the console says no. A refused action (AppError: forbidden, unprocessable, not_found, …)
// answers with its Vietnamese message and its own status (403 / 422 / 404 …): as JSON for the
// console's API (/console/api/…) and JSON clients, as a fragment for htmx, as a whole page otherwise.
// A case outside one's scope is therefore 403 on its page and on its API alike.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError } from '../core/app-error.js';
import { isDatabaseUnavailable } from '../db/prisma-errors.js';
import { RETRY_AFTER_SECONDS } from '../http/error-handler.js';
import { html } from '../web/html.js';
import { consoleBarePage, consolePage } from './console-layout.js';
import { consoleTexts, type ConsoleLang } from './console-texts.js';

const HTML = 'text/html; charset=utf-8';

function wantsJson(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/console/api/') || (request.headers.accept ?? '').includes('application/json');
}

function titleFor(lang: ConsoleLang, status: number): string {
  const t = consoleTexts(lang);
  if (status === 404) return t.notFoundTitle;
  if (status === 401 || status === 403) return t.forbiddenTitle;
  return t.errorTitle;
}

/** Sends a refusal in the form the request asked for. `code` is the machine-readable reason. */
export function consoleErrorReply(
  request: FastifyRequest,
  reply: FastifyReply,
  lang: ConsoleLang,
  status: number,
  message: string,
  code: string,
): FastifyReply {
  reply.status(status);
  if (wantsJson(request)) return reply.send({ error: { code, message } });
  const title = titleFor(lang, status);
  if (request.headers['hx-request']) {
    return reply
      .type(HTML)
      .send(html`<div class="card error" role="alert"><strong>${title}.</strong> ${message}</div>`.value);
  }
  const body = html`<h1>${title}</h1>
    <p role="alert">${message}</p>
    <p><a href="/console">${consoleTexts(lang).back}</a></p>`;
  const actor = request.consoleActor;
  return reply
    .type(HTML)
    .send(actor ? consolePage({ title, actor, body }) : consoleBarePage({ title, lang, body }));
}

/** The console scope's error handler: AppErrors as refusals, the rest as a plain failure page. */
export function installConsoleErrorHandler(scope: FastifyInstance): void {
  scope.setErrorHandler((err: FastifyError, request, reply) => {
    const lang: ConsoleLang = request.consoleActor?.lang ?? 'vi';
    const t = consoleTexts(lang);
    if (isAppError(err)) {
      return consoleErrorReply(request, reply, lang, err.httpStatus, err.message, err.code);
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return consoleErrorReply(request, reply, lang, 413, t.tooLarge, 'too_large');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return consoleErrorReply(request, reply, lang, err.statusCode, t.badRequest, 'bad_request');
    }
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err: { message: err.message } }, 'database unavailable');
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      return consoleErrorReply(request, reply, lang, 503, t.failure, 'unavailable');
    }
    request.log.error({ err }, 'unhandled error');
    return consoleErrorReply(request, reply, lang, 500, t.failure, 'internal');
  });
}
