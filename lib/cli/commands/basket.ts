/**
 * `lens basket --transactions T [--min-support 0.01] [--min-confidence 0.5] [--top 20]`: frequent itemsets by
 * FP-growth and association rules over T, which is either an orders CSV (any export the importer understands:
 * an order id and a SKU column, and the order date if present, since an order is a distinct id and date) or a
 * file of baskets, one a line, items separated by spaces (the FIMI format of retail.dat and friends).
 */
import Papa from 'papaparse';
import { fpGrowth } from '../../engine/fp-growth.ts';
import { COLUMNS, normaliseHeader } from '../../engine/import/index.ts';
import { associationRules } from '../../engine/rules.ts';
import { inputError, usageError } from '../cli-error.ts';
import { progress, readText } from '../io.ts';

function columnIndex(headers: readonly string[], name: string): number {
  const spec = COLUMNS.orders.find((c) => c.name === name);
  const keys = new Set([name, ...(spec?.aliases ?? [])].map(normaliseHeader));
  return headers.findIndex((h) => keys.has(normaliseHeader(h)));
}

/**
 * Reads transactions from an orders CSV or a basket file (see the module header).
 * @throws {CliError} exit 2 when the text holds no transaction
 * @example readTransactions('1 2 3\n2 3\n') // => [['1', '2', '3'], ['2', '3']]
 */
export function readTransactions(text: string): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (/[;,\t]/.test(firstLine)) {
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
  }
  const transactions = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/\s+/));
  if (transactions.length === 0) throw inputError('no transactions found');
  return transactions;
}

function fraction(raw: string | undefined, option: string, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!(value > 0 && value <= 1)) throw usageError(`${option} must be a number in (0, 1], got "${raw}"`);
  return value;
}

export function runBasket(values: {
  transactions?: string;
  'min-support'?: string;
  'min-confidence'?: string;
  top?: string;
}): string {
  if (values.transactions === undefined) throw usageError('basket needs --transactions T');
  const minSupport = fraction(values['min-support'], '--min-support', 0.01);
  const minConfidence = fraction(values['min-confidence'], '--min-confidence', 0.5);
  const top = values.top === undefined ? 20 : Number(values.top);
  if (!(Number.isInteger(top) && top >= 0)) throw usageError(`--top must be a whole number, got "${values.top}"`);
  const transactions = readTransactions(readText(values.transactions, '--transactions'));
  progress(`${transactions.length} transactions read; mining itemsets with support ≥ ${minSupport}`);
  const itemsets = fpGrowth(transactions, minSupport);
  const bySize: Record<string, number> = {};
  for (const set of itemsets) bySize[set.items.length] = (bySize[set.items.length] ?? 0) + 1;
  const rules = associationRules(itemsets, transactions.length, { minConfidence, maxRules: top });
  return `${JSON.stringify({ transactions: transactions.length, minSupport, minConfidence, itemsetCount: itemsets.length, itemsetsBySize: bySize, rules }, null, 2)}\n`;
}
