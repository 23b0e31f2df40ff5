// Issue 8's "Done means", in a real browser: headless Chromium (Debian's `chromium`, driven by
// playwright-core) on a phone-sized screen against the app started as `npm start` starts it. A
// citizen goes through the web chat of a department's QR link with a photo, reloads mid-draft,
// gets the tracking code; the department head (bound by invite in Telegram, as a real officer is)
// accepts and resolves the case; the web page shows the answer and the satisfaction question, the
// citizen answers it, and the case records it. Screenshots of each step go to test-artifacts/.
// The functions given to page.evaluate run in the browser, where `document` exists.
/// <reference lib="dom" />
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, startAppProcess, waitFor, type AppProcess } from '../helpers/app-process.js';
import { runLangnghe } from '../helpers/cli-process.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { recordHandledEvents } from '../helpers/handled-events.js';
import { TelegramConversation } from '../helpers/telegram-conversation.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-redis.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/web-chat');
const UNIT = 'ta-kkb';
const CODE = /[2-9A-Z]{4}-[2-9A-Z]{3}-[2-9A-Z]{3}/;

let fake: FakeTelegramApi;
let app: AppProcess;
let browser: Browser;
let head: TelegramConversation;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-webchat-e2e-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  let env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
  if (usingPostgres()) {
    const db = await createEmptyPostgresDatabase();
    cleanups.push(db.drop);
    env = { ...env, DATABASE_URL: db.url, ENCRYPTION_KEY: Buffer.alloc(32, 8).toString('base64') };
  }

  // The administrator's side, before the app runs: the sample directory, the head of Khoa Khám
  // bệnh, and the one-time invite they send to the bot.
  expect((await runLangnghe(env, 'seed')).code).toBe(0);
  const staff = await runLangnghe(
    env,
    'staff:create',
    '--org',
    'ttyt-thuan-an',
    '--name',
    'Trưởng khoa Khám bệnh',
    '--role',
    `unit_head@${UNIT}`,
  );
  expect(staff.code).toBe(0);
  const staffId = /mã cán bộ ([0-9a-f-]{36})/.exec(staff.out)![1]!;
  const invite = await runLangnghe(env, 'staff:invite', staffId);
  const inviteCode = /Mã mời: ([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})/.exec(invite.out)![1]!;

  fake = await startFakeTelegramApi();
  cleanups.push(() => fake.close());
  app = await startAppProcess('all', {
    ...env,
    REDIS_URL: await testRedisUrl(),
    QUEUE_PREFIX: `wc${Date.now()}`,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    DEFAULT_ORG_CODE: 'ttyt-thuan-an',
    // The bot's `telegram update handled` lines tell the head's conversation when to read.
    LOG_LEVEL: 'info',
  });
  cleanups.push(() => app.stop());
  const handled = recordHandledEvents();
  handled.follow(app.child, app.output());

  head = new TelegramConversation(fake, 9_100_000 + Math.floor(Math.random() * 100_000), handled);
  const joined = await head.say(`/thamgia ${inviteCode}`);
  expect(joined.map((r) => r.text).join('\n')).toMatch(/đã được gắn với cán bộ/);

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  cleanups.push(() => browser.close());
}, 240_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

function photo(): Buffer {
  const image = new PNG({ width: 64, height: 48 });
  for (let i = 0; i < image.data.length; i += 4) {
    image.data[i] = (i / 4) % 64 < 32 ? 30 : 220;
    image.data[i + 1] = 120;
    image.data[i + 2] = 200;
    image.data[i + 3] = 255;
  }
  return PNG.sync.write(image);
}

let shot = 0;
async function screenshot(page: Page, name: string): Promise<void> {
  shot += 1;
  await page.screenshot({ path: path.join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`) });
}

/** Waits until the page is not waiting for an answer, then for a bot message matching `text`. */
async function botSaid(page: Page, text: RegExp, timeout = 20_000): Promise<string> {
  const message = page.locator('#chat-log .msg.bot', { hasText: text }).last();
  await message.waitFor({ timeout });
  await page.locator('#chat[aria-busy="false"]').waitFor({ timeout });
  return (await message.innerText()).trim();
}

async function tap(page: Page, value: string): Promise<void> {
  await page.locator(`#chat-log button[data-value="${value}"]:enabled`).last().tap();
  await page.locator('#chat[aria-busy="false"]').waitFor();
}

async function type(page: Page, text: string): Promise<void> {
  await page.getByLabel('Tin nhắn của bạn').fill(text);
  await page.getByRole('button', { name: 'Gửi', exact: true }).tap();
  await page.locator('#chat[aria-busy="false"]').waitFor();
}

describe('web chat in a browser, on a phone', () => {
  it('intake with a photo and a reload, officer resolves, the page shows the answer, satisfaction recorded', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    });
    const page = await context.newPage();
    let bytes = 0;
    page.on('response', (res) => {
      void res.body().then(
        (b) => (bytes += b.length),
        () => undefined,
      );
    });

    await page.goto(`${app.url}/chat/${UNIT}`);
    await botSaid(page, /Khoa Khám bệnh/);
    // A small page for a slow phone: the HTML and the one script (uncompressed).
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(40 * 1024);
    await screenshot(page, 'welcome');

    // Accessibility: the log is a live region, every control has a name.
    const tree = await page.locator('body').ariaSnapshot();
    expect(tree).toMatch(/- log "Cuộc trò chuyện"/);
    expect(tree).not.toMatch(/^\s*- (button|textbox)\s*$/m);
    expect(await page.locator('#chat-log').getAttribute('aria-live')).toBe('polite');
    for (const control of await page.locator('button, input, textarea').all()) {
      const name = await control.evaluate(
        (el) =>
          el.getAttribute('aria-label') ||
          (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent) ||
          el.textContent,
      );
      expect(name?.trim(), await control.evaluate((el) => el.outerHTML.slice(0, 80))).toBeTruthy();
    }

    await tap(page, 'menu:report');
    await type(page, 'Phòng chờ khoa Khám bệnh không đủ ghế, người cao tuổi phải đứng chờ lâu.');
    await botSaid(page, /ảnh|tệp/i);

    // The photo, with the progress bar during the upload.
    await page.getByLabel('Gửi ảnh hoặc tệp (tối đa 10 MB)').setInputFiles({
      name: 'phong-cho.png',
      mimeType: 'image/png',
      buffer: photo(),
    });
    await botSaid(page, /Đã nhận tệp «phong-cho\.png»/);
    await screenshot(page, 'photo-uploaded');

    // A reload mid-draft: the same session, and the dialog asks the current step again.
    await page.reload();
    await botSaid(page, /Khoa Khám bệnh/);
    await page.locator('#chat-log button[data-value="attach:done"]:enabled').waitFor();
    await screenshot(page, 'after-reload');
    await tap(page, 'attach:done');
    await tap(page, 'when:skip');
    await tap(page, 'where:skip');
    await tap(page, 'involved:skip');
    await tap(page, 'contact:sealed');
    await tap(page, 'consent:agree');
    const summary = await botSaid(page, /kiểm tra lại trước khi gửi/);
    expect(summary).toMatch(/1 tệp/);
    expect(summary).toMatch(/Khoa Khám bệnh/);
    await tap(page, 'summary:confirm');
    const receipt = await botSaid(page, /Mã hồ sơ:/);
    const code = CODE.exec(receipt)![0];
    const link = page.locator('#chat-log .receipt a', { hasText: code });
    expect(await link.getAttribute('href')).toBe(`/tra-cuu#${code}`);
    const secret = (await page.locator('#chat-log .receipt .secret strong').last().innerText()).trim();
    expect(secret.length).toBeGreaterThan(5);
    await screenshot(page, 'receipt');

    const tracked = await waitFor(async () => {
      const r = await getJson(`${app.url}/api/cases/${code}`);
      return r.status === 200 && r.json.unit ? r : undefined;
    });
    expect(tracked.json.unit).toBe('Khoa Khám bệnh');

    // The head of the department accepts and resolves, in Telegram.
    const accepted = await head.say(`/thuly ${code}`);
    expect(accepted.map((r) => r.text).join('\n')).toMatch(/Đã thụ lý/);
    const resolved = await head.say(
      `/giaiquyet ${code} valid Khoa đã bố trí thêm 20 ghế chờ và ưu tiên người cao tuổi.`,
    );
    expect(resolved.map((r) => r.text).join('\n')).toMatch(/Đã giải quyết/);

    // The page, left open, shows the answer and the question (polled).
    await botSaid(page, /bố trí thêm 20 ghế chờ/, 60_000);
    await page.locator(`#chat-log button[data-value="sat:${code}:5"]`).waitFor({ timeout: 60_000 });
    await screenshot(page, 'answer-and-satisfaction');
    await tap(page, `sat:${code}:5`);
    await botSaid(page, /Cảm ơn bạn đã đánh giá \(5\/5\)/);
    await screenshot(page, 'satisfaction-recorded');

    const status = await fetch(`${app.url}/api/cases/${code}`, {
      headers: { 'x-follow-up-secret': secret },
    }).then((r) => r.json() as Promise<{ status: string; satisfaction: number | null }>);
    expect(status).toMatchObject({ status: 'resolved', satisfaction: 5 });

    // Following the case from the receipt's link (a new tab): the tracking page shows the answer
    // and the score.
    const [tracking] = await Promise.all([
      context.waitForEvent('page'),
      page.locator('#chat-log .receipt a', { hasText: code }).last().tap(),
    ]);
    await tracking.waitForLoadState();
    expect(new URL(tracking.url()).pathname).toBe('/tra-cuu');
    await expect.poll(() => tracking.inputValue('#code')).toBe(code);
    await tracking.locator('#secret').fill(secret);
    await tracking.getByRole('button', { name: 'Tra cứu' }).tap();
    await tracking.waitForSelector('#case-status');
    expect(await tracking.textContent('#case-status')).toContain('Đã giải quyết');
    expect(await tracking.textContent('main')).toContain('bố trí thêm 20 ghế chờ');
    expect(await tracking.textContent('#satisfaction-recorded')).toMatch(/Bạn đã đánh giá/);
    await screenshot(tracking, 'tracking-page');
    await context.close();
  }, 240_000);

  it('switches to English, and the widget opens the chat in a frame on another site', async () => {
    const host: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="vi"><head><meta name="viewport" content="width=device-width,initial-scale=1"></head><body><h1>Trung tâm Y tế</h1><script src="${app.url}/chat/widget.js" data-unit="${UNIT}" defer></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => host.close(resolve)));
    const { port } = host.address() as { port: number };

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByRole('button', { name: 'Góp ý – Phản ánh' }).tap();
    const frame = page.frameLocator('#langnghe-chat-frame');
    await frame.locator('#chat-log .msg.bot', { hasText: /Khoa Khám bệnh/ }).waitFor({ timeout: 20_000 });
    await frame.locator('#chat[aria-busy="false"]').waitFor();
    await frame.getByRole('button', { name: 'Switch to English' }).tap();
    await frame
      .locator('#chat-log .msg.bot', { hasText: /English/i })
      .last()
      .waitFor({ timeout: 20_000 });
    await frame.locator('#chat[aria-busy="false"]').waitFor();
    expect(await frame.locator('html').getAttribute('lang')).toBe('en');
    await frame.getByLabel('Your message').waitFor();
    await screenshot(page, 'widget-english');
    await context.close();
  }, 120_000);
});
