/**
 * Full scoring of 10,000 accounts with about 1,000,000 order lines (generateDataset, seed 1), target under 10 s and
 * under 1 GB, measured twice: import excluded (dataset in memory → buildSnapshot) and import included (German CSV
 * files read as bytes → importDataset → buildSnapshot, as `lens score` does). Then the incremental rescoreAccount
 * after a new insight, p50/p95 over 2,000 calls (target under 10 ms).
 *
 * Each measurement runs in its own Node process, so that its peak RSS (getrusage maxRSS) is its own; RSS is also
 * sampled at every stage boundary of the scoring, which is the best a synchronous run allows. Times are wall and CPU
 * (process.cpuUsage, user + system, which includes V8's helper threads); on a shared machine the wall time follows
 * the load average, printed with each run. The snapshot is read back (JSON.parse + parseSnapshot) in a fresh
 * process too, as the extension's import worker and the hub read it, not beside the dataset that made it.
 * SCORE_BENCH_ACCOUNTS overrides the portfolio size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot } from '../lib/engine/build-snapshot.ts';
import { datasetToCsv, generateDataset } from '../lib/engine/generate.ts';
import { importDataset } from '../lib/engine/import/index.ts';
import { InsightSchema, type Insight } from '../lib/engine/insight.ts';
import { rescoreAccount } from '../lib/engine/rescore.ts';
import { parseSnapshot, type Snapshot } from '../lib/engine/snapshot.ts';

const ACCOUNTS = Number(process.env['SCORE_BENCH_ACCOUNTS'] ?? 10_000);
const LINES_PER_ACCOUNT = 100;
const RESCORE_CALLS = 2_000;
const self = fileURLToPath(import.meta.url);
const MB = 1024 * 1024;

const mb = (bytes: number): string => `${(bytes / MB).toFixed(0)} MB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const cpuMs = (since?: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};
const load = (): string =>
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`;
const maxRss = (): number => process.resourceUsage().maxRSS * 1024;
const quantile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Scores with stage timings and RSS sampled at each stage boundary. */
function timedScoring(dataset: Parameters<typeof buildSnapshot>[0]): {
  snapshot: Snapshot;
  ms: number;
  cpu: number;
  stages: string;
  rss: number;
} {
  const stages: string[] = [];
  let rss = process.memoryUsage().rss;
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const start = last;
  const startCpu = lastCpu;
  const snapshot = buildSnapshot(dataset, {
    onProgress: (p) => {
      rss = Math.max(rss, process.memoryUsage().rss);
      const now = performance.now();
      if (p.done > 0) stages.push(`${p.stage} ${seconds(now - last)}/${seconds(cpuMs(lastCpu))} CPU`);
      last = now;
      lastCpu = process.cpuUsage();
    },
  });
  return {
    snapshot,
    ms: performance.now() - start,
    cpu: cpuMs(startCpu),
    stages: stages.join(', '),
    rss: Math.max(rss, process.memoryUsage().rss),
  };
}

function rescoreFigures(snapshot: Snapshot): string {
  const notes = (accountId: string, n: number, day: number): Insight[] =>
    Array.from({ length: n }, (_, i) =>
      InsightSchema.parse({
        id: `01JF${String(day).padStart(5, '0')}${String(i).padStart(17, '0')}`,
        accountId,
        author: 'bench@example.com',
        createdAt: `2025-${String((i % 12) + 1).padStart(2, '0')}-15T10:00:00Z`,
        updatedAt: `2025-${String((i % 12) + 1).padStart(2, '0')}-15T10:00:00Z`,
        type: (['referral', 'competitor', 'need', 'expansion'] as const)[i % 4],
        title: `note ${i}`,
        sentiment: (i % 5) - 2,
        followUpAt: i % 3 === 0 ? '2025-12-01' : null,
      }),
    );
  const firstStart = performance.now();
  rescoreAccount(snapshot, snapshot.accounts[0]!.id, notes(snapshot.accounts[0]!.id, 4, 0));
  const first = performance.now() - firstStart;
  const times: number[] = [];
  for (let k = 0; k < RESCORE_CALLS; k++) {
    const account = snapshot.accounts[(k * 7919) % snapshot.accounts.length]!;
    const insights = notes(account.id, 1 + (k % 6), k);
    const start = performance.now();
    rescoreAccount(snapshot, account.id, insights);
    times.push(performance.now() - start);
  }
  times.sort((x, y) => x - y);
  return (
    `rescoreAccount (1–6 insights, ${RESCORE_CALLS} calls): p50 ${quantile(times, 0.5).toFixed(3)} ms, ` +
    `p95 ${quantile(times, 0.95).toFixed(3)} ms, max ${times[times.length - 1]!.toFixed(2)} ms; ` +
    `first call ${first.toFixed(1)} ms (indexes the snapshot's accounts once)`
  );
}

/** Child: dataset generated in memory, then scored; the snapshot is written for the `parse` child. */
function excluded(dir: string): void {
  const genStart = performance.now();
  const dataset = generateDataset({ accounts: ACCOUNTS, seed: 1, linesPerAccount: LINES_PER_ACCOUNT });
  const gen = performance.now() - genStart;
  const { snapshot, ms, cpu, stages, rss } = timedScoring(dataset);
  console.log(
    `import excluded (${load()}): ${dataset.accounts.length} accounts, ${dataset.orders.length} order lines ` +
      `(generated in ${seconds(gen)}): scoring ${seconds(ms)} wall, ${seconds(cpu)} CPU (${stages}); ` +
      `RSS during scoring ≤ ${mb(rss)}, peak RSS of the process ${mb(maxRss())} (includes generating the data), ` +
      `heap after ${mb(process.memoryUsage().heapUsed)}; ${snapshot.rules.length} rules`,
  );
  writeFileSync(join(dir, 'snapshot.json'), JSON.stringify(snapshot));
  console.log(rescoreFigures(snapshot));
}

/** Child: the snapshot read back in a fresh process, with the share of its main parts. */
function parse(dir: string): void {
  const json = readFileSync(join(dir, 'snapshot.json'), 'utf8');
  const start = performance.now();
  const startCpu = process.cpuUsage();
  const value: unknown = JSON.parse(json);
  const parsed = performance.now();
  const snapshot = parseSnapshot(value);
  const ms = performance.now() - start;
  const size = (pick: (a: Snapshot['accounts'][number]) => unknown): string => {
    let n = 0;
    for (const a of snapshot.accounts) n += JSON.stringify(pick(a)).length;
    return mb(n);
  };
  console.log(
    `snapshot JSON ${mb(json.length)} (${load()}): JSON.parse ${seconds(parsed - start)} + parseSnapshot ` +
      `${seconds(ms - (parsed - start))} = ${seconds(ms)} wall, ${seconds(cpuMs(startCpu))} CPU, peak RSS ${mb(maxRss())}; ` +
      `of it monthly series ${size((a) => a.patterns.monthly)}, talking points ${size((a) => a.talkingPoints)} ` +
      `(texts ${size((a) => a.talkingPoints.map((t) => [t.title, t.why]))}), criteria ${size((a) => a.criteria)}, ` +
      `cross-sell ${size((a) => a.crossSell)}`,
  );
}

/** Child: German CSV files (written by the parent) read as bytes, imported and scored. */
async function included(dir: string): Promise<void> {
  const start = performance.now();
  const startCpu = process.cpuUsage();
  const read = (name: string) => ({ name, content: new Uint8Array(readFileSync(join(dir, name))) });
  const result = await importDataset({
    accounts: read('kunden.csv'),
    orders: read('umsaetze.csv'),
    products: read('artikel.csv'),
    contacts: read('kontakte.csv'),
  });
  if (!result.ok) throw new Error(`score.bench: import failed: ${result.errors[0]?.message ?? ''}`);
  const imported = performance.now() - start;
  const importCpu = cpuMs(startCpu);
  const { ms, cpu, stages, rss } = timedScoring(result.dataset);
  console.log(
    `import included (${load()}): ${result.stats.orders} order lines: import ${seconds(imported)} wall, ` +
      `${seconds(importCpu)} CPU + scoring ${seconds(ms)} wall, ${seconds(cpu)} CPU (${stages}) = ` +
      `${seconds(imported + ms)} wall, ${seconds(importCpu + cpu)} CPU; RSS during scoring ≤ ${mb(rss)}, ` +
      `peak RSS ${mb(maxRss())}`,
  );
}

function child(phase: string, dir?: string): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, phase, ...(dir === undefined ? [] : [dir])], {
    encoding: 'utf8',
    env: { ...process.env, SCORE_BENCH_CHILD: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * MB,
  });
  process.stdout.write(r.stdout);
  if (r.status !== 0) throw new Error(`score.bench: the ${phase} run exited with ${r.status}`);
}

export async function run(): Promise<void> {
  console.log(
    `machine: ${process.platform}, Node ${process.version}; portfolio ${ACCOUNTS} accounts × ${LINES_PER_ACCOUNT} lines`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'score-bench-'));
  try {
    child('excluded', dir);
    child('parse', dir);
    const csv = datasetToCsv(
      generateDataset({ accounts: ACCOUNTS, seed: 1, linesPerAccount: LINES_PER_ACCOUNT }),
      'de',
    );
    writeFileSync(join(dir, 'kunden.csv'), csv.accounts);
    writeFileSync(join(dir, 'umsaetze.csv'), csv.orders);
    writeFileSync(join(dir, 'artikel.csv'), csv.products);
    writeFileSync(join(dir, 'kontakte.csv'), csv.contacts);
    child('included', dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env['SCORE_BENCH_CHILD'] === '1' && process.argv[1] === self) {
  const [phase, dir] = process.argv.slice(2);
  if (phase === 'excluded' && dir !== undefined) excluded(dir);
  else if (phase === 'parse' && dir !== undefined) parse(dir);
  else if (phase === 'included' && dir !== undefined) await included(dir);
  else throw new Error(`score.bench: unknown phase ${phase}`);
}
