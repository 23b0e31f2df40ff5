// The code staff type to send internal feedback (Luật 10/2022: a channel for staff góp ý). One code
// per organisation is in force at a time: issuing a new one revokes the old, so it can be rotated
// when it leaks. It is shared by all staff of the organisation, so it proves membership, never who
// someone is.
//
// Stored as SHA-256 of the normalised code, not a salted slow hash: a code has 12 random symbols
// (≈ 59.5 bits, the follow-up secret's format), which no one can search from a stolen hash, and a
// direct look-up finds the organisation without trying every organisation's hash in turn.
import { createHash } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { AppError } from '../core/app-error.js';
import {
  SYMBOL_ALPHABET,
  compactSymbols,
  defaultRandomBytes,
  groupSymbols,
  randomSymbolValues,
  symbolsOf,
  type RandomBytes,
} from '../cases/symbol-alphabet.js';
import {
  findActiveStaffAccessCode,
  findOrganizationById,
  replaceStaffAccessCode,
} from './staff-access-code.repository.js';

const CODE_SYMBOLS = 12;
const CODE_GROUPS = [4, 4, 4] as const;
const VALID = new RegExp(`^[${SYMBOL_ALPHABET}]{${CODE_SYMBOLS}}$`);

export interface IssuedStaffAccessCode {
  /** Shown once, to the administrator who hands it to staff; only its hash is kept. */
  code: string;
  organizationId: string;
  issuedAt: Date;
}

export interface StaffAccessGrant {
  organizationId: string;
  organizationCode: string;
  organizationName: string;
}

export function hashStaffAccessCode(code: string): string {
  return `sha256:${createHash('sha256').update(compactSymbols(code)).digest('hex')}`;
}

export function generateStaffAccessCode(randomBytes: RandomBytes = defaultRandomBytes): string {
  return groupSymbols(symbolsOf(randomSymbolValues(CODE_SYMBOLS, randomBytes)), CODE_GROUPS);
}

export async function issueStaffAccessCode(
  ctx: Pick<AppContext, 'db' | 'clock' | 'logger'>,
  organizationId: string,
): Promise<IssuedStaffAccessCode> {
  const org = await findOrganizationById(ctx.db.prisma, organizationId);
  if (!org) throw new AppError('not_found', 'Không tìm thấy đơn vị.');
  const code = generateStaffAccessCode();
  const issuedAt = ctx.clock.now();
  await replaceStaffAccessCode(ctx.db.prisma, organizationId, hashStaffAccessCode(code), issuedAt);
  ctx.logger.info({ organizationId }, 'issued a staff access code; older codes revoked');
  return { code, organizationId, issuedAt };
}

/** The organisation whose code in force this is, or null (wrong, revoked, or not a code at all). */
export async function verifyStaffAccessCode(
  ctx: Pick<AppContext, 'db'>,
  code: string,
): Promise<StaffAccessGrant | null> {
  if (!VALID.test(compactSymbols(code))) return null;
  const row = await findActiveStaffAccessCode(ctx.db.prisma, hashStaffAccessCode(code));
  if (!row) return null;
  return {
    organizationId: row.organization.id,
    organizationCode: row.organization.code,
    organizationName: row.organization.name,
  };
}
