/**
 * Writes the demo/e2e portfolio to a folder: German-format CSV exports (as an ERP would write them) and the scoring
 * snapshot the engine makes of them. `tsx scripts/make-portfolio.ts [dir] [accounts]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSnapshot } from '../lib/engine/build-snapshot.ts';
import { datasetToCsv } from '../lib/engine/generate.ts';
import { fixtureDataset } from '../tests/fixtures/portfolio.ts';

export function makePortfolio(dir: string, accounts = 60) {
  mkdirSync(dir, { recursive: true });
  const dataset = fixtureDataset(accounts);
  const csv = datasetToCsv(dataset, 'de');
  writeFileSync(join(dir, 'kunden.csv'), csv.accounts);
  writeFileSync(join(dir, 'auftraege.csv'), csv.orders);
  writeFileSync(join(dir, 'artikel.csv'), csv.products);
  writeFileSync(join(dir, 'kontakte.csv'), csv.contacts);
  const snapshot = buildSnapshot(dataset);
  writeFileSync(join(dir, 'snapshot.json'), JSON.stringify(snapshot));
  return { dir, accounts: snapshot.accounts.length, orders: dataset.orders.length, asOf: snapshot.asOf };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = resolve(process.argv[2] ?? '.cache/portfolio');
  const result = makePortfolio(dir, Number(process.argv[3] ?? 60));
  console.log(
    `portfolio: ${result.accounts} accounts, ${result.orders} order lines, as of ${result.asOf} → ${result.dir}`,
  );
}
