// The intake dialog, for every channel adapter:
//
//   const dialog = createIntakeDialog(createDialogDeps(ctx, { redis }));
//   const replies: Outbound[] = await dialog.handle(envelope);
//
// or, in one call, `createIntakeDialogHandler(ctx, { redis })` → `(envelope) => Promise<Outbound[]>`.
// Unit tests of an adapter can use src/dialog/testing/fake-dialog-deps.ts instead of real deps.
import type { Redis } from 'ioredis';
import type { AppContext } from '../app-context.js';
import { createDialogDeps } from './create-dialog-deps.js';
import type { DialogOptions } from './dialog-deps.js';
import type { InboundEnvelope, Outbound } from './dialog-types.js';
import { createIntakeDialog } from './intake-dialog.js';

export type * from './dialog-types.js';
export { createIntakeDialog, type IntakeDialog } from './intake-dialog.js';
export {
  createDialogDeps,
  createDialogDraftStore,
  type CreateDialogDepsOptions,
} from './create-dialog-deps.js';
export {
  DEFAULT_DIALOG_OPTIONS,
  DRAFT_TTL_SECONDS,
  type DialogDeps,
  type DialogOptions,
} from './dialog-deps.js';
export { createRedisDraftStore, draftKey, type DraftStore } from './draft.store.js';
export {
  buildSatisfactionQuestion,
  parseSatisfactionValue,
  satisfactionValue,
  SATISFACTION_SCORES,
  type SatisfactionScore,
} from './satisfaction-question.js';
export { parseStartPayload, trackStartPayload, unitStartPayload, type StartPayload } from './deep-link.js';
export { remindSilentDraft } from './remind-silent-draft.js';
export { reopenCaseBySender, DEFAULT_REOPEN_WINDOW_DAYS } from './reopen-by-sender.js';

export function createIntakeDialogHandler(
  ctx: AppContext,
  deps: { redis?: Redis; reopenWindowDays?: number; options?: Partial<DialogOptions> } = {},
): (envelope: InboundEnvelope) => Promise<Outbound[]> {
  const dialog = createIntakeDialog(
    createDialogDeps(ctx, {
      ...(deps.redis ? { redis: deps.redis } : {}),
      ...(deps.reopenWindowDays !== undefined ? { reopenWindowDays: deps.reopenWindowDays } : {}),
    }),
    deps.options,
  );
  return (envelope) => dialog.handle(envelope);
}
