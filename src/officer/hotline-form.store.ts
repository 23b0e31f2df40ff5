// Where an open hotline form waits between two messages: 15 minutes, one per officer and chat.
import { ZHotlineFormStateSchema, type HotlineFormState } from './hotline-form.js';
import {
  createRedisOfficerChatState,
  type OfficerChatStateOptions,
  type OfficerChatStateStore,
} from './officer-chat-state.store.js';

export const HOTLINE_FORM_TTL_SECONDS = 15 * 60;

export type HotlineFormStore = OfficerChatStateStore<HotlineFormState>;

export function createRedisHotlineFormStore(options: OfficerChatStateOptions): HotlineFormStore {
  return createRedisOfficerChatState({
    ...options,
    purpose: 'hotline-form',
    schema: ZHotlineFormStateSchema,
    ttlSeconds: HOTLINE_FORM_TTL_SECONDS,
  });
}
