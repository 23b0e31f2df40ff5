// `langnghe report` as an officer runs it (through bin/langnghe.js, from dist/): the file's path on
// stdout, the file readable, a wrong period refused in Vietnamese with exit code 2.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLangnghe } from '../helpers/cli-process.js';
import { pdfText } from '../helpers/pdf-inspect.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';

let env: NodeJS.ProcessEnv;
let outDir: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-report-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  outDir = path.join(dataDir, 'out');
  env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  if (usingPostgres()) {
    const db = await createEmptyPostgresDatabase();
    cleanups.push(db.drop);
    env = { ...env, DATABASE_URL: db.url, ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') };
  }
  expect((await runLangnghe(env, 'seed')).code).toBe(0);
}, 180_000);
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const langnghe = (...args: string[]) => runLangnghe(env, ...args);

describe('langnghe report', () => {
  it('writes a managing body’s quarterly report as CSV, XLSX and PDF and prints each path', async () => {
    const csv = await langnghe(
      'report',
      '--org',
      'syt-hcm',
      '--period',
      '2026-Q3',
      '--format',
      'csv',
      '--out',
      outDir,
    );
    expect(csv.code).toBe(0);
    const csvFile = path.join(outDir, 'bao-cao-syt-hcm-2026-Q3.csv');
    expect(csv.out).toContain(csvFile);
    const text = await readFile(csvFile, 'utf8');
    expect(text.startsWith('\uFEFFMục,')).toBe(true);
    expect(text).toContain('received.total');
    // The managing body shows its subordinate organisation on lines of its own.
    expect(text).toContain(',ttyt-thuan-an,');

    const xlsx = await langnghe(
      'report',
      '--org',
      'syt-hcm',
      '--period',
      '2026',
      '--format',
      'xlsx',
      '--out',
      outDir,
    );
    expect(xlsx.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await readFile(path.join(outDir, 'bao-cao-syt-hcm-2026.xlsx'))) as unknown as ArrayBuffer,
    );
    expect(book.getWorksheet('Theo tổ chức')).toBeDefined();

    const pdf = await langnghe(
      'report',
      '--org',
      'ttyt-thuan-an',
      '--period',
      '2026-06',
      '--format',
      'pdf',
      '--out',
      outDir,
    );
    expect(pdf.code).toBe(0);
    const printed = (
      await pdfText(await readFile(path.join(outDir, 'bao-cao-ttyt-thuan-an-2026-06.pdf')))
    ).normalize('NFC');
    expect(printed).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(printed).toContain('Tháng 6 năm 2026');
  }, 180_000);

  it('refuses a period it cannot read, with the forms it takes', async () => {
    const r = await langnghe('report', '--org', 'syt-hcm', '--period', '2026-Q5', '--format', 'pdf');
    expect(r.code).toBe(2);
    expect(r.out).toContain('Kỳ báo cáo "2026-Q5" không hợp lệ');
    const unknown = await langnghe(
      'report',
      '--org',
      'khong-co',
      '--period',
      '2026',
      '--format',
      'csv',
      '--out',
      outDir,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('Không tìm thấy tổ chức');
  }, 120_000);
});
