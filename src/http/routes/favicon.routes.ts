// The app's icon: a small SVG (a speech bubble in the pages' accent colour), linked from every page
// (src/web/html.ts) and also answered at /favicon.ico, which browsers and link previews ask for on
// their own, so no visit ends in a 404.
import type { FastifyInstance, FastifyReply } from 'fastify';

export const FAVICON_PATH = '/favicon.svg';

const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">' +
  '<rect width="32" height="32" rx="7" fill="#0b5cad"/>' +
  '<path d="M7 9.5A3.5 3.5 0 0 1 10.5 6h11A3.5 3.5 0 0 1 25 9.5v8a3.5 3.5 0 0 1-3.5 3.5H15l-5 5v-5h0.5A3.5 3.5 0 0 1 7 17.5z" fill="#fff"/>' +
  '<circle cx="12" cy="13.5" r="1.6" fill="#0b5cad"/><circle cx="16" cy="13.5" r="1.6" fill="#0b5cad"/>' +
  '<circle cx="20" cy="13.5" r="1.6" fill="#0b5cad"/></svg>';

export function registerFaviconRoutes(app: FastifyInstance): void {
  const send = async (_request: unknown, reply: FastifyReply) =>
    reply
      .type('image/svg+xml')
      .header('cache-control', 'public, max-age=86400')
      // Link previews and the widget's host pages may load it from another origin.
      .header('cross-origin-resource-policy', 'cross-origin')
      .send(FAVICON_SVG);
  app.get(FAVICON_PATH, send);
  app.get('/favicon.ico', send);
}
