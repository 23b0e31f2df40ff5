import { z } from 'zod';
import { isLocalDate, type LocalDate } from '../calendar/local-date.js';
import { CLOCK_KINDS } from './time-limit.js';

/**
 * Rule sets and internal limits arrive as JSON (the `rule_sets.rules` column, an admin upload);
 * these schemas check them on the way in so the arithmetic can trust its inputs.
 */

const ZLocalDate = z
  .string()
  .refine(isLocalDate, 'Ngày phải có dạng YYYY-MM-DD')
  .transform((d) => d as LocalDate);
const ZDays = z.number().int().positive();
const ZDayType = z.enum(['working', 'calendar']);
const ZClockKind = z.enum(CLOCK_KINDS);
const ZText = z.string().trim().min(1);

export const ZTimeLimitRuleSchema = z.object({
  id: ZText,
  clockKind: ZClockKind,
  appliesTo: z
    .array(z.enum(['feedback', 'report', 'petition', 'complaint', 'denunciation', 'praise']))
    .min(1),
  audience: z.enum(['citizen', 'staff']),
  trigger: ZText,
  days: ZDays,
  dayType: ZDayType,
  variants: z
    .array(
      z.object({
        condition: z.enum(['remote_area']),
        days: ZDays,
        maxDays: ZDays.optional(),
        description: ZText,
      }),
    )
    .optional(),
  extension: z
    .object({
      maxCount: ZDays,
      maxDaysEach: ZDays.optional(),
      requiresWrittenDecision: z.boolean(),
      description: ZText,
    })
    .optional(),
  maxDays: ZDays.optional(),
  pausable: z.boolean(),
  pauseSource: ZText.optional(),
  statutory: z.boolean(),
  sourceArticle: ZText,
  description: ZText,
  note: ZText.optional(),
});

export const ZRuleSetSchema = z
  .object({
    code: ZText,
    name: ZText,
    effectiveFrom: ZLocalDate,
    source: ZText,
    rules: z.array(ZTimeLimitRuleSchema),
    apology: z.object({
      leadWorkingDays: ZDays,
      maxDueDateResets: z.number().int().min(0),
      sourceArticle: ZText,
    }),
    note: ZText.optional(),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (seen.has(rule.clockKind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'clockKind'],
          message: `Trùng thời hạn "${rule.clockKind}"`,
        });
      }
      seen.add(rule.clockKind);
      if (rule.maxDays !== undefined && rule.maxDays < rule.days) {
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'maxDays'],
          message: 'Mức tối đa nhỏ hơn thời hạn',
        });
      }
    });
  });

export const ZOrgInternalLimitSchema = z.object({
  clockKind: ZClockKind,
  days: ZDays,
  dayType: ZDayType,
  description: ZText.optional(),
  source: ZText.optional(),
});
