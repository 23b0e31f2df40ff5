// Security headers, from @fastify/helmet, on every response (a 429 and a 404 included):
// - Content-Security-Policy without inline script (scripts are same-origin files) and no framing —
//   except the web chat pages (/chat…), which a unit's own website frames through the widget and
//   which name their own policy (`CHAT_PAGE_HELMET` in bots/web/web-chat.routes.ts);
// - no MIME sniffing, and no Referer (a tracking page's address must not leak to a linked site);
// - X-Frame-Options DENY for browsers that ignore frame-ancestors;
// - Cross-Origin-Opener-Policy same-origin, Cross-Origin-Resource-Policy same-origin (the widget
//   script, loaded by other sites, opts out on its route);
// - Strict-Transport-Security only when PUBLIC_URL is https: behind a TLS-terminating proxy the app
//   itself speaks http, and a browser reaching a test or intranet install over plain http must not
//   be told to insist on https for months. No includeSubDomains: the app does not own the
//   hospital's other hosts.
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Inline style is allowed: the page shell carries its small stylesheet inline (src/web/html.ts). */
export const PAGE_CSP_DIRECTIVES = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'form-action': ["'self'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
};

/** 180 days, helmet's own default. */
const HSTS_MAX_AGE_SECONDS = 180 * 24 * 3600;

export async function registerSecurityHeaders(
  app: FastifyInstance,
  options: { publicUrl: string | undefined },
): Promise<void> {
  const https = (options.publicUrl ?? '').startsWith('https:');
  const settings: FastifyHelmetOptions = {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP_DIRECTIVES },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Off by default in helmet and wanted off: the chat page embeds nothing cross-origin anyway.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
  };
  await app.register(helmet, settings);
}
