// Every clock of a case as an officer reads it on the case view: kind, state, due date and a short
// account of how the date was counted (the full trace is `langnghe due`).
import type { AppContext } from '../app-context.js';
import { formatVietnameseDate, type LocalDate } from '../calendar/local-date.js';
import { describeCaseClocks, deadlineSettingsOf } from './deadline.service.js';

export interface CaseClockLine {
  kind: string;
  status: 'running' | 'paused' | 'stopped';
  dueOn: LocalDate;
  explanation: string;
}

export async function describeCaseClocksOf(
  ctx: AppContext,
  organizationId: string,
  caseId: string,
): Promise<CaseClockLine[]> {
  const settings = await deadlineSettingsOf(ctx, organizationId);
  const clocks = await describeCaseClocks(ctx.db.prisma, settings, caseId, ctx.clock.now());
  return clocks.map((c) => ({
    kind: c.kind,
    status: c.status,
    dueOn: c.dueOn,
    explanation: `${c.days} ${c.dayType === 'working' ? 'ngày làm việc' : 'ngày'} kể từ ngày ${formatVietnameseDate(c.startedOn)} (${c.ruleSetCode})`,
  }));
}
