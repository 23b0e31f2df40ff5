// Command menus → setMyCommands. An audience maps to a BotCommandScope (everyone: default; groups:
// all_group_chats; one chat: chat), a locale to language_code (Vietnamese is the default, so no
// code; English 'en'). A refused menu is logged and the bot goes on: a menu is a convenience.
import type { Telegram } from 'telegraf';
import type { Logger } from '../../src/core/logger.js';
import {
  MENU_COMMAND_PATTERN,
  MENU_DESCRIPTION_LIMIT,
  type CommandMenu,
} from '../../src/officer/command-menus.js';
import { describeTelegramError } from './telegram-errors.js';

type Scope = { type: 'default' } | { type: 'all_group_chats' } | { type: 'chat'; chat_id: number | string };

export function menuScope(menu: CommandMenu): Scope {
  switch (menu.audience.type) {
    case 'everyone':
      return { type: 'default' };
    case 'groups':
      return { type: 'all_group_chats' };
    case 'chat':
      return { type: 'chat', chat_id: menu.audience.chatId };
  }
}

/** The commands Telegram accepts (name syntax, description length); the rest are dropped. */
export function menuCommands(menu: CommandMenu): { command: string; description: string }[] {
  return menu.commands
    .filter((c) => MENU_COMMAND_PATTERN.test(c.command) && c.description.trim())
    .map((c) => ({ command: c.command, description: c.description.slice(0, MENU_DESCRIPTION_LIMIT) }));
}

/** Publishes each menu; never throws. Chat ids stay out of the log (they are personal). */
export async function publishCommandMenus(
  telegram: Telegram,
  menus: readonly CommandMenu[],
  logger: Logger,
): Promise<void> {
  for (const menu of menus) {
    try {
      await telegram.setMyCommands(menuCommands(menu), {
        scope: menuScope(menu),
        ...(menu.locale === 'vi' ? {} : { language_code: menu.locale }),
      });
    } catch (err) {
      logger.warn(
        { err: describeTelegramError(err), audience: menu.audience.type, locale: menu.locale },
        'telegram refused a command menu; going on without it',
      );
    }
  }
}
