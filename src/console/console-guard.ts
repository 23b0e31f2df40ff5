// TEMPORARY stub of consolecore's contract (replaced by consolecore's file on merge).
import type { preHandlerAsyncHookHandler } from 'fastify';
import type { AppContext } from '../app-context.js';

export function consoleGuard(_ctx: AppContext): preHandlerAsyncHookHandler {
  return async () => {
    throw new Error('console guard not merged yet');
  };
}
