/**
 * One shared string per distinct cell value. An export repeats its account ids, SKUs, product names and categories
 * on every line; pooled, a million order lines hold a few thousand of those strings instead of millions of copies.
 * Kept strings are detached from the text they were cut from first: V8 cuts substrings of 13 or more characters as
 * views into their parent, so one kept cell would keep a whole parsed chunk (or the whole file) alive.
 */

/**
 * A copy of `s` that holds no reference to a larger string it was cut from. O(length).
 * @example detach('RE-2024-000001') // => 'RE-2024-000001'
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** Distinct values kept before the pool starts afresh, so that a column of unique values cannot grow it forever. */
const DEFAULT_LIMIT = 50_000;

export class StringPool {
  private readonly pool = new Map<string, string>();

  constructor(private readonly limit = DEFAULT_LIMIT) {}

  /**
   * The pooled string equal to `s` (a detached copy of `s` the first time). O(length).
   * @example new StringPool().get('Toner') // => 'Toner' (the same string object for every later 'Toner')
   */
  get(s: string): string {
    const hit = this.pool.get(s);
    if (hit !== undefined) return hit;
    if (this.pool.size >= this.limit) this.pool.clear();
    const kept = detach(s);
    this.pool.set(kept, kept);
    return kept;
  }
}
