/** `lens generate --accounts N --seed S --out DIR [--dialect de|en]`: writes a seeded demo portfolio as four CSVs. */
import { join } from 'node:path';
import { datasetToCsv, generateDataset } from '../../engine/generate.ts';
import { usageError } from '../cli-error.ts';
import { progress, writeOutput } from '../io.ts';

/** File names per dialect: what a German ERP export or an English CRM export would be called. */
const FILES = {
  de: { accounts: 'kunden.csv', orders: 'umsaetze.csv', products: 'artikel.csv', contacts: 'kontakte.csv' },
  en: { accounts: 'accounts.csv', orders: 'orders.csv', products: 'products.csv', contacts: 'contacts.csv' },
} as const;

export function runGenerate(values: { accounts?: string; seed?: string; out?: string; dialect?: string }): string {
  const accounts = Number(values.accounts);
  if (!(Number.isInteger(accounts) && accounts >= 1))
    throw usageError(`generate needs --accounts N (a positive whole number), got "${values.accounts ?? ''}"`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed)) throw usageError(`--seed must be a whole number, got "${values.seed}"`);
  if (values.out === undefined) throw usageError('generate needs --out DIR');
  const dialect = values.dialect ?? 'de';
  if (dialect !== 'de' && dialect !== 'en') throw usageError(`--dialect must be de or en, got "${dialect}"`);
  const dataset = generateDataset({ accounts, seed });
  const csv = datasetToCsv(dataset, dialect);
  const written = (Object.keys(FILES[dialect]) as (keyof typeof csv)[]).map((kind) => {
    const path = join(values.out!, FILES[dialect][kind]);
    writeOutput(path, csv[kind]);
    return path;
  });
  progress(`${dataset.accounts.length} accounts, ${dataset.orders.length} order lines`);
  return `${written.join('\n')}\n`;
}
