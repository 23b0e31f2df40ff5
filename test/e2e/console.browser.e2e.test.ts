// The web console in headless Chromium against the app as bootstrap starts it (HTTP, workers and
// the bot long polling a local fake Bot API): a handler asks the bot for a sign-in link with
// /dangnhap, opens it, signs in, filters the inbox; a leader's console in a second browser context
// sees a new case appear without reload, counted in the title; axe-core finds no violation.
/// <reference lib="dom" />
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/bootstrap.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { issueStaffInvite } from '../../src/directory/staff-invite.js';
import { consoleCookieFor } from '../helpers/console-session.js';
import { E2E_ORG as ORG, startTelegramE2eApp, type TelegramE2eApp } from '../helpers/e2e-app.js';
import { createCase } from '../helpers/public-pages-fixtures.js';
import type { TestContext } from '../helpers/test-context.js';
import type { TelegramConversation } from '../helpers/telegram-conversation.js';

const require = createRequire(import.meta.url);
let e2e: TelegramE2eApp;
let app: RunningApp;
let browser: Browser;
let handler: TelegramConversation;
let leaderId: string;
const codes = { noi: '', noiFeedback: '', kkb: '' };
const asTest = () => ({ ctx: app.ctx }) as unknown as TestContext;

beforeAll(async () => {
  e2e = await startTelegramE2eApp('console');
  app = e2e.app;
  const staff = await createStaff(app.ctx, {
    organizationCode: ORG,
    fullName: 'Bác sĩ khoa Nội',
    roles: [{ role: 'handler', unitCode: 'ta-knoi' }],
  });
  leaderId = (
    await createStaff(app.ctx, { organizationCode: ORG, fullName: 'Giám đốc', roles: [{ role: 'leader' }] })
  ).id;
  const { code } = await issueStaffInvite(app.ctx, { staffId: staff.id });
  handler = e2e.chat();
  const bound = await handler.say(`/thamgia ${code}`);
  expect(bound.map((r) => r.text).join('\n')).toMatch(/đã được gắn với cán bộ/);
  codes.noi = (await createCase(asTest(), { unitCode: 'ta-knoi', text: 'Khoa Nội chờ khám quá lâu.' })).code;
  codes.noiFeedback = (
    await createCase(asTest(), {
      unitCode: 'ta-knoi',
      kind: 'feedback',
      text: 'Góp ý về nhà vệ sinh khoa Nội.',
    })
  ).code;
  codes.kkb = (await createCase(asTest(), { text: 'Phòng chờ Khoa Khám bệnh quá nóng.' })).code;
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await e2e?.close();
});

describe('the web console', () => {
  it('signs a handler in from the bot’s link and filters their inbox', async () => {
    const replies = await handler.say('/dangnhap');
    const text = replies.map((r) => r.text).join('\n');
    const link = /(http\S+\/console\/dang-nhap\?t=[A-Za-z0-9_-]+)/.exec(text)?.[1];
    expect(link).toBeDefined();

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(link!);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/console$/);
    expect(await page.locator(`#row-${codes.noi}`).count()).toBe(1);
    expect(await page.locator(`#row-${codes.kkb}`).count()).toBe(0);

    // htmx swaps the list when a select changes; the address follows.
    await page.getByLabel('Loại').selectOption('feedback');
    await page.waitForURL(/kind=feedback/);
    await page.locator(`#row-${codes.noi}`).waitFor({ state: 'detached' });
    expect(await page.locator(`#row-${codes.noiFeedback}`).count()).toBe(1);

    // A used link does not sign anyone in again.
    const other = await browser.newContext();
    const again = await other.newPage();
    await again.goto(link!);
    await again.getByRole('button', { name: 'Đăng nhập' }).click();
    expect(await again.content()).toContain('đã được dùng');
    await other.close();
    await context.close();
  });

  it('shows a new case live to a leader, counted in the title, and axe finds no violation', async () => {
    const { cookie } = await consoleCookieFor(app.ctx, leaderId);
    const [name, value] = cookie.split('=') as [string, string];
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
    await context.addCookies([{ name, value, url: `${app.url}/console` }]);
    const page = await context.newPage();
    await page.goto(`${app.url}/console`);
    expect(await page.locator(`#row-${codes.kkb}`).count()).toBe(1);

    const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as { axe: { run(): Promise<{ violations: { id: string }[] }> } }
      ).axe.run();
      return result.violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);

    const fresh = await createCase(asTest(), { text: 'Thang máy khu B hỏng từ sáng.' });
    await page.locator(`#row-${fresh.code}`).waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => document.title.startsWith('(1) '), undefined, { timeout: 30_000 });
    await context.close();
  });
});
