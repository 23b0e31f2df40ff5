// Signing in to the web console without a password: a one-time link (from /dangnhap in a private
// chat with the bot, or from the CLI for an administrator without Telegram) opens a session whose
// random token lives in an HttpOnly cookie. Only hashes of the link token and of the session token
// are stored, so a copy of the database opens nobody's console. SHA-256, not a slow hash: both are
// 256-bit random values, which nobody can search from a hash.
//
// A session ends at the first of: CONSOLE_SESSION_IDLE_MINUTES without a request, CONSOLE_SESSION_
// MAX_HOURS after sign-in, sign-out or revocation. Every sign-in, sign-out and revocation writes a
// StaffAuditEvent (and issuing a link too), with no personal data.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import { createClientAddressHash, createKeyedHash } from '../core/keyed-hash.js';
import { loadActiveStaff } from '../directory/resolve-staff.js';
import {
  findSessionByTokenHash,
  insertSignInLink,
  listOpenSessions,
  redeemSignInLink,
  revokeSessions,
  touchSession,
  type LinkRedemption,
} from './console-session.repository.js';
import { summarizeUserAgent } from './user-agent-summary.js';

export const SIGN_IN_PATH = '/console/dang-nhap';
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

type LinkContext = Pick<AppContext, 'db' | 'clock' | 'logger' | 'config'>;
type SessionContext = Pick<AppContext, 'db' | 'clock' | 'logger' | 'config' | 'sealedBox'>;

const newToken = () => randomBytes(32).toString('base64url');
const hashToken = (token: string) => `sha256:${createHash('sha256').update(token).digest('hex')}`;

export interface IssuedSignInLink {
  /** The address path with the token (`/console/dang-nhap?t=…`); shown once, never logged. */
  path: string;
  expiresAt: Date;
}

/** Where a link or page lives for someone outside: PUBLIC_URL (or the given base) plus the path. */
export const absoluteConsoleUrl = (base: string | undefined, path: string): string =>
  `${(base ?? '').replace(/\/+$/, '')}${path}`;

/** A new one-time sign-in link for an active staff member. `via` says who asked (audit only). */
export async function issueConsoleSignInLink(
  ctx: LinkContext,
  input: { staffId: string; via: 'bot' | 'cli' },
): Promise<IssuedSignInLink> {
  const staff = await loadActiveStaff(ctx, input.staffId);
  const token = newToken();
  const at = ctx.clock.now();
  const expiresAt = new Date(at.getTime() + ctx.config.console.linkTtlMinutes * 60_000);
  await insertSignInLink(ctx.db.prisma, {
    staffId: staff.id,
    tokenHash: hashToken(token),
    expiresAt,
    at,
    via: input.via,
  });
  ctx.logger.info({ staffId: staff.id, via: input.via }, 'console sign-in link issued');
  return { path: `${SIGN_IN_PATH}?t=${token}`, expiresAt };
}

/** Whether the text can be a link token at all (checked before any database look-up). */
export const looksLikeConsoleToken = (token: string): boolean => TOKEN.test(token);

const REFUSALS: Record<Exclude<LinkRedemption['status'], 'signed_in'>, string> = {
  unknown: 'Liên kết đăng nhập không hợp lệ.',
  used: 'Liên kết đăng nhập này đã được dùng. Mỗi liên kết chỉ dùng được một lần.',
  expired: 'Liên kết đăng nhập đã hết hạn.',
  inactive: 'Tài khoản cán bộ này đã ngừng hoạt động.',
};

export interface OpenedConsoleSession {
  /** The cookie value; never stored or logged. */
  token: string;
  sessionId: string;
  staffId: string;
  expiresAt: Date;
}

/**
 * Uses a sign-in link (once) and opens a session. A refused link changes nothing and says why;
 * the caller tells the person how to get a new one.
 */
export async function signInWithLink(
  ctx: SessionContext,
  input: { linkToken: string; userAgent: string | undefined; ip: string | undefined },
): Promise<OpenedConsoleSession> {
  if (!looksLikeConsoleToken(input.linkToken)) throw new AppError('forbidden', REFUSALS.unknown);
  const at = ctx.clock.now();
  const token = newToken();
  const expiresAt = new Date(at.getTime() + ctx.config.console.sessionMaxHours * 3600_000);
  const outcome = await redeemSignInLink(ctx.db.prisma, {
    linkHash: hashToken(input.linkToken),
    session: {
      tokenHash: hashToken(token),
      expiresAt,
      userAgent: summarizeUserAgent(input.userAgent),
      ipHash: input.ip ? createClientAddressHash(ctx.sealedBox)(input.ip) : null,
    },
    at,
  });
  if (outcome.status !== 'signed_in') {
    ctx.logger.info({ outcome: outcome.status }, 'console sign-in refused');
    throw new AppError('forbidden', REFUSALS[outcome.status]);
  }
  ctx.logger.info({ staffId: outcome.staffId, sessionId: outcome.sessionId }, 'console sign-in');
  return { token, sessionId: outcome.sessionId, staffId: outcome.staffId, expiresAt };
}

export interface ResolvedConsoleSession {
  sessionId: string;
  staffId: string;
  csrfToken: string;
}

/** The CSRF token of a session: a keyed hash of its id, so no second secret is stored. */
export function csrfTokenOf(ctx: Pick<AppContext, 'sealedBox'>, sessionId: string): string {
  return createKeyedHash(ctx.sealedBox.deriveKey('console-csrf'))(sessionId);
}

/**
 * The open session behind a cookie value, or null (unknown, revoked, idle too long, past its end).
 * A request counts as use of the session (resets the idle time) unless `activity` is false.
 */
export async function resolveConsoleSession(
  ctx: SessionContext,
  token: string | undefined,
  options: { activity: boolean } = { activity: true },
): Promise<ResolvedConsoleSession | null> {
  if (!token || !looksLikeConsoleToken(token)) return null;
  const session = await findSessionByTokenHash(ctx.db.prisma, hashToken(token));
  if (!session || session.revokedAt || !session.staff.active) return null;
  const now = ctx.clock.now().getTime();
  const idleMs = ctx.config.console.sessionIdleMinutes * 60_000;
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now) return null;
  // One write per sixtieth of the idle limit at most (a minute by default), not one per request.
  if (options.activity && now - session.lastSeenAt.getTime() >= idleMs / 60) {
    await touchSession(ctx.db.prisma, session.id, new Date(now));
  }
  return { sessionId: session.id, staffId: session.staffId, csrfToken: csrfTokenOf(ctx, session.id) };
}

/** Signs this session out (audited). */
export async function signOutConsoleSession(
  ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>,
  actor: { staffId: string; sessionId: string },
): Promise<void> {
  await revokeSessions(ctx.db.prisma, {
    staffId: actor.staffId,
    sessionIds: [actor.sessionId],
    action: 'console_sign_out',
    bySessionId: null,
    at: ctx.clock.now(),
  });
  ctx.logger.info({ staffId: actor.staffId, sessionId: actor.sessionId }, 'console sign-out');
}

/**
 * Ends one of one's own other sessions, or all of them but this one (`sessionId` omitted). A
 * session of someone else is never touched: the staff id is part of the condition.
 */
export async function revokeOwnConsoleSessions(
  ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>,
  actor: { staffId: string; sessionId: string },
  sessionId?: string,
): Promise<number> {
  const count = await revokeSessions(ctx.db.prisma, {
    staffId: actor.staffId,
    ...(sessionId ? { sessionIds: [sessionId] } : { exceptSessionId: actor.sessionId }),
    action: 'console_session_revoked',
    bySessionId: actor.sessionId,
    at: ctx.clock.now(),
  });
  ctx.logger.info({ staffId: actor.staffId, count }, 'console sessions revoked');
  return count;
}

/** One's sessions that may still be open, for the session list (idle ones are shown as such). */
export async function listOwnConsoleSessions(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  staffId: string,
) {
  const now = ctx.clock.now();
  const idleMs = ctx.config.console.sessionIdleMinutes * 60_000;
  const rows = await listOpenSessions(ctx.db.prisma, staffId, now);
  return rows.filter((r) => r.lastSeenAt.getTime() + idleMs > now.getTime());
}
