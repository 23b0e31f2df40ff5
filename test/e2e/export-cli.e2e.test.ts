// The inspection export and the report schedules from the command line (through bin/langnghe.js):
// a walk-in visit logged with the visitor's name, phone, ID number, address and words becomes
// cases; `export cases|events` in CSV and JSONL carries their codes, clocks and statuses and none of
// those identities or words. `report:schedule list` shows the seed plans' schedules; a bad one is
// refused with nothing written.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatVietnameseDate, toVietnamDate } from '../../src/calendar/local-date.js';
import { systemClock } from '../../src/core/clock.js';
import { createLogger } from '../../src/core/logger.js';
import { openDatabase } from '../../src/db/database.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { runLangnghe } from '../helpers/cli-process.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-redis.js';

const NAME = 'Phạm Thị Bí Mật';
const PHONE = '0987654321';
const ID_NUMBER = '079188877766';
const ADDRESS = '99 đường Trần Hưng Đạo';
const WORDS = 'Nhân viên quầy thuốc nói năng thô lỗ với mẹ tôi';

let env: NodeJS.ProcessEnv;
let dataDir: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-export-cli-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  env = {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: '',
    LOG_LEVEL: 'silent',
    REDIS_URL: await testRedisUrl(),
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  };
  if (usingPostgres()) {
    const db = await createEmptyPostgresDatabase();
    cleanups.push(db.drop);
    env = { ...env, DATABASE_URL: db.url };
  }
  expect((await runLangnghe(env, 'seed')).code).toBe(0);
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedDir: path.join(dataDir, 'pgdata'),
  });
  let officerId: string;
  try {
    officerId = (
      await createStaff(
        { db, clock: systemClock, logger: createLogger('silent') },
        { organizationCode: 'ttyt-thuan-an', fullName: 'Lê Thị Tiếp', roles: [{ role: 'receiver' }] },
      )
    ).id;
  } finally {
    await db.close();
  }
  const logged = await runLangnghe(
    env,
    'reception:log',
    '--org',
    'ttyt-thuan-an',
    '--officer',
    officerId,
    '--name',
    NAME,
    '--phone',
    PHONE,
    '--id-number',
    ID_NUMBER,
    '--address',
    ADDRESS,
    '--summary',
    WORDS,
    '--handling',
    'accepted_petition',
    '--content',
    `complaint:${WORDS}`,
    '--petition-date',
    formatVietnameseDate(toVietnamDate(new Date())),
  );
  expect(logged.code).toBe(0);
}, 240_000);
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean();
});

const today = () => toVietnamDate(new Date());

function expectNoIdentity(text: string) {
  for (const secret of [NAME, PHONE, ID_NUMBER, ADDRESS, WORDS, 'Phạm Thị', 'thô lỗ']) {
    expect(text.normalize('NFC')).not.toContain(secret);
  }
}

it('exports cases as CSV with clocks and no identity or free text', async () => {
  const out = path.join(dataDir, 'cases.csv');
  const run = await runLangnghe(
    env,
    'export',
    'cases',
    '--org',
    'ttyt-thuan-an',
    '--from',
    today(),
    '--to',
    today(),
    '--format',
    'csv',
    '--out',
    out,
  );
  expect(run.out).toContain('Đã xuất 1 dòng (hồ sơ)');
  expect(run.code).toBe(0);
  const csv = await readFile(out, 'utf8');
  const [header, row, ...rest] = csv.trim().split('\r\n');
  expect(rest).toEqual([]);
  expect(header).toContain('governingDueOn');
  expect(row).toMatch(/,complaint,citizen,in_person,/);
  expect(row).toContain('complaint_');
  expectNoIdentity(csv);
}, 120_000);

it('exports case events as JSONL with no identity or free text', async () => {
  const out = path.join(dataDir, 'events.jsonl');
  const run = await runLangnghe(
    env,
    'export',
    'events',
    '--org',
    'ttyt-thuan-an',
    '--from',
    today(),
    '--to',
    today(),
    '--format',
    'jsonl',
    '--out',
    out,
  );
  expect(run.code).toBe(0);
  const lines = (await readFile(out, 'utf8')).trim().split('\n');
  expect(lines.length).toBeGreaterThan(0);
  const first = JSON.parse(lines[0]!) as Record<string, unknown>;
  expect(Object.keys(first).sort()).toEqual([
    'action',
    'actorRole',
    'actorType',
    'at',
    'caseCode',
    'fromStatus',
    'toStatus',
  ]);
  expectNoIdentity(lines.join('\n'));
}, 120_000);

it('refuses a bad export with its usage and lists and refuses report schedules', async () => {
  const bad = await runLangnghe(
    env,
    'export',
    'people',
    '--org',
    'ttyt-thuan-an',
    '--from',
    today(),
    '--to',
    today(),
  );
  expect(bad.code).toBe(2);
  expect(bad.out).toContain('Cần cases hoặc events.');
  const list = await runLangnghe(env, 'report:schedule', 'list', '--org', 'ttyt-hoai-nhon');
  expect(list.code).toBe(0);
  expect(list.out).toContain('Báo cáo 3 tháng');
  expect(list.out).toContain('hạn trước 1/3');
  expect(list.out).toContain('nhóm Telegram của hn-tchc');
  const refused = await runLangnghe(
    env,
    'report:schedule',
    'add',
    '--org',
    'ttyt-hoai-nhon',
    '--code',
    'x',
    '--title',
    'Thử',
    '--period',
    'week',
    '--due',
    '5',
    '--draft-days',
    '2',
    '--to',
    'unit:hn-tchc',
  );
  expect(refused.code).toBe(2);
  expect(refused.out).toContain('Kỳ báo cáo');
  const added = await runLangnghe(
    env,
    'report:schedule',
    'add',
    '--org',
    'ttyt-hoai-nhon',
    '--code',
    'quy-thu',
    '--title',
    'Báo cáo quý thử',
    '--period',
    'quarter',
    '--due',
    '10/1,10/4,10/7,10/10',
    '--draft-days',
    '3',
    '--to',
    'unit:hn-tchc,role:leader',
  );
  expect(added.out).toContain('Đã lưu lịch báo cáo "quy-thu"');
  expect(added.code).toBe(0);
}, 120_000);
