// Officers' periodic-report commands (/baocao, /kybaocao), channel-neutral, kept apart from the
// case commands like the letters are. Syntax and roles: REPORT_COMMANDS in
// officer-command-registry.ts; the service checks the signer again.
import type { AppContext } from '../app-context.js';
import { formatVietnameseDate } from '../calendar/local-date.js';
import type { InboundEnvelope, Outbound } from '../dialog/dialog-types.js';
import { answerPrivateStaffCommand } from './private-staff-command.js';
import type { StaffMember } from '../directory/staff-member.js';
import type { PeriodicReportDeps } from '../reports/periodic/report-documents.js';
import { listRecentFilings } from '../reports/periodic/report-filing.repository.js';
import { REPORT_VIEW_ROLES } from '../reports/periodic/report-roles.js';
import {
  signPeriodicReport,
  toFilingView,
  type FilingView,
} from '../reports/periodic/periodic-report-filing.js';
import { findReportCommand, type ReportRequest } from './officer-command-registry.js';

/** How many reports /baocao lists, newest due date first. */
const LIST_SIZE = 15;

const STATUS_VI: Record<FilingView['status'], string> = {
  draft: 'dự thảo, chờ ký',
  signed: 'đã ký, đang gửi',
  filed: 'đã gửi',
};

/** The bot router's hook: a report command → its answer; undefined when the input is not one. */
export function handleReportInput(
  ctx: AppContext,
  deps: PeriodicReportDeps,
  env: InboundEnvelope,
  options: { inGroup: boolean },
): Promise<Outbound[] | undefined> {
  return answerPrivateStaffCommand(ctx, env, options, {
    find: findReportCommand,
    privateOnly: 'Các lệnh báo cáo định kỳ chỉ dùng trong tin nhắn riêng với bot.',
    run: (staff, request) => runReportRequest(ctx, deps, staff, request),
  });
}

export async function runReportRequest(
  ctx: AppContext,
  deps: PeriodicReportDeps,
  staff: StaffMember,
  request: ReportRequest,
): Promise<string> {
  switch (request.type) {
    case 'report_list': {
      if (
        !staff.roles.some(
          (r) => (REPORT_VIEW_ROLES as readonly string[]).includes(r.role) && r.unitId === null,
        )
      )
        return 'Chỉ lãnh đạo và quản trị viên của đơn vị xem được danh sách báo cáo định kỳ.';
      const list = (await listRecentFilings(ctx.db.prisma, [staff.organizationId], LIST_SIZE)).map(
        toFilingView,
      );
      if (!list.length) return 'Đơn vị chưa có báo cáo định kỳ nào được lập theo lịch.';
      return [
        '📊 Báo cáo định kỳ:',
        ...list.map(
          (f) =>
            `• ${f.ref} — ${f.title}, kỳ ${f.periodCode}, hạn trước ${formatVietnameseDate(f.dueOn)}: ${STATUS_VI[f.status]}${f.numberText ? ` (số ${f.numberText})` : ''}`,
        ),
        'Ký dự thảo: /kybaocao <số hiệu>.',
      ].join('\n');
    }
    case 'report_sign': {
      const r = await signPeriodicReport(ctx, deps, { ref: request.ref, staffId: staff.id });
      const where =
        r.recipients > 0
          ? `đã gửi ${r.recipients} nơi nhận`
          : 'chưa có nơi nhận nào liên kết Telegram: xin gửi bản đã ký theo đường công văn';
      return r.signedNow
        ? `✅ Đã ký ${r.title} (kỳ ${r.periodCode}), số ${r.numberText}; ${where}.`
        : `Báo cáo ${r.ref} đã được ký trước đó, số ${r.numberText}; ${where}.`;
    }
    default: {
      const unknown: never = request;
      throw new Error(`unknown report request ${JSON.stringify(unknown)}`);
    }
  }
}
