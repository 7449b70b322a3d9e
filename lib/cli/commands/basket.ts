/**
 * `lens basket --transactions T [--min-support 0.01] [--min-confidence 0.5] [--top 20]`: frequent itemsets by
 * FP-growth and association rules over T, which is either an orders CSV (any export the importer understands:
 * an order id and a SKU column, and the order date if present, since an order is a distinct id and date) or a
 * file of baskets, one a line, items separated by spaces (the FIMI format of retail.dat and friends).
 */
import { type EncodedTransactions, fpGrowth, fpGrowthEncoded, type FrequentItemset } from '../../engine/fp-growth.ts';
import { associationRules } from '../../engine/rules.ts';
import { inputError, usageError } from '../cli-error.ts';
import { progress, readText } from '../io.ts';

/**
 * Orders CSV: baskets as lists of SKUs, one per distinct order id and date, or null when the text has no order id
 * and SKU column. The importer and papaparse load only here, so a basket file doesn't wait for them.
 */
async function readOrdersCsv(text: string): Promise<string[][] | null> {
  const [{ default: Papa }, { COLUMNS, normaliseHeader }] = await Promise.all([
    import('papaparse'),
    import('../../engine/import/index.ts'),
  ]);
  const columnIndex = (headers: readonly string[], name: string): number => {
    const spec = COLUMNS.orders.find((c) => c.name === name);
    const keys = new Set([name, ...(spec?.aliases ?? [])].map(normaliseHeader));
    return headers.findIndex((h) => keys.has(normaliseHeader(h)));
  };
  const rows = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
  const headers = rows[0] ?? [];
  const order = columnIndex(headers, 'order_id');
  const sku = columnIndex(headers, 'sku');
  const date = columnIndex(headers, 'order_date');
  if (order >= 0 && sku >= 0) {
    const baskets = new Map<string, Set<string>>();
    for (const row of rows.slice(1)) {
      const item = row[sku]?.trim();
      if (item === undefined || item === '') continue;
      const key = `${row[order] ?? ''}\u0000${date >= 0 ? (row[date] ?? '') : ''}`;
      const basket = baskets.get(key);
      if (basket === undefined) baskets.set(key, new Set([item]));
      else basket.add(item);
    }
    return [...baskets.values()].map((b) => [...b]);
  }
  return null;
}

/**
 * A basket file (one basket a line, items separated by spaces or tabs; blank lines skipped) read straight into
 * item ids, with no array or string kept per basket: on 100,000 baskets that is most of the command's time.
 * An item listed twice in a basket counts once.
 * @example encodeBasketLines('1 2 3\n\n2 3 3\n') // => 2 transactions: ids [0, 1, 2, 1, 2], names ['1', '2', '3']
 */
export function encodeBasketLines(text: string): EncodedTransactions {
  let ids: Int32Array = new Int32Array(Math.max(16, text.length >> 2));
  let starts: Int32Array = new Int32Array(Math.max(16, text.length >> 5));
  const idOf = new Map<string, number>();
  const names: string[] = [];
  const counts: number[] = [];
  const lastSeen: number[] = [];
  let length = 0;
  let transactions = 0;
  let tokenStart = -1;
  const endToken = (end: number): void => {
    const name = text.slice(tokenStart, end);
    tokenStart = -1;
    let id = idOf.get(name);
    if (id === undefined) {
      id = names.length;
      idOf.set(name, id);
      names.push(name);
      counts.push(0);
      lastSeen.push(-1);
    }
    if (lastSeen[id] === transactions) return;
    lastSeen[id] = transactions;
    counts[id]!++;
    if (length === ids.length) ids = grow(ids);
    ids[length++] = id;
  };
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10 || c === 32 || c === 9 || c === 13) {
      if (tokenStart >= 0) endToken(i);
      if (c === 10 && length > starts[transactions]!) {
        if (transactions + 2 > starts.length) starts = grow(starts);
        starts[++transactions] = length;
      }
    } else if (tokenStart < 0) tokenStart = i;
  }
  return { ids, starts: starts.subarray(0, transactions + 1), names, counts };
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Reads transactions from an orders CSV or a basket file (see the module header) and mines them.
 * @throws {CliError} exit 2 when the text holds no transaction
 */
async function mine(text: string, minSupport: number): Promise<{ count: number; itemsets: FrequentItemset[] }> {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const csv = /[;,\t]/.test(firstLine) ? await readOrdersCsv(text) : null;
  const count = csv ? csv.length : null;
  const encoded = csv ? null : encodeBasketLines(text);
  const n = count ?? encoded!.starts.length - 1;
  if (n === 0) throw inputError('no transactions found');
  progress(`${n} transactions read; mining itemsets with support ≥ ${minSupport}`);
  return { count: n, itemsets: csv ? fpGrowth(csv, minSupport) : fpGrowthEncoded(encoded!, minSupport) };
}

function fraction(raw: string | undefined, option: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0 && value <= 1)) throw usageError(`${option} must be a number in (0, 1], got "${raw}"`);
  return value;
}

export async function runBasket(values: {
  transactions?: string;
  'min-support'?: string;
  'min-confidence'?: string;
  top?: string;
}): Promise<string> {
  if (values.transactions === undefined) throw usageError('basket needs --transactions T');
  const minSupport = fraction(values['min-support'], '--min-support', 0.01);
  const minConfidence = fraction(values['min-confidence'], '--min-confidence', 0.5);
  const top = values.top === undefined ? 20 : Number(values.top);
  if (!(Number.isInteger(top) && top >= 0)) throw usageError(`--top must be a whole number, got "${values.top}"`);
  const { count, itemsets } = await mine(readText(values.transactions, '--transactions'), minSupport);
  const bySize: Record<string, number> = {};
  for (const set of itemsets) bySize[set.items.length] = (bySize[set.items.length] ?? 0) + 1;
  const rules = associationRules(itemsets, count, { minConfidence, maxRules: top });
  return `${JSON.stringify({ transactions: count, minSupport, minConfidence, itemsetCount: itemsets.length, itemsetsBySize: bySize, rules }, null, 2)}\n`;
}
