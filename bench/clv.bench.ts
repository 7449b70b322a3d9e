/**
 * CLV fits on the CDNOW sample (2,357 customers, 946 repeat buyers): the median wall time of fitting BG/NBD and
 * Gamma-Gamma, and the fitted values beside the published ones. The CSV is vendored in
 * tests/fixtures/cdnow (CDNOW_SUMMARY_CSV overrides the path).
 */
import { readFileSync } from 'node:fs';
import {
  bgNbdExpectedPurchases,
  bgNbdPAlive,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  type RfmSummary,
} from '../lib/engine/clv.ts';

const RUNS = 9;

export async function run(): Promise<void> {
  const data = readCdnow();
  const bgTimes: number[] = [];
  const ggTimes: number[] = [];
  let bg = fitBgNbd(data);
  let gg = fitGammaGamma(data);
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    bg = fitBgNbd(data);
    const middle = performance.now();
    gg = fitGammaGamma(data);
    bgTimes.push(middle - start);
    ggTimes.push(performance.now() - middle);
  }
  const cpu = process.cpuUsage(cpuStart);
  const cpuPerRun = (cpu.user + cpu.system) / 1000 / RUNS;
  const both = bgTimes.map((t, i) => t + ggTimes[i]!);
  console.log(`CDNOW: ${data.length} customers, ${data.filter((c) => c.frequency > 0).length} repeat buyers`);
  console.log(
    `fit time (median of ${RUNS}, after one warm-up): BG/NBD ${median(bgTimes).toFixed(1)} ms, ` +
      `Gamma-Gamma ${median(ggTimes).toFixed(1)} ms, both ${median(both).toFixed(1)} ms ` +
      `(CPU time ${cpuPerRun.toFixed(1)} ms per pair: wall time suffers on a shared machine)`,
  );
  console.log(
    `BG/NBD      r = ${bg.r.toFixed(4)}  α = ${bg.alpha.toFixed(4)}  a = ${bg.a.toFixed(4)}  b = ${bg.b.toFixed(4)}  ` +
      `LL = ${bg.logLikelihood.toFixed(2)}   (published 0.243, 4.414, 0.793, 2.426, −9582.4)`,
  );
  console.log(
    `Gamma-Gamma p = ${gg.p.toFixed(4)}  q = ${gg.q.toFixed(4)}  γ = ${gg.gamma.toFixed(4)}  ` +
      `LL = ${gg.logLikelihood.toFixed(2)}   (published 6.25, 3.74, 15.44)`,
  );
  const customer = { frequency: 2, recency: 30.43, T: 38.86, monetaryValue: 22.35 };
  console.log(
    `x = 2, t_x = 30.43, T = 38.86: E[orders, next 39 weeks] = ${bgNbdExpectedPurchases(bg, 39, customer).toFixed(4)} ` +
      `(published 1.226), P(alive) = ${bgNbdPAlive(bg, customer).toFixed(4)} (0.727), ` +
      `E[spend per order] = ${gammaGammaExpectedSpend(gg, customer).toFixed(2)}`,
  );
}

function readCdnow(): RfmSummary[] {
  const path =
    process.env['CDNOW_SUMMARY_CSV'] ?? new URL('../tests/fixtures/cdnow/cdnow-summary.csv', import.meta.url);
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [, x, tx, T, m] = line.split(',').map(Number);
      return { frequency: x!, recency: tx!, T: T!, monetaryValue: m! };
    });
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
