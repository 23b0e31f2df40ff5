// The words a case is described with. The string values are the database enum values
// (prisma/schema.prisma) and must not change; labels are what people read.
import { z } from 'zod';

/** A label in both languages the product speaks: Vietnamese first, English second. */
export interface Label {
  readonly vi: string;
  readonly en: string;
}

export type Locale = keyof Label;

export const CASE_KINDS = ['feedback', 'report', 'petition', 'complaint', 'denunciation', 'praise'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const ZCaseKindSchema = z.enum(CASE_KINDS);

export const CASE_KIND_LABELS: Readonly<Record<CaseKind, Label>> = {
  feedback: { vi: 'Góp ý', en: 'Feedback' },
  report: { vi: 'Phản ánh', en: 'Report' },
  petition: { vi: 'Kiến nghị', en: 'Petition' },
  complaint: { vi: 'Khiếu nại', en: 'Complaint' },
  denunciation: { vi: 'Tố cáo', en: 'Denunciation' },
  praise: { vi: 'Khen ngợi', en: 'Praise' },
};

/** Kinds governed by a statute with a signed đơn and statutory clocks (DOMAIN.md §2.1). */
export const STATUTORY_CASE_KINDS = ['complaint', 'denunciation'] as const satisfies readonly CaseKind[];

export function isStatutoryKind(kind: CaseKind): boolean {
  return (STATUTORY_CASE_KINDS as readonly CaseKind[]).includes(kind);
}

export const AUDIENCES = ['citizen', 'staff'] as const;
export type Audience = (typeof AUDIENCES)[number];
export const ZAudienceSchema = z.enum(AUDIENCES);

export const AUDIENCE_LABELS: Readonly<Record<Audience, Label>> = {
  citizen: { vi: 'Người dân', en: 'Citizen' },
  staff: { vi: 'Nội bộ', en: 'Staff' },
};

export const CHANNELS = ['telegram', 'zalo', 'web', 'hotline', 'api', 'messenger', 'in_person'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ZChannelSchema = z.enum(CHANNELS);

export const CHANNEL_LABELS: Readonly<Record<Channel, Label>> = {
  telegram: { vi: 'Telegram', en: 'Telegram' },
  zalo: { vi: 'Zalo', en: 'Zalo' },
  web: { vi: 'Trang web', en: 'Web' },
  hotline: { vi: 'Đường dây nóng', en: 'Hotline' },
  api: { vi: 'Kết nối hệ thống', en: 'API' },
  messenger: { vi: 'Messenger (Facebook)', en: 'Messenger (Facebook)' },
  in_person: { vi: 'Tiếp trực tiếp', en: 'In person' },
};

export const CASE_STATUSES = [
  'received',
  'accepted',
  'refused',
  'forwarded',
  'guided',
  'merged',
  'withdrawn',
  'assigned',
  'in_progress',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const ZCaseStatusSchema = z.enum(CASE_STATUSES);

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, Label>> = {
  received: { vi: 'Đã tiếp nhận', en: 'Received' },
  accepted: { vi: 'Đã thụ lý', en: 'Accepted' },
  refused: { vi: 'Không thụ lý', en: 'Not accepted' },
  forwarded: { vi: 'Đã chuyển đơn', en: 'Forwarded' },
  guided: { vi: 'Đã hướng dẫn', en: 'Guided elsewhere' },
  merged: { vi: 'Đã gộp', en: 'Merged' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
  assigned: { vi: 'Đã giao xử lý', en: 'Assigned' },
  in_progress: { vi: 'Đang xử lý', en: 'In progress' },
  resolved: { vi: 'Đã giải quyết', en: 'Resolved' },
  closed: { vi: 'Đã đóng', en: 'Closed' },
};

/** Statuses where work is still owed to the sender: clocks run, pause applies. */
export const OPEN_STATUSES = [
  'received',
  'accepted',
  'assigned',
  'in_progress',
] as const satisfies readonly CaseStatus[];

/**
 * Statuses that end a case. `resolved` is not among them: it waits for the satisfaction answer and
 * may be reopened; `closed` may still be reopened by a head, leader or admin.
 */
export const TERMINAL_STATUSES = [
  'refused',
  'forwarded',
  'guided',
  'merged',
  'withdrawn',
  'closed',
] as const satisfies readonly CaseStatus[];

export function isOpenStatus(status: CaseStatus): boolean {
  return (OPEN_STATUSES as readonly CaseStatus[]).includes(status);
}

export function isTerminalStatus(status: CaseStatus): boolean {
  return (TERMINAL_STATUSES as readonly CaseStatus[]).includes(status);
}

export const OUTCOMES = ['valid', 'partly_valid', 'not_valid', 'not_applicable'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const ZOutcomeSchema = z.enum(OUTCOMES);

export const OUTCOME_LABELS: Readonly<Record<Outcome, Label>> = {
  valid: { vi: 'Đúng', en: 'Valid' },
  partly_valid: { vi: 'Đúng một phần', en: 'Partly valid' },
  not_valid: { vi: 'Sai', en: 'Not valid' },
  not_applicable: { vi: 'Không áp dụng', en: 'Not applicable' },
};

export const ROLES = ['admin', 'receiver', 'handler', 'unit_head', 'leader', 'inspector', 'hotline'] as const;
export type Role = (typeof ROLES)[number];
export const ZRoleSchema = z.enum(ROLES);

/**
 * Who may act on a case: a staff role, the workers ('system'), or the sender themself. Kept apart
 * from Role because 'system' and 'sender' are never granted to a person in staff_roles.
 */
export const ACTORS = [...ROLES, 'system', 'sender'] as const;
export type Actor = (typeof ACTORS)[number];
export const ZActorSchema = z.enum(ACTORS);

export const ACTOR_LABELS: Readonly<Record<Actor, Label>> = {
  admin: { vi: 'Quản trị viên', en: 'Administrator' },
  receiver: { vi: 'Cán bộ tiếp nhận', en: 'Receiving officer' },
  handler: { vi: 'Cán bộ xử lý', en: 'Handler' },
  unit_head: { vi: 'Trưởng đơn vị', en: 'Head of unit' },
  leader: { vi: 'Lãnh đạo', en: 'Leader' },
  inspector: { vi: 'Thanh tra nhân dân', en: "People's Inspection Board" },
  hotline: { vi: 'Cán bộ trực đường dây nóng', en: 'Hotline officer' },
  system: { vi: 'Hệ thống', en: 'System' },
  sender: { vi: 'Người gửi', en: 'Sender' },
};

/** The CaseEvent.actorType column: who is behind an actor. */
export type ActorType = 'staff' | 'sender' | 'system';

export function actorTypeOf(actor: Actor): ActorType {
  if (actor === 'system') return 'system';
  if (actor === 'sender') return 'sender';
  return 'staff';
}
