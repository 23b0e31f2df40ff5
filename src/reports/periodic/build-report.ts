// Builds the figures of one organisation's periodic report. The cases counted are those received
// in the period, in the state they are in on the day the report is built (the plans ask "received
// in the period: so many answered, on time, still open…"); the previous period is counted the same
// way, on the same day, for the trends. A managing body's report counts its own cases and those of
// every organisation below it in the directory tree, and shows each (docs/decisions/0053).
import type { AppContext } from '../../app-context.js';
import { daysBetween, fromDbDate, toDbDate, toVietnamDate } from '../../calendar/local-date.js';
import { AppError } from '../../core/app-error.js';
import type { CaseKind } from '../../cases/case-vocabulary.js';
import {
  aggregateCaseFigures,
  countHotlineDuty,
  listAllOrganizations,
  listOverdueCases,
  listUnitsOf,
  type FigureRow,
  type ScopeOrganization,
} from './periodic-report.repository.js';
import {
  sumCounts,
  type LateState,
  type OrganizationFigures,
  type OverdueCase,
  type PeriodicReport,
  type UnitFigures,
} from './report-model.js';
import { periodDays, previousPeriod, type ReportPeriod } from './report-period.js';

/** Cases with no unit yet are shown on a line of their own. */
export const NO_UNIT_LABEL = 'Chưa giao đơn vị';

/** What a reader might look for and is not there, said once in every report. */
export const REPORT_NOTES = [
  'Số liệu tính trên các hồ sơ tiếp nhận trong kỳ, theo tình trạng tại ngày lập báo cáo.',
  'Khen ngợi và phản ánh, khiếu nại, tố cáo đúng được thống kê theo khoa, phòng; hệ thống chưa ghi nhận liên kết giữa hồ sơ và cá nhân được nêu tên, nên báo cáo không thống kê theo từng cá nhân.',
  'Báo cáo không chứa nội dung đơn, ý kiến hay thông tin cá nhân của người gửi.',
];

/** The organisation and every organisation below it, the organisation itself first. */
export function organizationSubtree(all: readonly ScopeOrganization[], rootId: string): ScopeOrganization[] {
  const children = new Map<string, ScopeOrganization[]>();
  for (const o of all) {
    if (!o.parentId) continue;
    children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  }
  const out: ScopeOrganization[] = [];
  const seen = new Set<string>();
  const walk = (id: string) => {
    const org = all.find((o) => o.id === id);
    if (!org || seen.has(id)) return;
    seen.add(id);
    out.push(org);
    for (const child of children.get(id) ?? []) walk(child.id);
  };
  walk(rootId);
  return out;
}

function lateStateOf(c: {
  paused: boolean;
  governingClockKind: string | null;
  clocks: { kind: string; extensions: unknown; dueResetOn: Date | null }[];
}): LateState {
  if (c.paused) return 'paused';
  const clock = c.clocks.find((k) => k.kind === c.governingClockKind);
  if (clock?.dueResetOn) return 'new_date';
  if (Array.isArray(clock?.extensions) && clock.extensions.length > 0) return 'extended';
  return 'none';
}

/** Needs only the database and the clock: the CLI builds a report without Redis. */
export async function buildPeriodicReport(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  input: { organizationCode: string; period: ReportPeriod },
): Promise<PeriodicReport> {
  const db = ctx.db.prisma;
  const now = ctx.clock.now();
  const asOf = toVietnamDate(now);
  const all = await listAllOrganizations(db);
  const root = all.find((o) => o.code === input.organizationCode);
  if (!root) throw new AppError('not_found', `Không tìm thấy tổ chức có mã "${input.organizationCode}".`);
  const scope = organizationSubtree(all, root.id);
  const ids = scope.map((o) => o.id);
  const previous = previousPeriod(input.period);

  const [figureRows, duty, units, overdue] = await Promise.all([
    aggregateCaseFigures(db, {
      organizationIds: ids,
      period: input.period,
      previous,
      asOf,
      workMemMb: ctx.config.reportWorkMemMb,
    }),
    countHotlineDuty(db, { organizationIds: ids, from: input.period.from, to: input.period.to }),
    listUnitsOf(db, ids),
    listOverdueCases(db, { organizationIds: ids, ...input.period, asOf: toDbDate(asOf) }),
  ]);
  const rows = figureRows.filter((r) => r.current);
  const previousRows = figureRows.filter((r) => !r.current);

  const unitById = new Map(units.map((u) => [u.id, u]));
  const orgById = new Map(scope.map((o) => [o.id, o]));
  const organizations: OrganizationFigures[] = scope.map((org) => {
    const own: FigureRow[] = rows.filter((r) => r.organizationId === org.id);
    const unitFigures: UnitFigures[] = units
      .filter((u) => u.organizationId === org.id)
      .map((u) => ({
        unitCode: u.code,
        unitName: u.name,
        counts: sumCounts(own.filter((r) => r.unitId === u.id).map((r) => r.counts)),
      }));
    const unrouted = own.filter((r) => r.unitId === null || !unitById.has(r.unitId));
    if (unrouted.length)
      unitFigures.push({
        unitCode: null,
        unitName: NO_UNIT_LABEL,
        counts: sumCounts(unrouted.map((r) => r.counts)),
      });
    const d = duty.get(org.id) ?? { dutyShifts: 0, hotlineReviews: 0 };
    return {
      code: org.code,
      name: org.name,
      counts: sumCounts(own.map((r) => r.counts)),
      units: unitFigures,
      dutyShifts: d.dutyShifts,
      hotlineReviews: d.hotlineReviews,
    };
  });

  const overdueCases: OverdueCase[] = overdue.map((c) => {
    const dueOn = fromDbDate(c.governingDueOn!);
    return {
      code: c.code,
      organizationCode: orgById.get(c.organizationId)?.code ?? '',
      unitName: (c.unitId && unitById.get(c.unitId)?.name) || NO_UNIT_LABEL,
      kind: c.kind as CaseKind,
      dueOn,
      daysLate: daysBetween(dueOn, asOf),
      lateState: lateStateOf(c),
    };
  });

  const parent = root.parentId ? all.find((o) => o.id === root.parentId) : undefined;
  const days = periodDays(input.period);
  return {
    organization: { code: root.code, name: root.name, parentName: parent?.name ?? null, place: root.place },
    period: {
      kind: input.period.kind,
      code: input.period.code,
      label: input.period.label,
      from: days.first,
      to: days.last,
    },
    previousPeriod: { code: previous.code, label: previous.label },
    asOf,
    generatedAt: now.toISOString(),
    totals: sumCounts(rows.map((r) => r.counts)),
    previousTotals: sumCounts(previousRows.map((r) => r.counts)),
    organizations,
    dutyShifts: organizations.reduce((n, o) => n + o.dutyShifts, 0),
    hotlineReviews: organizations.reduce((n, o) => n + o.hotlineReviews, 0),
    overdueCases,
    notes: [...REPORT_NOTES],
  };
}
