// Officers' commands and card buttons, parsed. Pure: a command name and its argument text in, a
// typed request (or a Vietnamese usage message) out. The commands themselves — names, English
// aliases, syntax, roles — are entries of officer-command-registry.ts; this file is what the
// router and the handler use of them, and the card buttons' values.
import type { CaseAction } from '../cases/case-transitions.js';
import {
  CASE_COMMANDS,
  findCaseCommand,
  parseWith,
  usageMessage,
  type OfficerCommandName,
} from './officer-command-registry.js';
import type { ParsedOfficerCommand } from './officer-command-args.js';

export {
  parseCaseKind,
  parseOutcome,
  parseStatusFilter,
  parseDutyTime,
  inboxArgsOfButton,
  inboxButtonValue,
  INBOX_BUTTON_PREFIX,
  type ActionParams,
  type HotlineCallForm,
  type OfficerRequest,
  type ParsedOfficerCommand,
} from './officer-command-args.js';
export { officerHelp, type OfficerCommandName } from './officer-command-registry.js';

export const OFFICER_COMMANDS = CASE_COMMANDS.map((c) => c.name) as unknown as readonly [
  OfficerCommandName,
  ...OfficerCommandName[],
];

/** English aliases → the Vietnamese command. */
export const OFFICER_ALIASES: Readonly<Record<string, OfficerCommandName>> = Object.fromEntries(
  CASE_COMMANDS.flatMap((c) => c.aliases.map((alias) => [alias, c.name])),
);

/** Commands anyone may send (they bind or check a staff account). */
export const JOIN_COMMANDS: readonly string[] = ['thamgia', 'join'];

/** The officer command a typed name stands for, or undefined (then it is not an officer command). */
export function officerCommandOf(name: string): OfficerCommandName | undefined {
  return findCaseCommand(name)?.name;
}

export function parseOfficerCommand(name: OfficerCommandName, args: string): ParsedOfficerCommand {
  return parseWith(findCaseCommand(name)!, args) as ParsedOfficerCommand;
}

export const parseInboxArgs = (args: string) => parseOfficerCommand('hopthu', args);
export const parseDutyCommand = (args: string) => parseOfficerCommand('truc', args);
export const parseHotlineForm = (args: string) => parseOfficerCommand('nhanduongday', args);

const usageOf = (name: OfficerCommandName) => usageMessage(findCaseCommand(name)!);
export const INBOX_USAGE = usageOf('hopthu');
export const DUTY_USAGE = usageOf('truc');
export const HOTLINE_FORM_USAGE = usageOf('nhanduongday');
export const RECEPTION_FORM_USAGE = usageOf('tiepdan');

/** Card buttons: `oc:<action>:<caseCode>`, at most 64 bytes (Telegram's callback_data limit). */
export const BUTTON_PREFIX = 'oc:';
export type ButtonAction = CaseAction | 'view' | 'reply';

export function cardButtonValue(action: ButtonAction, code: string): string {
  return `${BUTTON_PREFIX}${action}:${code}`;
}

export function parseCardButton(value: string): { action: ButtonAction; code: string } | undefined {
  const m = /^oc:([a-z_]{1,32}):([2-9A-Za-z-]{4,20})$/.exec(value);
  if (!m) return undefined;
  return { action: m[1] as ButtonAction, code: m[2]! };
}
