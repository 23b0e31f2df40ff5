// Triage reads an organisation's newest open cases from their partial index (decision 0112). The
// index's predicate is written in schema.prisma and the statement's statuses come from
// OPEN_STATUSES: these tests hold the two together, and check that the planner, given many open
// and closed cases, reads the candidates from that index in order, not every open case and a sort.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPEN_STATUSES } from '../../src/cases/case-vocabulary.js';
import { Prisma } from '../../src/db/generated/client.js';
import { findNewestOpenCaseIds, newestOpenCaseIdsStatement } from '../../src/cases/open-cases.repository.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

let t: TestContext;
let organizationId: string;

beforeAll(async () => {
  t = await createTestContext();
  organizationId = (
    await t.ctx.db.prisma.organization.findUniqueOrThrow({ where: { code: 'ttyt-thuan-an' } })
  ).id;
});
afterAll(() => t.cleanup());

describe('the open cases index', () => {
  it('holds the cases of exactly the open statuses', async () => {
    const [row] = await t.ctx.db.prisma.$queryRaw<{ def: string }[]>`
      SELECT pg_get_indexdef('cases_open_by_received_idx'::regclass) AS def`;
    const statuses = [...row!.def.matchAll(/'([a-z_]+)'::"CaseStatus"/g)].map((m) => m[1]);
    expect([...statuses].sort()).toEqual([...OPEN_STATUSES].sort());
  });

  it('gives triage the newest open cases without reading the others', async () => {
    // 3,000 cases, one in three closed, a minute apart.
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 3000; i += 1000) {
      await t.ctx.db.prisma.case.createMany({
        data: Array.from({ length: 1000 }, (_, k) => ({
          code: `OI-${i + k}`,
          organizationId,
          kind: 'feedback' as const,
          channel: 'api' as const,
          identityMode: 'anonymous' as const,
          description: 'Phòng chờ nóng',
          status: (i + k) % 3 === 0 ? ('closed' as const) : ('received' as const),
          receivedAt: new Date(start + (i + k) * 60_000),
        })),
      });
    }
    await t.ctx.db.prisma.$executeRawUnsafe('ANALYZE "cases"');
    const newest = await t.ctx.db.prisma.case.findFirstOrThrow({
      where: { organizationId, status: { in: [...OPEN_STATUSES] } },
      orderBy: { receivedAt: 'desc' },
    });

    const ids = await findNewestOpenCaseIds(t.ctx.db.prisma, organizationId, newest.id, 1000);
    const expected = await t.ctx.db.prisma.case.findMany({
      where: { organizationId, status: { in: [...OPEN_STATUSES] }, id: { not: newest.id } },
      orderBy: { receivedAt: 'desc' },
      take: 1000,
      select: { id: true },
    });
    expect(ids).toEqual(expected.map((c) => c.id));

    const plan = (
      await t.ctx.db.prisma.$queryRaw<{ 'QUERY PLAN': string }[]>(
        Prisma.sql`EXPLAIN ${newestOpenCaseIdsStatement(organizationId, newest.id, 1000)}`,
      )
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/Index (Only )?Scan Backward using cases_open_by_received_idx/);
    expect(plan).not.toMatch(/Sort Key/);
  });
});
