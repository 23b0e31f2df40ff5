// The reception register from the command line, as an officer at the reception desk runs it (through
// bin/langnghe.js): a walk-in visit with a đơn signed today and mixed content is logged as two
// in-person cases whose statutory clocks start today, then the register of the day prints as a PDF
// that pdftotext reads with its Vietnamese diacritics.
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
import { pdfText } from '../helpers/pdf-inspect.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-redis.js';

let env: NodeJS.ProcessEnv;
let dataDir: string;
let officerId: string;
const cleanups: (() => Promise<unknown>)[] = [];

const openDb = () =>
  openDatabase({ databaseUrl: env.DATABASE_URL || undefined, embeddedDir: path.join(dataDir, 'pgdata') });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-reception-cli-'));
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
  // The embedded database serves one process: closed again before the CLI runs.
  const db = await openDb();
  try {
    const logger = createLogger('silent');
    officerId = (
      await createStaff(
        { db, clock: systemClock, logger },
        { organizationCode: 'ttyt-thuan-an', fullName: 'Lê Thị Tiếp', roles: [{ role: 'receiver' }] },
      )
    ).id;
  } finally {
    await db.close();
  }
});
afterAll(async () => {
  for (const clean of cleanups.reverse()) await clean();
});

it('logs a walk-in visit with a đơn signed today as split cases, and prints the register', async () => {
  const today = toVietnamDate(new Date());
  const logged = await runLangnghe(
    env,
    'reception:log',
    '--org',
    'ttyt-thuan-an',
    '--officer',
    officerId,
    '--name',
    'Nguyễn Thị Hồng',
    '--id-number',
    '079123456789',
    '--address',
    '12 đường Lê Lợi, phường Hồng An',
    '--summary',
    'Khiếu nại thu viện phí hai lần, tố cáo nhân viên nhận tiền ngoài',
    '--handling',
    'accepted_petition',
    '--content',
    'complaint:Không đồng ý việc thu viện phí hai lần',
    '--content',
    'denunciation:Nhân viên quầy thu ngân nhận tiền ngoài',
    '--petition-date',
    formatVietnameseDate(today),
  );
  expect(logged.out).toContain('Đã ghi sổ tiếp công dân: 2 hồ sơ.');
  expect(logged.out).toMatch(/Khiếu nại\s+· đơn ngày/);
  expect(logged.out).toMatch(/Tố cáo\s+· đơn ngày/);
  expect(logged.code).toBe(0);

  const db = await openDb();
  try {
    const cases = await db.prisma.case.findMany({
      where: { channel: 'in_person' },
      include: { clocks: true },
      orderBy: { kind: 'asc' },
    });
    expect(cases.map((c) => c.kind)).toEqual(['complaint', 'denunciation']);
    for (const c of cases) {
      expect(c.clocks.some((k) => k.startedOn.toISOString().slice(0, 10) === today)).toBe(true);
    }
  } finally {
    await db.close();
  }

  const outDir = path.join(dataDir, 'register');
  const printed = await runLangnghe(
    env,
    'reception:register',
    '--org',
    'ttyt-thuan-an',
    '--from',
    formatVietnameseDate(today),
    '--to',
    formatVietnameseDate(today),
    '--format',
    'pdf',
    '--out',
    outDir,
  );
  expect(printed.out).toContain('1 lượt tiếp');
  expect(printed.code).toBe(0);
  const text = (
    await pdfText(await readFile(path.join(outDir, `so-tiep-cong-dan-ttyt-thuan-an-${today}-${today}.pdf`)))
  )
    .normalize('NFC')
    .replace(/\s+/g, ' ');
  expect(text).toContain('SỔ TIẾP CÔNG DÂN');
  expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  expect(text).toContain('Nguyễn Thị Hồng');
  expect(text).toContain('Khiếu nại, Tố cáo / 1 người');
});
