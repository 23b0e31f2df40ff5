// The booking side flow (citizen reception, src/reception): pick an upcoming session, a time, give a
// name and a phone with consent, get the confirmation with what to bring. Reached from the menu,
// `/datlich [mã hồ sơ]`, the tracking answer of one's own case, and right after a complaint whose
// sender chose "Hẹn gặp cán bộ tiếp công dân" (the case code carried along). Moving a booking runs
// the same steps without asking the name again. Every channel gets it: it is part of the one dialog.
import { isLocalDate, type LocalDate } from '../calendar/local-date.js';
import { parseTrackingCode } from '../cases/tracking-code.js';
import { cleanFreeText } from '../core/free-text.js';
import type { BookingView, FreeSlot, ReceptionOffer } from '../reception/reception-booking-types.js';
import { PHONE } from './dialog-steps.js';
import type { Draft } from './dialog-draft.js';
import type { StepDef, StepOutcome, Turn } from './dialog-turn.js';
import type { Button } from './dialog-types.js';

type BookingState = NonNullable<Draft['booking']>;

function state(turn: Turn): BookingState {
  return (turn.draft.booking ??= { offers: [] });
}

function organizationOf(turn: Turn): string | undefined {
  return turn.draft.organizationCode ?? turn.deps.directory.defaultOrganizationCode();
}

/** Begins (or restarts) booking; `caseCode` links it to a case, `moveRef` moves that booking. */
export async function startBooking(
  turn: Turn,
  start: { caseCode?: string; moveRef?: string; name?: string; phone?: string },
): Promise<void> {
  if (!turn.draft.step.startsWith('book')) turn.beginSideFlow('bookSession');
  turn.draft.step = 'bookSession';
  turn.draft.booking = {
    offers: [],
    ...(start.caseCode ? { caseCode: start.caseCode } : {}),
    ...(start.moveRef ? { moveRef: start.moveRef } : {}),
    ...(start.name ? { name: start.name } : {}),
    ...(start.phone ? { phone: start.phone } : {}),
  };
  await offerSessions(turn);
}

async function offerSessions(turn: Turn, header?: string): Promise<void> {
  const code = organizationOf(turn);
  const offers = code ? await turn.deps.reception.listOffers(code) : [];
  if (!offers.length) {
    const org = code ? await turn.deps.directory.findOrganization(code) : null;
    turn.say(turn.t.reception.noSessions(org?.hotlines[0]?.numbers[0]));
    await turn.endSideFlow();
    return;
  }
  const booking = state(turn);
  booking.offers = offers.slice(0, 8).map((o) => ({ sessionId: o.sessionId, date: o.date }));
  await turn.prompt(header);
}

/** Loads the offers again (free places change) and finds the one a button stood for. */
async function currentOffer(
  turn: Turn,
  sessionId: string,
  date: string,
): Promise<ReceptionOffer | undefined> {
  const code = organizationOf(turn);
  if (!code) return undefined;
  return (await turn.deps.reception.listOffers(code)).find(
    (o) => o.sessionId === sessionId && o.date === date,
  );
}

async function refuseFull(turn: Turn, next: FreeSlot | null): Promise<void> {
  const booking = state(turn);
  booking.next = next
    ? { sessionId: next.offer.sessionId, date: next.offer.date, slot: next.slot }
    : undefined;
  booking.sessionId = booking.date = booking.slot = undefined;
  turn.draft.step = 'bookSession';
  await offerSessions(turn, turn.t.reception.full(next));
}

const bookSession: StepDef = {
  prompt: async (turn) => {
    const { t } = turn;
    const booking = state(turn);
    const code = organizationOf(turn);
    const offers = code ? await turn.deps.reception.listOffers(code) : [];
    const rows: Button[][] = [];
    if (booking.next) {
      const next = offers.find(
        (o) => o.sessionId === booking.next!.sessionId && o.date === booking.next!.date,
      );
      if (next)
        rows.push([
          {
            label: t.reception.nextFreeLabel({ offer: next, slot: booking.next.slot }),
            value: 'bookSession:next',
          },
        ]);
    }
    booking.offers.forEach((ref, i) => {
      const offer = offers.find((o) => o.sessionId === ref.sessionId && o.date === ref.date);
      if (offer) rows.push([{ label: t.reception.offerLabel(offer), value: `bookSession:${i}` }]);
    });
    return { text: t.reception.sessionPrompt(booking.caseCode), buttons: rows };
  },
  async onChoice(turn, choice): Promise<StepOutcome> {
    const booking = state(turn);
    if (choice === 'next' && booking.next) {
      const { sessionId, date, slot } = booking.next;
      booking.next = undefined;
      Object.assign(booking, { sessionId, date, slot });
      await afterSlot(turn);
      return 'stay';
    }
    const ref = booking.offers[Number(choice)];
    const offer = ref ? await currentOffer(turn, ref.sessionId, ref.date) : undefined;
    if (!offer) {
      await offerSessions(turn, turn.t.reception.gone);
      return 'stay';
    }
    if (offer.free <= 0) {
      await refuseFull(turn, await nextFree(turn));
      return 'stay';
    }
    booking.sessionId = offer.sessionId;
    booking.date = offer.date;
    booking.next = undefined;
    if (!offer.slotted) {
      booking.slot = offer.startTime;
      await afterSlot(turn);
      return 'stay';
    }
    turn.draft.step = 'bookSlot';
    await turn.prompt();
    return 'stay';
  },
};

async function nextFree(turn: Turn): Promise<FreeSlot | null> {
  const code = organizationOf(turn);
  if (!code) return null;
  for (const offer of await turn.deps.reception.listOffers(code)) {
    if (offer.free <= 0) continue;
    const [slot] = await turn.deps.reception.freeSlots(offer.sessionId, offer.date as LocalDate);
    if (slot) return { offer, slot };
  }
  return null;
}

const bookSlot: StepDef = {
  prompt: async (turn) => {
    const booking = state(turn);
    const offer = await currentOffer(turn, booking.sessionId ?? '', booking.date ?? '');
    const slots = offer ? await turn.deps.reception.freeSlots(offer.sessionId, offer.date) : [];
    const buttons = slots
      .slice(0, 12)
      .map((slot) => ({ label: slot, value: `bookSlot:${slot.replace(':', '')}` }));
    const rows: Button[][] = [];
    for (let i = 0; i < buttons.length; i += 3) rows.push(buttons.slice(i, i + 3));
    return { text: offer ? turn.t.reception.slotPrompt(offer) : turn.t.reception.gone, buttons: rows };
  },
  async onChoice(turn, choice): Promise<StepOutcome> {
    const booking = state(turn);
    if (!/^\d{4}$/.test(choice)) return 'stay';
    booking.slot = `${choice.slice(0, 2)}:${choice.slice(2)}`;
    await afterSlot(turn);
    return 'stay';
  },
  async onText(turn, text): Promise<StepOutcome> {
    const match = /^(\d{1,2})[:hg.](\d{2})?$/i.exec(text.trim());
    if (!match) {
      await turn.prompt(turn.t.notUnderstood);
      return 'stay';
    }
    return bookSlot.onChoice!(turn, `${match[1]!.padStart(2, '0')}${match[2] ?? '00'}`);
  },
};

/** A session and time are picked: move the booking, or ask what is still missing, then book. */
async function afterSlot(turn: Turn): Promise<void> {
  const booking = state(turn);
  if (booking.moveRef) return moveNow(turn);
  if (!booking.name) return goTo(turn, 'bookName');
  if (!booking.phone) return goTo(turn, 'bookPhone');
  return goTo(turn, 'bookConsent');
}

async function goTo(turn: Turn, step: 'bookName' | 'bookPhone' | 'bookConsent'): Promise<void> {
  turn.draft.step = step;
  await turn.prompt();
}

const bookName: StepDef = {
  prompt: (turn) => ({ text: turn.t.reception.namePrompt }),
  async onText(turn, text): Promise<StepOutcome> {
    const name = cleanFreeText(text);
    if (name.length < 2 || name.length > 120) {
      await turn.prompt(turn.t.tooLong(120));
      return 'stay';
    }
    state(turn).name = name;
    await afterSlot(turn);
    return 'stay';
  },
};

// A shared contact (Telegram's button) arrives as its phone number through onText.
const bookPhone: StepDef = {
  prompt: (turn) => ({ text: turn.t.reception.phonePrompt, requestContact: true }),
  async onText(turn, text): Promise<StepOutcome> {
    if (!PHONE.test(text.trim())) {
      turn.say(turn.t.phoneInvalid, { requestContact: true });
      return 'stay';
    }
    state(turn).phone = text.trim();
    await afterSlot(turn);
    return 'stay';
  },
};

const bookConsent: StepDef = {
  prompt: async (turn) => {
    const code = organizationOf(turn);
    const org = code ? await turn.deps.directory.findOrganization(code) : null;
    return { text: turn.t.reception.consentPrompt(org?.name) };
  },
  columns: 1,
  options: (turn) => [
    { value: 'agree', label: turn.t.consentLabels.agree, synonyms: ['đồng ý', 'có', 'ok', 'yes', 'agree'] },
    { value: 'decline', label: turn.t.consentLabels.decline, synonyms: ['không đồng ý', 'không', 'no'] },
  ],
  async onChoice(turn, choice): Promise<StepOutcome> {
    if (choice === 'decline') {
      turn.say(turn.t.reception.declined);
      await turn.endSideFlow();
      return 'stay';
    }
    if (choice !== 'agree') return 'stay';
    await bookNow(turn);
    return 'stay';
  },
};

function changeButtons(turn: Turn, b: BookingView): Button[][] {
  return [
    [
      { label: turn.t.reception.moveLabel, value: `bkm:${b.reference}` },
      { label: turn.t.reception.cancelLabel, value: `bkc:${b.reference}` },
    ],
  ];
}

async function bookNow(turn: Turn): Promise<void> {
  const booking = state(turn);
  const code = organizationOf(turn);
  const { sessionId, date, slot, name, phone } = booking;
  if (!code || !sessionId || !date || !slot || !name || !phone || !isLocalDate(date)) {
    await offerSessions(turn, turn.t.reception.gone);
    return;
  }
  const result = await turn.deps.reception.book({
    organizationCode: code,
    sessionId,
    date,
    slot,
    name,
    phone,
    conversation: turn.env.conversation,
    locale: turn.draft.locale,
    ...(booking.caseCode ? { caseCode: booking.caseCode } : {}),
  });
  if (result.ok) {
    turn.say(turn.t.reception.confirmed(result.booking), { buttons: changeButtons(turn, result.booking) });
    await turn.endSideFlow();
    return;
  }
  if (result.reason === 'full') return refuseFull(turn, result.next);
  if (result.reason === 'limit') {
    turn.say(turn.t.reception.limit(result.max));
    await turn.endSideFlow();
    return;
  }
  turn.draft.step = 'bookSession';
  await offerSessions(turn, turn.t.reception.gone);
}

async function moveNow(turn: Turn): Promise<void> {
  const booking = state(turn);
  const { moveRef, sessionId, date, slot } = booking;
  if (!moveRef || !sessionId || !date || !slot || !isLocalDate(date)) {
    await offerSessions(turn, turn.t.reception.gone);
    return;
  }
  const result = await turn.deps.reception.move({
    reference: moveRef,
    sessionId,
    date,
    slot,
    conversation: turn.env.conversation,
  });
  if (result.ok) {
    turn.say(turn.t.reception.moved(result.booking), { buttons: changeButtons(turn, result.booking) });
    await turn.endSideFlow();
    return;
  }
  if (result.reason === 'full') return refuseFull(turn, result.next);
  if (result.reason === 'gone') {
    turn.draft.step = 'bookSession';
    await offerSessions(turn, turn.t.reception.gone);
    return;
  }
  turn.say(turn.t.reception.refused(result.reason));
  await turn.endSideFlow();
}

/** `/datlich [mã hồ sơ]` and the tracking answer's button: a case is linked only for its sender. */
export async function startBookingForCase(turn: Turn, rawCode: string): Promise<void> {
  const parsed = rawCode.trim() ? parseTrackingCode(rawCode) : undefined;
  if (!parsed) return startBooking(turn, {});
  if (!parsed.ok) {
    turn.say(turn.t.trackCodeError(parsed.reason));
    return;
  }
  const found = await turn.deps.tracking.track({ code: parsed.code, conversation: turn.env.conversation });
  if (found.found && found.case.isSender) return startBooking(turn, { caseCode: parsed.code });
  turn.say(turn.t.reception.caseNotLinked(parsed.code));
  return startBooking(turn, {});
}

/** `/lichhen`: this chat's upcoming bookings, each with its move and cancel buttons. */
export async function showMyBookings(turn: Turn): Promise<void> {
  const mine = await turn.deps.reception.listMine(turn.env.conversation);
  turn.say(
    turn.t.reception.mine(mine),
    mine.length ? { buttons: mine.flatMap((b) => changeButtons(turn, b)) } : {},
  );
}

/** Button values of bookings, at any step: `bkm:` move, `bkc:` ask to cancel, `bkcy:` cancel. */
export async function runBookingChoice(turn: Turn, value: string): Promise<boolean> {
  const [kind, reference] = value.split(':', 2) as [string, string | undefined];
  if (!reference) return false;
  switch (kind) {
    case 'bkcase':
      await startBookingForCase(turn, reference);
      return true;
    case 'bkm':
    case 'bkc': {
      // Only this chat's own upcoming bookings can be moved or cancelled from here.
      const mine = await turn.deps.reception.listMine(turn.env.conversation);
      const booking = mine.find((b) => b.reference === reference);
      if (!booking) {
        turn.say(turn.t.reception.refused('not_found'));
        return true;
      }
      if (kind === 'bkm') {
        await startBooking(turn, {
          moveRef: reference,
          ...(booking.caseCode ? { caseCode: booking.caseCode } : {}),
        });
        return true;
      }
      turn.say(turn.t.reception.cancelConfirmPrompt(booking), {
        buttons: [[{ label: turn.t.reception.cancelYesLabel, value: `bkcy:${reference}` }]],
      });
      return true;
    }
    case 'bkcy': {
      const result = await turn.deps.reception.cancel({ reference, conversation: turn.env.conversation });
      turn.say(
        result.ok ? turn.t.reception.cancelled(result.booking) : turn.t.reception.refused(result.reason),
      );
      return true;
    }
    default:
      return false;
  }
}

export const BOOKING_STEPS = { bookSession, bookSlot, bookName, bookPhone, bookConsent };
