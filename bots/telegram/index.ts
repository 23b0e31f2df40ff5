// The Telegram adapter's public surface. Telegraf stays behind this line (docs/decisions/0005).
export {
  createTelegramBot,
  type DialogHandle,
  type TelegramBot,
  type TelegramBotOptions,
} from './telegram-bot.js';
export { createTelegramSender } from './telegram-sender.js';
