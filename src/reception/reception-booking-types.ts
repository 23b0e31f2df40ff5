// What the dialog and the pages see of sessions and bookings: views with no personal data but the
// person's own, and the outcomes a booking can have. The dialog depends on these, not on Prisma.
import type { LocalDate } from '../calendar/local-date.js';
import type { ConversationRef, Locale } from '../dialog/dialog-types.js';
import type { ReceiverRole, ReceptionMode } from './reception-session.js';

/** One occurrence of a session someone may pick. */
export interface ReceptionOffer {
  sessionId: string;
  date: LocalDate;
  /** The day the rule gave, when it was a day off and the session moved. */
  movedFrom?: LocalDate;
  startTime: string;
  endTime: string;
  receiverName: string;
  receiverRole: ReceiverRole;
  place: string;
  mode: ReceptionMode;
  meetingLink?: string;
  /** One slot per person (a time each) rather than one block for everyone. */
  slotted: boolean;
  /** Free places over the whole occurrence. */
  free: number;
}

/** A free slot: an occurrence and the time within it. */
export interface FreeSlot {
  offer: ReceptionOffer;
  slot: string;
}

export interface BookingView {
  reference: string;
  date: LocalDate;
  slot: string;
  /** The end of the person's slot (slotted) or of the session. */
  endTime: string;
  receiverName: string;
  receiverRole: ReceiverRole;
  place: string;
  mode: ReceptionMode;
  meetingLink?: string;
  caseCode?: string;
}

export type BookResult =
  | { ok: true; booking: BookingView }
  /** Every place is taken; the next free slot of the organisation, if any. */
  | { ok: false; reason: 'full'; next: FreeSlot | null }
  /** The session was cancelled or the day has passed. */
  | { ok: false; reason: 'gone' }
  /** This chat already holds RECEPTION_MAX_BOOKINGS_PER_PERSON upcoming bookings. */
  | { ok: false; reason: 'limit'; max: number };

/** Moving keeps the person's booking: the per-person limit does not apply. */
export type MoveResult =
  Exclude<BookResult, { reason: 'limit' }> | { ok: false; reason: BookingChangeRefusal };

export type BookingChangeRefusal = 'not_found' | 'not_yours' | 'not_booked';

export interface BookInput {
  organizationCode: string;
  sessionId: string;
  date: LocalDate;
  slot: string;
  name: string;
  phone: string;
  conversation: ConversationRef;
  locale: Locale;
  caseCode?: string;
}

/** The reception side of the dialog (implemented by src/reception/dialog-reception.ts). */
export interface DialogReception {
  /** Upcoming occurrences of the organisation's sessions, full ones included (marked by `free`). */
  listOffers(organizationCode: string): Promise<ReceptionOffer[]>;
  /** Free slot times of one occurrence. */
  freeSlots(sessionId: string, date: LocalDate): Promise<string[]>;
  book(input: BookInput): Promise<BookResult>;
  move(input: {
    reference: string;
    sessionId: string;
    date: LocalDate;
    slot: string;
    conversation: ConversationRef;
  }): Promise<MoveResult>;
  cancel(input: {
    reference: string;
    conversation: ConversationRef;
  }): Promise<{ ok: true; booking: BookingView } | { ok: false; reason: BookingChangeRefusal }>;
  listMine(conversation: ConversationRef): Promise<BookingView[]>;
}
