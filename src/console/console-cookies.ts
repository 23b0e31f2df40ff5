// The console's two cookies: the session (HttpOnly, SameSite=Lax so the link from Telegram opens a
// signed-in page, Path=/console, Secure when PUBLIC_URL is https) and the language preference.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { readCookie } from '../http/csrf.js';
import type { ConsoleLang } from './console-texts.js';

export const CONSOLE_SESSION_COOKIE = 'ln_console';
export const CONSOLE_LANG_COOKIE = 'ln_console_lang';

const secure = (config: Pick<Config, 'publicUrl'>) =>
  (config.publicUrl ?? '').startsWith('https:') ? '; Secure' : '';

export function setSessionCookie(
  reply: FastifyReply,
  config: Pick<Config, 'publicUrl'>,
  token: string,
  expiresAt: Date,
): void {
  reply.header(
    'set-cookie',
    `${CONSOLE_SESSION_COOKIE}=${token}; Path=/console; HttpOnly; SameSite=Lax; Expires=${expiresAt.toUTCString()}${secure(config)}`,
  );
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, 'publicUrl'>): void {
  reply.header(
    'set-cookie',
    `${CONSOLE_SESSION_COOKIE}=; Path=/console; HttpOnly; SameSite=Lax; Max-Age=0${secure(config)}`,
  );
}

export function setLangCookie(
  reply: FastifyReply,
  config: Pick<Config, 'publicUrl'>,
  lang: ConsoleLang,
): void {
  reply.header(
    'set-cookie',
    `${CONSOLE_LANG_COOKIE}=${lang}; Path=/console; HttpOnly; SameSite=Lax; Max-Age=31536000${secure(config)}`,
  );
}

export const sessionTokenOf = (request: FastifyRequest): string | undefined =>
  readCookie(request, CONSOLE_SESSION_COOKIE);

export const langOf = (request: FastifyRequest): ConsoleLang =>
  readCookie(request, CONSOLE_LANG_COOKIE) === 'en' ? 'en' : 'vi';
