// The inbox query (case-inbox-scope.ts) against the in-memory rule, on a real database: random
// organisations' staff with random roles, random cases routed by the real routing writer with
// random competence referrals; the ids the SQL returns must be exactly those canViewCase allows
// (with the inbox filters applied alike), in inbox order, and paging by cursor must walk them all,
// whether read as one query or as the disjoint parts the console merges (decision 0067).
import '../helpers/fast-check-seed.js';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLocalDate, toDbDate, type LocalDate } from '../../src/calendar/local-date.js';
import {
  NO_INBOX_FILTERS,
  inboxCursorOf,
  inboxQuery,
  inboxQueryParts,
  mergeInboxParts,
  type InboxDirection,
  type InboxFilters,
  type InboxQuery,
} from '../../src/cases/case-inbox-scope.js';
import { findInboxCases } from '../../src/cases/case-inbox.repository.js';
import { canViewCase, caseReach, type StaffPrincipal } from '../../src/cases/case-permissions.js';
import { caseScopeOf } from '../../src/cases/case-scope.js';
import { CASE_STATUSES, OPEN_STATUSES, ROLES, type CaseStatus } from '../../src/cases/case-vocabulary.js';
import type { Prisma } from '../../src/db/generated/client.js';
import { loadOrganizationTree, organizationsBelowIn } from '../../src/directory/organization-tree.js';
import { recordRouting } from '../../src/routing/routing.repository.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

const TODAY = parseLocalDate('2026-03-02');
let t: TestDatabase;
/**
 * S (the Sở) manages P, P manages A and B, A manages D: D is three levels below S. C stands alone.
 * Two units each. `below` is each organisation's descendants, as the staff loader gives them.
 */
const TREE: Record<string, string | null> = { s: null, p: 's', a: 'p', b: 'p', d: 'a', c: null };
const orgs: { id: string; units: string[]; below: string[] }[] = [];
const staffIds: string[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  const prisma = t.db.prisma;
  const idOf = new Map<string, string>();
  for (const [code, parent] of Object.entries(TREE)) {
    const org: { id: string } = await prisma.organization.create({
      data: {
        code: `pt-${code}`,
        name: `Đơn vị ${code}`,
        kind: code === 's' || code === 'p' ? 'health_department' : 'hospital',
        parentId: parent ? idOf.get(parent)! : null,
        hotlineNumbers: [],
      },
    });
    idOf.set(code, org.id);
    const units: string[] = [];
    for (const u of [1, 2]) {
      const unit = await prisma.unit.create({
        data: {
          organizationId: org.id,
          code: `pt-${code}-${u}`,
          name: `Khoa ${code}${u}`,
          kind: 'department',
        },
      });
      units.push(unit.id);
    }
    orgs.push({ id: org.id, units, below: [] });
    const staff = await prisma.staff.create({ data: { organizationId: org.id, fullName: `Cán bộ ${code}` } });
    staffIds.push(staff.id);
  }
  const tree = await loadOrganizationTree(prisma);
  for (const org of orgs) org.below = organizationsBelowIn(tree, org.id);
  expect(orgs[0]!.below).toHaveLength(4);
}, 120_000);
afterAll(async () => {
  await t?.drop();
});

/** Built once the organisations exist: the arbitraries pick among their ids. */
function arbitraries() {
  // Mostly hospital A (so staff and cases meet), the bodies above it, now and then B, D or C.
  const orgIndex = fc.constantFrom(2, 2, 2, 1, 1, 0, 0, 3, 4, 5);
  const allUnits = () => orgs.flatMap((o) => o.units);

  /** A staff member: mostly roles of their own organisation's units, now and then another's. */
  const anyStaffArb = orgIndex.chain((o) =>
    fc.record({
      id: fc.constantFrom(...staffIds),
      organizationId: fc.constant(orgs[o]!.id),
      organizationsBelow: fc.constant(orgs[o]!.below),
      roles: fc.array(
        fc.record({
          role: fc.constantFrom(...ROLES),
          unitId: fc.oneof(
            { weight: 2, arbitrary: fc.constant(null) },
            { weight: 3, arbitrary: fc.constantFrom(...orgs[o]!.units) },
            { weight: 1, arbitrary: fc.constantFrom(...allUnits()) },
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  ) as fc.Arbitrary<StaffPrincipal>;
  /** Now and then the staff of a body above A, with an org-wide leader or inspector role. */
  const bodyStaffArb = fc
    .tuple(fc.constantFrom(0, 1, 2), fc.constantFrom('leader', 'inspector'), anyStaffArb)
    .map(([o, role, other]): StaffPrincipal => ({
      ...other,
      organizationId: orgs[o]!.id,
      organizationsBelow: orgs[o]!.below,
      roles: [{ role: role as 'leader' | 'inspector', unitId: null }, ...other.roles],
    }));
  const staffArb = fc.oneof({ weight: 3, arbitrary: anyStaffArb }, { weight: 1, arbitrary: bodyStaffArb });

  const competenceArb = fc.record({
    level: fc.constantFrom('organization', 'managing_body'),
    accusedUnitId: fc.option(fc.constantFrom(...allUnits())),
    // Mostly a body above hospital A, so that the referral and oversight branches meet.
    managingOrganizationId: fc.option(fc.constantFrom(...[0, 0, 1, 1, 2, 3, 4, 5].map((i) => orgs[i]!.id))),
    titles: fc.constant([]),
    senderProtected: fc.boolean(),
  });

  /** A route event's data: with or without a referral, now and then unreadable (counts as none). */
  const routeDataArb = fc.oneof(
    {
      weight: 2,
      arbitrary: fc.record({
        rule: fc.constant('manual'),
        reason: fc.constant('x'),
        unitId: fc.constant(null),
      }),
    },
    fc.record({
      rule: fc.constant('competence'),
      reason: fc.constant('x'),
      unitId: fc.constant(null),
      competence: competenceArb,
    }),
    fc.record({ rule: fc.constant('bogus'), competence: competenceArb }),
  );

  const caseArb = orgIndex.chain((o) =>
    fc.record({
      organizationId: fc.constant(orgs[o]!.id),
      unitId: fc.option(fc.constantFrom(...orgs[o]!.units)),
      status: fc.constantFrom(...CASE_STATUSES),
      urgency: fc.constantFrom('normal', 'urgent'),
      assigneeId: fc.option(fc.constantFrom(...staffIds)),
      // A narrow range around today: ties on the due date, some overdue, some without one.
      dueDay: fc.option(fc.integer({ min: 23, max: 33 })),
      routes: fc.array(routeDataArb, { maxLength: 2 }),
    }),
  );

  const filtersArb = fc.record({
    // Mostly the wide views, so the scope (not the filters) decides what is listed.
    status: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(null, 'all' as const) },
      { weight: 1, arbitrary: fc.constantFrom(...CASE_STATUSES) },
    ),
    unitId: fc.oneof(
      { weight: 4, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom(...allUnits()) },
    ),
    assignee: fc.constantFrom(null, null, null, 'me', 'none'),
    urgent: fc.constantFrom(false, false, false, true),
    overdue: fc.constantFrom(false, false, false, true),
  });
  return { staffArb, caseArb, filtersArb: filtersArb as fc.Arbitrary<InboxFilters> };
}

const dayOf = (n: number): LocalDate =>
  parseLocalDate(`2026-${n > 28 ? '03' : '02'}-${String(n > 28 ? n - 28 : n).padStart(2, '0')}`);

let seq = 0;

describe('inbox query', () => {
  it('returns exactly the cases canViewCase allows, filtered alike, in inbox order, page by page', async () => {
    const prisma = t.db.prisma;
    const { staffArb, caseArb, filtersArb } = arbitraries();
    // How often each kind of cross-organisation reach was met: the property must have exercised both.
    const met = { managing_body: 0, oversight: 0, both: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { minLength: 4, maxLength: 12 }),
        fc.array(fc.tuple(staffArb, filtersArb), { minLength: 1, maxLength: 4 }),
        async (cases, viewers) => {
          const ids: string[] = [];
          try {
            for (const c of cases) {
              const row = await prisma.case.create({
                data: {
                  code: `PT-${++seq}`,
                  organizationId: c.organizationId,
                  unitId: c.unitId,
                  status: c.status,
                  urgency: c.urgency as 'normal' | 'urgent',
                  assigneeId: c.assigneeId,
                  governingDueOn: c.dueDay === null ? null : toDbDate(dayOf(c.dueDay)),
                  kind: 'report',
                  channel: 'web',
                  identityMode: 'anonymous',
                  description: 'x',
                },
              });
              ids.push(row.id);
              let version = 0;
              for (const [i, data] of c.routes.entries()) {
                const written = await recordRouting(prisma, {
                  caseId: row.id,
                  version: version++,
                  requireReceived: false,
                  route: { data: data as Prisma.InputJsonValue },
                  urgentKeywords: null,
                  at: new Date(Date.UTC(2026, 2, 1, 0, 0, i)),
                });
                expect(written?.version).toBe(version);
              }
            }
            const rows = await prisma.case.findMany({
              where: { id: { in: ids } },
              include: {
                events: {
                  where: { action: 'route' },
                  orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
                  take: 1,
                },
              },
            });

            for (const [staff, filters] of viewers) {
              for (const c of rows) {
                const reach = caseReach(staff, caseScopeOf(c, c.events[0]?.data ?? null));
                if (reach.ok && reach.kind !== 'member') met[reach.kind]++;
                // Referred up to a body that also oversees the case: the branches must not both list it.
                if (
                  reach.ok &&
                  reach.kind === 'managing_body' &&
                  staff.organizationsBelow?.includes(c.organizationId)
                )
                  met.both++;
              }
              const expected = rows
                .filter((c) => canViewCase(staff, caseScopeOf(c, c.events[0]?.data ?? null)))
                .filter((c) => matches(c, staff, filters))
                .sort(inboxOrder)
                .map((c) => c.id);
              const only = (q: InboxQuery): InboxQuery => ({
                ...q,
                where: { AND: [q.where, { id: { in: ids } }] },
              });
              // The scope alone, every status: exactly the cases canViewCase allows.
              const everything = { ...NO_INBOX_FILTERS, status: 'all' as const };
              const allowed = rows.filter((c) =>
                canViewCase(staff, caseScopeOf(c, c.events[0]?.data ?? null)),
              );
              const scoped = await findInboxCases(prisma, only(inboxQuery(staff, everything, TODAY)), {
                take: 100,
              });
              expect(new Set(scoped.map((c) => c.id))).toEqual(new Set(allowed.map((c) => c.id)));
              // Its parts are disjoint and cover it (decision 0067's merge relies on both).
              const partIds = (
                await Promise.all(
                  inboxQueryParts(staff, everything, TODAY).map((q) =>
                    findInboxCases(prisma, only(q), { take: 100 }),
                  ),
                )
              ).flatMap((page) => page.map((c) => c.id));
              expect(partIds.length).toBe(new Set(partIds).size);
              expect(new Set(partIds)).toEqual(new Set(allowed.map((c) => c.id)));

              const all = await findInboxCases(prisma, only(inboxQuery(staff, filters, TODAY)), {
                take: 100,
              });
              expect(all.map((c) => c.id)).toEqual(expected);

              // Forwards in pages of 3 after each page's last case, then back before each first one:
              // as one query, and as the disjoint parts the console reads and merges.
              type Page = { direction: InboxDirection; cursor: ReturnType<typeof inboxCursorOf> };
              const whole = (page: Page | undefined) =>
                findInboxCases(prisma, only(inboxQuery(staff, filters, TODAY, page)), { take: 3 });
              const merged = async (page: Page | undefined) => {
                const parts = inboxQueryParts(staff, filters, TODAY, page);
                const pages = await Promise.all(
                  parts.map((q) => findInboxCases(prisma, only(q), { take: 3 })),
                );
                return mergeInboxParts(pages, page?.direction ?? 'after', 3);
              };
              for (const read of [whole, merged]) {
                const walk = async (direction: InboxDirection, from: (typeof all)[number] | undefined) => {
                  const seen: string[] = [];
                  let cursor = from ? inboxCursorOf(from) : undefined;
                  for (;;) {
                    const page = await read(cursor ? { direction, cursor } : undefined);
                    if (page.length === 0) return seen;
                    seen.push(...page.map((c) => c.id));
                    cursor = inboxCursorOf(page.at(-1)!);
                  }
                };
                expect(await walk('after', undefined)).toEqual(expected);
                if (all.length > 0) {
                  expect(await walk('before', all.at(-1))).toEqual(expected.slice(0, -1).reverse());
                }
              }
            }
          } finally {
            await prisma.caseEvent.deleteMany({ where: { caseId: { in: ids } } });
            await prisma.case.deleteMany({ where: { id: { in: ids } } });
          }
        },
      ),
      { numRuns: 30 },
    );
    expect(met.oversight).toBeGreaterThan(0);
    expect(met.managing_body).toBeGreaterThan(0);
    expect(met.both).toBeGreaterThan(0);
  }, 120_000);
});

interface Row {
  id: string;
  status: CaseStatus;
  unitId: string | null;
  assigneeId: string | null;
  urgency: string;
  governingDueOn: Date | null;
}

/** The inbox filters, as the officer reads them. */
function matches(c: Row, staff: StaffPrincipal, f: InboxFilters): boolean {
  if (f.status === null && !(OPEN_STATUSES as readonly CaseStatus[]).includes(c.status)) return false;
  if (f.status !== null && f.status !== 'all' && c.status !== f.status) return false;
  if (f.unitId && c.unitId !== f.unitId) return false;
  if (f.assignee === 'me' && c.assigneeId !== staff.id) return false;
  if (f.assignee === 'none' && c.assigneeId !== null) return false;
  if (f.urgent && c.urgency !== 'urgent') return false;
  if (f.overdue && !(c.governingDueOn && c.governingDueOn < toDbDate(TODAY))) return false;
  return true;
}

/** Due date ascending, none last, then id. */
function inboxOrder(a: Row, b: Row): number {
  const da = a.governingDueOn?.getTime() ?? Infinity;
  const db = b.governingDueOn?.getTime() ?? Infinity;
  if (da !== db) return da < db ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
