/**
 * Import of 1,000,000 German-format order lines (10,000 accounts, ~100 MB of "CSV UTF-8" as German Excel writes it):
 * wall and CPU time, MB/s, rows/s and the heap peak above the baseline (the input bytes, the decoded text and the
 * dataset are all live at the peak). Also times the generator and the CSV writer that produce the input.
 * Run with `npm run bench import` (add `--expose-gc` to NODE_OPTIONS for a cleaner heap baseline).
 */
import { loadavg } from 'node:os';
import { datasetToCsv, generateDataset } from '../lib/engine/generate.ts';
import { formatImportReport, importDataset } from '../lib/engine/import/index.ts';

const ACCOUNTS = 10_000;
const LINES_PER_ACCOUNT = 100;

export async function run(): Promise<void> {
  let t = performance.now();
  const generated = generateDataset({ accounts: ACCOUNTS, linesPerAccount: LINES_PER_ACCOUNT, seed: 1 });
  const generateMs = performance.now() - t;
  t = performance.now();
  const csv = datasetToCsv(generated, 'de');
  const csvMs = performance.now() - t;
  const lines = generated.orders.length;
  console.log(
    `generate: ${ACCOUNTS} accounts, ${lines} order lines in ${generateMs.toFixed(0)} ms; German CSV written in ${csvMs.toFixed(0)} ms`,
  );

  const encoder = new TextEncoder();
  const orders = encoder.encode(csv.orders);
  const accounts = encoder.encode(csv.accounts);
  // Drop everything but the bytes before measuring, so the heap peak is the import's own.
  generated.orders.length = 0;
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  const sample = (): void => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  };

  const cpu0 = process.cpuUsage();
  t = performance.now();
  const result = await importDataset(
    { accounts: { name: 'kunden.csv', content: accounts }, orders: { name: 'umsatz.csv', content: orders } },
    { onProgress: sample },
  );
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  sample();
  if (!result.ok)
    throw new Error(
      `import.bench: the generated export did not import:\n${formatImportReport(result.errors.slice(0, 20))}`,
    );

  const mb = orders.byteLength / 1e6;
  console.log(
    `import: ${result.stats.orders} lines, ${mb.toFixed(1)} MB in ${ms.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU ` +
      `(wall time suffers on a shared machine; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
  );
  console.log(
    `  ${(mb / (ms / 1000)).toFixed(1)} MB/s, ${Math.round(result.stats.orders / (ms / 1000)).toLocaleString('en')} rows/s`,
  );
  console.log(
    `  heap peak ${((peak - baseline) / 1e6).toFixed(0)} MB above the ${(baseline / 1e6).toFixed(0)} MB baseline (input bytes included in the baseline)`,
  );
}
