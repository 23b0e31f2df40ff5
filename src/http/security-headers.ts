// Security headers. Every response: no MIME sniffing, no Referer (a tracking page's address must
// not leak to a linked site). Every HTML page: a Content-Security-Policy without inline script
// (scripts are same-origin files) and no framing — except the web chat (/chat…), which a unit's own
// website frames through the widget and which sets its own policy.
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Inline style is allowed: the page shell carries its small stylesheet inline (src/web/html.ts). */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function isChatPath(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0]!;
  return path === '/chat' || path.startsWith('/chat/');
}

export function installSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('x-content-type-options')) reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'no-referrer');
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html') && !isChatPath(request)) {
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', PAGE_CSP);
      reply.header('x-frame-options', 'DENY');
    }
    return payload;
  });
}
