// /tra-cuu in headless Chromium on a phone-sized screen: the chat links to /tra-cuu#<code>, the page's
// script (no inline script: the CSP would block it) fills the code from the fragment, the lookup
// shows the status and the answer, and the satisfaction question is answered. Screenshots go to
// test-artifacts/.
// The functions given to page.evaluate run in the browser, where `document` exists.
/// <reference lib="dom" />
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, resolveCase, startPagesServer } from '../helpers/public-pages-fixtures.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

const ARTIFACTS = path.resolve('test-artifacts');
let t: TestContext;
let url: string;
let app: FastifyInstance;
let browser: Browser;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  t = await createTestContext({ env: { LOG_LEVEL: 'silent' } });
  ({ url, app } = await startPagesServer(t));
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await t?.cleanup();
});

describe('/tra-cuu in a phone browser', () => {
  it('fills the code from the fragment, shows the status and the answer, and takes the satisfaction answer', async () => {
    const { caseId, code } = await createCase(t, { contact: { name: 'Phạm Thu Hà', phone: '0903 111 222' } });
    await resolveCase(t, caseId, 'Khoa đã sửa quạt và bố trí thêm ghế chờ.');

    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(`${url}/tra-cuu#${code}`);
    await expect.poll(() => page.inputValue('#code')).toBe(code);
    expect(page.url()).not.toContain('?');
    await page.screenshot({ path: path.join(ARTIFACTS, 'tra-cuu-1-form.png'), fullPage: true });

    await page.getByRole('button', { name: 'Tra cứu' }).tap();
    await page.waitForSelector('#case-status');
    // The code went in the POST body: the address stays /tra-cuu.
    expect(new URL(page.url()).pathname).toBe('/tra-cuu');
    expect(page.url()).not.toContain(code);
    expect(await page.textContent('#case-status')).toContain('Đã giải quyết');
    expect(await page.textContent('#case-answer')).toContain('Khoa đã sửa quạt và bố trí thêm ghế chờ.');
    await page.screenshot({ path: path.join(ARTIFACTS, 'tra-cuu-2-status.png'), fullPage: true });

    await page.getByLabel('4 · Hài lòng').check();
    await page.getByLabel('Ý kiến thêm').fill('Nhân viên nhiệt tình.');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).tap();
    await page.waitForSelector('#satisfaction-recorded');
    expect(await page.textContent('main')).toContain('Cảm ơn bạn đã đánh giá');
    await page.screenshot({ path: path.join(ARTIFACTS, 'tra-cuu-3-rated.png'), fullPage: true });

    const row = await t.ctx.db.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    expect(row).toMatchObject({ satisfaction: 4, satisfactionComment: 'Nhân viên nhiệt tình.' });
    // Nothing was blocked by the Content-Security-Policy and no script failed.
    expect(problems).toEqual([]);
    // The page fits the phone: no horizontal scrolling.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await context.close();
  });
});
