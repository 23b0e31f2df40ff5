// The governing deadline of a case as people read it: which limit, the date, and its basis (the
// article of law, or the unit's own service target). Every sender notice, the tracking page, the
// bot's tracking answer and the officers' cards take it from here, so one person is never told
// two dates for one case.
import type { Db } from '../db/database.js';
import { formatVietnameseDate, fromDbDate, type LocalDate } from '../calendar/local-date.js';
import type { Label } from '../cases/case-vocabulary.js';
import { clockKindLabel } from './clock-labels.js';
import { listClocks, type ClockRow, type Tx } from './clock.repository.js';
import { governingClock } from './governing-clock.js';
import { OFFICIAL_RULE_SETS } from './rule-sets.js';

export interface GoverningDeadline {
  clockKind: string;
  label: Label;
  dueOn: LocalDate;
  paused: boolean;
  basis: 'statutory' | 'internal';
  /** The article the limit comes from ("Luật Khiếu nại 2011, Điều 28"); null when unknown. */
  source: string | null;
}

function sourceOf(row: Pick<ClockRow, 'kind' | 'ruleSetCode'>): string | null {
  const set = OFFICIAL_RULE_SETS.find((s) => s.code === row.ruleSetCode);
  return set?.rules.find((r) => r.clockKind === row.kind)?.sourceArticle ?? null;
}

export function governingDeadlineOf(rows: readonly ClockRow[]): GoverningDeadline | null {
  const g = governingClock(
    rows.map((row) => ({ row, kind: row.kind, status: row.status, dueOn: fromDbDate(row.dueOn) })),
  );
  if (!g) return null;
  const { row, dueOn } = g.clock;
  return {
    clockKind: row.kind,
    label: clockKindLabel(row.kind),
    dueOn,
    paused: row.status === 'paused',
    basis: g.basis,
    source: sourceOf(row),
  };
}

export async function loadGoverningDeadline(db: Db | Tx, caseId: string): Promise<GoverningDeadline | null> {
  return governingDeadlineOf(await listClocks(db, caseId));
}

/** "Hạn giải quyết khiếu nại: 20/03/2026 (theo luật: Luật Khiếu nại 2011, Điều 28)". */
export function governingDeadlineText(g: GoverningDeadline, lang: 'vi' | 'en' = 'vi'): string {
  const date = formatVietnameseDate(g.dueOn);
  if (lang === 'en') {
    const basis =
      g.basis === 'statutory' ? `set by law${g.source ? `: ${g.source}` : ''}` : "the unit's service target";
    return `${g.label.en}: ${date} (${basis})${g.paused ? ', paused' : ''}`;
  }
  const basis =
    g.basis === 'statutory' ? `theo luật${g.source ? `: ${g.source}` : ''}` : 'thời hạn phục vụ của đơn vị';
  return `${g.label.vi}: ${date} (${basis})${g.paused ? ', đang tạm dừng' : ''}`;
}
