// The console's inbox (/console). Phase 1: a placeholder page so sign-in lands somewhere real.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { html } from '../web/html.js';
import { actorOf } from './console-actor.js';
import { consolePage } from './console-layout.js';
import { consoleTexts } from './console-texts.js';

const HTML = 'text/html; charset=utf-8';

export function registerConsoleInboxRoutes(app: FastifyInstance, _ctx: AppContext): void {
  app.get('/console', async (request, reply) => {
    const actor = actorOf(request);
    const t = consoleTexts(actor.lang);
    return reply.type(HTML).send(
      consolePage({
        title: t.nav.inbox,
        actor,
        nav: 'inbox',
        body: html`<h1>${t.nav.inbox}</h1>`,
      }),
    );
  });
}
