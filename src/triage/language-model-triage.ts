// The optional language-model adapter: an OpenAI-compatible server the organisation runs itself
// (TRIAGE_LLM_URL, `/v1/chat/completions`). It answers in the local model's terms (kind, unit role,
// urgency, confidence, words), checked with zod; anything else — a time-out, an error status, text
// that is not that JSON — is null, and the caller keeps the local model's suggestion. Only the
// redacted text and the list of units are sent: never the sender's identity, never the raw text.
import { z } from 'zod';
import { CASE_KINDS, ZCaseKindSchema } from '../cases/case-vocabulary.js';
import type { Logger } from '../core/logger.js';
import { URGENCIES } from './triage-model.js';

export interface LanguageModelSettings {
  url: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
}

export const ZLanguageModelAnswerSchema = z
  .object({
    kind: ZCaseKindSchema.nullable(),
    unit: z.string().max(40).nullable(),
    urgency: z.enum(URGENCIES),
    confidence: z.number().min(0).max(1),
    because: z.array(z.string().max(60)).max(5).default([]),
  })
  .strict();
export type LanguageModelAnswer = z.infer<typeof ZLanguageModelAnswerSchema>;

const ZChatCompletionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string() }) })).min(1),
});

export type LanguageModelOutcome =
  { ok: true; answer: LanguageModelAnswer } | { ok: false; reason: 'timeout' | 'http_error' | 'bad_output' };

export async function askLanguageModel(
  settings: LanguageModelSettings,
  redactedText: string,
  units: readonly { role: string; name: string }[],
  logger?: Logger,
): Promise<LanguageModelOutcome> {
  const system = [
    'You triage feedback sent to a Vietnamese public health unit. Answer with one JSON object only:',
    `{"kind": one of ${JSON.stringify(CASE_KINDS)} or null, "unit": one of ${JSON.stringify(units.map((u) => u.role))} or null,`,
    ' "urgency": "normal" or "urgent" (urgent = a life or health at risk now), "confidence": 0..1,',
    ' "because": up to 5 words of the text that decided it}.',
    `Units: ${units.map((u) => `${u.role} = ${u.name}`).join('; ')}.`,
  ].join('');
  let response: Response;
  try {
    response = await fetch(`${settings.url}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(settings.apiKey && { authorization: `Bearer ${settings.apiKey}` }),
      },
      body: JSON.stringify({
        model: settings.model,
        temperature: 0,
        response_format: { type: 'json_object' },
        messages: [
          { role: 'system', content: system },
          { role: 'user', content: redactedText },
        ],
      }),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (err) {
    const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    logger?.warn({ reason: timedOut ? 'timeout' : 'unreachable' }, 'triage language model did not answer');
    return { ok: false, reason: timedOut ? 'timeout' : 'http_error' };
  }
  if (!response.ok) {
    logger?.warn({ status: response.status }, 'triage language model answered with an error');
    await response.body?.cancel();
    return { ok: false, reason: 'http_error' };
  }
  try {
    const completion = ZChatCompletionSchema.parse(await response.json());
    const content = completion.choices[0]!.message.content.replace(/^```(?:json)?\s*|\s*```$/g, '');
    const answer = ZLanguageModelAnswerSchema.parse(JSON.parse(content));
    if (answer.unit !== null && !units.some((u) => u.role === answer.unit)) throw new Error('unknown unit');
    return { ok: true, answer };
  } catch {
    logger?.warn({ reason: 'bad_output' }, 'triage language model answer was not the expected JSON');
    return { ok: false, reason: 'bad_output' };
  }
}
