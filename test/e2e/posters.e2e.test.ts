// The department posters as an administrator gets them: from the started app (/posters/<unit>) and
// from the command line for a whole organisation. Read back as a person and a phone would: the text
// through pdftotext, the QR code decoded from the rendered page.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, type AppProcess } from '../helpers/app-process.js';
import { runLangnghe } from '../helpers/cli-process.js';
import { decodeQrOfFirstPage, pdfPageCount, pdfText } from '../helpers/pdf-inspect.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-redis.js';

let dataDir: string;
let env: Record<string, string | undefined>;
let app: AppProcess;
let dropDb: (() => Promise<void>) | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-posters-'));
  env = {
    DATA_DIR: dataDir,
    REDIS_URL: await testRedisUrl(),
    QUEUE_PREFIX: `e2eposters${Date.now()}`,
    DATABASE_URL: undefined,
    PUBLIC_URL: undefined,
    TELEGRAM_BOT_TOKEN: undefined,
  };
  if (usingPostgres()) {
    const pg = await createEmptyPostgresDatabase();
    dropDb = pg.drop;
    env = {
      ...env,
      DATABASE_URL: pg.url,
      ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      DEFAULT_ORG_CODE: 'ttyt-thuan-an',
    };
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, ['bin/langnghe.js', 'seed'], {
      env: { ...process.env, ...env } as NodeJS.ProcessEnv,
    });
  }
  app = await startAppProcess('all', env);
});

afterAll(async () => {
  await app?.stop();
  await dropDb?.();
  await rm(dataDir, { recursive: true, force: true });
});

const HOTLINES = ['1900 9095', '0900 000 200', '0900 000 100'];

describe('QR posters', () => {
  it("GET /posters/<unit> refuses the app's local address; a trial print is a one-page A4 PDF marked as such, with the unit, the hotlines and a QR code to its chat", async () => {
    // No PUBLIC_URL: the address the app listens on (127.0.0.1) would go into the QR code.
    const refused = await fetch(`${app.url}/posters/ta-kkb`);
    expect(refused.status).toBe(422);
    expect(refused.headers.get('content-type')).toContain('text/html');
    const page = await refused.text();
    expect(page).toContain('PUBLIC_URL');
    expect(page).toContain('allow-local=1');

    const res = await fetch(`${app.url}/posters/ta-kkb?allow-local=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(await pdfPageCount(pdf)).toBe(1);
    const text = (await pdfText(pdf)).normalize('NFC');
    for (const expected of [
      'BẢN IN THỬ – KHÔNG NIÊM YẾT',
      'Khoa Khám bệnh',
      'TRUNG TÂM Y TẾ KHU VỰC THUẬN AN',
      'Sở Y tế TP.HCM',
      'Quét mã để gửi ý kiến cho Khoa Khám bệnh',
      'ĐƯỜNG DÂY NÓNG',
      'Bạn có thể gửi ẩn danh',
      '09/CT-BYT',
      ...HOTLINES,
    ]) {
      expect(text, expected).toContain(expected);
    }
    // The national line once, under the Ministry's name, not on the centre's or the Sở's row.
    expect(text).toMatch(/Đường dây nóng Bộ Y tế\s+1900 9095/);
    expect(text.match(/1900 9095/g)).toHaveLength(1);
    expect(await decodeQrOfFirstPage(pdf)).toBe(`${app.url}/chat/ta-kkb`);
  });

  it('answers 404 for an unknown unit', async () => {
    const res = await fetch(`${app.url}/posters/khong-co-khoa-nay`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('langnghe posters writes one poster per active unit, and refuses to print a QR code without an address', async () => {
    // The embedded database serves one process: the CLI runs once the app has stopped.
    expect(await app.stop()).toBe(0);
    const cliEnv = { ...process.env, ...env, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv;
    delete cliEnv.PUBLIC_URL;

    const refused = await runLangnghe(
      cliEnv,
      'posters',
      '--org',
      'ttyt-thuan-an',
      '--out',
      path.join(dataDir, 'x'),
    );
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('PUBLIC_URL');

    // A private address is refused too, unless asked for trial prints (a small organisation: 2 units).
    const lan = [
      'posters',
      '--org',
      'syt-hcm',
      '--out',
      path.join(dataDir, 'lan'),
      '--url',
      'http://192.168.1.20:3000',
    ];
    const lanRefused = await runLangnghe(cliEnv, ...lan);
    expect(lanRefused.code).toBe(2);
    expect(lanRefused.out).toContain('--allow-local');
    const trial = await runLangnghe(cliEnv, ...lan, '--allow-local');
    expect(trial.code, trial.out).toBe(0);
    expect(trial.out).toContain('CẢNH BÁO');
    const trialPdf = await readFile(
      path.join(dataDir, 'lan', (await readdir(path.join(dataDir, 'lan')))[0]!),
    );
    expect((await pdfText(trialPdf)).normalize('NFC')).toContain('BẢN IN THỬ – KHÔNG NIÊM YẾT');

    const out = path.join(dataDir, 'posters');
    const run = await runLangnghe(
      cliEnv,
      'posters',
      '--org',
      'ttyt-thuan-an',
      '--out',
      out,
      '--url',
      'https://gopy.ttyt-thuanan.example.vn/',
    );
    expect(run.code, run.out).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files).toHaveLength(17);
    expect(files).toContain('poster-ta-knhi.pdf');
    expect(run.out).toContain('[17/17]');
    expect(run.out).toContain('Khoa Nhi (ta-knhi)');

    const pdf = await readFile(path.join(out, 'poster-ta-knhi.pdf'));
    const text = (await pdfText(pdf)).normalize('NFC');
    expect(text).toContain('Khoa Nhi');
    for (const n of HOTLINES) expect(text).toContain(n);
    // A long address may wrap at the edge of the column.
    expect(text.replace(/\s+/g, '')).toContain('https://gopy.ttyt-thuanan.example.vn/tra-cuu');
    expect(await decodeQrOfFirstPage(pdf)).toBe('https://gopy.ttyt-thuanan.example.vn/chat/ta-knhi');

    const unknown = await runLangnghe(
      cliEnv,
      'posters',
      '--org',
      'khong-co',
      '--url',
      'https://x.example.vn',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('Không tìm thấy đơn vị');
  }, 240_000);
});
