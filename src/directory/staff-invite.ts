// Staff join the bot with a one-time invite code (`/thamgia <code>`), which binds their Telegram
// account to their staff row. The code is shown once to the administrator; only its hash is kept.
//
// SHA-256, not a slow salted hash: a code has 12 random symbols (≈ 59.5 bits), which nobody can
// search from a stolen hash, and a direct look-up finds the invite. An invite expires (72 hours by
// default) and is used once: a second use fails, even when two arrive at the same moment.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../core/app-error.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import {
  SYMBOL_ALPHABET,
  compactSymbols,
  defaultRandomBytes,
  groupSymbols,
  randomSymbolValues,
  symbolsOf,
  type RandomBytes,
} from '../cases/symbol-alphabet.js';
import type { DirectoryContext } from './directory-context.js';
import {
  CLI_ACTOR,
  recordDirectoryEvent,
  requireDirectoryAdmin,
  type DirectoryActor,
} from './directory-audit.js';
import { ZTelegramIdSchema, parseDirectoryInput } from './directory-input.js';
import { loadActiveStaff } from './resolve-staff.js';
import type { StaffMember } from './staff-member.js';
import { redeemStaffInvite, replaceStaffInvite } from './staff.repository.js';

const CODE_SYMBOLS = 12;
const CODE_GROUPS = [4, 4, 4] as const;
const VALID = new RegExp(`^[${SYMBOL_ALPHABET}]{${CODE_SYMBOLS}}$`);

export const DEFAULT_INVITE_HOURS = 72;
export const MAX_INVITE_HOURS = 24 * 30;

export interface IssuedStaffInvite {
  /** Shown once; hand it to the staff member. */
  code: string;
  staffId: string;
  expiresAt: Date;
}

export function generateInviteCode(randomBytes: RandomBytes = defaultRandomBytes): string {
  return groupSymbols(symbolsOf(randomSymbolValues(CODE_SYMBOLS, randomBytes)), CODE_GROUPS);
}

export function hashInviteCode(code: string): string {
  return `sha256:${createHash('sha256').update(compactSymbols(code)).digest('hex')}`;
}

/** Whether the text can be an invite code at all (typed with or without dashes, any case). */
export function looksLikeInviteCode(code: string): boolean {
  return VALID.test(compactSymbols(code));
}

const ZIssueSchema = z.object({
  staffId: z.string(),
  validForHours: z
    .number()
    .int()
    .min(1)
    .max(MAX_INVITE_HOURS, `tối đa ${MAX_INVITE_HOURS} giờ`)
    .default(DEFAULT_INVITE_HOURS),
});

/** Issues a new invite for the staff member; an unused earlier invite stops working. */
export async function issueStaffInvite(
  ctx: DirectoryContext,
  raw: { staffId: string; validForHours?: number },
  actor: DirectoryActor = CLI_ACTOR,
): Promise<IssuedStaffInvite> {
  const input = parseDirectoryInput(ZIssueSchema, raw);
  const staff = await loadActiveStaff(ctx, input.staffId);
  await requireDirectoryAdmin(ctx, actor, staff.organizationId);
  const code = generateInviteCode();
  const at = ctx.clock.now();
  const expiresAt = new Date(at.getTime() + input.validForHours * 3600_000);
  await replaceStaffInvite(ctx.db.prisma, {
    staffId: staff.id,
    codeHash: hashInviteCode(code),
    expiresAt,
    at,
  });
  // The code itself is never recorded: it is a credential until used.
  await recordDirectoryEvent(ctx, actor, {
    organizationId: staff.organizationId,
    action: 'staff_invite_issued',
    subjectType: 'staff',
    subjectId: staff.id,
    data: { expiresAt: expiresAt.toISOString() },
  });
  ctx.logger.info({ staffId: staff.id, expiresAt }, 'staff invite issued');
  return { code, staffId: staff.id, expiresAt };
}

const REFUSALS = {
  unknown: 'Mã mời không đúng. Vui lòng kiểm tra lại hoặc xin mã mới từ quản trị viên.',
  used: 'Mã mời này đã được sử dụng. Mỗi mã chỉ dùng được một lần; hãy xin mã mới từ quản trị viên.',
  expired: 'Mã mời đã hết hạn. Hãy xin mã mới từ quản trị viên.',
  inactive: 'Tài khoản cán bộ gắn với mã mời này đã ngừng hoạt động.',
  telegram_taken: 'Tài khoản Telegram này đã được gắn với một cán bộ khác.',
} as const;

/**
 * Binds `telegramUserId` to the staff row the invite was issued for and returns that staff member
 * with their roles. Refusals are AppErrors with `details.reason` one of the REFUSALS keys.
 */
export async function redeemInvite(
  ctx: DirectoryContext,
  input: { code: string; telegramUserId: string | number },
): Promise<StaffMember> {
  const telegramUserId = parseDirectoryInput(ZTelegramIdSchema, input.telegramUserId);
  if (!looksLikeInviteCode(input.code)) {
    throw new AppError('validation', REFUSALS.unknown, { reason: 'unknown' });
  }
  let result;
  try {
    result = await redeemStaffInvite(ctx.db.prisma, {
      codeHash: hashInviteCode(input.code),
      telegramUserId,
      at: ctx.clock.now(),
    });
  } catch (err) {
    // Someone bound the same Telegram account to another staff row at the same moment.
    if (isUniqueViolation(err)) {
      throw new AppError('conflict', REFUSALS.telegram_taken, { reason: 'telegram_taken' });
    }
    throw err;
  }
  if (result.status !== 'redeemed') {
    const code =
      result.status === 'unknown' ? 'not_found' : result.status === 'inactive' ? 'forbidden' : 'conflict';
    throw new AppError(code, REFUSALS[result.status], { reason: result.status });
  }
  ctx.logger.info({ staffId: result.staffId }, 'staff invite redeemed; Telegram account bound');
  return loadActiveStaff(ctx, result.staffId);
}
