// One error type for the whole app. Edges translate it: HTTP into a status, bots into a friendly
// Vietnamese message, workers into a retry decision (retryable codes are retried, others are not).
export const ERROR_CODES = {
  validation: { http: 400, retry: false },
  malformed_code: { http: 400, retry: false },
  not_found: { http: 404, retry: false },
  conflict: { http: 409, retry: false },
  unprocessable: { http: 422, retry: false },
  forbidden: { http: 403, retry: false },
  illegal_transition: { http: 409, retry: false },
  rate_limited: { http: 429, retry: true },
  unavailable: { http: 503, retry: true },
  internal: { http: 500, retry: true },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    /** Shown to the person: Vietnamese, clear, no internals. */
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retry;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
