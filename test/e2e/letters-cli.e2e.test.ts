// `langnghe letters` as an administrator runs it (through bin/langnghe.js): the register of letters
// with number/year, kind in Vietnamese, case code, status, signer and dates, filtered.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { runLangnghe } from '../helpers/cli-process.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';
import { makeTestP12 } from '../helpers/test-certificate.js';

let env: NodeJS.ProcessEnv;
let dataDir: string;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-letters-cli-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
  if (usingPostgres()) {
    const db = await createEmptyPostgresDatabase();
    cleanups.push(db.drop);
    env = { ...env, DATABASE_URL: db.url, ENCRYPTION_KEY: Buffer.alloc(32, 6).toString('base64') };
  }
  expect((await runLangnghe(env, 'seed')).code).toBe(0);

  // Letters as the signing use case leaves them (the database is closed again before the CLI runs:
  // the embedded one serves one process at a time).
  const db = await openDatabase({
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedDir: path.join(dataDir, 'pgdata'),
  });
  try {
    const prisma = db.prisma;
    const org = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
    const other = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-hoai-nhon' } });
    const mkCase = (code: string, organizationId: string) =>
      prisma.case.create({
        data: {
          code,
          organizationId,
          kind: 'report',
          channel: 'web',
          identityMode: 'anonymous',
          description: 'x',
        },
      });
    const c1 = await mkCase('ABCD-EFG-HJK', org.id);
    const c2 = await mkCase('BCDE-FGH-JKM', org.id);
    const c3 = await mkCase('CDEF-GHJ-KMN', other.id);
    const signedAt = new Date('2026-03-02T03:00:00Z');
    await prisma.letter.create({
      data: {
        caseId: c1.id,
        organizationId: org.id,
        kind: 'apology',
        status: 'sent',
        year: 2026,
        number: 1,
        signerName: 'Nguyễn Thị Hồng',
        signerTitle: 'Trưởng Khoa Nhi',
        content: {},
        createdAt: new Date('2026-03-01T03:00:00Z'),
        signedAt,
        sentAt: signedAt,
      },
    });
    await prisma.letter.create({
      data: {
        caseId: c2.id,
        organizationId: org.id,
        kind: 'forward_slip',
        status: 'signed',
        year: 2025,
        number: 7,
        signerName: 'Lê Văn Tâm',
        signerTitle: 'Phó Giám đốc',
        content: {},
        createdAt: new Date('2025-12-30T03:00:00Z'),
        signedAt: new Date('2025-12-30T03:00:00Z'),
      },
    });
    await prisma.letter.create({
      data: {
        caseId: c3.id,
        organizationId: other.id,
        kind: 'thank_you',
        status: 'draft',
        content: {},
        createdAt: new Date('2026-03-03T03:00:00Z'),
      },
    });
  } finally {
    await db.close();
  }
}, 180_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('langnghe letters', () => {
  it('lists every letter with its number, kind, case, status, signer and dates', async () => {
    const { code, out } = await runLangnghe(env, 'letters');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(3);
    const apology = lines.find((l) => l.includes('ABCD-EFG-HJK'))!;
    expect(apology).toMatch(
      /^1\/TTYT-THUAN-AN \(2026\)\s+Thư xin lỗi\s+ABCD-EFG-HJK\s+Đã gửi\s+Nguyễn Thị Hồng \(Trưởng Khoa Nhi\)/,
    );
    expect(apology).toContain('soạn 01/03/2026 · ký 02/03/2026 · gửi 02/03/2026');
    expect(lines.find((l) => l.includes('BCDE-FGH-JKM'))).toMatch(
      /^7\/PC-TTYT-THUAN-AN \(2025\)\s+Phiếu chuyển đơn\s+BCDE-FGH-JKM\s+Đã ký/,
    );
    expect(lines.find((l) => l.includes('CDEF-GHJ-KMN'))).toMatch(
      /^\(không số\)\s+Thư cảm ơn\s+CDEF-GHJ-KMN\s+Dự thảo\s+—/,
    );
  }, 60_000);

  it('filters by organisation, year and case', async () => {
    const byOrg = await runLangnghe(env, 'letters', '--org', 'ttyt-hoai-nhon');
    expect(byOrg.out.trim().split('\n')).toHaveLength(1);
    expect(byOrg.out).toContain('CDEF-GHJ-KMN');
    const byYear = await runLangnghe(env, 'letters', '--org', 'ttyt-thuan-an', '--year', '2025');
    expect(byYear.out.trim().split('\n')).toEqual([expect.stringContaining('BCDE-FGH-JKM')]);
    const byCase = await runLangnghe(env, 'letters', '--case', 'abcd-efg-hjk');
    expect(byCase.out.trim().split('\n')).toEqual([expect.stringContaining('Thư xin lỗi')]);
    const none = await runLangnghe(env, 'letters', '--year', '2030');
    expect(none).toMatchObject({ code: 0, out: expect.stringContaining('Chưa có thư nào.') });
  }, 60_000);

  it('refuses a bad year and an unknown organisation with the usage line', async () => {
    expect(await runLangnghe(env, 'letters', '--year', 'abc')).toMatchObject({
      code: 2,
      out: expect.stringContaining('Năm không hợp lệ'),
    });
    expect(await runLangnghe(env, 'letters', '--org', 'khong-co')).toMatchObject({
      code: 2,
      out: expect.stringContaining('Không tìm thấy đơn vị có mã "khong-co"'),
    });
  }, 60_000);
});

describe('langnghe letters:certificate', () => {
  it('loads a PKCS#12 with the passphrase from a named variable, shows it, refuses a wrong one, removes it', async () => {
    const now = Date.now();
    const file = path.join(dataDir, 'chung-thu.p12');
    await writeFile(
      file,
      makeTestP12({
        passphrase: 'mật khẩu',
        notBefore: new Date(now - 24 * 3600_000),
        notAfter: new Date(now + 400 * 24 * 3600_000),
      }),
    );
    const org = ['--org', 'ttyt-thuan-an'];
    expect(await runLangnghe(env, 'letters:certificate', ...org)).toMatchObject({
      code: 0,
      out: expect.stringContaining('chưa nạp chứng thư số'),
    });
    const wrong = await runLangnghe(
      { ...env, MAT_KHAU: 'sai' },
      'letters:certificate',
      ...org,
      '--p12',
      file,
      '--passphrase-env',
      'MAT_KHAU',
    );
    expect(wrong).toMatchObject({ code: 1, out: expect.stringContaining('Sai mật khẩu của tệp chứng thư.') });
    expect(
      await runLangnghe(env, 'letters:certificate', ...org, '--p12', file, '--passphrase-env', 'CHUA_DAT'),
    ).toMatchObject({ code: 2, out: expect.stringContaining('Biến môi trường CHUA_DAT chưa được đặt.') });

    const loaded = await runLangnghe(
      { ...env, MAT_KHAU: 'mật khẩu' },
      'letters:certificate',
      ...org,
      '--p12',
      file,
      '--passphrase-env',
      'MAT_KHAU',
    );
    expect(loaded.code).toBe(0);
    expect(loaded.out).toContain('Đã nạp chứng thư số của');
    expect(loaded.out).not.toContain('mật khẩu');
    const shown = await runLangnghe(env, 'letters:certificate', ...org);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('Chủ thể:      CN=Trung tâm Y tế Thuận An, O=Sở Y tế Bình Dương, C=VN');
    expect(shown.out).toMatch(/Hiệu lực: .* \(còn (399|400) ngày\)/);

    expect(await runLangnghe(env, 'letters:certificate', ...org, '--remove')).toMatchObject({
      code: 0,
      out: expect.stringContaining('Đã gỡ chứng thư số'),
    });
    expect(await runLangnghe(env, 'letters:certificate', ...org)).toMatchObject({
      code: 0,
      out: expect.stringContaining('chưa nạp chứng thư số'),
    });
  }, 120_000);
});
