/**
 * One shared string per distinct cell value. An export repeats its account ids, SKUs, product names and categories
 * on every line; pooled, a million order lines hold a few thousand of those strings instead of millions of copies.
 */

/** Distinct values kept before the pool starts afresh, so that a column of unique values cannot grow it forever. */
const DEFAULT_LIMIT = 50_000;

export class StringPool {
  private readonly pool = new Map<string, string>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  /**
   * The pooled string equal to `s` (`s` itself the first time). O(length).
   * @example new StringPool().get('Toner') // => 'Toner' (the same string object for every later 'Toner')
   */
  get(s: string): string {
    const hit = this.pool.get(s);
    if (hit !== undefined) return hit;
    if (this.pool.size >= this.limit) this.pool.clear();
    this.pool.set(s, s);
    return s;
  }
}
