// The messenger's command menus (Telegram's "/" list), built from the command registry and the
// citizen dialog's commands. Channel-neutral: the adapter maps an audience to its own scopes.
// - everyone (every private chat): the citizen commands;
// - groups (the units' groups): the officer commands usable in a group, for every role — the
//   group holds people of several roles and the bot answers a refusal to whoever may not;
// - one staff member's private chat: the citizen commands and the officer commands of their roles.
// Each in Vietnamese (the default) and English (English aliases and descriptions).
import type { Locale, Role } from '../cases/case-vocabulary.js';
import { CITIZEN_MENU } from '../dialog/dialog-commands.js';
import {
  ALL_OFFICER_COMMANDS,
  mayUseCommand,
  type CommandPolicy,
  type OfficerCommandSpec,
} from './officer-command-registry.js';

export type MenuAudience = { type: 'everyone' } | { type: 'groups' } | { type: 'chat'; chatId: string };

export interface MenuCommand {
  /** Without the slash: lowercase letters, digits and underscores, at most 32. */
  command: string;
  /** At most 256 characters. */
  description: string;
}

export interface CommandMenu {
  audience: MenuAudience;
  locale: Locale;
  commands: MenuCommand[];
}

export const MENU_COMMAND_PATTERN = /^[a-z0-9_]{1,32}$/;
export const MENU_DESCRIPTION_LIMIT = 256;

const LOCALES: readonly Locale[] = ['vi', 'en'];

const citizenItems = (locale: Locale): MenuCommand[] =>
  CITIZEN_MENU.map((c) => ({ command: c[locale], description: c.description[locale] }));

const officerItem = (c: OfficerCommandSpec, locale: Locale): MenuCommand => ({
  command: locale === 'vi' ? c.name : c.aliases[0]!,
  description: c.description[locale],
});

/** Later items replace earlier ones of the same name (an officer's /trogiup is the officers' help). */
function merged(...lists: MenuCommand[][]): MenuCommand[] {
  const byName = new Map<string, MenuCommand>();
  for (const item of lists.flat()) byName.set(item.command, item);
  return [...byName.values()];
}

/** Published once at start: citizens everywhere, officers in groups. */
export function publicCommandMenus(): CommandMenu[] {
  return LOCALES.flatMap((locale) => [
    { audience: { type: 'everyone' as const }, locale, commands: citizenItems(locale) },
    {
      audience: { type: 'groups' as const },
      locale,
      commands: ALL_OFFICER_COMMANDS.filter((c) => c.inGroups).map((c) => officerItem(c, locale)),
    },
  ]);
}

/** A staff member's private chat: what their roles may use, after the citizen commands. */
export function staffCommandMenus(
  chatId: string,
  roles: readonly Role[],
  policy?: CommandPolicy,
): CommandMenu[] {
  const usable = ALL_OFFICER_COMMANDS.filter((c) => mayUseCommand(c, roles, policy));
  return LOCALES.map((locale) => ({
    audience: { type: 'chat', chatId },
    locale,
    commands: merged(
      citizenItems(locale),
      usable.map((c) => officerItem(c, locale)),
    ),
  }));
}
