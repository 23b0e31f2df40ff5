// Against a local fake OpenAI-compatible server: a good answer, bad output, an error and a time-out.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askLanguageModel } from './language-model-triage.js';

type Reply = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let reply: Reply;
const received: { path: string; body: string }[] = [];
let server: Server;
let url: string;
const pending: ServerResponse[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      reply(req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const res of pending) res.destroy();
  await new Promise((resolve) => server.close(resolve));
});

const completion = (content: string) =>
  JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] });
const UNITS = [
  { role: 'kcc', name: 'Khoa Cấp cứu' },
  { role: 'knoi', name: 'Khoa Nội' },
];
// A generous limit where the server answers (a loaded machine is slow); a short one where it never does.
const settings = (timeoutMs = 10_000) => ({ url, model: 'local', apiKey: undefined, timeoutMs });

describe('language-model triage adapter', () => {
  it('returns a schema-checked answer and sends only the text it is given', async () => {
    reply = (_req, res) =>
      res.end(
        completion(
          '{"kind":"complaint","unit":"kcc","urgency":"urgent","confidence":0.9,"because":["cấp cứu"]}',
        ),
      );
    const outcome = await askLanguageModel(settings(), 'Bác sĩ [họ tên] khoa cấp cứu', UNITS);
    expect(outcome).toEqual({
      ok: true,
      answer: { kind: 'complaint', unit: 'kcc', urgency: 'urgent', confidence: 0.9, because: ['cấp cứu'] },
    });
    const sent = received.at(-1)!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(JSON.parse(sent.body).messages[1]).toEqual({
      role: 'user',
      content: 'Bác sĩ [họ tên] khoa cấp cứu',
    });
  });

  it.each([
    ['prose instead of JSON', completion('Đây là khiếu nại về khoa cấp cứu.')],
    ['JSON of another shape', completion('{"kind":"complaint","urgency":"maybe","confidence":2}')],
    [
      'a unit that is not offered',
      completion('{"kind":"report","unit":"xyz","urgency":"normal","confidence":0.8}'),
    ],
    ['no choices', JSON.stringify({ choices: [] })],
  ])('answers bad_output for %s', async (_what, body) => {
    reply = (_req, res) => res.end(body);
    expect(await askLanguageModel(settings(), 'x', UNITS)).toEqual({ ok: false, reason: 'bad_output' });
  });

  it('answers http_error for an error status', async () => {
    reply = (_req, res) => {
      res.statusCode = 500;
      res.end('{}');
    };
    expect(await askLanguageModel(settings(), 'x', UNITS)).toEqual({ ok: false, reason: 'http_error' });
  });

  it('gives up at the time limit', async () => {
    reply = (_req, res) => pending.push(res); // never answers
    expect(await askLanguageModel(settings(300), 'x', UNITS)).toEqual({ ok: false, reason: 'timeout' });
  });
});
