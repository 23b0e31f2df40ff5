import type { AppContext } from '../app-context.js';

/** What directory use cases need: no queues, no sealed box, so the CLI can call them too. */
export type DirectoryContext = Pick<AppContext, 'db' | 'clock' | 'logger'>;
