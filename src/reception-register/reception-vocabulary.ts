// The words of the reception register (sổ tiếp công dân). The string values are the database enum
// values (prisma/schema.prisma, ReceptionHandling) and must not change; labels are what people read,
// in the words of the register's "hướng xử lý" column (TT 05/2021/TT-TTCP).
import { z } from 'zod';
import type { Label } from '../cases/case-vocabulary.js';
import type { Role } from '../cases/case-vocabulary.js';

export const RECEPTION_HANDLINGS = ['accepted_petition', 'guided', 'forwarded', 'answered'] as const;
export type ReceptionHandling = (typeof RECEPTION_HANDLINGS)[number];
export const ZReceptionHandlingSchema = z.enum(RECEPTION_HANDLINGS);

export const RECEPTION_HANDLING_LABELS: Readonly<Record<ReceptionHandling, Label>> = {
  accepted_petition: { vi: 'Nhận đơn để xử lý', en: 'Signed đơn taken' },
  guided: { vi: 'Hướng dẫn, giải thích', en: 'Guided elsewhere' },
  forwarded: { vi: 'Chuyển đơn đến cơ quan có thẩm quyền', en: 'Forwarded' },
  answered: { vi: 'Trả lời trực tiếp', en: 'Answered on the spot' },
};

/**
 * Who logs a visit: the receiving office and the leaders who receive citizens. They are the roles
 * that record a signed đơn (case-transitions.ts, record_petition_document), which a visit may do.
 */
export const RECEPTION_LOGGING_ROLES = ['receiver', 'leader'] as const satisfies readonly Role[];

/** The role a staff member logs visits in: one of RECEPTION_LOGGING_ROLES held organisation-wide. */
export function receptionRoleOf(staff: {
  roles: readonly { role: Role; unitId: string | null }[];
}): Role | undefined {
  return RECEPTION_LOGGING_ROLES.find((r) => staff.roles.some((g) => g.role === r && g.unitId === null));
}

/** At most this many cases from one visit: more is a group visit, logged as several visits. */
export const MAX_CONTENTS_PER_VISIT = 5;

/** The words an officer types for each handling (folded: no diacritics, lower case). */
export const RECEPTION_HANDLING_WORDS: Readonly<Record<string, ReceptionHandling>> = {
  'nhan don': 'accepted_petition',
  nhandon: 'accepted_petition',
  'thu ly': 'accepted_petition',
  'huong dan': 'guided',
  huongdan: 'guided',
  'chuyen don': 'forwarded',
  chuyendon: 'forwarded',
  'tra loi': 'answered',
  traloi: 'answered',
};
