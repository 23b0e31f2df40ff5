// The calendar and rules a CLI command counts with: the shipped national data, or with --org an
// organisation's own (its loaded overrides and internal limits, read from the database).
import { createWorkingCalendar } from '../calendar/working-calendar.js';
import { OFFICIAL_OVERRIDES } from '../calendar/official-overrides.js';
import { OFFICIAL_RULE_SETS } from '../deadlines/rule-sets.js';
import { loadDeadlineSettings, type DeadlineSettings } from '../deadlines/deadline.service.js';
import { findOrganizationByCode } from '../intake/intake.repository.js';
import { openCliDatabase } from './cli-context.js';
import { UsageError } from './cli-command.js';

export async function deadlineSettingsFor(
  orgCode: string | undefined,
): Promise<{ settings: DeadlineSettings; label: string }> {
  if (!orgCode) {
    return {
      settings: {
        calendar: createWorkingCalendar({ overrides: OFFICIAL_OVERRIDES }),
        ruleSets: OFFICIAL_RULE_SETS,
        internalLimits: [],
      },
      label: 'lịch và thời hạn chung (thêm --org <mã đơn vị> để tính theo lịch của một đơn vị)',
    };
  }
  const { db, close } = await openCliDatabase();
  try {
    const org = await findOrganizationByCode(db.prisma, orgCode);
    if (!org) throw new UsageError(`Không tìm thấy đơn vị có mã "${orgCode}".`);
    return {
      settings: await loadDeadlineSettings(db.prisma, org.id),
      label: `lịch và thời hạn của ${org.name}`,
    };
  } finally {
    await close();
  }
}
