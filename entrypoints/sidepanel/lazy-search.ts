/**
 * The side panel's insight search: the in-memory InsightSearchIndex (lib/store/search.ts), built the first time
 * the rep searches, not when the panel opens. Insights saved elsewhere (the overlay, the popup, a sync) change the
 * store's insight count or mutation counter; the index is rebuilt when that stamp moved since it was built.
 */
import type { Insight } from '../../lib/engine/insight.ts';
import {
  getInsight,
  loadSearchIndex,
  type Db,
  type InsightSearchIndex,
  type QuarantineEntry,
  type SearchQuery,
} from '../../lib/store/index.ts';

export interface SearchOutcome {
  total: number;
  /** The hits' insights, newest first (a hit whose insight vanished meanwhile is left out). */
  insights: Insight[];
  /** Insights that could not be read while building the index. */
  quarantined: QuarantineEntry[];
}

async function stampOf(db: Db): Promise<string> {
  const [count, next] = await Promise.all([db.count('insights'), db.get('meta', 'nextMutationId')]);
  return `${count}:${String(next)}`;
}

export class LazySearch {
  private built: { index: InsightSearchIndex; stamp: string; quarantined: QuarantineEntry[] } | null = null;
  /** Times the index was built; the tests read it to see that building is lazy and cached. */
  builds = 0;

  constructor(private readonly db: () => Promise<Db>) {}

  /**
   * Searches every insight.
   * @throws {StoreError} 'invalid' for a from/to that is not a date (from InsightSearchIndex.search)
   */
  async search(query: SearchQuery): Promise<SearchOutcome> {
    const db = await this.db();
    const stamp = await stampOf(db);
    if (this.built?.stamp !== stamp) {
      const { index, quarantined } = await loadSearchIndex(db);
      this.built = { index, stamp, quarantined };
      this.builds++;
    }
    const result = this.built.index.search(query);
    const insights = await Promise.all(result.hits.map(async (hit) => (await getInsight(db, hit.id)).value));
    return {
      total: result.total,
      insights: insights.filter((i): i is Insight => i !== undefined),
      quarantined: this.built.quarantined,
    };
  }

  /** Adds an insight this page saved to a built index, and moves the stamp along so it is not rebuilt for it. */
  async saved(insight: Insight): Promise<void> {
    if (!this.built) return;
    this.built.index.upsert(insight);
    this.built.stamp = await stampOf(await this.db());
  }
}
