/**
 * The `lens` command as a user runs it: whole processes, start-up included, of the built `bin`
 * (lib/cli/dist/lens.mjs, rebuilt here first).
 * - `lens --help` against `node -e 0` (target: at most 2.5× its time), and the same help through tsx from the
 *   sources, as `lens` ran before it was built.
 * - `lens basket` on 100,000 seeded baskets at 1 % support (FP-growth, rules, JSON out) against a Node script that
 *   reads the same file and mines it with node-fpgrowth (target: lens at least 10× faster).
 * Runs are interleaved, so that load from other processes on a shared machine hits all alike; medians are printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../lib/engine/generate/random.ts';
import { generateBaskets } from './baskets.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const BASKETS = 100_000;
const SKUS = 300;
const MIN_SUPPORT = 0.01;
const START_RUNS = 15;
const BASKET_RUNS = 5;

export async function run(): Promise<void> {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root });
  const { bin } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { lens: string } };
  const lens = join(root, bin.lens);
  const dir = mkdtempSync(join(tmpdir(), 'lens-bench-'));
  try {
    startUp(lens);
    basket(lens, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function startUp(lens: string): void {
  const node: number[] = [];
  const built: number[] = [];
  const tsx: number[] = [];
  for (let i = 0; i < START_RUNS; i++) {
    node.push(wall(process.execPath, ['-e', '0']));
    built.push(wall(lens, ['--help']));
    if (i < 5) tsx.push(wall(process.execPath, ['--import', 'tsx', 'lib/cli/lens.ts', '--help']));
  }
  const [n, b, t] = [median(node), median(built), median(tsx)];
  console.log(
    `start-up (median of ${START_RUNS}): node -e 0 ${n.toFixed(0)} ms, lens --help ${b.toFixed(0)} ms ` +
      `= ${(b / n).toFixed(2)}× node (target ≤ 2.5×); through tsx from the sources ${t.toFixed(0)} ms ` +
      `(${(t / n).toFixed(1)}×, median of 5)`,
  );
}

function basket(lens: string, dir: string): void {
  const baskets = generateBaskets(BASKETS, SKUS, mulberry32(2024));
  const file = join(dir, 'baskets.dat');
  writeFileSync(file, baskets.map((b) => b.join(' ')).join('\n') + '\n');
  const fpgrowth = createRequire(import.meta.url).resolve('node-fpgrowth');
  const script = join(dir, 'node-fpgrowth.mjs');
  writeFileSync(
    script,
    `import { readFileSync } from 'node:fs';
import fp from ${JSON.stringify(fpgrowth)};
const baskets = readFileSync(process.argv[2], 'utf8').split('\\n').filter((l) => l !== '').map((l) => l.split(' '));
const itemsets = await new fp.FPGrowth(Number(process.argv[3])).exec(baskets);
console.log(JSON.stringify({ itemsetCount: itemsets.length }));
`,
  );
  const args = ['basket', '--transactions', file, '--min-support', String(MIN_SUPPORT)];
  const ours = JSON.parse(output(lens, args)) as { itemsetCount: number };
  const theirs = JSON.parse(output(process.execPath, [script, file, String(MIN_SUPPORT)])) as { itemsetCount: number };
  const lensTimes: number[] = [];
  const theirTimes: number[] = [];
  for (let i = 0; i < BASKET_RUNS; i++) {
    lensTimes.push(wall(lens, args));
    theirTimes.push(wall(process.execPath, [script, file, String(MIN_SUPPORT)]));
  }
  const [l, f] = [median(lensTimes), median(theirTimes)];
  console.log(
    `${BASKETS} baskets at ${MIN_SUPPORT * 100} % support: ${ours.itemsetCount} itemsets from lens, ` +
      `${theirs.itemsetCount} from node-fpgrowth${ours.itemsetCount === theirs.itemsetCount ? ' (same)' : ' (DIFFERENT)'}`,
  );
  console.log(
    `  whole process (median of ${BASKET_RUNS}): lens basket ${l.toFixed(0)} ms, node-fpgrowth ${f.toFixed(0)} ms, ` +
      `lens ${(f / l).toFixed(1)}× faster (target ≥ 10×)`,
  );
}

/** Wall time of one process, spawn to exit, in ms. @throws {Error} when it fails */
function wall(command: string, args: string[]): number {
  const start = performance.now();
  const r = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

function output(command: string, args: string[]): string {
  return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
