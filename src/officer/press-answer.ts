// How the officers' side answers a card's button, channel-neutral. A unit's group shares its cards,
// but a press is the presser's own: a refusal is shown to them alone and leaves the card as it is;
// a move that changed the case rewrites the card for everyone (its state and the next moves) and
// confirms in a few words to the presser. In a private chat the presser is the only reader, so
// refusals and confirmations stay ordinary messages there.
import type { Outbound, PressReply } from '../dialog/dialog-types.js';

export interface PressPlace {
  /** The press came from a group chat. */
  inGroup: boolean;
  /** The presser is bound staff, so the bot may write to them privately. */
  staff: boolean;
}

export function refusedPress(text: string, place: PressPlace): PressReply {
  if (!place.inGroup) return { replies: [{ text }], press: { message: 'keep' } };
  return {
    replies: [],
    press: { notice: { text, alert: true, ...(place.staff ? { privateCopy: true } : {}) }, message: 'keep' },
  };
}

/** A press that changed nothing (a view, a question for words): its messages, the card untouched. */
export function cardKept(replies: Outbound[]): PressReply {
  return { replies, press: { message: 'keep' } };
}

/** A move made: the card now reads `card`; the presser is told by the first line of `confirmation`. */
export function cardRewritten(confirmation: Outbound, card: Outbound, place: PressPlace): PressReply {
  const firstLine = confirmation.text.split('\n', 1)[0]!;
  return {
    replies: place.inGroup ? [] : [confirmation],
    press: {
      notice: { text: firstLine },
      message: { text: card.text, ...(card.buttons?.length ? { buttons: card.buttons } : {}) },
    },
  };
}
