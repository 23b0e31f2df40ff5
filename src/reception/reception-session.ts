// What a citizen-reception session is (Luật Tiếp công dân 2013 Điều 18; NĐ 64/2014 Điều 4, 5): who
// receives, where, when, for how many people, once or on a rule. The zod schema is the contract of
// every door that creates one (the CLI today), so a bad value is refused before anything is stored.
import { z } from 'zod';
import type { Label } from '../cases/case-vocabulary.js';
import type { LocalDate } from '../calendar/local-date.js';
import { isLocalDate } from '../calendar/local-date.js';

export const RECEIVER_ROLES = ['head', 'deputy', 'officer'] as const;
export type ReceiverRole = (typeof RECEIVER_ROLES)[number];

export const RECEIVER_ROLE_LABELS: Readonly<Record<ReceiverRole, Label>> = {
  head: { vi: 'Thủ trưởng đơn vị', en: 'Head of the organisation' },
  deputy: { vi: 'Cấp phó được ủy quyền', en: 'Authorised deputy head' },
  officer: { vi: 'Cán bộ Ban Tiếp công dân', en: 'Citizen reception officer' },
};

export const RECEPTION_MODES = ['in_person', 'online'] as const;
export type ReceptionMode = (typeof RECEPTION_MODES)[number];

export const RECURRENCES = ['once', 'weekly', 'monthly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

const ZTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'giờ dạng HH:MM, ví dụ 08:00');
const ZDateSchema = z.string().refine(isLocalDate, 'ngày dạng YYYY-MM-DD') as unknown as z.ZodType<LocalDate>;

/** A session as the rules need it (no ids of other tables, no audit columns). */
export const ZReceptionSessionRuleSchema = z
  .object({
    recurrence: z.enum(RECURRENCES),
    weekday: z.number().int().min(0).max(6).optional(),
    dayOfMonth: z.number().int().min(1).max(31).optional(),
    startsOn: ZDateSchema,
    endsOn: ZDateSchema.optional(),
    startTime: ZTimeSchema,
    endTime: ZTimeSchema,
    slotMinutes: z.number().int().min(5).max(480).optional(),
    capacityPerSlot: z.number().int().min(1).max(500),
  })
  .superRefine((s, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (s.endTime <= s.startTime) issue('Giờ kết thúc phải sau giờ bắt đầu.');
    if (s.recurrence === 'weekly' && s.weekday === undefined) issue('Lịch hằng tuần cần thứ trong tuần.');
    if (s.recurrence === 'monthly' && s.dayOfMonth === undefined)
      issue('Lịch hằng tháng cần ngày trong tháng.');
    if (s.endsOn && s.endsOn < s.startsOn) issue('Ngày kết thúc phải từ ngày bắt đầu trở đi.');
    if (s.slotMinutes && minutesOf(s.endTime) - minutesOf(s.startTime) < s.slotMinutes)
      issue('Buổi tiếp ngắn hơn một lượt.');
  });
export type ReceptionSessionRule = z.output<typeof ZReceptionSessionRuleSchema>;

export const ZNewReceptionSessionSchema = z
  .object({
    organizationCode: z.string().min(1).max(60),
    receiverRole: z.enum(RECEIVER_ROLES),
    receiverName: z.string().trim().min(2).max(200),
    receiverStaffId: z.uuid().optional(),
    place: z.string().trim().min(2).max(300),
    mode: z.enum(RECEPTION_MODES),
    meetingLink: z.url({ protocol: /^https$/ }).optional(),
    urgent: z.boolean().default(false),
    note: z.string().trim().max(500).optional(),
    rule: ZReceptionSessionRuleSchema,
  })
  .superRefine((s, ctx) => {
    if (s.mode === 'online' && !s.meetingLink)
      ctx.addIssue({ code: 'custom', message: 'Buổi tiếp trực tuyến cần đường dẫn họp (https).' });
  });
export type NewReceptionSession = z.output<typeof ZNewReceptionSessionSchema>;

/** A stored session, as the booking and page code read it. */
export interface ReceptionSessionView extends ReceptionSessionRule {
  id: string;
  organizationId: string;
  receiverRole: ReceiverRole;
  receiverName: string;
  place: string;
  mode: ReceptionMode;
  meetingLink?: string;
  urgent: boolean;
  note?: string;
}

export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

export function timeOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The slot start times of one occurrence: one block, or one slot every slotMinutes that fits. */
export function slotsOf(rule: Pick<ReceptionSessionRule, 'startTime' | 'endTime' | 'slotMinutes'>): string[] {
  if (!rule.slotMinutes) return [rule.startTime];
  const slots: string[] = [];
  const end = minutesOf(rule.endTime);
  for (let m = minutesOf(rule.startTime); m + rule.slotMinutes <= end; m += rule.slotMinutes)
    slots.push(timeOf(m));
  return slots;
}

/** "Giám đốc Nguyễn Văn A (Thủ trưởng đơn vị)" — the name as typed, the role in the reader's language. */
export function describeReceiver(
  session: Pick<ReceptionSessionView, 'receiverName' | 'receiverRole'>,
  locale: 'vi' | 'en',
): string {
  return `${session.receiverName} (${RECEIVER_ROLE_LABELS[session.receiverRole][locale]})`;
}
