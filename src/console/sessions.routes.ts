// /console/phien: one's own open sessions (device summary, sign-in time, last activity) with
// "sign this one out" and "sign out every other session". Only one's own: the staff id is part of
// every condition (console-sessions.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { formatVietnamTime } from '../hotline/duty-shift.js';
import { html } from '../web/html.js';
import { actorOf } from './console-actor.js';
import { consolePage, csrfField } from './console-layout.js';
import { listOwnConsoleSessions, revokeOwnConsoleSessions } from './console-sessions.js';
import { consoleTexts } from './console-texts.js';

const HTML = 'text/html; charset=utf-8';
const ZRevokeForm = z.object({ session: z.union([z.uuid(), z.literal('others')]) });
const ZSessionsQuery = z.object({ da: z.coerce.number().int().min(0).max(1000).optional() });

export function registerConsoleSessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/console/phien', async (request, reply) => {
    const actor = actorOf(request);
    const t = consoleTexts(actor.lang);
    const s = t.sessions;
    const done = ZSessionsQuery.safeParse(request.query);
    const sessions = await listOwnConsoleSessions(ctx, actor.staffId);
    const body = html`<h1>${t.nav.sessions}</h1>
      ${done.success && done.data.da !== undefined ? html`<p class="ok" role="status">${s.revoked(done.data.da)}</p>` : ''}
      <p>${s.intro}</p>
      <table class="rows">
        <thead>
          <tr>
            <th scope="col">${s.device}</th>
            <th scope="col">${s.since}</th>
            <th scope="col">${s.lastSeen}</th>
            <th scope="col"><span class="sr-only">${s.revoke}</span></th>
          </tr>
        </thead>
        <tbody>
          ${sessions.map(
            (row) =>
              html`<tr>
                <td>${row.userAgent ?? s.unknownDevice}</td>
                <td>${formatVietnamTime(row.createdAt)}</td>
                <td>${formatVietnamTime(row.lastSeenAt)}</td>
                <td>
                  ${
                    row.id === actor.sessionId
                      ? html`<strong>${s.thisOne}</strong>`
                      : html`<form method="post" action="/console/phien/dang-xuat">
                          ${csrfField(actor)}
                          <input type="hidden" name="session" value="${row.id}" />
                          <button type="submit" class="secondary">${s.revoke}</button>
                        </form>`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        sessions.length > 1
          ? html`<form method="post" action="/console/phien/dang-xuat">
              ${csrfField(actor)}
              <input type="hidden" name="session" value="others" />
              <button type="submit">${s.revokeOthers}</button>
            </form>`
          : ''
      }`;
    return reply.type(HTML).send(consolePage({ title: t.nav.sessions, actor, nav: 'sessions', body }));
  });

  app.post('/console/phien/dang-xuat', async (request, reply) => {
    const actor = actorOf(request);
    const form = ZRevokeForm.safeParse(request.body);
    if (!form.success) throw new AppError('validation', consoleTexts(actor.lang).badRequest);
    const target = form.data.session;
    const count =
      target === 'others'
        ? await revokeOwnConsoleSessions(ctx, actor)
        : target === actor.sessionId
          ? 0
          : await revokeOwnConsoleSessions(ctx, actor, target);
    return reply.redirect(`/console/phien?da=${count}`, 303);
  });
}
