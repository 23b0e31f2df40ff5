// The langnghe command as an officer runs it on a fresh clone (through bin/langnghe.js).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, toVietnamDate } from '../../src/calendar/local-date.js';
import { runLangnghe } from '../helpers/cli-process.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';

let env: NodeJS.ProcessEnv;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-cli-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
  if (usingPostgres()) {
    const db = await createEmptyPostgresDatabase();
    cleanups.push(db.drop);
    env = { ...env, DATABASE_URL: db.url, ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64') };
  }
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const langnghe = (...args: string[]) => runLangnghe(env, ...args);

describe('langnghe', () => {
  it('lists its commands', async () => {
    const r = await langnghe('--help');
    expect(r.code).toBe(0);
    for (const c of ['calendar', 'due', 'rules', 'calendar:load', 'seed']) expect(r.out).toContain(c);
  });

  it('calendar 2026 lists Tết, the swapped Saturday and the adjacent National Day', async () => {
    const r = await langnghe('calendar', '2026');
    expect(r.code).toBe(0);
    for (const d of ['16/02/2026', '20/02/2026', '30/04/2026', '01/05/2026', '01/09/2026', '02/09/2026'])
      expect(r.out).toContain(d);
    expect(r.out).toMatch(/đi làm bù[\s\S]*Thứ Bảy, 10\/01\/2026/);
  });

  it('due explains how a date was counted across Tết', async () => {
    const r = await langnghe('due', 'internal_answer', '10/02/2026');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Hạn: Thứ Ba, 03/03/2026');
    expect(r.out).toContain('Tết Nguyên đán');
  });

  it('rules picks the rule set by the date a clock starts', async () => {
    expect((await langnghe('rules', '--on', '2026-06-30')).out).toContain('VN-2019');
    expect((await langnghe('rules', '--on', '2026-07-01')).out).toContain('VN-2026-07');
  });

  it('refuses a wrong call with the usage line and exit code 2', async () => {
    const r = await langnghe('due', 'no_such_clock', '2026-01-01');
    expect(r.code).toBe(2);
    expect(r.out).toContain('Usage: langnghe due');
  });

  it("loads an organisation's own days off and counts with them", async () => {
    expect((await langnghe('seed')).code).toBe(0);
    const file = path.join(env.DATA_DIR!, 'days.json');
    await writeFile(
      file,
      JSON.stringify([
        {
          date: '2026-02-11',
          type: 'day_off',
          name: 'Nghỉ kỷ niệm thành lập Trung tâm',
          source: 'Quyết định nội bộ',
        },
      ]),
    );
    const load = await langnghe('calendar:load', file, '--org', 'ttyt-thuan-an');
    expect(load.out).toContain('Đã nạp 1 ngày');
    const r = await langnghe('due', 'internal_answer', '2026-02-10', '--org', 'ttyt-thuan-an');
    expect(r.out).toContain('Nghỉ kỷ niệm thành lập Trung tâm');
    expect(r.out).toContain('Hạn: Thứ Tư, 04/03/2026');
  });

  it('reception:add refuses a periodic session under five working days ahead and takes an urgent one', async () => {
    // After the seed above. The CLI runs on the real clock: tomorrow is always too soon.
    const tomorrow = addDays(toVietnamDate(new Date()), 1);
    const args = [
      'reception:add',
      '--org',
      'ttyt-thuan-an',
      '--role',
      'head',
      '--receiver',
      'Giám đốc Nguyễn Văn An',
    ];
    const rest = [
      '--place',
      'Phòng Tiếp công dân',
      '--repeat',
      'once',
      '--from',
      tomorrow,
      '--time',
      '08:00-11:00',
    ];
    const late = await langnghe(...args, ...rest);
    expect(late.code).toBe(1);
    expect(late.out).toMatch(/phải được niêm yết trước ít nhất 5 ngày làm việc/);
    const urgent = await langnghe(...args, ...rest, '--urgent', '--slot', '30');
    expect(urgent.code).toBe(0);
    expect(urgent.out).toMatch(
      /Đã niêm yết lịch tiếp công dân:[\s\S]*Giám đốc Nguyễn Văn An — Thủ trưởng đơn vị \[đột xuất\]/,
    );
    expect(urgent.out).toContain('30 phút/lượt, 1 người/lượt');
  });
});
