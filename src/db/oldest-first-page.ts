// Keyset paging over rows oldest first, the id breaking ties: what the recovery sweeps use to walk
// every stuck row without skipping or repeating one while rows come and go.

/** Where a page of rows ordered by (createdAt, id) ends; the next page starts after it. */
export interface OldestFirstKey {
  id: string;
  createdAt: Date;
}

/** The `where` part of a page that goes on after `after` (nothing for the first page). */
export function afterOldestFirstKey(after: OldestFirstKey | null) {
  return after
    ? {
        OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }],
      }
    : {};
}

export const OLDEST_FIRST = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

export const OLDEST_FIRST_KEY = { id: true, createdAt: true } as const;
