// The OpenAPI 3.1 document of the JSON API, generated from the zod schemas the routes parse with and
// answer by (z.toJSONSchema, JSON Schema 2020-12 as OpenAPI 3.1 uses), so it cannot drift from the
// code. Built once per process; served at /openapi.json and rendered at /api/docs.
import { z } from 'zod';
import {
  ZChatEventBody,
  ZChatMessagesResponse,
  ZChatPollQuery,
  ZChatSessionResponse,
} from '../../bots/web/web-chat.schemas.js';
import { ZPublicCaseStatusSchema } from '../cases/public-case-status.schema.js';
import { ZSubmissionReceiptSchema, ZSubmissionSchema } from '../intake/submission.schema.js';
import { ZErrorBodySchema } from './error-body.schema.js';

export type JsonSchema = Record<string, unknown>;

export interface OpenApiOperation {
  summary: string;
  description?: string;
  parameters?: {
    name: string;
    in: 'path' | 'query' | 'header';
    required: boolean;
    description?: string;
    schema: JsonSchema;
  }[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
  security?: Record<string, string[]>[];
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<'get' | 'post', OpenApiOperation>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

/**
 * A zod schema as the JSON Schema a component holds: requests as their input (what a client
 * sends, before defaults and trimming), responses as their output. `$schema` is left out: OpenAPI
 * 3.1 already says the dialect.
 */
export function componentSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: string) => ({ 'application/json': { schema: ref(name) } });
const error = (description: string) => ({ description, content: json('Error') });
const chatSessionHeader = {
  name: 'x-chat-session',
  in: 'header' as const,
  required: true,
  description: 'The session id from POST /api/chat/session (never in a URL).',
  schema: { type: 'string' },
};

export function buildOpenApiDocument(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Lắng Nghe HTTP API',
      version: '0.1.0',
      description:
        'Feedback and complaint intake. Every error is { "error": { "code", "message" } } with a Vietnamese message naming the field.',
    },
    paths: {
      '/api/submissions': {
        post: {
          summary: 'Submit feedback, a report, a petition, a complaint, a denunciation or praise',
          description:
            'Answered once the submission is stored and queued. The same submissionId again answers the same code (one case).',
          requestBody: { required: true, content: json('SubmissionRequest') },
          responses: {
            '202': {
              description: 'Stored and queued; the code is trackable at once.',
              content: json('SubmissionReceipt'),
            },
            '400': error('A field is invalid (the message names it).'),
            '413': error('The body is larger than 64 KiB.'),
            '415': error('The body is not JSON.'),
          },
        },
      },
      '/api/cases/{code}': {
        get: {
          summary: 'The public status of a case (no personal data)',
          parameters: [
            {
              name: 'code',
              in: 'path',
              required: true,
              description: 'The tracking code.',
              schema: { type: 'string' },
            },
            {
              name: 'x-follow-up-secret',
              in: 'header',
              required: false,
              description: 'The follow-up secret of an anonymous case; without it its replies are hidden.',
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': {
              description: 'The case (or the submission not yet made into one).',
              content: json('PublicCaseStatus'),
            },
            '400': error('The code is mistyped (its check symbol does not fit).'),
            '404': error('No case has this code.'),
          },
        },
      },
      '/api/chat/session': {
        post: {
          summary: 'Create a web chat session, or resume the one in x-chat-session',
          parameters: [{ ...chatSessionHeader, required: false }],
          responses: {
            '200': { description: 'The session id to send from now on.', content: json('ChatSession') },
          },
        },
      },
      '/api/chat/events': {
        post: {
          summary: 'Send text, a button choice or a command to the web chat dialog',
          parameters: [chatSessionHeader],
          requestBody: { required: true, content: json('ChatEventRequest') },
          responses: {
            '200': { description: 'The dialog’s answer.', content: json('ChatMessages') },
            '400': error('A field is invalid.'),
            '401': error('Unknown or expired session (code unknown_session).'),
          },
        },
      },
      '/api/chat/upload': {
        post: {
          summary: 'Upload one photo or document (the raw body, at most 10 MB) to the web chat dialog',
          parameters: [
            chatSessionHeader,
            {
              name: 'x-chat-event-id',
              in: 'header',
              required: true,
              schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,64}$' },
            },
            {
              name: 'x-file-name',
              in: 'header',
              required: true,
              description: 'URI-encoded file name.',
              schema: { type: 'string' },
            },
            {
              name: 'x-file-type',
              in: 'header',
              required: false,
              description: 'The MIME type.',
              schema: { type: 'string' },
            },
            {
              name: 'x-chat-lang',
              in: 'header',
              required: false,
              schema: { type: 'string', enum: ['vi', 'en'] },
            },
          ],
          requestBody: {
            required: true,
            content: {
              'application/octet-stream': {
                schema: { type: 'string', contentMediaType: 'application/octet-stream' },
              },
            },
          },
          responses: {
            '200': { description: 'The dialog’s answer.', content: json('ChatMessages') },
            '400': error('Empty file or invalid header.'),
            '401': error('Unknown or expired session.'),
            '413': error('The file is larger than 10 MB.'),
          },
        },
      },
      '/api/chat/messages': {
        get: {
          summary: 'Messages that arrived later (officers’ answers, the satisfaction question)',
          parameters: [
            chatSessionHeader,
            {
              name: 'after',
              in: 'query',
              required: false,
              description: 'The id of the last message the page has.',
              schema: (componentSchema(ZChatPollQuery, 'input').properties as Record<string, JsonSchema>)
                .after!,
            },
          ],
          responses: {
            '200': { description: 'Messages after `after`, oldest first.', content: json('ChatMessages') },
            '401': error('Unknown or expired session.'),
          },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus metrics (only when METRICS_TOKEN is set; 404 otherwise)',
          security: [{ metricsToken: [] }],
          responses: {
            '200': {
              description: 'Prometheus text format.',
              content: { 'text/plain': { schema: { type: 'string' } } },
            },
            '401': error('Missing or wrong bearer token.'),
          },
        },
      },
    },
    components: {
      schemas: {
        SubmissionRequest: componentSchema(ZSubmissionSchema, 'input'),
        SubmissionReceipt: componentSchema(ZSubmissionReceiptSchema, 'output'),
        PublicCaseStatus: componentSchema(ZPublicCaseStatusSchema, 'output'),
        ChatSession: componentSchema(ZChatSessionResponse, 'output'),
        ChatEventRequest: componentSchema(ZChatEventBody, 'input'),
        ChatMessages: componentSchema(ZChatMessagesResponse, 'output'),
        Error: componentSchema(ZErrorBodySchema, 'output'),
      },
      securitySchemes: { metricsToken: { type: 'http', scheme: 'bearer' } },
    },
  };
}
