// Administrators post the citizen-reception schedule (Luật Tiếp công dân Điều 18; NĐ 64/2014
// Điều 4): add a session (once, weekly or monthly), list what is posted, cancel one.
import { z } from 'zod';
import { formatVietnameseDateWithWeekday } from '../../calendar/local-date.js';
import { systemClock } from '../../core/clock.js';
import { RECEIVER_ROLE_LABELS } from '../../reception/reception-session.js';
import { describeSessionRuleVi } from '../../reception/describe-session-rule.js';
import type { Occurrence } from '../../reception/reception-occurrences.js';
import {
  addReceptionSession,
  cancelReceptionSession,
  listReceptionSessions,
} from '../../reception/reception-sessions.js';
import type { ReceptionSessionView } from '../../reception/reception-session.js';
import { UsageError, type CliCommand } from '../cli-command.js';
import { parseCliArgs } from '../cli-options.js';
import { openCliDatabase } from '../cli-context.js';

const WEEKDAYS: Record<string, number> = { cn: 0, t2: 1, t3: 2, t4: 3, t5: 4, t6: 5, t7: 6 };

/** `--repeat once|weekly:t3|monthly:15` → the rule's recurrence fields. */
const ZRepeatSchema = z.string().transform((v, ctx) => {
  const [kind, arg] = v.toLowerCase().split(':');
  if (kind === 'once' && !arg) return { recurrence: 'once' as const };
  if (kind === 'weekly' && arg && arg in WEEKDAYS)
    return { recurrence: 'weekly' as const, weekday: WEEKDAYS[arg]! };
  const day = Number(arg);
  if (kind === 'monthly' && Number.isInteger(day) && day >= 1 && day <= 31)
    return { recurrence: 'monthly' as const, dayOfMonth: day };
  ctx.addIssue({ code: 'custom', message: '--repeat: once, weekly:<cn|t2…t7> hoặc monthly:<ngày 1–31>' });
  return z.NEVER;
});

const ZIntSchema = (name: string) =>
  z.string().regex(/^\d+$/, `${name} phải là số nguyên`).transform(Number).optional();

const ZAddArgsSchema = z.object({
  org: z.string().min(1, 'cần --org'),
  role: z.enum(['head', 'deputy', 'officer'], { message: '--role: head, deputy hoặc officer' }),
  receiver: z.string().min(2, 'cần --receiver "<chức vụ, họ tên>"'),
  staff: z.string().optional(),
  place: z.string().optional(),
  online: z.string().optional(),
  repeat: ZRepeatSchema,
  from: z.string().min(1, 'cần --from <YYYY-MM-DD>'),
  until: z.string().optional(),
  time: z.string().regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, '--time dạng 08:00-11:00'),
  slot: ZIntSchema('--slot'),
  capacity: ZIntSchema('--capacity'),
  urgent: z.boolean().optional(),
  note: z.string().optional(),
});

function describeOccurrences(next: Occurrence[]): string {
  if (!next.length) return '  (không có buổi nào trong thời gian tới)';
  return next
    .map(
      (o) =>
        `  ${formatVietnameseDateWithWeekday(o.date)}${o.movedFrom ? ` (dời từ ${formatVietnameseDateWithWeekday(o.movedFrom)} vì ngày nghỉ)` : ''}`,
    )
    .join('\n');
}

function describeSession(s: ReceptionSessionView): string {
  const rule = describeSessionRuleVi(s);
  const capacity = s.slotMinutes
    ? `${s.slotMinutes} phút/lượt, ${s.capacityPerSlot} người/lượt`
    : `${s.capacityPerSlot} người/buổi`;
  return [
    `${s.id}  ${s.receiverName} — ${RECEIVER_ROLE_LABELS[s.receiverRole].vi}${s.urgent ? ' [đột xuất]' : ''}`,
    `  ${rule}${s.recurrence !== 'once' ? `, từ ${s.startsOn}` : ''}${s.endsOn ? ` đến ${s.endsOn}` : ''}; ${capacity}`,
    `  ${s.mode === 'online' ? `Trực tuyến: ${s.meetingLink}` : `Địa điểm: ${s.place}`}`,
  ].join('\n');
}

export const receptionAddCommand: CliCommand = {
  name: 'reception:add',
  usage:
    'langnghe reception:add --org <orgCode> --role head|deputy|officer --receiver "<title, name>"\n' +
    '  (--place "<room>" | --online <https link>) --repeat once|weekly:t3|monthly:15\n' +
    '  --from <YYYY-MM-DD> [--until <YYYY-MM-DD>] --time 08:00-11:00\n' +
    '  [--slot <minutes per person>] [--capacity <people per slot or session, default 1 with --slot, else 10>]\n' +
    '  [--staff <staffId>] [--urgent] [--note "<text>"]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, {
      org: { type: 'string' },
      role: { type: 'string' },
      receiver: { type: 'string' },
      staff: { type: 'string' },
      place: { type: 'string' },
      online: { type: 'string' },
      repeat: { type: 'string' },
      from: { type: 'string' },
      until: { type: 'string' },
      time: { type: 'string' },
      slot: { type: 'string' },
      capacity: { type: 'string' },
      urgent: { type: 'boolean' },
      note: { type: 'string' },
    });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    const parsed = ZAddArgsSchema.safeParse({ ...values, repeat: values.repeat ?? '' });
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
    const a = parsed.data;
    if (!a.place === !a.online) throw new UsageError('Cần đúng một trong --place hoặc --online.');
    const [startTime, endTime] = a.time.split('-') as [string, string];
    const { db, config, close } = await openCliDatabase();
    try {
      const { session, next } = await addReceptionSession(
        { db, clock: systemClock },
        {
          organizationCode: a.org,
          receiverRole: a.role,
          receiverName: a.receiver,
          ...(a.staff ? { receiverStaffId: a.staff } : {}),
          place: a.place ?? 'Trực tuyến',
          mode: a.online ? 'online' : 'in_person',
          ...(a.online ? { meetingLink: a.online } : {}),
          urgent: a.urgent ?? false,
          ...(a.note ? { note: a.note } : {}),
          rule: {
            ...a.repeat,
            startsOn: a.from,
            ...(a.until ? { endsOn: a.until } : {}),
            startTime,
            endTime,
            ...(a.slot ? { slotMinutes: a.slot } : {}),
            capacityPerSlot: a.capacity ?? (a.slot ? 1 : 10),
          },
        },
        { noticeWorkingDays: config.reception.noticeWorkingDays },
      );
      console.log(
        `Đã niêm yết lịch tiếp công dân:\n${describeSession(session)}\nCác buổi sắp tới:\n${describeOccurrences(next)}`,
      );
    } finally {
      await close();
    }
  },
};

export const receptionListCommand: CliCommand = {
  name: 'reception:list',
  usage: 'langnghe reception:list --org <orgCode> [--days <n, default 60>]',
  async run(args) {
    const { values, positionals } = parseCliArgs(args, { org: { type: 'string' }, days: { type: 'string' } });
    if (positionals.length) throw new UsageError(`Tham số thừa: ${positionals.join(' ')}`);
    const parsed = z
      .object({ org: z.string({ message: 'Cần --org.' }).min(1), days: ZIntSchema('--days') })
      .safeParse(values);
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
    const days = parsed.data.days ?? 60;
    if (days < 1 || days > 366) throw new UsageError('--days từ 1 đến 366.');
    const { db, close } = await openCliDatabase();
    try {
      const list = await listReceptionSessions({ db, clock: systemClock }, parsed.data.org, days);
      console.log(
        list.length
          ? list
              .map(({ session, next }) => `${describeSession(session)}\n${describeOccurrences(next)}`)
              .join('\n\n')
          : 'Chưa có lịch tiếp công dân nào.',
      );
    } finally {
      await close();
    }
  },
};

export const receptionCancelCommand: CliCommand = {
  name: 'reception:cancel',
  usage: 'langnghe reception:cancel <sessionId>',
  async run(args) {
    const { positionals } = parseCliArgs(args, {});
    const parsed = z
      .tuple([z.uuid({ message: 'Cần mã lịch tiếp (sessionId) từ reception:list.' })])
      .safeParse(positionals);
    if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
    const { db, close } = await openCliDatabase();
    try {
      const { bookingsCancelled } = await cancelReceptionSession({ db, clock: systemClock }, parsed.data[0]);
      console.log(
        `Đã hủy lịch tiếp.${bookingsCancelled ? ` ${bookingsCancelled} lịch hẹn bị hủy; người đặt sẽ nhận tin báo khi ứng dụng chạy.` : ''}`,
      );
    } finally {
      await close();
    }
  },
};
