// bull-board at /console/hang-doi (decision 0051): the background jobs of every queue, for
// administrators, behind the console's sign-in. Read-only: the board's own buttons (retry, clean,
// pause) send PUT/POST requests without the console's CSRF token, which the guard refuses, so they
// are not offered. The job payloads are ids only (src/queue/job-registry.ts).
//
// The page runs under the app's CSP with one directive changed, on its routes only: `base-uri
// 'self'` instead of 'none', because the board resolves its scripts and links against a
// `<base href="/console/hang-doi/">` (without it, reloading a deep link such as …/queue/intake
// loads nothing). Script sources stay 'self': its scripts and stylesheet are same-origin files, its
// configuration a JSON script block (data, not executed). Its Google Fonts stylesheet stays
// blocked and the browser uses system fonts: an admin page must not tell a third party who opens it.
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { PAGE_CSP_DIRECTIVES } from '../../http/security-headers.js';
import { QUEUE_NAMES } from '../../queue/job-registry.js';
import { QUEUE_BOARD_PATH } from './admin-views.js';

const BOARD_CSP = Object.entries({ ...PAGE_CSP_DIRECTIVES, 'base-uri': ["'self'"] })
  .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
  .join('; ');

export async function registerQueueBoard(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const serverAdapter = new FastifyAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: QUEUE_NAMES.map((name) => new BullMQAdapter(ctx.queues.queue(name), { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Lắng Nghe' } },
  });
  await app.register(async (board) => {
    board.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', BOARD_CSP);
    });
    await board.register(serverAdapter.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
