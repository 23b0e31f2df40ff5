// The web console (/console): one Fastify scope with its own form parser, error pages and
// no-store caching; a public part (assets, sign-in) and a guarded part where every route runs
// consoleGuard (session + CSRF). Each console module registers its routes in the guarded part.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { JSON_BODY_LIMIT } from '../http/http-server.js';
import { installConsoleErrorHandler } from './console-errors.js';
import { consoleGuard, consoleSessionResolver } from './console-guard.js';
import { CONSOLE_ASSETS } from './console-layout.js';
import { registerConsoleAdminRoutes } from './admin/admin.routes.js';
import { registerConsoleCaseRoutes } from './case/case-routes.js';
import { registerConsoleInboxRoutes } from './inbox.routes.js';
import { registerConsoleReportFilingRoutes } from './reports/report-filings.routes.js';
import { registerConsoleReportRoutes } from './reports/report.routes.js';
import { registerConsoleSessionRoutes } from './sessions.routes.js';
import { registerConsoleSignInRoutes } from './sign-in.routes.js';

const require = createRequire(import.meta.url);
const HTMX_SCRIPT = readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8');
const CONSOLE_SCRIPT = readFileSync(new URL('./assets/console.js', import.meta.url), 'utf8');
const JS = 'text/javascript; charset=utf-8';

export function registerConsole(root: FastifyInstance, ctx: AppContext): void {
  void root.register(async (scope) => {
    // Forms post url-encoded; a reply to a citizen or a letter text is the largest (a few pages).
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: JSON_BODY_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );
    installConsoleErrorHandler(scope);
    // Pages show case data: no browser or proxy keeps a copy (the Back button after sign-out).
    scope.addHook('onSend', async (request, reply) => {
      if (!request.url.startsWith('/console/assets/')) reply.header('cache-control', 'no-store');
    });

    scope.get(CONSOLE_ASSETS.htmx, async (_request, reply) =>
      reply.type(JS).header('cache-control', 'public, max-age=86400').send(HTMX_SCRIPT),
    );
    scope.get(CONSOLE_ASSETS.script, async (_request, reply) =>
      reply.type(JS).header('cache-control', 'public, max-age=300').send(CONSOLE_SCRIPT),
    );
    registerConsoleSignInRoutes(scope, ctx);

    await scope.register(async (app) => {
      app.addHook('onRequest', consoleSessionResolver(ctx));
      app.addHook('preHandler', consoleGuard(ctx));
      registerConsoleInboxRoutes(app, ctx);
      registerConsoleSessionRoutes(app, ctx);
      // Each console module's routes, guarded by this scope: add yours below.
      registerConsoleReportRoutes(app, ctx);
      registerConsoleReportFilingRoutes(app, ctx);
      registerConsoleAdminRoutes(app, ctx);
      registerConsoleCaseRoutes(app, ctx);
    });
  });
}
