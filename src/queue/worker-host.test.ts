import { describe, expect, it } from 'vitest';
import { assertEveryJobHasAHandler } from './worker-host.js';
import { JOB_NAMES } from './job-registry.js';

describe('job registry', () => {
  it('fails at start-up when a job has no handler or a handler has no job', () => {
    expect(() => assertEveryJobHasAHandler({})).toThrow(/no handler for intake.process-submission/);
    const all = Object.fromEntries(JOB_NAMES.map((n) => [n, async () => {}]));
    expect(() => assertEveryJobHasAHandler(all)).not.toThrow();
    expect(() => assertEveryJobHasAHandler({ ...all, 'ghost.job': async () => {} })).toThrow(
      /unknown jobs ghost.job/,
    );
  });
});
