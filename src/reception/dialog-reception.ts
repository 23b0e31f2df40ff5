// The dialog's port to citizen reception (DialogReception), on the real services.
import type { AppContext } from '../app-context.js';
import { findOrganizationByCode } from '../directory/directory.repository.js';
import type { DialogReception } from './reception-booking-types.js';
import {
  bookReception,
  cancelBooking,
  listFreeSlots,
  listMyBookings,
  listUpcomingOffers,
  moveBooking,
} from './reception-bookings.js';

export function createDialogReception(ctx: AppContext): DialogReception {
  return {
    async listOffers(organizationCode) {
      const org = await findOrganizationByCode(ctx.db.prisma, organizationCode);
      return org ? listUpcomingOffers(ctx, org.id) : [];
    },
    freeSlots: (sessionId, date) => listFreeSlots(ctx, sessionId, date),
    book: (input) => bookReception(ctx, input),
    move: (input) => moveBooking(ctx, input),
    cancel: (input) => cancelBooking(ctx, input),
    listMine: (conversation) => listMyBookings(ctx, conversation),
  };
}
