// The only code that reads and writes console sign-in links, console sessions and the staff audit
// events they leave.
import type { Db } from '../db/database.js';
import type { Prisma } from '../db/generated/client.js';

/** The audit actions of the console's sign-in; other modules may add their own action names. */
export type ConsoleAuditAction =
  'console_link_issued' | 'console_sign_in' | 'console_sign_out' | 'console_session_revoked';

type Tx = Prisma.TransactionClient;

function auditEvent(
  tx: Tx | Db,
  data: {
    staffId: string;
    action: ConsoleAuditAction;
    sessionId?: string;
    data?: Prisma.InputJsonValue;
    at: Date;
  },
) {
  return tx.staffAuditEvent.create({
    data: {
      staffId: data.staffId,
      action: data.action,
      sessionId: data.sessionId ?? null,
      ...(data.data !== undefined ? { data: data.data } : {}),
      createdAt: data.at,
    },
  });
}

export function insertSignInLink(
  db: Db,
  data: { staffId: string; tokenHash: string; expiresAt: Date; at: Date; via: string },
) {
  return db.$transaction(async (tx) => {
    const link = await tx.consoleSignInLink.create({
      data: {
        staffId: data.staffId,
        tokenHash: data.tokenHash,
        expiresAt: data.expiresAt,
        createdAt: data.at,
      },
    });
    await auditEvent(tx, {
      staffId: data.staffId,
      action: 'console_link_issued',
      data: { via: data.via },
      at: data.at,
    });
    return link;
  });
}

export function findSignInLink(db: Db, tokenHash: string) {
  return db.consoleSignInLink.findUnique({
    where: { tokenHash },
    include: { staff: { select: { id: true, active: true } } },
  });
}

export type LinkRedemption =
  | { status: 'signed_in'; staffId: string; sessionId: string }
  | { status: 'unknown' | 'used' | 'expired' | 'inactive' };

/**
 * Marks the link used, opens the session and writes the sign-in audit event in one transaction. The
 * conditional update (`usedAt` still null) is what makes a second use fail, even at the same moment.
 */
export function redeemSignInLink(
  db: Db,
  data: {
    linkHash: string;
    session: { tokenHash: string; expiresAt: Date; userAgent: string | null; ipHash: string | null };
    at: Date;
  },
): Promise<LinkRedemption> {
  return db.$transaction(async (tx) => {
    const link = await tx.consoleSignInLink.findUnique({
      where: { tokenHash: data.linkHash },
      include: { staff: { select: { id: true, active: true } } },
    });
    if (!link) return { status: 'unknown' };
    if (link.usedAt) return { status: 'used' };
    if (link.expiresAt.getTime() <= data.at.getTime()) return { status: 'expired' };
    if (!link.staff.active) return { status: 'inactive' };
    const taken = await tx.consoleSignInLink.updateMany({
      where: { id: link.id, usedAt: null },
      data: { usedAt: data.at },
    });
    if (taken.count !== 1) return { status: 'used' };
    const session = await tx.consoleSession.create({
      data: {
        staffId: link.staffId,
        tokenHash: data.session.tokenHash,
        createdAt: data.at,
        lastSeenAt: data.at,
        expiresAt: data.session.expiresAt,
        userAgent: data.session.userAgent,
        ipHash: data.session.ipHash,
      },
    });
    await auditEvent(tx, {
      staffId: link.staffId,
      action: 'console_sign_in',
      sessionId: session.id,
      data: { linkId: link.id },
      at: data.at,
    });
    return { status: 'signed_in', staffId: link.staffId, sessionId: session.id };
  });
}

export function findSessionByTokenHash(db: Db, tokenHash: string) {
  return db.consoleSession.findUnique({
    where: { tokenHash },
    include: { staff: { select: { active: true } } },
  });
}

export function touchSession(db: Db, sessionId: string, at: Date) {
  return db.consoleSession.updateMany({
    where: { id: sessionId, revokedAt: null },
    data: { lastSeenAt: at },
  });
}

/** Ends sessions of this staff member (those named, or all but `except`); returns how many ended. */
export function revokeSessions(
  db: Db,
  data: {
    staffId: string;
    sessionIds?: string[];
    exceptSessionId?: string;
    action: 'console_sign_out' | 'console_session_revoked';
    bySessionId: string | null;
    at: Date;
  },
): Promise<number> {
  return db.$transaction(async (tx) => {
    const where: Prisma.ConsoleSessionWhereInput = {
      staffId: data.staffId,
      revokedAt: null,
      ...(data.sessionIds ? { id: { in: data.sessionIds } } : {}),
      ...(data.exceptSessionId ? { NOT: { id: data.exceptSessionId } } : {}),
    };
    const ended = await tx.consoleSession.findMany({ where, select: { id: true } });
    if (ended.length === 0) return 0;
    await tx.consoleSession.updateMany({
      where: { id: { in: ended.map((s) => s.id) }, revokedAt: null },
      data: { revokedAt: data.at },
    });
    for (const s of ended) {
      await auditEvent(tx, {
        staffId: data.staffId,
        action: data.action,
        sessionId: s.id,
        ...(data.bySessionId ? { data: { bySessionId: data.bySessionId } } : {}),
        at: data.at,
      });
    }
    return ended.length;
  });
}

/** A staff member's sessions that may still be open, newest first (the session list). */
export function listOpenSessions(db: Db, staffId: string, now: Date) {
  return db.consoleSession.findMany({
    where: { staffId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true },
    take: 50,
  });
}

export function listStaffAuditEvents(db: Db, staffId: string) {
  return db.staffAuditEvent.findMany({ where: { staffId }, orderBy: { createdAt: 'asc' } });
}
