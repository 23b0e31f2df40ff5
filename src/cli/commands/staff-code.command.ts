// An administrator issues the staff access code of an organisation, and rotates it when it leaks.
import { systemClock } from '../../core/clock.js';
import { createLogger } from '../../core/logger.js';
import { issueStaffAccessCode } from '../../directory/staff-access-code.service.js';
import { findOrganizationByCode } from '../../intake/intake.repository.js';
import { openCliDatabase } from '../cli-context.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';

export const staffCodeCommand: CliCommand = {
  name: 'staff-code',
  usage: 'langnghe staff-code <orgCode>',
  async run(args) {
    const { positionals } = parseCliArgs(args, {});
    const [orgCode, extra] = positionals;
    if (!orgCode || extra) throw new UsageError('Cần đúng một mã đơn vị.');
    const { config, db, close } = await openCliDatabase();
    try {
      const org = await findOrganizationByCode(db.prisma, orgCode);
      if (!org) throw new UsageError(`Không tìm thấy đơn vị có mã "${orgCode}".`);
      const issued = await issueStaffAccessCode(
        { db, clock: systemClock, logger: createLogger(config.logLevel) },
        org.id,
      );
      console.log(
        [
          `Mã truy cập góp ý nội bộ mới của ${org.name}: ${issued.code}`,
          'Mã cũ (nếu có) đã hết hiệu lực. Mã chỉ hiển thị một lần: hãy chuyển cho viên chức, người lao động của đơn vị.',
        ].join('\n'),
      );
    } finally {
      await close();
    }
  },
};
