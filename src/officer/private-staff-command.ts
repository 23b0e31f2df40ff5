// The gate of the command families only staff use, in a private chat with the bot (staff questions,
// periodic reports): a command of the family, from a bound staff member, outside a group, with
// arguments its registry entry accepts. Refusals say what to do; a refused use case answers with
// its own message, and only a retryable failure goes back to the queue.
import type { AppContext } from '../app-context.js';
import { isAppError } from '../core/app-error.js';
import type { InboundEnvelope, Outbound } from '../dialog/dialog-types.js';
import { resolveStaffByTelegramUser } from '../directory/resolve-staff.js';
import type { StaffMember } from '../directory/staff-member.js';
import { parseWith, type OfficerCommandSpec } from './officer-command-registry.js';

export const NOT_BOUND_STAFF =
  'Tài khoản Telegram này chưa được gắn với cán bộ nào. Nếu bạn là cán bộ, hãy gửi /thamgia <mã mời> do quản trị viên cấp.';

export interface PrivateStaffCommandFamily<R> {
  find: (typed: string) => OfficerCommandSpec<string, R> | undefined;
  /** The refusal in a group chat, naming the family. */
  privateOnly: string;
  run: (staff: StaffMember, request: R) => Promise<string>;
}

/** The family's answer; undefined when the input is not one of its commands (or, in a private chat, not from staff). */
export async function answerPrivateStaffCommand<R>(
  ctx: AppContext,
  env: InboundEnvelope,
  options: { inGroup: boolean },
  family: PrivateStaffCommandFamily<R>,
): Promise<Outbound[] | undefined> {
  const ev = env.event;
  if (ev.type !== 'command') return undefined;
  const command = family.find(ev.command);
  if (!command) return undefined;
  const userId = env.conversation.userId ?? env.conversation.conversationId;
  const staff = await resolveStaffByTelegramUser(ctx, userId);
  if (!staff) return options.inGroup ? [{ text: NOT_BOUND_STAFF }] : undefined;
  if (options.inGroup) return [{ text: family.privateOnly }];
  const parsed = parseWith(command, ev.args);
  if (!parsed.ok) return [{ text: parsed.message }];
  try {
    return [{ text: await family.run(staff, parsed.request) }];
  } catch (err) {
    if (isAppError(err) && !err.retryable) return [{ text: err.message }];
    throw err;
  }
}
