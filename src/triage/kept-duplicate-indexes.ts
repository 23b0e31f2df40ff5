// The open cases' word vectors the worker keeps between new cases, one index per organisation
// (decision 0096). A search walks the postings of every case its index holds, candidates or not:
// in one index shared by all organisations, and holding every case triaged until the cap, a
// health department's hundredth hospital searched through the other ninety-nine's cases, and a
// burst of 14,000 cases made each search seven times slower than with the 2,000 it compares with.
import { DuplicateIndex, type DuplicateEntry } from './triage-model.js';

/** Cases dropped from the open ones may stay until they are this many beyond twice those open. */
const RETAINED_SLACK = 100;

export class KeptDuplicateIndexes {
  /** Least recently searched first (a Map keeps insertion order; a search re-inserts). */
  private readonly byOrganization = new Map<string, DuplicateIndex>();

  constructor(private readonly maxKept: number) {}

  /** Vectors kept over all organisations. */
  get size(): number {
    let total = 0;
    for (const index of this.byOrganization.values()) total += index.size;
    return total;
  }

  /**
   * The organisation's index for a search among `openIds`: cases outside them (closed since, or
   * older than the newest open ones) are dropped once they outnumber the open ones.
   */
  forSearch(organizationId: string, openIds: readonly string[]): DuplicateIndex {
    const index = this.indexOf(organizationId);
    if (index.size > 2 * openIds.length + RETAINED_SLACK) index.retainOnly(openIds);
    return index;
  }

  /**
   * Room for `more` vectors of this organisation under the cap: the other organisations' indexes
   * are dropped, least recently searched first, then its own. True when its own was emptied (every
   * open case of the search must then be read again).
   */
  makeRoom(organizationId: string, more: number): boolean {
    let total = this.size;
    for (const [other, index] of this.byOrganization) {
      if (total + more <= this.maxKept) return false;
      if (other === organizationId) continue;
      total -= index.size;
      this.byOrganization.delete(other);
    }
    if (total + more <= this.maxKept) return false;
    this.indexOf(organizationId).clear();
    return true;
  }

  /**
   * Adds a case to its organisation's index, room made first, unless the index holds it already:
   * added again, it would move to a new slot and the next search look up every case anew. The
   * entry is made only when it is added.
   */
  keep(organizationId: string, caseId: string, entryOf: () => DuplicateEntry): void {
    const index = this.indexOf(organizationId);
    if (index.get(caseId)) return;
    this.makeRoom(organizationId, 1);
    index.add(entryOf());
  }

  private indexOf(organizationId: string): DuplicateIndex {
    let index = this.byOrganization.get(organizationId);
    if (index) this.byOrganization.delete(organizationId);
    else index = new DuplicateIndex();
    this.byOrganization.set(organizationId, index);
    return index;
  }
}
