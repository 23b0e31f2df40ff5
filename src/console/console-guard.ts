// The door of every signed-in console route: resolves the session cookie (idle and absolute expiry,
// revocation, deactivated staff) into request.consoleActor, and checks the CSRF token of every
// request that can change something. Without a session a page request goes to the sign-in page
// (303) and anything else (htmx, JSON, the event stream) gets 401; htmx is told where to go too.
// The guarded scope looks the session up earlier, at onRequest (consoleSessionResolver), so that
// the rate limit counts a signed-in request per session, not per address (decision 0067); the
// refusal still waits for the guard, so a request without a session is counted per address first.
import { timingSafeEqual } from 'node:crypto';
import type {
  FastifyReply,
  FastifyRequest,
  onRequestAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import type { AppContext } from '../app-context.js';
import { langOf, sessionTokenOf } from './console-cookies.js';
import { consoleErrorReply } from './console-errors.js';
import { resolveConsoleSession, SIGN_IN_PATH } from './console-sessions.js';
import { consoleTexts } from './console-texts.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A page a browser navigates to, as opposed to htmx, fetch, JSON clients and EventSource. */
function wantsPage(request: FastifyRequest): boolean {
  if (request.headers['hx-request']) return false;
  const accept = request.headers.accept ?? '';
  return !accept.includes('application/json') && !accept.includes('text/event-stream');
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

const sessionOf = (ctx: AppContext, request: FastifyRequest) =>
  resolveConsoleSession(ctx, sessionTokenOf(request), {
    activity: request.routeOptions.config.sessionActivity !== false,
  });

/** The guarded scope's onRequest: request.consoleSession, for the rate limit and the guard. */
export function consoleSessionResolver(ctx: AppContext): onRequestAsyncHookHandler {
  return async function resolveSession(request: FastifyRequest) {
    request.consoleSession = await sessionOf(ctx, request);
  };
}

export function consoleGuard(ctx: AppContext): preHandlerAsyncHookHandler {
  return async function guard(request: FastifyRequest, reply: FastifyReply) {
    // Idempotent: a route may name the guard although its scope already runs it.
    if (request.consoleActor) return;
    const lang = langOf(request);
    const session =
      request.consoleSession !== undefined ? request.consoleSession : await sessionOf(ctx, request);
    if (!session) {
      if (request.method === 'GET' && wantsPage(request)) {
        return reply.redirect(SIGN_IN_PATH, 303);
      }
      if (request.headers['hx-request']) reply.header('hx-redirect', SIGN_IN_PATH);
      return consoleErrorReply(request, reply, lang, 401, consoleTexts(lang).signInRequired, 'unauthorized');
    }
    const actor = {
      staffId: session.staffId,
      sessionId: session.sessionId,
      lang,
      csrfToken: session.csrfToken,
    };
    if (!SAFE_METHODS.has(request.method)) {
      const body = request.body as Record<string, unknown> | undefined;
      const given =
        request.headers['x-csrf-token'] ?? (body && typeof body === 'object' ? body._csrf : undefined);
      if (!sameToken(given, actor.csrfToken)) {
        request.log.info({ route: request.routeOptions.url }, 'console csrf refused');
        return consoleErrorReply(request, reply, lang, 403, consoleTexts(lang).staleForm, 'csrf');
      }
    }
    request.consoleActor = actor;
  };
}
