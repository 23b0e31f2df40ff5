// /hopthu: the cases in the officer's scope, the most urgent deadline first. The database picks
// them (case-inbox-scope.ts compiles the permission rule into the query), so the oldest, most
// overdue cases of a busy unit are on the first page instead of beyond the newest few hundred.
// Buttons page by cursor (stable while new cases arrive); a typed `trang N` still works.
import type { AppContext } from '../app-context.js';
import { formatVietnameseDate, fromDbDate, toDbDate, toVietnamDate } from '../calendar/local-date.js';
import {
  decodeInboxCursor,
  encodeInboxCursor,
  inboxCursorOf,
  inboxQuery,
  type InboxFilters,
} from '../cases/case-inbox-scope.js';
import { countInboxCases, findInboxCases, type InboxCaseRow } from '../cases/case-inbox.repository.js';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS } from '../cases/case-vocabulary.js';
import { AppError } from '../core/app-error.js';
import type { Outbound } from '../dialog/dialog-types.js';
import { findUnitByCode } from '../directory/directory.repository.js';
import type { StaffMember } from '../directory/staff-member.js';
import { INTAKE_FAILURE_FLAG } from '../intake/submission-failure.js';
import { inboxButtonValue, type InboxRequest } from './inbox-request.js';

export const INBOX_PAGE_SIZE = 20;

export async function showInbox(
  ctx: AppContext,
  staff: StaffMember,
  request: InboxRequest,
): Promise<Outbound> {
  const { prisma } = ctx.db;
  let unitId: string | null = null;
  if (request.unitCode) {
    const unit = await findUnitByCode(prisma, request.unitCode);
    if (!unit) throw new AppError('not_found', `Không tìm thấy khoa/phòng có mã "${request.unitCode}".`);
    unitId = unit.id;
  }
  const filters: InboxFilters = {
    status: request.status,
    unitId,
    assignee: request.assignee,
    urgent: request.urgent,
    overdue: request.overdue,
  };
  const today = toVietnamDate(ctx.clock.now());
  const label = filterLabel(request);

  const [total, page] = await Promise.all([
    countInboxCases(prisma, inboxQuery(staff, filters, today)),
    loadPage(ctx, staff, filters, request),
  ]);
  if (total === 0 || page.rows.length === 0) {
    return { text: `Hộp thư (${label}): không có hồ sơ nào trong phạm vi của bạn.` };
  }

  const todayDb = toDbDate(today);
  const lines = page.rows.map((c) => inboxLine(c, todayDb));
  const nav: { label: string; value: string }[] = [];
  let unfit = false;
  const button = (text: string, direction: 'after' | 'before', row: InboxCaseRow) => {
    const value = inboxButtonValue(request, direction, encodeInboxCursor(inboxCursorOf(row)));
    if (value) nav.push({ label: text, value });
    else unfit = true;
  };
  if (page.hasPrevious) button('◀ Trang trước', 'before', page.rows[0]!);
  if (page.hasNext) button('Trang sau ▶', 'after', page.rows.at(-1)!);
  return {
    text: [
      `Hộp thư (${label}): ${total} hồ sơ, hạn gần nhất trước.`,
      ...lines,
      '',
      // A unit code too long for a button's 64 bytes: paging by typed page number instead.
      ...(unfit ? ['Trang khác: thêm "trang N" vào lệnh /hopthu.'] : []),
      'Xem một hồ sơ: /xem <mã>',
    ].join('\n'),
    ...(nav.length ? { buttons: [nav] } : {}),
  };
}

interface InboxPage {
  rows: InboxCaseRow[];
  hasPrevious: boolean;
  hasNext: boolean;
}

/**
 * One page: after or before a button's cursor, or the typed page number (by offset; a page past
 * the end shows the last one). A cursor whose side is empty now (cases closed meanwhile) starts
 * over from the first page.
 */
async function loadPage(
  ctx: AppContext,
  staff: StaffMember,
  filters: InboxFilters,
  request: InboxRequest,
): Promise<InboxPage> {
  const { prisma } = ctx.db;
  const today = toVietnamDate(ctx.clock.now());
  const take = INBOX_PAGE_SIZE + 1;
  if (request.cursor) {
    const cursor = decodeInboxCursor(request.cursor.token);
    if (!cursor) throw new AppError('validation', 'Nút chuyển trang không hợp lệ; hãy gửi lại /hopthu.');
    const { direction } = request.cursor;
    const rows = await findInboxCases(prisma, inboxQuery(staff, filters, today, { direction, cursor }), {
      take,
    });
    const more = rows.length > INBOX_PAGE_SIZE;
    const shown = rows.slice(0, INBOX_PAGE_SIZE);
    if (shown.length > 0) {
      return direction === 'after'
        ? { rows: shown, hasPrevious: true, hasNext: more }
        : { rows: shown.reverse(), hasPrevious: more, hasNext: true };
    }
    return loadPage(ctx, staff, filters, { ...request, cursor: null, page: 1 });
  }
  const query = inboxQuery(staff, filters, today);
  let skip = (request.page - 1) * INBOX_PAGE_SIZE;
  let rows = await findInboxCases(prisma, query, { take, skip });
  if (rows.length === 0 && skip > 0) {
    const total = await countInboxCases(prisma, query);
    skip = Math.max(0, Math.floor((total - 1) / INBOX_PAGE_SIZE)) * INBOX_PAGE_SIZE;
    rows = await findInboxCases(prisma, query, { take, skip });
  }
  return {
    rows: rows.slice(0, INBOX_PAGE_SIZE),
    hasPrevious: skip > 0,
    hasNext: rows.length > INBOX_PAGE_SIZE,
  };
}

/** `• CODE 🚨 — Kind · Status · Unit · hạn dd/mm/yyyy ⚠️ quá hạn`, and the unreadable-content flag. */
function inboxLine(c: InboxCaseRow, today: Date): string {
  const due = c.governingDueOn
    ? `hạn ${formatVietnameseDate(fromDbDate(c.governingDueOn))}${c.governingDueOn < today ? ' ⚠️ quá hạn' : ''}`
    : 'chưa có hạn';
  return `• ${c.code}${c.urgency === 'urgent' ? ' 🚨' : ''} — ${CASE_KIND_LABELS[c.kind].vi} · ${
    CASE_STATUS_LABELS[c.status].vi
  }${c.paused ? ' (tạm dừng)' : ''} · ${c.unit?.name ?? 'chưa phân công'} · ${due}${
    c.intakeFailureReason ? ` · ${INTAKE_FAILURE_FLAG}` : ''
  }`;
}

function filterLabel(r: InboxRequest): string {
  const status =
    r.status === 'all'
      ? 'mọi trạng thái'
      : r.status
        ? CASE_STATUS_LABELS[r.status].vi.toLowerCase()
        : 'đang mở';
  return [
    status,
    r.unitCode,
    r.assignee === 'me' ? 'giao cho tôi' : r.assignee === 'none' ? 'chưa giao cán bộ' : null,
    r.urgent ? 'khẩn' : null,
    r.overdue ? 'quá hạn' : null,
  ]
    .filter(Boolean)
    .join(', ');
}
