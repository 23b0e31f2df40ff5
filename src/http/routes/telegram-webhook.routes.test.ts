import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerTelegramWebhookRoute } from './telegram-webhook.routes.js';

const receiveUpdate = vi.fn(async () => 'handled');
const app = Fastify();

beforeAll(async () => {
  registerTelegramWebhookRoute(app, { secretToken: 'the-right-secret-0123', receiveUpdate });
  await app.ready();
});
afterAll(() => app.close());

const post = (headers: Record<string, string>, payload: unknown = { update_id: 1, message: {} }) =>
  app.inject({ method: 'POST', url: '/webhooks/telegram', headers, payload: payload as object });

describe('POST /webhooks/telegram', () => {
  it('refuses a missing or wrong secret with 401 and touches nothing', async () => {
    expect((await post({})).statusCode).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'the-wrong-secret-0123' })).statusCode).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'the-right-secret-012' })).statusCode).toBe(401);
    expect(receiveUpdate).not.toHaveBeenCalled();
  });

  it('hands an authenticated update over and answers 200', async () => {
    const res = await post({ 'x-telegram-bot-api-secret-token': 'the-right-secret-0123' }, { update_id: 77 });
    expect(res.statusCode).toBe(200);
    expect(receiveUpdate).toHaveBeenCalledWith({ update_id: 77 });
  });

  it('answers 400 to a body that is not an update and 500 when it cannot be stored', async () => {
    const headers = { 'x-telegram-bot-api-secret-token': 'the-right-secret-0123' };
    expect((await post(headers, { hello: 1 })).statusCode).toBe(400);
    receiveUpdate.mockRejectedValueOnce(new Error('redis down'));
    expect((await post(headers, { update_id: 78 })).statusCode).toBe(500);
  });
});
