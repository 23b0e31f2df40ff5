// What a crash leaves, counted from the database: each acknowledged submission must be exactly one
// case, under the tracking code its 202 gave. Shared by test/e2e/crash-recovery.e2e.test.ts and
// bench/crash-check.ts.
import { openDatabase, type Database } from '../../src/db/database.js';

export interface CaseRow {
  code: string;
  submissionId: string | null;
}

export async function readCaseRows(db: Database): Promise<CaseRow[]> {
  return db.prisma.case.findMany({ select: { code: true, submissionId: true } });
}

/** The database a run used: PostgreSQL, or the embedded one under its DATA_DIR (once stopped). */
export function openRunDatabase(where: { databaseUrl: string } | { dataDir: string }): Promise<Database> {
  return openDatabase(
    'databaseUrl' in where ? { databaseUrl: where.databaseUrl } : { embeddedDir: `${where.dataDir}/pgdata` },
  );
}

export async function readCaseRowsOf(
  where: { databaseUrl: string } | { dataDir: string },
): Promise<CaseRow[]> {
  const db = await openRunDatabase(where);
  try {
    return await readCaseRows(db);
  } finally {
    await db.close();
  }
}

/** Where lost submissions stand: counts by status (and failure reason), for a report. */
export async function describeSubmissions(db: Database, ids: string[]): Promise<string> {
  const groups = await db.prisma.intakeSubmission.groupBy({
    by: ['status', 'failureReason'],
    where: { id: { in: ids } },
    _count: { _all: true },
  });
  const found = groups.reduce((n, g) => n + g._count._all, 0);
  return [
    ...groups.map((g) => `${g._count._all} ${g.status}${g.failureReason ? ` (${g.failureReason})` : ''}`),
    ...(found < ids.length ? [`${ids.length - found} not stored`] : []),
  ].join(', ');
}

export interface CrashOutcome {
  acknowledged: number;
  cases: number;
  /** Acknowledged submissions without a case. */
  lost: string[];
  /** Submission ids or tracking codes held by more than one case. */
  duplicated: string[];
  /** Acknowledged submissions whose case carries another code than the 202 answered. */
  wrongCode: string[];
}

/** `acknowledged` maps each submissionId that got its 202 to the code in that answer. */
export function tallyCrashOutcome(acknowledged: ReadonlyMap<string, string>, rows: CaseRow[]): CrashOutcome {
  const bySubmission = new Map<string, CaseRow[]>();
  const byCode = new Map<string, number>();
  for (const row of rows) {
    if (row.submissionId)
      bySubmission.set(row.submissionId, [...(bySubmission.get(row.submissionId) ?? []), row]);
    byCode.set(row.code, (byCode.get(row.code) ?? 0) + 1);
  }
  const duplicated = [
    ...[...bySubmission].filter(([, cases]) => cases.length > 1).map(([id]) => id),
    ...[...byCode].filter(([, n]) => n > 1).map(([code]) => code),
  ];
  const lost: string[] = [];
  const wrongCode: string[] = [];
  for (const [id, code] of acknowledged) {
    const cases = bySubmission.get(id);
    if (!cases) lost.push(id);
    else if (!cases.some((c) => c.code === code)) wrongCode.push(id);
  }
  return { acknowledged: acknowledged.size, cases: rows.length, lost, duplicated, wrongCode };
}
