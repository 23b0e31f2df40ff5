// What every channel's renderer checks in a button before sending it. The value pattern is the one
// the dialog promises (ASCII, at most 64 characters, so it also fits Telegram's 64-byte
// callback_data); a title longer than a platform shows is cut with an ellipsis.
import type { Button } from '../../src/dialog/dialog-types.js';
import { BUTTON_VALUE_PATTERN } from '../../src/notify/outbound-content.js';

/** An outbound message the channel cannot carry; senders turn it into a rejected send. */
export class RenderError extends Error {
  override name = 'RenderError';
}

export function checkedButton(b: Button, titleLimit = Infinity): { title: string; value: string } {
  if (!BUTTON_VALUE_PATTERN.test(b.value)) {
    throw new RenderError(
      `button value must be 1–64 characters of [A-Za-z0-9_:.-] (got ${b.value.length} chars)`,
    );
  }
  const label = b.label.trim();
  if (label === '') throw new RenderError('a button needs a label');
  const chars = [...label];
  const title = chars.length > titleLimit ? `${chars.slice(0, titleLimit - 1).join('')}…` : label;
  return { title, value: b.value };
}
