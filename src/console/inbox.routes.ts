// The console's inbox: GET /console (the page; to htmx, only the list), one row for the live feed
// (/console/hop-thu/dong/:code) and the event stream (/console/su-kien).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { html } from '../web/html.js';
import { actorOf } from './console-actor.js';
import { sessionTokenOf } from './console-cookies.js';
import { consolePage } from './console-layout.js';
import { resolveConsoleSession, SIGN_IN_PATH } from './console-sessions.js';
import { consoleTexts } from './console-texts.js';
import {
  loadConsoleInbox,
  loadConsoleInboxRow,
  visibleToStaff,
  ZConsoleInboxQuery,
} from './inbox/console-inbox.js';
import { listUnitsOfOrganization } from './inbox/console-inbox.repository.js';
import {
  INBOX_LIST_ID,
  INBOX_ROWS_ID,
  inboxFilterForm,
  inboxList,
  inboxRow,
  rowUrlOf,
} from './inbox/inbox-view.js';
import { createConsoleLiveFeed } from './live/console-live.js';

const HTML = 'text/html; charset=utf-8';
const ZRowParams = z.object({ code: z.string().min(1).max(30) });
/**
 * Every this many live polls (20 s by default) an open stream checks that its session is still
 * open, and otherwise says so and ends; the same beat writes a comment line that keeps proxies from
 * closing a quiet stream (they do at 30–60 s).
 */
const SESSION_CHECK_POLLS = 10;
const SIGNED_OUT_ID = 'live-signed-out';

export function registerConsoleInboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  const live = createConsoleLiveFeed(ctx);
  const streams = new Set<() => void>();
  // Open streams would hold the server's close forever: end them first.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
    live.close();
  });

  app.get('/console', async (request, reply) => {
    const actor = actorOf(request);
    const t = consoleTexts(actor.lang);
    const parsed = ZConsoleInboxQuery.safeParse(request.query);
    if (!parsed.success) throw new AppError('validation', t.badRequest);
    const query = parsed.data;
    const staff = await loadActiveStaff(ctx, actor.staffId);
    const page = await loadConsoleInbox(ctx, staff, query);
    const list = inboxList(actor.lang, query, page);
    if (request.headers['hx-request'] && request.headers['hx-target'] === INBOX_LIST_ID) {
      return reply.type(HTML).send(list.value);
    }
    const units = await listUnitsOfOrganization(ctx.db.prisma, staff.organizationId);
    return reply.type(HTML).send(
      consolePage({
        title: t.nav.inbox,
        actor,
        nav: 'inbox',
        body: html`<h1>${t.nav.inbox}</h1>
          ${inboxFilterForm(actor.lang, query, units)}
          <div
            data-live-feed="/console/su-kien"
            data-live-target="${INBOX_ROWS_ID}"
            data-live-list="${INBOX_LIST_ID}"
            data-live-signed-out="${SIGNED_OUT_ID}"
          ></div>
          <p id="${SIGNED_OUT_ID}" class="error" role="alert" hidden>
            ${t.inbox.sessionEnded} <a href="${SIGN_IN_PATH}">${t.inbox.signInAgain}</a>
          </p>
          ${list}`,
      }),
    );
  });

  app.get('/console/hop-thu/dong/:code', async (request, reply) => {
    const actor = actorOf(request);
    const params = ZRowParams.safeParse(request.params);
    if (!params.success) throw new AppError('not_found', consoleTexts(actor.lang).notFoundTitle);
    const staff = await loadActiveStaff(ctx, actor.staffId);
    const found = await loadConsoleInboxRow(ctx, staff, params.data.code);
    if (!found) throw new AppError('not_found', consoleTexts(actor.lang).notFoundTitle);
    return reply.type(HTML).send(inboxRow(found.row, actor.lang, found).value);
  });

  // Listening is not using the session: an inbox left open idles out like any other page.
  app.get('/console/su-kien', { config: { sessionActivity: false } }, async (request, reply) => {
    const actor = actorOf(request);
    const staff = await loadActiveStaff(ctx, actor.staffId);
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    out.write('retry: 5000\n\n');
    const stop = live.listen(visibleToStaff(staff), (event) => {
      out.write(`event: case\ndata: ${JSON.stringify({ ...event, rowUrl: rowUrlOf(event.code) })}\n\n`);
    });
    const token = sessionTokenOf(request);
    const checkSession = async () => {
      // A failed look (the database away a moment) ends nothing: the next beat looks again.
      const open = await resolveConsoleSession(ctx, token, { activity: false }).then(
        (session) => session !== null,
        () => true,
      );
      if (out.writableEnded) return;
      if (open) {
        out.write(': keepalive\n\n');
        return;
      }
      out.write(`event: signed-out\ndata: ${JSON.stringify({ signIn: SIGN_IN_PATH })}\n\n`);
      end();
    };
    const beat = setInterval(() => void checkSession(), ctx.config.console.livePollMs * SESSION_CHECK_POLLS);
    const end = () => {
      clearInterval(beat);
      stop();
      streams.delete(end);
      if (!out.writableEnded) out.end();
    };
    streams.add(end);
    request.raw.on('close', end);
    out.on('error', end);
  });
}
