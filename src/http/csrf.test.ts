import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createCsrf, CSRF_COOKIE } from './csrf.js';

const key = Buffer.alloc(32, 9);

async function app(secureCookie = false) {
  const csrf = createCsrf(key, { secureCookie });
  const server = Fastify();
  server.get('/form', async (request, reply) => ({ token: csrf.issue(request, reply) }));
  server.post('/form', async (request) => ({
    ok: csrf.verify(request, (request.body as { t?: unknown }).t),
  }));
  await server.ready();
  return server;
}

describe('CSRF double submit', () => {
  it('sets an HttpOnly SameSite=Strict cookie once and accepts the token only with that cookie', async () => {
    const server = await app(true);
    const first = await server.inject({ url: '/form' });
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(
      new RegExp(`^${CSRF_COOKIE}=[A-Za-z0-9_-]{32}; Path=/; HttpOnly; SameSite=Strict; Secure$`),
    );
    const cookie = setCookie.split(';')[0]!;
    const { token } = first.json<{ token: string }>();

    // The same cookie gives the same token and no new cookie.
    const second = await server.inject({ url: '/form', headers: { cookie } });
    expect(second.headers['set-cookie']).toBeUndefined();
    expect(second.json()).toEqual({ token });

    const post = (headers: Record<string, string>, t: unknown) =>
      server
        .inject({ method: 'POST', url: '/form', headers, payload: { t } })
        .then((r) => r.json<{ ok: boolean }>().ok);
    expect(await post({ cookie }, token)).toBe(true);
    expect(await post({}, token)).toBe(false);
    expect(await post({ cookie }, undefined)).toBe(false);
    expect(await post({ cookie }, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBe(false);
    expect(await post({ cookie: `${CSRF_COOKIE}=${'x'.repeat(32)}` }, token)).toBe(false);
    expect(await post({ cookie: `other=1; ${cookie}` }, token)).toBe(true);
  });

  it('leaves Secure off for plain http development', async () => {
    const server = await app(false);
    expect(String((await server.inject({ url: '/form' })).headers['set-cookie'])).not.toContain('Secure');
  });
});
