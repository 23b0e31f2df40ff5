import { AppError, type ErrorCode } from '../core/app-error.js';

/** Why a deadline operation was refused; the edges read `reason`, people read the message. */
export type DeadlineErrorReason =
  | 'no_rule_set_in_force'
  | 'no_rule_for_clock'
  | 'unknown_variant'
  | 'internal_limit_day_type_mismatch'
  | 'internal_limit_exceeds_statutory'
  | 'invalid_extension'
  | 'extension_not_allowed'
  | 'extension_count_exceeded'
  | 'extension_too_long'
  | 'extension_exceeds_maximum'
  | 'pause_not_allowed'
  | 'clock_already_paused'
  | 'clock_not_paused'
  | 'clock_stopped'
  | 'date_before_start'
  | 'due_date_already_reset'
  | 'due_date_not_later'
  | 'due_date_not_working_day';

const APP_CODES: Record<DeadlineErrorReason, ErrorCode> = {
  no_rule_set_in_force: 'not_found',
  no_rule_for_clock: 'not_found',
  unknown_variant: 'validation',
  internal_limit_day_type_mismatch: 'validation',
  internal_limit_exceeds_statutory: 'unprocessable',
  invalid_extension: 'validation',
  extension_not_allowed: 'unprocessable',
  extension_count_exceeded: 'unprocessable',
  extension_too_long: 'unprocessable',
  extension_exceeds_maximum: 'unprocessable',
  pause_not_allowed: 'unprocessable',
  clock_already_paused: 'conflict',
  clock_not_paused: 'conflict',
  clock_stopped: 'conflict',
  date_before_start: 'validation',
  due_date_already_reset: 'conflict',
  due_date_not_later: 'unprocessable',
  due_date_not_working_day: 'unprocessable',
};

export class DeadlineError extends AppError {
  override name = 'DeadlineError';
  constructor(
    readonly reason: DeadlineErrorReason,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(APP_CODES[reason], message, { reason, ...details });
  }
}

export const isDeadlineError = (e: unknown): e is DeadlineError => e instanceof DeadlineError;
