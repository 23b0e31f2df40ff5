// bull-board at /console/hang-doi (decision 0051): the background jobs of every queue, for
// administrators, behind the console's sign-in. Read-only: the board's own buttons (retry, clean,
// pause) send PUT/POST requests without the console's CSRF token, which the guard refuses, so they
// are not offered. The job payloads are ids only (src/queue/job-registry.ts).
//
// The page runs under the app's CSP unchanged: its scripts and stylesheet are same-origin files,
// its configuration is a JSON script block (data, not executed) and its styles are allowed inline.
// The one thing blocked is its Google Fonts stylesheet, and the browser falls back to system fonts:
// an admin page must not tell a third party who opens it.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { QUEUE_NAMES } from '../../queue/job-registry.js';
import { QUEUE_BOARD_PATH } from './admin-views.js';

export async function registerQueueBoard(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(ctx.queues.queue(name), { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Lắng Nghe' } },
  });
  await app.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
}
