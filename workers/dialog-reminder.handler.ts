// Thin: the payload was validated by the worker host; one use case does the work.
import type { AppContext } from '../src/app-context.js';
import { createDialogDraftStore } from '../src/dialog/create-dialog-deps.js';
import type { DraftStore } from '../src/dialog/draft.store.js';
import { remindSilentDraft } from '../src/dialog/remind-silent-draft.js';
import type { JobHandler } from '../src/queue/worker-host.js';

export const createDialogReminderHandler = (ctx: AppContext): JobHandler<'dialog.remind-draft'> => {
  let drafts: DraftStore | undefined;
  return async ({ draftId }) => remindSilentDraft(ctx, (drafts ??= createDialogDraftStore(ctx)), draftId);
};
