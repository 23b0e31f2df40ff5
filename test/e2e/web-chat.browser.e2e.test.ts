// Issue 8's "Done means", in a real browser: headless Chromium (Debian's `chromium`, driven by
// playwright-core) on a phone-sized screen against the app started as `npm start` starts it. A
// citizen goes through the web chat of a department's QR link with a photo, reloads mid-draft,
// gets the tracking code; the department head (bound by invite in Telegram, as a real officer is)
// accepts and resolves the case; the web page shows the answer and the satisfaction question, the
// citizen answers it, and the case records it. Screenshots of each step go to test-artifacts/.
// Issue 16: after every step the newest buttons are inside the 390×844 screen above the message
// box and focused; a reload shows what was written; the receipt survives a reload with its secret,
// downloads as a file and asks before being closed unsaved; the widget fills a phone's screen and
// Esc closes it; large text leaves the message box small.
// The functions given to page.evaluate run in the browser, where `document` exists.
/// <reference lib="dom" />
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
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

/**
 * The newest question is in view: its first working button (or, without buttons, the newest
 * message) lies between the top of the log and the top of the message box, on screen, and has focus.
 */
async function newestInView(page: Page | FrameLocator): Promise<void> {
  const where = await page.locator('#chat').evaluate(() => {
    const log = document.getElementById('chat-log')!.getBoundingClientRect();
    const form = document.getElementById('chat-form')!.getBoundingClientRect();
    const items = document.querySelectorAll('#chat-log > .msg, #chat-log > .receipt');
    const newest = items[items.length - 1]!;
    const target = newest.querySelector<HTMLElement>('button:not([disabled]), a[href]') ?? newest;
    const box = target.getBoundingClientRect();
    return {
      top: box.top,
      bottom: Math.min(box.bottom, box.top + log.height),
      logTop: log.top,
      formTop: form.top,
      screen: window.innerHeight,
      focused: target === document.activeElement || target.contains(document.activeElement),
      label: target.textContent?.slice(0, 40),
    };
  });
  expect(where.top, `${where.label} below the top of the log`).toBeGreaterThanOrEqual(where.logTop - 1);
  expect(where.bottom, `${where.label} above the message box`).toBeLessThanOrEqual(where.formTop + 1);
  expect(where.formTop, 'the message box on screen').toBeLessThanOrEqual(where.screen);
  expect(where.focused, `${where.label} focused`).toBe(true);
}

/** Waits until the page is not waiting for an answer, then for a bot message matching `text`. */
async function botSaid(page: Page, text: RegExp, timeout = 20_000): Promise<string> {
  const message = page.locator('#chat-log .msg.bot', { hasText: text }).last();
  await message.waitFor({ timeout });
  await page.locator('#chat[aria-busy="false"]').waitFor({ timeout });
  return (await message.innerText()).trim();
}

async function tap(page: Page, value: string): Promise<void> {
  const before = await page.locator('#chat-log .choices button:enabled').count();
  const button = page.locator(`#chat-log button[data-value="${value}"]:enabled`).last();
  const pressed = button.locator('xpath=ancestor::div[contains(@class,"choices")]');
  await button.tap();
  await page.locator('#chat[aria-busy="false"]').waitFor();
  // Answered: that question's buttons no longer work.
  expect(await pressed.locator('button:enabled').count()).toBe(0);
  expect(before).toBeGreaterThan(0);
  await newestInView(page);
}

async function type(page: Page, text: string): Promise<void> {
  await page.getByLabel('Tin nhắn của bạn').fill(text);
  await page.getByRole('button', { name: 'Gửi', exact: true }).tap();
  await page.locator('#chat[aria-busy="false"]').waitFor();
  // Earlier questions' buttons stop working once something was sent.
  const earlier = page.locator('#chat-log .msg:not(:last-child) .choices[data-turn] button:enabled');
  expect(await earlier.count()).toBe(0);
  await newestInView(page);
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
    const sizes: Promise<number>[] = [];
    const notFound: string[] = [];
    page.on('response', (res) => {
      if (res.status() === 404) notFound.push(res.url());
      // What travelled (compressed), not what the page unpacked.
      sizes.push(
        res
          .request()
          .sizes()
          .then(
            (s) => s.responseBodySize,
            () => 0,
          ),
      );
    });

    await page.goto(`${app.url}/chat/${UNIT}`);
    await botSaid(page, /Khoa Khám bệnh/);
    // A small page for a slow phone: the HTML and the one script, compressed; the icon is there.
    const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(16 * 1024);
    expect(notFound).toEqual([]);
    await newestInView(page);
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

    // A reload mid-draft: the same session, what was written so far, and the current step again.
    await page.reload();
    await botSaid(page, /Khoa Khám bệnh/);
    await page.locator('#chat-log button[data-value="attach:done"]:enabled').waitFor();
    await expect
      .poll(() => page.locator('#chat-log .msg.me').allInnerTexts())
      .toEqual([
        expect.stringMatching(/Phản ánh/),
        expect.stringContaining('Phòng chờ khoa Khám bệnh không đủ ghế'),
        expect.stringContaining('phong-cho.png'),
      ]);
    await newestInView(page);
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
    // Web wording: no Telegram command to type.
    expect(receipt).not.toMatch(/\/tracuu/);
    const code = CODE.exec(receipt)![0];
    const link = page.locator('#chat-log .receipt a', { hasText: code });
    expect(await link.getAttribute('href')).toBe(`/tra-cuu#${code}`);
    const secret = (await page.locator('#chat-log .receipt .secret strong').last().innerText()).trim();
    expect(secret.length).toBeGreaterThan(5);
    await screenshot(page, 'receipt');

    // The receipt survives a reload (a phone that discarded the tab): code, secret and link.
    await page.reload();
    await botSaid(page, /Khoa Khám bệnh/);
    const kept = page.locator('#chat-log .receipt', { hasText: code });
    expect(await kept.locator('.secret strong').innerText()).toBe(secret);
    expect(await kept.locator('a').getAttribute('href')).toBe(`/tra-cuu#${code}`);
    // The draft ended with the receipt: nothing of it is shown again.
    expect(await page.locator('#chat-log .msg.me').count()).toBe(0);
    // Closing it unsaved asks first; "no" keeps it.
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await kept.getByRole('button', { name: 'Đóng biên nhận' }).tap();
    expect(asked).toEqual([expect.stringMatching(/Mã bí mật chỉ hiện một lần/)]);
    await expect.poll(() => kept.count()).toBe(1);
    // Downloaded as a small text file, made in the page.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      kept.getByRole('button', { name: 'Tải biên nhận' }).tap(),
    ]);
    expect(file.suggestedFilename()).toBe(`bien-nhan-${code}.txt`);
    const saved = await readFile((await file.path())!, 'utf8');
    expect(saved).toContain(code);
    expect(saved).toContain(secret);
    expect(saved).toContain(`${app.url}/tra-cuu#${code}`);
    await screenshot(page, 'receipt-after-reload');

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

    // Saved, the receipt closes without asking, and stays closed after a reload.
    await tracking.close();
    page.once('dialog', () => expect.fail('no question once the receipt was saved'));
    await page
      .locator('#chat-log .receipt', { hasText: code })
      .getByRole('button', { name: 'Đóng biên nhận' })
      .tap();
    await page.reload();
    await botSaid(page, /Khoa Khám bệnh/);
    expect(await page.locator('#chat-log .receipt').count()).toBe(0);
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
    // On a phone the frame takes the screen above the button, and the menu's buttons are in view.
    const frameBox = (await page.locator('#langnghe-chat-frame').boundingBox())!;
    expect(frameBox.height).toBeGreaterThan(700);
    await newestInView(frame);
    await frame.locator('#chat-log button[data-value="menu:report"]').waitFor();
    await frame.getByRole('button', { name: 'Switch to English' }).tap();
    await frame
      .locator('#chat-log .msg.bot', { hasText: /English/i })
      .last()
      .waitFor({ timeout: 20_000 });
    await frame.locator('#chat[aria-busy="false"]').waitFor();
    expect(await frame.locator('html').getAttribute('lang')).toBe('en');
    await frame.getByLabel('Your message').waitFor();
    await newestInView(frame);
    await screenshot(page, 'widget-english');

    // Esc inside the frame closes it, and focus is back on the button.
    await frame.locator('body').press('Escape');
    await page.locator('#langnghe-chat-frame').waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('langnghe-chat-button');
    expect(await page.getByRole('button', { name: 'Góp ý – Phản ánh' }).getAttribute('aria-expanded')).toBe(
      'false',
    );
    await context.close();
  }, 120_000);

  it('with large text (200 %), the message box stays small and the newest buttons stay in view', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    // A phone's font setting at 200 %, in place before the page lays out its first answer.
    await context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const style = document.createElement('style');
        style.textContent = 'html{font-size:200%}';
        document.head.appendChild(style);
      });
    });
    const page = await context.newPage();
    await page.goto(`${app.url}/chat/${UNIT}`);
    await botSaid(page, /Khoa Khám bệnh/);
    expect(await page.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('32px');
    const share = await page.evaluate(
      () => document.getElementById('chat-form')!.getBoundingClientRect().height / window.innerHeight,
    );
    expect(share).toBeLessThan(0.2);
    await newestInView(page);
    await tap(page, 'menu:report');
    await type(page, 'Phòng chờ khoa Khám bệnh không đủ ghế, người cao tuổi phải đứng chờ lâu.');
    await tap(page, 'attach:none');
    await screenshot(page, 'large-text');
    await context.close();
  }, 120_000);
});
