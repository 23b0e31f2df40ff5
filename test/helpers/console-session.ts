// A signed-in console session for a staff member, made through the real sign-in (a one-time link,
// then its use), for app.inject (`headers: { cookie }`) or a browser (context.addCookies).
import type { AppContext } from '../../src/app-context.js';
import { CONSOLE_SESSION_COOKIE } from '../../src/console/console-cookies.js';
import { csrfTokenOf, issueConsoleSignInLink, signInWithLink } from '../../src/console/console-sessions.js';

export async function consoleCookieFor(
  ctx: AppContext,
  staffId: string,
): Promise<{ cookie: string; csrfToken: string }> {
  const link = await issueConsoleSignInLink(ctx, { staffId, via: 'cli' });
  const linkToken = new URL(link.path, 'http://x').searchParams.get('t')!;
  const session = await signInWithLink(ctx, { linkToken, userAgent: 'vitest', ip: '127.0.0.1' });
  return {
    cookie: `${CONSOLE_SESSION_COOKIE}=${session.token}`,
    csrfToken: csrfTokenOf(ctx, session.sessionId),
  };
}
