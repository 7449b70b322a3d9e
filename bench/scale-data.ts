/**
 * Writes a generated portfolio as German exports (kunden.csv, umsatz.csv) for the scale benchmarks, once per size, into
 * a cache directory under the OS temp dir. Run as its own process (`node --import tsx bench/scale-data.ts DIR
 * ACCOUNTS LINES_PER_ACCOUNT`): 9M generated lines need a large heap, which the benchmarks themselves must not have.
 * The orders are written in blocks, as one string of 750 MB is longer than V8 allows.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { datasetToCsv, generateDataset } from '../lib/engine/generate.ts';

const BLOCK = 250_000;

export interface ScaleDataset {
  dir: string;
  accounts: string;
  orders: string;
}

/** The cached dataset of this size, generated in a child process the first time. */
export function scaleDataset(accounts: number, linesPerAccount: number): ScaleDataset {
  const dir = join(tmpdir(), 'accountlens-bench-scale', `${accounts}x${linesPerAccount}`);
  const files = { dir, accounts: join(dir, 'kunden.csv'), orders: join(dir, 'umsatz.csv') };
  if (existsSync(files.orders)) return files;
  const script = fileURLToPath(import.meta.url);
  execFileSync(
    process.execPath,
    ['--max-old-space-size=12000', '--import', 'tsx', script, dir, String(accounts), String(linesPerAccount)],
    { stdio: 'inherit' },
  );
  return files;
}

function write(dir: string, accounts: number, linesPerAccount: number): void {
  mkdirSync(dir, { recursive: true });
  const d = generateDataset({ accounts, linesPerAccount, seed: 1 });
  writeFileSync(join(dir, 'kunden.csv'), datasetToCsv({ ...d, orders: [] }, 'de').accounts);
  const tmp = join(dir, 'umsatz.csv.part');
  const fd = openSync(tmp, 'w');
  for (let at = 0; at < d.orders.length; at += BLOCK) {
    const text = datasetToCsv({ ...d, orders: d.orders.slice(at, at + BLOCK) }, 'de').orders;
    writeSync(fd, at === 0 ? text : text.slice(text.indexOf('\r\n') + 2));
  }
  closeSync(fd);
  renameSync(tmp, join(dir, 'umsatz.csv'));
  console.log(`scale-data: wrote ${accounts} accounts, ${d.orders.length} order lines to ${dir}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, accounts, lines] = process.argv.slice(2);
  write(dir!, Number(accounts), Number(lines));
}
