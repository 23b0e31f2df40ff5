// Signing in and out of the console. The link from the bot or the CLI is a GET that only shows a
// "Đăng nhập" button: Telegram (and mail scanners) fetch links for previews, and a GET that used
// the link up would sign in the preview robot and leave the officer with a spent link. The button's
// POST uses the link, opens the session, sets the cookie and goes to the inbox.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { isAppError } from '../core/app-error.js';
import { createCsrf, CSRF_FIELD } from '../http/csrf.js';
import { html } from '../web/html.js';
import { actorOf } from './console-actor.js';
import { clearSessionCookie, langOf, setLangCookie, setSessionCookie } from './console-cookies.js';
import { consoleGuard } from './console-guard.js';
import { consoleBarePage } from './console-layout.js';
import {
  looksLikeConsoleToken,
  signInWithLink,
  signOutConsoleSession,
  SIGN_IN_PATH,
} from './console-sessions.js';
import { consoleTexts } from './console-texts.js';

const HTML = 'text/html; charset=utf-8';
const ZSignInQuery = z.object({ t: z.string().max(100).optional(), ra: z.string().max(1).optional() });
const ZSignInForm = z.object({ t: z.string().max(100), [CSRF_FIELD]: z.string().max(128).optional() });
const ZLangParams = z.object({ lang: z.enum(['vi', 'en']) });

export function registerConsoleSignInRoutes(app: FastifyInstance, ctx: AppContext): void {
  // The sign-in form is not in a session yet: the public pages' double-submit token guards it, so
  // another site cannot sign a browser in to someone else's session.
  const csrf = createCsrf(ctx.sealedBox.deriveKey('csrf'), {
    secureCookie: (ctx.config.publicUrl ?? '').startsWith('https:'),
  });

  app.get(SIGN_IN_PATH, async (request, reply) => {
    const lang = langOf(request);
    const t = consoleTexts(lang);
    const query = ZSignInQuery.safeParse(request.query);
    const token = query.success ? query.data.t : undefined;
    if (token && looksLikeConsoleToken(token)) {
      const body = html`<h1>${t.signInTitle}</h1>
        <p>${t.signInIntro}</p>
        <form method="post" action="${SIGN_IN_PATH}">
          <input type="hidden" name="${CSRF_FIELD}" value="${csrf.issue(request, reply)}" />
          <input type="hidden" name="t" value="${token}" />
          <button type="submit">${t.signInButton}</button>
        </form>`;
      return reply.type(HTML).send(consoleBarePage({ title: t.signInTitle, lang, body }));
    }
    const body = html`<h1>${t.signInTitle}</h1>
      ${query.success && query.data.ra ? html`<p class="ok" role="status">${t.signedOut}</p>` : ''}
      ${token ? html`<p class="error" role="alert">${t.signInRefused}.</p>` : ''}
      <p>${t.signInHowTo}</p>`;
    return reply.type(HTML).send(consoleBarePage({ title: t.signInTitle, lang, body }));
  });

  app.post(SIGN_IN_PATH, async (request, reply) => {
    const lang = langOf(request);
    const t = consoleTexts(lang);
    const refuse = (status: number, message: string) =>
      reply
        .status(status)
        .type(HTML)
        .send(
          consoleBarePage({
            title: t.signInRefused,
            lang,
            body: html`<h1>${t.signInRefused}</h1>
              <p role="alert">${message}</p>
              <p>${t.signInAgain}</p>`,
          }),
        );
    const form = ZSignInForm.safeParse(request.body);
    if (!form.success) return refuse(400, t.badRequest);
    if (!csrf.verify(request, form.data[CSRF_FIELD])) return refuse(403, t.staleForm);
    try {
      const session = await signInWithLink(ctx, {
        linkToken: form.data.t,
        userAgent: request.headers['user-agent'],
        ip: request.ip,
      });
      setSessionCookie(reply, ctx.config, session.token, session.expiresAt);
      return reply.redirect('/console', 303);
    } catch (err) {
      if (isAppError(err)) return refuse(err.httpStatus, err.message);
      throw err;
    }
  });

  app.post('/console/dang-xuat', { preHandler: consoleGuard(ctx) }, async (request, reply) => {
    await signOutConsoleSession(ctx, actorOf(request));
    clearSessionCookie(reply, ctx.config);
    return reply.redirect(`${SIGN_IN_PATH}?ra=1`, 303);
  });

  // A preference, not an action: a plain link works without JavaScript and changes nothing else.
  app.get('/console/ngon-ngu/:lang', async (request, reply) => {
    const params = ZLangParams.safeParse(request.params);
    if (params.success) setLangCookie(reply, ctx.config, params.data.lang);
    return reply.redirect('/console', 303);
  });
}
