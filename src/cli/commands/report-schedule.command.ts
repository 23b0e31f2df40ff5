// `langnghe report:schedule add|list|remove`: the periodic reports an organisation owes, when they
// are due and who receives them (src/reports/periodic; docs/decisions/0056).
import { AppError } from '../../core/app-error.js';
import {
  listReportDefinitions,
  removeReportDefinition,
  saveReportDefinition,
} from '../../reports/periodic/report-definitions.js';
import { describeRecipientsVi, parseRecipients } from '../../reports/periodic/report-recipients.js';
import { describeScheduleVi } from '../../reports/periodic/report-schedule.js';
import { createLogger } from '../../core/logger.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { openCliDatabase } from '../cli-context.js';
import {
  parseDueArg,
  parseRecipientsArg,
  parseReportPeriodKindArg,
} from '../../reports/periodic/report-schedule-args.js';

const USAGE =
  'langnghe report:schedule add --org <mã tổ chức> --code <mã lịch> --title "<tên báo cáo>" ' +
  '--period month|quarter|half|nine_months|year --due <ngày/tháng[,ngày/tháng…]|ngày> --draft-days <n> ' +
  '--to unit:<mã khoa/phòng>|role:<vai trò>|org:<mã tổ chức>[,…]\n' +
  '       langnghe report:schedule list --org <mã tổ chức>\n' +
  '       langnghe report:schedule remove --org <mã tổ chức> --code <mã lịch>';

export const reportScheduleCommand: CliCommand = {
  name: 'report:schedule',
  usage: USAGE,
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      code: { type: 'string' },
      title: { type: 'string' },
      period: { type: 'string' },
      due: { type: 'string' },
      'draft-days': { type: 'string' },
      to: { type: 'string' },
    });
    const [action, ...extra] = positionals;
    if (extra.length) throw new UsageError(`Tham số thừa: ${extra.join(' ')}`);
    if (!values.org) throw new UsageError('Cần --org <mã tổ chức>.');
    const org = values.org;
    const { db, close } = await openCliDatabase();
    try {
      switch (action) {
        case 'add': {
          if (
            !values.code ||
            !values.title ||
            !values.period ||
            !values.due ||
            !values['draft-days'] ||
            !values.to
          )
            throw new UsageError('Cần --code, --title, --period, --due, --draft-days và --to.');
          const due = parseDueArg(values.due);
          const saved = await saveReportDefinition(db.prisma, org, {
            code: values.code,
            title: values.title,
            periodKind: parseReportPeriodKindArg(values.period),
            ...due,
            draftWorkingDaysBefore: Number(values['draft-days']),
            recipients: parseRecipientsArg(values.to),
          });
          console.log(
            `Đã lưu lịch báo cáo "${saved.code}": ${describeScheduleVi({ ...due, periodKind: saved.periodKind as never, draftWorkingDaysBefore: saved.draftWorkingDaysBefore })}.`,
          );
          return;
        }
        case 'list': {
          const list = await listReportDefinitions(db.prisma, org);
          if (!list.length) console.log('Tổ chức chưa có lịch báo cáo định kỳ.');
          const logger = createLogger('silent');
          for (const d of list) {
            console.log(`${d.code}  ${d.title}${d.active ? '' : ' [đã ngừng]'}`);
            console.log(`  ${describeScheduleVi(d)}`);
            console.log(`  Nơi nhận: ${describeRecipientsVi(parseRecipients({ logger }, d.recipients))}`);
          }
          return;
        }
        case 'remove': {
          if (!values.code) throw new UsageError('Cần --code <mã lịch>.');
          const how = await removeReportDefinition(db.prisma, org, values.code);
          console.log(
            how === 'deleted'
              ? `Đã xoá lịch báo cáo "${values.code}".`
              : `Lịch báo cáo "${values.code}" đã có báo cáo lập theo lịch: lịch được ngừng (giữ lại lịch sử).`,
          );
          return;
        }
        case undefined:
        default:
          throw new UsageError('Cần một trong: add, list, remove.');
      }
    } catch (err) {
      if (err instanceof AppError) throw new UsageError(err.message);
      throw err;
    } finally {
      await close();
    }
  },
};
