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

/** At most this many cases from one visit: more is a group visit, logged as several visits. */
export const MAX_CONTENTS_PER_VISIT = 5;
