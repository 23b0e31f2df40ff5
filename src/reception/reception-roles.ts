// Who sees the day's list of reception bookings (names and phones): the officers who receive
// people, the leaders who hold the sessions, inspectors, and administrators.
import type { Role } from '../cases/case-vocabulary.js';

export const RECEPTION_LIST_ROLES: readonly Role[] = ['admin', 'receiver', 'leader', 'inspector'];
