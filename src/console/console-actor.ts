// Who is signed in to the web console for this request. Set by the guard (console-guard.ts) from
// the session cookie; every console route reads it through actorOf.
import type { FastifyRequest } from 'fastify';

export interface ConsoleActor {
  staffId: string;
  sessionId: string;
  lang: 'vi' | 'en';
  /** Every form and htmx request of this session carries it (`_csrf` field or x-csrf-token header). */
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    consoleActor?: ConsoleActor;
  }
}

/** The signed-in actor; throws if the guard did not run (programming error). */
export function actorOf(request: FastifyRequest): ConsoleActor {
  const actor = request.consoleActor;
  if (!actor) throw new Error('console route reached without consoleGuard');
  return actor;
}
