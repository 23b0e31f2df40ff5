// Who is signed in to the web console for this request. Set by the guard (console-guard.ts) from
// the session cookie; every console route reads it through actorOf.
import type { FastifyRequest } from 'fastify';
import type { ResolvedConsoleSession } from './console-sessions.js';

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
    /**
     * The open session behind the cookie (null: none), resolved before the rate limit of a guarded
     * console route (console-guard.ts); the guard refuses or admits afterwards.
     */
    consoleSession?: ResolvedConsoleSession | null;
  }
  interface FastifyContextConfig {
    /** false: a request of this route is not use of the session (the event stream): idle continues. */
    sessionActivity?: boolean;
  }
}

/** The signed-in actor; throws if the guard did not run (programming error). */
export function actorOf(request: FastifyRequest): ConsoleActor {
  const actor = request.consoleActor;
  if (!actor) throw new Error('console route reached without consoleGuard');
  return actor;
}
