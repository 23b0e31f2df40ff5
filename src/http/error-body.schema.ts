// The one error shape of the HTTP API (error-handler.ts): { error: { code, message, ...details } },
// as a zod schema for the OpenAPI document.
import { z } from 'zod';
import { ERROR_CODES } from '../core/app-error.js';

/** Codes the HTTP edge adds to AppError's: body limits, media type, bad JSON, sessions, tokens. */
const HTTP_ERROR_CODES = [
  'too_large',
  'unsupported_media_type',
  'bad_request',
  'unknown_session',
  'unauthorized',
] as const;

export const ZErrorBodySchema = z
  .object({
    error: z
      .object({
        code: z.enum([...(Object.keys(ERROR_CODES) as (keyof typeof ERROR_CODES)[]), ...HTTP_ERROR_CODES]),
        message: z.string().meta({ description: 'Vietnamese, for a person; names the field at fault.' }),
      })
      // An AppError's details (e.g. `field`, `reason`) travel beside code and message.
      .loose(),
  })
  .strict();
