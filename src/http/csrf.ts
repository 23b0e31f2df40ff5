// CSRF protection for the public forms: an HMAC double-submit of our own (no session store, no
// extra dependency). A random value lives in an HttpOnly, SameSite=Strict cookie; the form carries
// HMAC(key, that value). A POST is accepted only when the form's token matches the cookie it came
// with, so another site can neither read the token nor forge a matching pair. The key is derived
// from ENCRYPTION_KEY, so every web process agrees.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const CSRF_COOKIE = 'ln_csrf';
export const CSRF_FIELD = '_csrf';
const COOKIE_VALUE = /^[A-Za-z0-9_-]{22,64}$/;

export interface Csrf {
  /** The token to put in a form; sets the cookie when the request did not bring a valid one. */
  issue(request: FastifyRequest, reply: FastifyReply): string;
  /** Whether the form's token belongs to the cookie the request carries. */
  verify(request: FastifyRequest, token: unknown): boolean;
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function createCsrf(key: Buffer, options: { secureCookie: boolean }): Csrf {
  const sign = (value: string) => createHmac('sha256', key).update(value).digest('base64url');
  const cookieOf = (request: FastifyRequest) => {
    const value = readCookie(request, CSRF_COOKIE);
    return value && COOKIE_VALUE.test(value) ? value : undefined;
  };
  return {
    issue(request, reply) {
      let value = cookieOf(request);
      if (!value) {
        value = randomBytes(24).toString('base64url');
        reply.header(
          'set-cookie',
          `${CSRF_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict${options.secureCookie ? '; Secure' : ''}`,
        );
      }
      return sign(value);
    },
    verify(request, token) {
      const value = cookieOf(request);
      if (!value || typeof token !== 'string' || token.length > 128) return false;
      const expected = Buffer.from(sign(value));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
