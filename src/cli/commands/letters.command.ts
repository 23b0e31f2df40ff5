// `langnghe letters`: the letter register — number/year, kind, case, status, signer, dates.
import { formatVietnameseDate, toVietnamDate } from '../../calendar/local-date.js';
import { findOrganizationByCode } from '../../directory/directory.repository.js';
import { listLetters } from '../../letters/letter.repository.js';
import { parseLetterSettings, symbolFor } from '../../letters/letter-settings.js';
import {
  LETTER_KIND_LABELS,
  LETTER_STATUS_LABELS,
  type LetterKind,
  type LetterStatus,
} from '../../letters/letter-vocabulary.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { withDirectoryContext } from '../directory-cli.js';

const day = (d: Date | null) => (d ? formatVietnameseDate(toVietnamDate(d)) : '—');

export const lettersCommand: CliCommand = {
  name: 'letters',
  usage: 'langnghe letters [--org <orgCode>] [--year <yyyy>] [--case <caseCode>]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      year: { type: 'string' },
      case: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100)) {
      throw new UsageError(`Năm không hợp lệ: "${values.year}".`);
    }
    const lines = await withDirectoryContext(async (ctx) => {
      const prisma = ctx.db.prisma;
      let organizationId: string | undefined;
      if (values.org) {
        const org = await findOrganizationByCode(prisma, values.org);
        if (!org) throw new UsageError(`Không tìm thấy đơn vị có mã "${values.org}".`);
        organizationId = org.id;
      }
      let caseId: string | undefined;
      if (values.case) {
        const c = await prisma.case.findUnique({
          where: { code: values.case.toUpperCase() },
          select: { id: true },
        });
        if (!c) throw new UsageError(`Không tìm thấy hồ sơ "${values.case}".`);
        caseId = c.id;
      }
      const rows = await listLetters(prisma, {
        ...(organizationId ? { organizationId } : {}),
        ...(year ? { year } : {}),
        ...(caseId ? { caseId } : {}),
      });
      const orgs = new Map<string, { code: string; kind: string; settings: unknown }>();
      for (const id of new Set(rows.map((r) => r.organizationId))) {
        const org = await prisma.organization.findUniqueOrThrow({
          where: { id },
          select: { code: true, kind: true, settings: true },
        });
        orgs.set(id, org);
      }
      return rows.map((r) => {
        const org = orgs.get(r.organizationId)!;
        const kind = r.kind as LetterKind;
        const number =
          r.number !== null
            ? `${r.number}/${symbolFor(kind, parseLetterSettings(org, org.settings))} (${r.year})`
            : '(không số)';
        return [
          number.padEnd(28),
          LETTER_KIND_LABELS[kind].vi.padEnd(36),
          r.case.code,
          LETTER_STATUS_LABELS[r.status as LetterStatus].vi.padEnd(12),
          r.signerName ? `${r.signerName}${r.signerTitle ? ` (${r.signerTitle})` : ''}` : '—',
          `soạn ${day(r.createdAt)} · ký ${day(r.signedAt)} · gửi ${day(r.sentAt)}`,
        ].join('  ');
      });
    });
    console.log(lines.length ? lines.join('\n') : 'Chưa có thư nào.');
  },
};
