// The directory, routing and duty commands as an administrator runs them (through bin/langnghe.js).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLangnghe } from '../helpers/cli-process.js';
import { createEmptyPostgresDatabase, usingPostgres } from '../helpers/test-database.js';

let env: NodeJS.ProcessEnv;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ln-dir-cli-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent' };
  if (usingPostgres()) {
    const db = await createEmptyPostgresDatabase();
    cleanups.push(db.drop);
    env = { ...env, DATABASE_URL: db.url, ENCRYPTION_KEY: Buffer.alloc(32, 6).toString('base64') };
  }
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const langnghe = (...args: string[]) => runLangnghe(env, ...args);

describe('langnghe directory commands', () => {
  let staffId: string;

  it('creates an organisation under the Sở, a unit and a staff member', async () => {
    expect((await langnghe('seed')).code).toBe(0);
    const org = await langnghe(
      'org:create',
      '--code',
      'bv-e2e',
      '--name',
      'Bệnh viện E2E',
      '--kind',
      'hospital',
      '--parent',
      'syt-hcm',
    );
    expect(org).toMatchObject({ code: 0, out: expect.stringContaining('Đã tạo đơn vị Bệnh viện E2E') });
    expect(
      (
        await langnghe(
          'unit:create',
          '--org',
          'bv-e2e',
          '--code',
          'e2e-knoi',
          '--name',
          'Khoa Nội',
          '--kind',
          'department',
        )
      ).code,
    ).toBe(0);
    const staff = await langnghe(
      'staff:create',
      '--org',
      'bv-e2e',
      '--name',
      'Nguyễn Văn An',
      '--role',
      'unit_head@e2e-knoi',
      '--role',
      'hotline',
    );
    expect(staff.code).toBe(0);
    staffId = /mã cán bộ ([0-9a-f-]{36})/.exec(staff.out)![1]!;
  });

  it('refuses a handler without a unit with the usage line', async () => {
    const r = await langnghe('staff:create', '--org', 'bv-e2e', '--name', 'B', '--role', 'handler');
    expect(r.code).toBe(2);
    expect(r.out).toContain('handler@<mã khoa/phòng>');
  });

  it('prints an invite code once', async () => {
    const r = await langnghe('staff:invite', staffId);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Mã mời: [2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}/);
    expect(r.out).toContain('/thamgia');
  });

  it('lists the tree with units, staff and roles', async () => {
    const r = await langnghe('directory:list', '--org', 'syt-hcm');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Sở Y tế TP\.HCM \[syt-hcm\][\s\S]* {2}Bệnh viện E2E \[bv-e2e\]/);
    expect(r.out).toContain('unit_head@e2e-knoi, hotline');
  });

  it('adds and lists a routing rule', async () => {
    expect(
      (await langnghe('routing:add', '--org', 'bv-e2e', '--unit', 'e2e-knoi', '--keyword', 'nội trú')).code,
    ).toBe(0);
    expect((await langnghe('routing:list', '--org', 'bv-e2e')).out).toContain('từ khóa: nội trú');
  });

  it('sets a duty shift and shows who is on duty', async () => {
    const set = await langnghe(
      'duty:set',
      '--org',
      'bv-e2e',
      '--staff',
      staffId,
      '--from',
      '2030-01-02T07:00',
      '--to',
      '2030-01-02T19:00',
    );
    expect(set).toMatchObject({
      code: 0,
      out: expect.stringContaining('từ 07:00 02/01/2030 đến 19:00 02/01/2030'),
    });
    const list = await langnghe('duty:list', '--org', 'bv-e2e', '--from', '2030-01-02T08:00');
    expect(list.out).toContain('Đang trực lúc 08:00 02/01/2030: Nguyễn Văn An');
  });
});

describe('langnghe commands for open interfaces', () => {
  it('creates an Open311 key shown once, and registers, lists and stops a webhook', async () => {
    const key = await langnghe('open311:key', 'Cổng dịch vụ công');
    expect(key.code).toBe(0);
    const apiKey = /api_key: (\S+)/.exec(key.out)![1]!;
    const clients = await langnghe('open311:key', '--list');
    expect(clients.out).toContain('Cổng dịch vụ công');
    // The key is stored hashed: the list never shows it again.
    expect(clients.out).not.toContain(apiKey);

    const added = await langnghe('webhook:add', '--org', 'bv-e2e', '--url', 'https://portal.example.vn/hook');
    expect(added.code).toBe(0);
    const hookId = /webhook ([0-9a-f-]{36})/.exec(added.out)![1]!;
    expect((await langnghe('webhook:list', '--org', 'bv-e2e')).out).toContain(hookId);
    expect((await langnghe('webhook:remove', hookId)).out).toContain(`Đã dừng webhook ${hookId}.`);
    expect((await langnghe('webhook:list', '--org', 'bv-e2e')).out).not.toContain(hookId);

    const bad = await langnghe('webhook:add', '--org', 'bv-e2e', '--url', 'ftp://portal.example.vn');
    expect(bad.code).toBe(2);
  });
});
