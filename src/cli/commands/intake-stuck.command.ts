// `langnghe intake:stuck`: submissions acknowledged to their sender that are not cases yet —
// pending for more than 15 minutes, or failed for good with a reason (decision 0019). A failed one
// has usually become a placeholder case with the receiving office (decision 0026); the list says
// so. Shows tracking codes and reasons only; what people wrote stays sealed. `--retry` sets the
// failed ones without a case pending again once the cause is fixed (a key restored, an
// organisation re-created): the worker's recovery sweep then processes them. A placeholder case
// stays as it is: officers already handle it, and a second case under its code cannot exist.
import { formatVietnameseDate, toVietnamDate } from '../../calendar/local-date.js';
import { listStuckSubmissions, resetFailedSubmissions } from '../../intake/intake.repository.js';
import { STUCK_ALERT_AFTER_MS } from '../../intake/requeue-pending-submissions.js';
import { submissionFailureWords } from '../../intake/submission-failure.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { openCliDatabase } from '../cli-context.js';
import { parseCliArgs } from '../cli-options.js';

export const intakeStuckCommand: CliCommand = {
  name: 'intake:stuck',
  usage: 'langnghe intake:stuck [--retry]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, { retry: { type: 'boolean' } });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    const { db, close } = await openCliDatabase();
    try {
      if (values.retry) {
        const { count } = await resetFailedSubmissions(db.prisma);
        console.log(
          `Đã đặt lại ${count} ý kiến lỗi chưa thành hồ sơ về trạng thái chờ xử lý; tiến trình xử lý sẽ làm lại. Ý kiến đã thành hồ sơ cần chú ý được giữ nguyên cho cán bộ tiếp nhận.`,
        );
        return;
      }
      const rows = await listStuckSubmissions(db.prisma, new Date(Date.now() - STUCK_ALERT_AFTER_MS), 1000);
      if (!rows.length) {
        console.log('Không có ý kiến nào bị kẹt: mọi ý kiến đã tiếp nhận đều đã thành hồ sơ.');
        return;
      }
      for (const r of rows) {
        const day = formatVietnameseDate(toVietnamDate(r.createdAt));
        const what =
          r.status === 'failed'
            ? `LỖI: ${submissionFailureWords(r.failureReason)}${
                r.caseId ? ' — đã thành hồ sơ cần chú ý ở bộ phận tiếp nhận' : ' — chưa thành hồ sơ'
              }`
            : 'đang chờ xử lý';
        console.log(`${r.trackingCode}  nhận ${day} ${r.createdAt.toISOString().slice(11, 16)} UTC  ${what}`);
      }
    } finally {
      await close();
    }
  },
};
