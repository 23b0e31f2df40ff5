// GET /openapi.json (the OpenAPI 3.1 document) and GET /api/docs (the same, readable by people).
// Both are built once when the server is built: the schemas do not change while it runs.
import type { FastifyInstance } from 'fastify';
import { apiDocsPage } from '../../web/api-docs-page.js';
import { buildOpenApiDocument } from '../openapi.js';

export function registerApiDocsRoutes(app: FastifyInstance): void {
  const doc = buildOpenApiDocument();
  const body = JSON.stringify(doc);
  const docsPage = apiDocsPage(doc);
  app.get('/openapi.json', async (_request, reply) =>
    reply.type('application/json; charset=utf-8').header('cache-control', 'public, max-age=300').send(body),
  );
  app.get('/api/docs', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'public, max-age=300').send(docsPage),
  );
}
