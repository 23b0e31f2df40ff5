// Links from a department's QR poster to the OA chat. Zalo documents no way for a plain OA link
// (https://zalo.me/<OA id>) to carry a parameter into the chat: the `message` prefill of openChat
// exists only inside a Zalo Mini App, and OA "follow" events carry no campaign data. So the
// honest best option is the OA link plus a keyword printed beside it, which the person sends as
// their first message: `#u_<unitCode>`, read like Telegram's `/start u_<unitCode>`.
import { unitStartPayload } from '../../src/dialog/deep-link.js';

export interface ZaloLinkConfig {
  zalo?: { oaId?: string | undefined } | undefined;
}

/**
 * The link that opens the OA chat, or undefined when ZALO_OA_ID is not set. The unit code cannot
 * travel in it (see above): print `zaloUnitKeyword(unitCode)` next to the QR code. The code is
 * still checked here, so a poster is never made for a code the dialog would not accept.
 */
export function zaloOaLink(config: ZaloLinkConfig, unitCode: string): string | undefined {
  const oaId = config.zalo?.oaId;
  if (!oaId) return undefined;
  unitStartPayload(unitCode);
  return `https://zalo.me/${encodeURIComponent(oaId)}`;
}

/** What the person sends to the OA to preset the unit: `#u_<unitCode>`. */
export function zaloUnitKeyword(unitCode: string): string {
  return `#${unitStartPayload(unitCode)}`;
}
