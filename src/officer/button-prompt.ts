// A card button whose move needs words (resolve: outcome and answer; pause: a reason…): in a
// private chat the bot asks for them and takes the officer's next message as the rest of the
// command, so a button and its typed command run the same use case. In a group, where a bot in
// privacy mode does not see plain messages, the answer stays the command to type.
import { z } from 'zod';
import { OFFICER_COMMANDS, type OfficerCommandName } from './officer-commands.js';
import {
  createRedisOfficerChatState,
  type OfficerChatStateOptions,
  type OfficerChatStateStore,
} from './officer-chat-state.store.js';
import { cleanFreeText } from '../core/free-text.js';

export const ZButtonPromptSchema = z.object({
  command: z.enum(OFFICER_COMMANDS),
  code: z.string().regex(/^[A-Za-z0-9-]{4,20}$/),
});
export type ButtonPrompt = z.infer<typeof ZButtonPromptSchema>;
export type ButtonPromptStore = OfficerChatStateStore<ButtonPrompt>;

export const BUTTON_PROMPT_TTL_SECONDS = 10 * 60;

export function createRedisButtonPromptStore(options: OfficerChatStateOptions): ButtonPromptStore {
  return createRedisOfficerChatState({
    ...options,
    purpose: 'button-prompt',
    schema: ZButtonPromptSchema,
    ttlSeconds: BUTTON_PROMPT_TTL_SECONDS,
  });
}

/** `/giaiquyet {code} <kết quả> <trả lời>` → the command and what remains to type. */
export function promptOfTemplate(
  template: string,
): { command: OfficerCommandName; rest: string } | undefined {
  const m = /^\/(\S+) \{code\} (.+)$/.exec(template);
  if (!m || !(OFFICER_COMMANDS as readonly string[]).includes(m[1]!)) return undefined;
  return { command: m[1] as OfficerCommandName, rest: m[2]! };
}

/** The officer's next message completes the command; `/huy` gives it up. */
export function commandArgsOfAnswer(prompt: ButtonPrompt, text: string): string {
  return `${prompt.code} ${cleanFreeText(text)}`;
}
