// A human-readable page of the OpenAPI document: each endpoint with its parameters and its request
// and response schemas as pretty JSON. Server-rendered through the escaping template and the page
// shell, no script and nothing from another site.
import type { JsonSchema, OpenApiDocument, OpenApiOperation } from '../http/openapi.js';
import { html, page, raw, type Html } from './html.js';

const STYLE = raw(
  '<style>main{max-width:60rem}pre{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:.5rem;overflow:auto;font-size:.85rem}code.method{font-weight:700}</style>',
);

/** A $ref to a component shows the component itself: the reader should not have to look it up. */
function resolve(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const target = schema.$ref;
  if (typeof target !== 'string') return schema;
  return doc.components.schemas[target.replace('#/components/schemas/', '')] ?? schema;
}

function schemaBlock(
  doc: OpenApiDocument,
  content: Record<string, { schema: JsonSchema }> | undefined,
): Html {
  if (!content) return html``;
  return html`${Object.entries(content).map(
    ([type, { schema }]) =>
      html`<p class="muted">
          ${type}${typeof schema.$ref === 'string' ? ` — ${schema.$ref.split('/').pop()}` : ''}
        </p>
        <pre>${JSON.stringify(resolve(doc, schema), null, 2)}</pre>`,
  )}`;
}

function operationBlock(doc: OpenApiDocument, method: string, path: string, op: OpenApiOperation): Html {
  return html`<section class="card" id="${method}-${path}">
    <h2><code class="method">${method.toUpperCase()}</code> <code>${path}</code></h2>
    <p>${op.summary}</p>
    ${op.description ? html`<p class="muted">${op.description}</p>` : ''}
    ${
      op.parameters?.length
        ? html`<h3>Parameters</h3>
            <table>
              <tr>
                <th>name</th>
                <th>in</th>
                <th>required</th>
                <th>schema</th>
              </tr>
              ${op.parameters.map(
                (p) =>
                  html`<tr>
                    <td>
                      <code>${p.name}</code
                      >${p.description ? html`<br /><span class="muted">${p.description}</span>` : ''}
                    </td>
                    <td>${p.in}</td>
                    <td>${p.required ? 'yes' : 'no'}</td>
                    <td><code>${JSON.stringify(p.schema)}</code></td>
                  </tr>`,
              )}
            </table>`
        : ''
    }
    ${
      op.requestBody
        ? html`<h3>Request body</h3>
            ${schemaBlock(doc, op.requestBody.content)}`
        : ''
    }
    <h3>Responses</h3>
    ${Object.entries(op.responses).map(
      ([status, r]) =>
        html`<h4>${status} — ${r.description}</h4>
          ${schemaBlock(doc, r.content)}`,
    )}
  </section>`;
}

export function apiDocsPage(doc: OpenApiDocument): string {
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ method, path, op })),
  );
  return page({
    title: `${doc.info.title} — tài liệu`,
    lang: 'en',
    head: STYLE,
    body: html`<h1>${doc.info.title}</h1>
      <p>${doc.info.description}</p>
      <p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${doc.openapi}).</p>
      <ul>
        ${operations.map(
          ({ method, path }) =>
            html`<li>
              <a href="#${method}-${path}"><code>${method.toUpperCase()} ${path}</code></a>
            </li>`,
        )}
      </ul>
      ${operations.map(({ method, path, op }) => operationBlock(doc, method, path, op))}`,
  });
}
