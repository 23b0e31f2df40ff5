// What GET /api/cases/:code answers, as a zod schema: the type of getPublicCaseStatus comes from it
// and the OpenAPI document is generated from it, so the answer, the type and the documentation
// cannot drift apart (test/integration/metrics-openapi.test.ts checks a real answer against it).
import { z } from 'zod';

const isoInstant = z.iso.datetime();

export const ZPublicCaseStatusSchema = z
  .object({
    code: z.string().meta({ description: 'The tracking code, normalised (e.g. UXP8-PZ8-8SS).' }),
    kind: z.string().nullable().meta({ description: 'null while the submission is not yet a case.' }),
    kindLabel: z.string().nullable(),
    status: z.string(),
    statusLabel: z.string(),
    statusNote: z.string().nullable().meta({
      description:
        'What the sender should know beyond the status, in Vietnamese; e.g. that the content could not be read and should be sent again. null otherwise.',
    }),
    organization: z.string().nullable(),
    unit: z.string().nullable(),
    receivedAt: isoInstant,
    updatedAt: isoInstant,
    outcome: z.string().nullable(),
    answer: z.string().nullable().meta({
      description:
        'The answer given on resolution; null for an anonymous case without its x-follow-up-secret.',
    }),
    replies: z
      .array(z.object({ at: isoInstant, text: z.string() }).strict())
      .nullable()
      .meta({ description: 'Public replies; null when the secret of an anonymous case is needed.' }),
    repliesNeedSecret: z.boolean(),
    dueDates: z
      .array(
        z
          .object({
            kind: z.string(),
            label: z.string(),
            dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
            paused: z.boolean(),
            basis: z.string(),
          })
          .strict(),
      )
      .meta({
        description:
          'The governing deadline (statutory when one runs, else the unit’s own), with its basis; empty when nothing is counting.',
      }),
    satisfaction: z
      .number()
      .int()
      .min(1)
      .max(5)
      .nullable()
      .meta({ description: 'The sender’s satisfaction answer, shown only where the replies are.' }),
  })
  .strict();

export type PublicCaseStatus = z.output<typeof ZPublicCaseStatusSchema>;
