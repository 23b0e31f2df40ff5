// Where an open reception form waits between two messages: 15 minutes, one per officer and chat.
// The visitor's name, CCCD, address and phone are in it: sealed like every officer chat state.
import { ZReceptionFormStateSchema, type ReceptionFormState } from './reception-form.js';
import {
  createRedisOfficerChatState,
  type OfficerChatStateOptions,
  type OfficerChatStateStore,
} from './officer-chat-state.store.js';

export const RECEPTION_FORM_TTL_SECONDS = 15 * 60;

export type ReceptionFormStore = OfficerChatStateStore<ReceptionFormState>;

export function createRedisReceptionFormStore(options: OfficerChatStateOptions): ReceptionFormStore {
  return createRedisOfficerChatState({
    ...options,
    purpose: 'reception-form',
    schema: ZReceptionFormStateSchema,
    ttlSeconds: RECEPTION_FORM_TTL_SECONDS,
  });
}
