/**
 * Frequent itemsets of order baskets by FP-growth (Han, Pei & Yin 2000, "Mining Frequent Patterns without Candidate
 * Generation", SIGMOD; https://doi.org/10.1145/342009.335372): one pass counts the items, and the mining recurses
 * into conditional FP-trees built from each item's conditional pattern base (items ordered by descending
 * frequency), from the least frequent item up.
 *
 * Items are mapped to integer ranks once (rank 0 = most frequent). The first level's pattern bases are read from
 * the transactions themselves (sorted rows, each item's list of rows, one table of pair counts) instead of from a
 * full FP-tree: on sparse baskets that tree barely compresses, and walking its parent links cost more than the rest
 * of the command. Every conditional tree lives in typed arrays, and a tree that is a single path yields all its
 * combinations directly, without building further trees.
 */

export interface FrequentItemset {
  /** The items, sorted (JavaScript string order). */
  items: string[];
  /** Number of transactions that contain every item. */
  count: number;
  /** count / number of transactions. */
  support: number;
}

export interface FpGrowthOptions {
  /** Largest itemset size to mine, ≥ 1. Default: no limit. */
  maxSize?: number;
}

/**
 * All itemsets contained in at least minSupport · n of the n transactions, by FP-growth. An item listed twice in a
 * transaction counts once. Results are sorted by count (descending), then size, then items.
 *
 * Runs in `O(total items)` for the two scans plus the mining, which is proportional to the summed size of the
 * conditional trees; that, like the output itself, can grow exponentially as minSupport falls.
 *
 * @param transactions baskets of item identifiers (e.g. SKUs)
 * @param minSupport minimum share of transactions, in (0, 1]
 * @param opts.maxSize largest itemset size to return
 * @throws {Error} when minSupport is not in (0, 1] or maxSize is not a positive integer
 * @example
 * fpGrowth([['milk', 'bread'], ['milk', 'bread', 'eggs'], ['bread']], 0.6);
 * // => [{ items: ['bread'], count: 3, support: 1 }, { items: ['milk'], count: 2, support: 0.6667 },
 * //     { items: ['bread', 'milk'], count: 2, support: 0.6667 }]
 */
export function fpGrowth(
  transactions: readonly (readonly string[])[],
  minSupport: number,
  opts: FpGrowthOptions = {},
): FrequentItemset[] {
  checkOptions(minSupport, opts);
  return fpGrowthEncoded(encode(transactions), minSupport, opts);
}

/**
 * FP-growth on transactions already encoded as item ids (see `EncodedTransactions`), for callers that read
 * baskets straight into ids without building a string array per basket. Same results as `fpGrowth`.
 * @throws {Error} when minSupport is not in (0, 1] or maxSize is not a positive integer
 */
export function fpGrowthEncoded(
  encoded: EncodedTransactions,
  minSupport: number,
  opts: FpGrowthOptions = {},
): FrequentItemset[] {
  checkOptions(minSupport, opts);
  const maxSize = opts.maxSize ?? Infinity;
  const n = encoded.starts.length - 1;
  if (n <= 0) return [];
  // The tolerance keeps e.g. 0.3 · 10 = 3.0000000000000004 from demanding 4 transactions.
  const minCount = Math.max(1, Math.ceil(minSupport * n * (1 - 1e-12)));

  const ranked = rankFrequentItems(encoded, minCount);
  if (ranked.names.length === 0) return [];
  const projected = projectTransactions(encoded, ranked.rankOfId, ranked.names.length);
  const found = new Collector();
  new Miner(ranked.names.length, minCount, maxSize, found).mineTransactions(projected);
  return found.toItemsets(ranked.names, n);
}

function checkOptions(minSupport: number, opts: FpGrowthOptions): void {
  if (!(minSupport > 0 && minSupport <= 1)) {
    throw new Error(`fpGrowth: minSupport must be a fraction in (0, 1], got ${minSupport}`);
  }
  const maxSize = opts.maxSize ?? Infinity;
  if (!(maxSize === Infinity || (Number.isInteger(maxSize) && maxSize >= 1))) {
    throw new Error(`fpGrowth: maxSize must be a positive integer, got ${opts.maxSize}`);
  }
}

/** Transactions as item ids in one flat array, each id at most once per transaction. */
export interface EncodedTransactions {
  /** Transaction t holds ids[starts[t] … starts[t + 1]); entries after the last transaction are ignored. */
  ids: Int32Array;
  /** starts.length − 1 transactions. */
  starts: Int32Array;
  /** The item of each id. */
  names: string[];
  /** Number of transactions holding each id. */
  counts: number[];
}
type Encoded = EncodedTransactions;

function encode(transactions: readonly (readonly string[])[]): Encoded {
  let total = 0;
  for (const t of transactions) total += t.length;
  const ids = new Int32Array(total);
  const starts = new Int32Array(transactions.length + 1);
  const idOf = new Map<string, number>();
  const names: string[] = [];
  const counts: number[] = [];
  const lastSeen: number[] = [];
  let length = 0;
  for (let t = 0; t < transactions.length; t++) {
    for (const name of transactions[t]!) {
      let id = idOf.get(name);
      if (id === undefined) {
        id = names.length;
        idOf.set(name, id);
        names.push(name);
        counts.push(0);
        lastSeen.push(-1);
      }
      if (lastSeen[id] === t) continue;
      lastSeen[id] = t;
      counts[id]!++;
      ids[length++] = id;
    }
    starts[t + 1] = length;
  }
  return { ids, starts, names, counts };
}

/** Frequent items ranked by descending count (ties by name), and the rank of each id (−1 when infrequent). */
function rankFrequentItems(encoded: Encoded, minCount: number): { names: string[]; rankOfId: Int32Array } {
  const { names, counts } = encoded;
  const frequent: number[] = [];
  for (let id = 0; id < names.length; id++) if (counts[id]! >= minCount) frequent.push(id);
  frequent.sort((x, y) => counts[y]! - counts[x]! || (names[x]! < names[y]! ? -1 : 1));
  const rankOfId = new Int32Array(names.length).fill(-1);
  frequent.forEach((id, rank) => (rankOfId[id] = rank));
  return { names: frequent.map((id) => names[id]!), rankOfId };
}

/**
 * The transactions as ascending frequent ranks (infrequent items dropped), and for each rank the transactions that
 * hold it: each item's conditional pattern base is then read from its own transactions, in memory order.
 */
interface Projected {
  /** Transaction t's ranks are ranks[rowStart[t] … rowStart[t + 1]), ascending. */
  ranks: Int32Array;
  rowStart: Int32Array;
  /** The transactions holding rank r are rows[itemStart[r] … itemStart[r + 1]). */
  rows: Int32Array;
  itemStart: Int32Array;
  /**
   * pairs[j · k + l], l < j: transactions holding both ranks (the first level's conditional counts, from one pass),
   * or null when k² counters would be too many (then each item counts its own transactions).
   */
  pairs: Int32Array | null;
}

/** Up to this many frequent items the pair counts are kept in one k × k table (4 MB). */
const PAIR_TABLE_MAX_ITEMS = 1024;

function projectTransactions(encoded: Encoded, rankOfId: Int32Array, itemCount: number): Projected {
  const { ids, starts } = encoded;
  const n = starts.length - 1;
  const end = starts[n]!;
  const itemStart = new Int32Array(itemCount + 1);
  let total = 0;
  for (let i = 0; i < end; i++) {
    const rank = rankOfId[ids[i]!]!;
    if (rank >= 0) {
      itemStart[rank + 1]!++;
      total++;
    }
  }
  for (let r = 0; r < itemCount; r++) itemStart[r + 1]! += itemStart[r]!;
  const ranks = new Int32Array(total);
  const rowStart = new Int32Array(n + 1);
  const rows = new Int32Array(total);
  const cursor = itemStart.slice(0, itemCount);
  let length = 0;
  for (let t = 0; t < n; t++) {
    const first = length;
    for (let i = starts[t]!; i < starts[t + 1]!; i++) {
      const rank = rankOfId[ids[i]!]!;
      if (rank < 0) continue;
      // Insertion sort: baskets are short.
      let j = length++;
      while (j > first && ranks[j - 1]! > rank) {
        ranks[j] = ranks[j - 1]!;
        j--;
      }
      ranks[j] = rank;
      rows[cursor[rank]!++] = t;
    }
    rowStart[t + 1] = length;
  }
  let pairs: Int32Array | null = null;
  if (itemCount <= PAIR_TABLE_MAX_ITEMS) {
    pairs = new Int32Array(itemCount * itemCount);
    for (let t = 0; t < n; t++) {
      for (let a = rowStart[t]! + 1; a < rowStart[t + 1]!; a++) {
        const row = ranks[a]! * itemCount;
        for (let b = rowStart[t]!; b < a; b++) pairs[row + ranks[b]!]!++;
      }
    }
  }
  return { ranks, rowStart, rows, itemStart, pairs };
}

/** Trees with at least this many node slots index children by hash (measured on the 50,000-basket bench). */
const HASHED_CHILDREN_FROM = 4096;

/**
 * An FP-tree in typed arrays. Node 0 is the root. Items are local ids 0…k−1 in ascending global rank, so every
 * root-to-leaf path has ascending ids; `label` maps them back to global ranks.
 */
class FpTree {
  readonly item: Int32Array;
  readonly count: Int32Array;
  readonly parent: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  /** Next node with the same item (the node-link of the header table). */
  readonly link: Int32Array;
  /** Header table: first node of each item, and the item's total count in this tree. */
  readonly head: Int32Array;
  readonly support: Int32Array;
  /** The root's child per item: the root is the one node with many children. */
  private readonly rootChild: Int32Array;
  /**
   * Big trees (the initial one) find children through an open-addressing table keyed by (parent, item), holding
   * node + 1 (0 = empty): scanning sibling lists there dominated the build. Small conditional trees scan siblings.
   */
  private readonly childTable: Int32Array | null;
  private readonly tableMask: number;
  size = 1;

  constructor(
    capacity: number,
    readonly label: Int32Array,
  ) {
    const buffer = new Int32Array(capacity * 6);
    this.item = buffer.subarray(0, capacity);
    this.count = buffer.subarray(capacity, 2 * capacity);
    this.parent = buffer.subarray(2 * capacity, 3 * capacity);
    this.firstChild = buffer.subarray(3 * capacity, 4 * capacity);
    this.nextSibling = buffer.subarray(4 * capacity, 5 * capacity);
    this.link = buffer.subarray(5 * capacity, 6 * capacity);
    const k = label.length;
    const perItem = new Int32Array(3 * k);
    this.head = perItem.subarray(0, k).fill(-1);
    this.support = perItem.subarray(k, 2 * k);
    this.rootChild = perItem.subarray(2 * k, 3 * k).fill(-1);
    this.firstChild[0] = -1;
    if (capacity >= HASHED_CHILDREN_FROM) {
      const slots = 2 ** Math.ceil(Math.log2(capacity * 2));
      this.childTable = new Int32Array(slots);
      this.tableMask = slots - 1;
    } else {
      this.childTable = null;
      this.tableMask = 0;
    }
  }

  /** Adds a path of local ids with the given count: path[0…length) ascending, or descending when `reversed`. */
  insert(path: Int32Array, length: number, count: number, reversed: boolean): void {
    let node = 0;
    for (let i = 0; i < length; i++) {
      const it = path[reversed ? length - 1 - i : i]!;
      let child: number;
      let slot = -1;
      if (node === 0) {
        child = this.rootChild[it]!;
      } else if (this.childTable) {
        slot = (Math.imul(node, 0x9e3779b1) ^ Math.imul(it, 0x85ebca6b)) & this.tableMask;
        for (;;) {
          const entry = this.childTable[slot]!;
          if (entry === 0) {
            child = -1;
            break;
          }
          if (this.parent[entry - 1] === node && this.item[entry - 1] === it) {
            child = entry - 1;
            break;
          }
          slot = (slot + 1) & this.tableMask;
        }
      } else {
        child = this.firstChild[node]!;
        while (child !== -1 && this.item[child] !== it) child = this.nextSibling[child]!;
      }
      if (child === -1) {
        child = this.size++;
        this.item[child] = it;
        this.parent[child] = node;
        this.firstChild[child] = -1;
        this.nextSibling[child] = this.firstChild[node]!;
        this.firstChild[node] = child;
        this.link[child] = this.head[it]!;
        this.head[it] = child;
        if (node === 0) this.rootChild[it] = child;
        else if (slot >= 0) this.childTable![slot] = child + 1;
      }
      this.count[child]! += count;
      this.support[it]! += count;
      node = child;
    }
  }

  /** True when the tree is one chain from the root (then every combination of its nodes is frequent). */
  isSinglePath(): boolean {
    let nodes = 0;
    for (let node = this.firstChild[0]!; node !== -1; node = this.firstChild[node]!) {
      if (this.nextSibling[node] !== -1) return false;
      nodes++;
    }
    return nodes === this.size - 1;
  }
}

/** The recursive part of FP-growth, with scratch buffers shared across the recursion. */
class Miner {
  /** The current prefix as global ranks, prefix[0…depth). */
  private readonly prefix: Int32Array;
  private readonly path: Int32Array;
  /** Per depth: conditional counts and the old-local → new-local id map of the tree being built. */
  private readonly condCounts: Int32Array[] = [];
  private readonly localMaps: Int32Array[] = [];

  constructor(
    private readonly itemCount: number,
    private readonly minCount: number,
    private readonly maxSize: number,
    private readonly found: Collector,
  ) {
    this.prefix = new Int32Array(itemCount + 1);
    this.path = new Int32Array(itemCount);
  }

  /**
   * The first level, from the transactions themselves: item j's conditional pattern base is, for each transaction
   * holding j, its items ranked before j. Same trees as from the full FP-tree, without building it: on sparse
   * baskets that tree barely compresses, and walking its parent links is slower than reading the rows.
   */
  mineTransactions({ ranks, rowStart, rows, itemStart, pairs }: Projected): void {
    const { minCount, itemCount } = this;
    for (let j = itemCount - 1; j >= 0; j--) {
      this.prefix[0] = j;
      this.found.add(this.prefix, 1, itemStart[j + 1]! - itemStart[j]!);
      if (this.maxSize <= 1 || j === 0) continue;

      let cond: Int32Array;
      if (pairs) {
        cond = pairs.subarray(j * itemCount, j * itemCount + j);
      } else {
        cond = this.scratch(this.condCounts, 0);
        cond.fill(0, 0, j);
        for (let x = itemStart[j]!; x < itemStart[j + 1]!; x++) {
          for (let p = rowStart[rows[x]!]!; ranks[p]! < j; p++) cond[ranks[p]!]!++;
        }
      }
      const map = this.scratch(this.localMaps, 0);
      let k = 0;
      let pathNodes = 0;
      for (let l = 0; l < j; l++) {
        if (cond[l]! >= minCount) {
          map[l] = k++;
          pathNodes += cond[l]!;
        } else map[l] = -1;
      }
      if (k === 0) continue;

      const labels = new Int32Array(k);
      for (let l = 0; l < j; l++) if (map[l]! >= 0) labels[map[l]!] = l;
      const child = new FpTree(pathNodes + 1, labels);
      const path = this.path;
      for (let x = itemStart[j]!; x < itemStart[j + 1]!; x++) {
        const t = rows[x]!;
        let length = 0;
        for (let p = rowStart[t]!; ranks[p]! < j; p++) {
          const m = map[ranks[p]!]!;
          if (m >= 0) path[length++] = m;
        }
        if (length > 0) child.insert(path, length, 1, false);
      }
      if (child.isSinglePath()) this.combinations(child, 1);
      else this.mine(child, 1);
    }
  }

  mine(tree: FpTree, depth: number): void {
    const { item, count, parent, link, head, label, support } = tree;
    const { minCount } = this;
    for (let j = label.length - 1; j >= 0; j--) {
      this.prefix[depth] = label[j]!;
      this.found.add(this.prefix, depth + 1, support[j]!);
      if (depth + 1 >= this.maxSize || j === 0) continue;

      // Conditional pattern base of item j: the prefix paths of its nodes, each weighted by the node's count.
      const cond = this.scratch(this.condCounts, depth);
      cond.fill(0, 0, j);
      let pathNodes = 0;
      for (let node = head[j]!; node !== -1; node = link[node]!) {
        const c = count[node]!;
        for (let p = parent[node]!; p !== 0; p = parent[p]!) {
          cond[item[p]!]! += c;
          pathNodes++;
        }
      }
      const map = this.scratch(this.localMaps, depth);
      let k = 0;
      for (let l = 0; l < j; l++) map[l] = cond[l]! >= minCount ? k++ : -1;
      if (k === 0) continue;

      const labels = new Int32Array(k);
      for (let l = 0; l < j; l++) if (map[l]! >= 0) labels[map[l]!] = label[l]!;
      const child = new FpTree(pathNodes + 1, labels);
      const path = this.path;
      for (let node = head[j]!; node !== -1; node = link[node]!) {
        let length = 0;
        for (let p = parent[node]!; p !== 0; p = parent[p]!) {
          const m = map[item[p]!]!;
          if (m >= 0) path[length++] = m;
        }
        if (length > 0) child.insert(path, length, count[node]!, true);
      }
      if (child.isSinglePath()) this.combinations(child, depth + 1);
      else this.mine(child, depth + 1);
    }
  }

  /** Every non-empty combination of a single-path tree's nodes; its count is that of its deepest node. */
  private combinations(tree: FpTree, depth: number): void {
    const chain: number[] = [];
    const counts: number[] = [];
    for (let node = tree.firstChild[0]!; node !== -1; node = tree.firstChild[node]!) {
      chain.push(tree.label[tree.item[node]!]!);
      counts.push(tree.count[node]!);
    }
    const extend = (below: number, d: number, c: number): void => {
      if (d >= this.maxSize) return;
      for (let i = 0; i < below; i++) {
        this.prefix[d] = chain[i]!;
        this.found.add(this.prefix, d + 1, c);
        extend(i, d + 1, c);
      }
    };
    for (let i = 0; i < chain.length; i++) {
      this.prefix[depth] = chain[i]!;
      this.found.add(this.prefix, depth + 1, counts[i]!);
      extend(i, depth + 1, counts[i]!);
    }
  }

  private scratch(pool: Int32Array[], depth: number): Int32Array {
    return (pool[depth] ??= new Int32Array(this.itemCount));
  }
}

/** Itemsets as global ranks in one growing flat array, turned into sorted string itemsets at the end. */
class Collector {
  private ranks = new Int32Array(1024);
  private length = 0;
  private readonly starts: number[] = [0];
  private readonly counts: number[] = [];

  add(prefix: Int32Array, size: number, count: number): void {
    if (this.length + size > this.ranks.length) {
      const grown = new Int32Array(Math.max(this.ranks.length * 2, this.length + size));
      grown.set(this.ranks);
      this.ranks = grown;
    }
    this.ranks.set(prefix.subarray(0, size), this.length);
    this.length += size;
    this.starts.push(this.length);
    this.counts.push(count);
  }

  toItemsets(names: string[], transactionCount: number): FrequentItemset[] {
    // Position of each rank in string order, so that items sort by number rather than by string comparison.
    const byName = names.map((_, r) => r).sort((x, y) => (names[x]! < names[y]! ? -1 : 1));
    const namePosition = new Int32Array(names.length);
    byName.forEach((r, position) => (namePosition[r] = position));

    const sets: Array<{ positions: Int32Array; count: number }> = [];
    for (let s = 0; s < this.counts.length; s++) {
      const positions = Int32Array.from(
        this.ranks.subarray(this.starts[s]!, this.starts[s + 1]!),
        (r) => namePosition[r]!,
      );
      sets.push({ positions: positions.sort(), count: this.counts[s]! });
    }
    sets.sort(
      (x, y) =>
        y.count - x.count || x.positions.length - y.positions.length || comparePositions(x.positions, y.positions),
    );
    return sets.map(({ positions, count }) => ({
      items: Array.from(positions, (p) => names[byName[p]!]!),
      count,
      support: count / transactionCount,
    }));
  }
}

function comparePositions(x: Int32Array, y: Int32Array): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return 0;
}
