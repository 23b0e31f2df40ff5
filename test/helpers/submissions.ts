// Submissions as the API takes them (parsed by its schema), each with a fresh client-chosen id, for
// tests that feed the intake slice directly.
import { parseInput } from '../../src/core/validation.js';
import { ZSubmissionSchema, type Submission } from '../../src/intake/submission.schema.js';

/** A maker of submissions: `defaults` are the file's usual fields, `over` changes one submission. */
export function submissionMaker(
  idPrefix: string,
  defaults: Record<string, unknown>,
): (over?: Record<string, unknown>) => Submission {
  let n = 0;
  return (over = {}) =>
    parseInput(ZSubmissionSchema, {
      submissionId: `${idPrefix}-${Date.now()}-${n++}`,
      ...defaults,
      ...over,
    });
}
