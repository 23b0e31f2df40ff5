// The console's inbox: GET /console (the page; to htmx, only the list), one row for the live feed
// (/console/hop-thu/dong/:code) and the event stream (/console/su-kien).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import { html } from '../web/html.js';
import { actorOf } from './console-actor.js';
import { consolePage } from './console-layout.js';
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
/** A comment line now and then keeps proxies from closing a quiet stream (they do at 30–60 s). */
const KEEPALIVE_MS = 20_000;

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
          ></div>
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

  app.get('/console/su-kien', async (request, reply) => {
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
    const keepalive = setInterval(() => out.write(': keepalive\n\n'), KEEPALIVE_MS);
    const end = () => {
      clearInterval(keepalive);
      stop();
      streams.delete(end);
      if (!out.writableEnded) out.end();
    };
    streams.add(end);
    request.raw.on('close', end);
    out.on('error', end);
  });
}
