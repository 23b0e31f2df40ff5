// The console's report page over app.inject on a real database and Redis: a managing body's leader
// sees its tree's figures and charts and downloads the files; a handler, an organisation outside
// the tree and a period that cannot be read are refused in Vietnamese.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/core/clock.js';
import { createStaff } from '../../src/directory/create-staff.js';
import { buildHttpServer } from '../../src/http/http-server.js';
import { consoleCookieFor } from '../helpers/console-session.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
let app: FastifyInstance;
let leader: string;
let handler: string;

beforeAll(async () => {
  t = await createTestContext({ clock: fixedClock(new Date('2026-10-15T03:00:00Z')) });
  leader = (
    await consoleCookieFor(
      t.ctx,
      (
        await createStaff(t.ctx, {
          organizationCode: 'syt-hcm',
          fullName: 'Lãnh đạo Sở',
          roles: [{ role: 'leader' }],
        })
      ).id,
    )
  ).cookie;
  handler = (
    await consoleCookieFor(
      t.ctx,
      (
        await createStaff(t.ctx, {
          organizationCode: 'ttyt-thuan-an',
          fullName: 'Cán bộ xử lý',
          roles: [{ role: 'handler', unitCode: 'ta-knoi' }],
        })
      ).id,
    )
  ).cookie;
  const prisma = t.ctx.db.prisma;
  const org = await prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } });
  const unit = await prisma.unit.findUniqueOrThrow({ where: { code: 'ta-knoi' } });
  for (const [i, channel] of (['web', 'web', 'hotline'] as const).entries()) {
    await prisma.case.create({
      data: {
        code: `CR-${i}`,
        organizationId: org.id,
        unitId: unit.id,
        kind: 'praise',
        channel,
        identityMode: 'anonymous',
        description: 'Nội dung không được lên báo cáo',
        receivedAt: new Date(`2026-08-0${i + 1}T03:00:00Z`),
      },
    });
  }
  app = await buildHttpServer(t.ctx, t.redis, [], () => 'https://langnghe.example.vn', [], {});
}, 120_000);
afterAll(async () => {
  await app?.close();
  await t?.cleanup();
});

const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });

describe('console report page', () => {
  it('shows a managing body its tree, the figures, the charts and no case text', async () => {
    const r = await get('/console/bao-cao?org=syt-hcm&period=2026-Q3', leader);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('Quý III năm 2026');
    expect(r.body).toMatch(
      /data-key="received.total">\s*<th scope="row">Tổng số hồ sơ tiếp nhận<\/th>\s*<td>3<\/td>/,
    );
    expect(r.body).toMatch(/data-key="channel.hotline">[\s\S]*?<td>1<\/td>/);
    expect(r.body).toContain('Trung tâm Y tế khu vực Thuận An');
    expect(r.body).toContain('<svg');
    expect(r.body).not.toContain('Nội dung không được lên báo cáo');
    // Without a period: the last whole month.
    const plain = await get('/console/bao-cao', leader);
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toContain('Tháng 9 năm 2026');
  }, 60_000);

  it('downloads the report as XLSX, PDF and CSV', async () => {
    for (const [format, type] of [
      ['xlsx', 'spreadsheetml'],
      ['pdf', 'application/pdf'],
      ['csv', 'text/csv'],
    ] as const) {
      const r = await get(
        `/console/bao-cao/tai-ve?org=ttyt-thuan-an&period=2026-Q3&format=${format}`,
        leader,
      );
      expect(r.statusCode, format).toBe(200);
      expect(String(r.headers['content-type'])).toContain(type);
      expect(String(r.headers['content-disposition'])).toContain(`bao-cao-ttyt-thuan-an-2026-Q3.${format}`);
    }
  }, 60_000);

  it('refuses a handler, an organisation outside the tree and a period it cannot read', async () => {
    const h = await get('/console/bao-cao?org=ttyt-thuan-an&period=2026-Q3', handler);
    expect(h.statusCode).toBe(403);
    expect(h.body).toContain('Chỉ lãnh đạo');
    const outside = await get('/console/bao-cao?org=ttyt-hoai-nhon&period=2026-Q3', leader);
    expect(outside.statusCode).toBe(403);
    const bad = await get('/console/bao-cao?org=syt-hcm&period=2026-Q7', leader);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Kỳ báo cáo');
    const format = await get('/console/bao-cao/tai-ve?org=syt-hcm&period=2026&format=docx', leader);
    expect(format.statusCode).toBe(400);
  }, 60_000);
});
