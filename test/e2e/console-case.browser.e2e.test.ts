// Issue 14's case page in a real browser (headless Chromium through playwright-core) against the
// app started as `npm start` starts it: a citizen reports through Telegram, the head of the unit
// signs in to the web console with a one-time link from the CLI (as an administrator hands it
// out), opens the case, marks it urgent, accepts it, replies — the citizen receives the reply in Telegram —
// and resolves it. A leader's inbox, open in another browser context, shows a new complaint's row
// without reload, counted in the page title. axe-core finds no accessibility violation on the case
// page nor on the inbox.
// The functions given to page.evaluate run in the browser, where `window` exists.
/// <reference lib="dom" />
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, waitFor, type AppProcess } from '../helpers/app-process.js';
import { runLangnghe } from '../helpers/cli-process.js';
import { startFakeTelegramApi, type FakeTelegramApi } from '../helpers/fake-telegram-api.js';
import { recordHandledEvents } from '../helpers/handled-events.js';
import { reportThroughQrLink, TelegramConversation } from '../helpers/telegram-conversation.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-redis.js';

const ARTIFACTS = path.resolve(import.meta.dirname, '../../test-artifacts/console-case');
const UNIT = 'ta-knoi';
const REPLY = 'Khoa đang xác minh với điều dưỡng trực ca sáng.';
const ANSWER = 'Phản ánh đúng; khoa đã nhắc nhở điều dưỡng và xin lỗi gia đình.';
const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let fake: FakeTelegramApi;
let app: AppProcess;
let browser: Browser;
let citizen: TelegramConversation;
let env: NodeJS.ProcessEnv;
let linkPath: string;
let leaderLinkPath: string;
let otherUnitInvite: string;
let caseCode = '';
let leaderState: Awaited<ReturnType<BrowserContext['storageState']>> | undefined;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-console-case-e2e-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
  if (usingPostgres()) {
    const db = await createEmptyPostgresDatabase();
    cleanups.push(db.drop);
    env = { ...env, DATABASE_URL: db.url, ENCRYPTION_KEY: Buffer.alloc(32, 8).toString('base64') };
  }
  expect((await runLangnghe(env, 'seed')).code).toBe(0);
  const staff = await runLangnghe(
    env,
    'staff:create',
    '--org',
    'ttyt-thuan-an',
    '--name',
    'Trưởng khoa Nội',
    '--role',
    `unit_head@${UNIT}`,
  );
  expect(staff.code).toBe(0);
  const headId = /mã cán bộ ([0-9a-f-]{36})/.exec(staff.out)![1]!;
  // The administrator prints the head's one-time sign-in link (the CLI needs the embedded database
  // to itself, so before the app starts; the link stays valid for CONSOLE_LINK_TTL_MINUTES).
  const printed = await runLangnghe(env, 'console:link', '--staff', headId);
  expect(printed.code, printed.out).toBe(0);
  linkPath = /\/console\/dang-nhap\?t=\S+/.exec(printed.out)![0];
  // A leader (one-time link from the CLI too) and a handler of another department, who will ask
  // the bot for their own link with /dangnhap once bound by /thamgia.
  const leader = await runLangnghe(
    env,
    'staff:create',
    '--org',
    'ttyt-thuan-an',
    '--name',
    'Giám đốc',
    '--role',
    'leader',
  );
  expect(leader.code).toBe(0);
  const leaderId = /mã cán bộ ([0-9a-f-]{36})/.exec(leader.out)![1]!;
  const leaderLink = await runLangnghe(env, 'console:link', '--staff', leaderId);
  expect(leaderLink.code, leaderLink.out).toBe(0);
  leaderLinkPath = /\/console\/dang-nhap\?t=\S+/.exec(leaderLink.out)![0];
  const other = await runLangnghe(
    env,
    'staff:create',
    '--org',
    'ttyt-thuan-an',
    '--name',
    'Điều dưỡng khoa Khám bệnh',
    '--role',
    'handler@ta-kkb',
  );
  expect(other.code).toBe(0);
  const otherId = /mã cán bộ ([0-9a-f-]{36})/.exec(other.out)![1]!;
  const invite = await runLangnghe(env, 'staff:invite', otherId);
  expect(invite.code, invite.out).toBe(0);
  otherUnitInvite = /Mã mời: (\S+)/.exec(invite.out)![1]!;

  fake = await startFakeTelegramApi();
  cleanups.push(() => fake.close());
  app = await startAppProcess('all', {
    ...env,
    REDIS_URL: await testRedisUrl(),
    QUEUE_PREFIX: `cc${Date.now()}`,
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.url,
    DEFAULT_ORG_CODE: 'ttyt-thuan-an',
    LOG_LEVEL: 'info',
  });
  cleanups.push(() => app.stop());
  const handled = recordHandledEvents();
  handled.follow(app.child, app.output());
  citizen = new TelegramConversation(fake, 9_200_000 + Math.floor(Math.random() * 100_000), handled);

  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  cleanups.push(() => browser.close());
}, 240_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

async function expectNoAxeViolations(page: Page): Promise<void> {
  await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: unknown[] }> } })
      .axe;
    const result = await axe.run(document);
    return result.violations.map((v) => {
      const violation = v as { id: string; nodes: { target: string[] }[] };
      return { id: violation.id, targets: violation.nodes.map((n) => n.target.join(' ')) };
    });
  });
  expect(violations).toEqual([]);
}

/**
 * A new browser context signed in as the leader. The CLI's link signs in only once: the first
 * call spends it, later contexts carry the same session (its cookie) as a second browser would.
 */
async function leaderContext(): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: 'vi-VN',
    storageState: leaderState,
  });
  if (leaderState) return context;
  const page = await context.newPage();
  await page.goto(`${app.url}${leaderLinkPath}`);
  await Promise.all([
    page.waitForURL(`${app.url}/console`),
    page.getByRole('button', { name: 'Đăng nhập' }).click(),
  ]);
  leaderState = await context.storageState();
  await page.close();
  return context;
}

/** Opens an action's form (a <details> whose summary is `label`) and submits it. */
async function submitAction(
  page: Page,
  label: string,
  fill?: (form: ReturnType<Page['locator']>) => Promise<void>,
) {
  const details = page.locator('details.action', {
    has: page.locator('summary', { hasText: new RegExp(`^${label}$`) }),
  });
  await details.locator('summary').click();
  const form = details.locator('form');
  if (fill) await fill(form);
  await Promise.all([page.waitForURL(/\?ok=/), form.locator('button[type=submit]').click()]);
}

describe('console case page in a browser', () => {
  it('a citizen reports in Telegram; the head signs in by CLI link, accepts, replies (received in Telegram) and resolves', async () => {
    const code = (caseCode = await reportThroughQrLink(
      citizen,
      UNIT,
      'Điều dưỡng khoa Nội nói năng thiếu tôn trọng với mẹ tôi.',
    ));

    // The administrator's one-time link, opened by the head's browser.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${app.url}${linkPath}`);
    await Promise.all([
      page.waitForURL(`${app.url}/console`),
      page.getByRole('button', { name: 'Đăng nhập' }).click(),
    ]);

    // The case is made and routed by the workers: wait for the route event on the page's API.
    await waitFor(async () => {
      const res = await page.request.get(`${app.url}/console/api/ho-so/${code}`);
      return res.ok() && (await res.json()).routing !== null;
    }, 60_000);

    await page.goto(`${app.url}/console/ho-so/${code}`);
    expect(await page.locator('h1').innerText()).toContain(code);
    expect(await page.content()).not.toContain('0912 345 678');
    await page.screenshot({ path: path.join(ARTIFACTS, '01-case.png'), fullPage: true });
    await expectNoAxeViolations(page);

    // The triage card's urgency, as a form (decision 0061).
    const urgencyForm = page.locator('form[action$="/phan-loai"]', { has: page.locator('fieldset') });
    await urgencyForm.getByLabel('Khẩn', { exact: true }).check();
    await Promise.all([
      page.waitForURL(/\?ok=/),
      urgencyForm.getByRole('button', { name: 'Lưu mức độ' }).click(),
    ]);
    expect(await page.locator('h1').innerText()).toContain('KHẨN');

    await submitAction(page, 'Thụ lý');
    expect(await page.locator('dl.facts').innerText()).toContain('Đã thụ lý');

    const replyForm = page.locator('form[action$="/tra-loi"]');
    await replyForm.getByLabel(/Nội dung trả lời/).fill(REPLY);
    await Promise.all([
      page.waitForURL(/\?ok=/),
      replyForm.getByRole('button', { name: 'Gửi trả lời' }).click(),
    ]);
    const received = await fake.waitForCall(
      'sendMessage',
      (c) => String(c.params.chat_id) === String(citizen.chatId) && String(c.params.text).includes(REPLY),
      60_000,
    );
    expect(String(received.params.text)).toContain(code);

    await submitAction(page, 'Giải quyết', async (form) => {
      await form.getByLabel(/Kết quả giải quyết/).selectOption('valid');
      await form.getByLabel(/Nội dung trả lời người gửi/).fill(ANSWER);
    });
    expect(await page.locator('dl.facts').innerText()).toContain('Đã giải quyết');
    const timeline = await page.locator('#h-timeline + ol').innerText();
    expect(timeline).toContain('Thụ lý');
    expect(timeline).toContain(REPLY);
    expect(timeline).toContain('Giải quyết');
    await fake.waitForCall(
      'sendMessage',
      (c) =>
        String(c.params.chat_id) === String(citizen.chatId) &&
        String(c.params.text).includes('xin lỗi gia đình'),
      60_000,
    );
    await page.screenshot({ path: path.join(ARTIFACTS, '02-resolved.png'), fullPage: true });
    await expectNoAxeViolations(page);
    await context.close();
  }, 240_000);

  it('refuses the case to a handler of another department (page and API), signed in from the bot’s /dangnhap link; a leader’s reveal is audited in the timeline', async () => {
    expect(caseCode).not.toBe('');
    const nurse = new TelegramConversation(
      fake,
      9_300_000 + Math.floor(Math.random() * 100_000),
      citizen.handled,
    );
    const bound = await nurse.say(`/thamgia ${otherUnitInvite}`);
    expect(bound.map((r) => r.text).join('\n')).toMatch(/đã được gắn với cán bộ/);
    const answer = (await nurse.say('/dangnhap')).map((r) => r.text).join('\n');
    const link = /(http\S+\/console\/dang-nhap\?t=[A-Za-z0-9_-]+)/.exec(answer)?.[1];
    expect(link, answer).toBeDefined();

    const nurseContext = await browser.newContext({ locale: 'vi-VN' });
    const nursePage = await nurseContext.newPage();
    await nursePage.goto(link!);
    await Promise.all([
      nursePage.waitForURL(`${app.url}/console`),
      nursePage.getByRole('button', { name: 'Đăng nhập' }).click(),
    ]);
    const refused = await nursePage.goto(`${app.url}/console/ho-so/${caseCode}`);
    expect(refused?.status()).toBe(403);
    expect(await nursePage.content()).not.toContain('Phạm Thị Lan');
    const api = await nursePage.request.get(`${app.url}/console/api/ho-so/${caseCode}`);
    expect(api.status()).toBe(403);
    await nurseContext.close();

    const context = await leaderContext();
    const page = await context.newPage();
    await page.goto(`${app.url}/console/ho-so/${caseCode}`);
    const reason = 'Cần gọi lại người nhà để xác minh ca trực sáng';
    await page.getByLabel(/Lý do cần xem danh tính/).fill(reason);
    await page.getByRole('button', { name: 'Xem danh tính', exact: true }).click();
    await page.locator('section.identity.revealed').waitFor();
    expect(await page.locator('section.identity.revealed').innerText()).toContain('Phạm Thị Lan');
    await page.goto(`${app.url}/console/ho-so/${caseCode}`);
    const timeline = await page.locator('#h-timeline + ol').innerText();
    expect(timeline).toContain('Xem danh tính người gửi');
    expect(timeline).toContain(reason);
    expect(await page.content()).not.toContain('Phạm Thị Lan');
    await context.close();
  }, 240_000);

  it('shows a leader’s open inbox a new complaint from Telegram without reload, counted in the title; axe finds no violation on the inbox', async () => {
    expect(caseCode).not.toBe('');
    const context = await leaderContext();
    const page = await context.newPage();
    // The live stream's response arrives once the server listens for this page (it writes its
    // headers and registers the listener together): a case made after that counts as new.
    const streamOpen = page.waitForResponse((r) => r.url() === `${app.url}/console/su-kien`, {
      timeout: 30_000,
    });
    // Every status, so that the list holds the first test's (resolved) case and the new row has one
    // to go above.
    await page.goto(`${app.url}/console?status=all`);
    expect((await streamOpen).status()).toBe(200);
    expect(await page.locator(`#row-${caseCode}`).count()).toBe(1);
    const baseTitle = await page.title();
    expect(baseTitle).not.toMatch(/^\(\d+\) /);
    await expectNoAxeViolations(page);
    // A mark that a reload would wipe out.
    await page.evaluate(() => {
      (window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true;
    });

    const neighbour = new TelegramConversation(
      fake,
      9_400_000 + Math.floor(Math.random() * 100_000),
      citizen.handled,
    );
    const code = await reportThroughQrLink(
      neighbour,
      UNIT,
      'Nhà vệ sinh khoa Nội không có nước từ tối qua.',
      {
        phone: '0987 654 321',
        name: 'Trần Văn Hùng',
      },
    );
    expect(code).not.toBe(caseCode);

    const row = page.locator(`#row-${code}`);
    await row.waitFor({ timeout: 60_000 });
    await page.waitForFunction((base) => document.title === `(1) ${base}`, baseTitle, { timeout: 30_000 });
    expect(
      await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage),
    ).toBe(true);
    // The new case goes on top, above the one that was there.
    expect(await page.locator('tr[id^="row-"]').evaluateAll((rows) => rows.map((r) => r.id))).toEqual([
      `row-${code}`,
      `row-${caseCode}`,
    ]);
    expect(await page.content()).not.toContain('0987 654 321');
    await page.screenshot({ path: path.join(ARTIFACTS, '03-inbox-live.png'), fullPage: true });
    await expectNoAxeViolations(page);
    await context.close();
  }, 240_000);
});
