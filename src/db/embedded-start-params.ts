import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite's own start parameters (single-user mode and its settings) plus the buffer pool size: at
 * PostgreSQL's 128 MB default it was most of the embedded process's memory (decision 0044).
 */
export function embeddedStartParams(PGliteClass: typeof PGlite, sharedBuffersMb: number): string[] {
  return [...PGliteClass.defaultStartParams, '-c', `shared_buffers=${sharedBuffersMb}MB`];
}
