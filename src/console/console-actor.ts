// TEMPORARY stub of consolecore's contract (replaced by consolecore's file on merge).
import type { FastifyRequest } from 'fastify';

export interface ConsoleActor {
  staffId: string;
  sessionId: string;
  lang: 'vi' | 'en';
  csrfToken: string;
}
declare module 'fastify' {
  interface FastifyRequest {
    consoleActor?: ConsoleActor;
  }
}
/** The signed-in actor; throws if the guard did not run (programming error). */
export function actorOf(request: FastifyRequest): ConsoleActor {
  if (!request.consoleActor) throw new Error('console guard did not run');
  return request.consoleActor;
}
