// Where a person can reach a unit's intake: the web chat (always), the Telegram bot and the Zalo
// Official Account (when configured). Printed on QR posters and shown on the home page; the unit
// travels in each link so the conversation starts with the unit already chosen.
import type { Config } from '../config/config.js';
import { unitStartPayload } from '../dialog/deep-link.js';

export interface ChannelLinks {
  web: string;
  telegram?: string;
  zalo?: string;
  /** What to send to the Zalo OA first so the unit is preset (Zalo links carry no parameter). */
  zaloKeyword?: string;
  /** The Facebook Page's chat: https://m.me/<page>?ref=u_<unit> (Meta passes the ref into the chat). */
  messenger?: string;
}

export interface ChannelLinkOptions {
  /** The address the app is reached at when PUBLIC_URL is unset (the listen URL of this process). */
  baseUrl?: string;
  /** The Zalo OA link of a unit, from the Zalo adapter when it is part of the build; undefined when Zalo is off. */
  zaloLink?: (config: Config, unitCode: string) => string | undefined;
  zaloKeyword?: (unitCode: string) => string;
}

export function channelLinks(
  config: Config,
  unitCode: string,
  options: ChannelLinkOptions = {},
): ChannelLinks {
  const base = (config.publicUrl ?? options.baseUrl)?.replace(/\/+$/, '');
  if (!base) throw new Error('The public address of the app is unknown: set PUBLIC_URL.');
  const links: ChannelLinks = { web: `${base}/chat/${encodeURIComponent(unitCode)}` };
  const username = config.telegram?.botUsername;
  if (username) links.telegram = `https://t.me/${username}?start=${unitStartPayload(unitCode)}`;
  const zalo = options.zaloLink?.(config, unitCode);
  if (zalo) {
    links.zalo = zalo;
    if (options.zaloKeyword) links.zaloKeyword = options.zaloKeyword(unitCode);
  }
  const page = config.messenger;
  if (page) {
    links.messenger = `https://m.me/${encodeURIComponent(page.pageUsername ?? page.pageId)}?ref=${unitStartPayload(unitCode)}`;
  }
  return links;
}
