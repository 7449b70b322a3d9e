/// <reference types="chrome" />
/**
 * Capture latency in the real browser: from sending `insight.save` in an extension page to its answer, which
 * comes after the insight and its outbox row committed in one IndexedDB transaction and the account was
 * re-scored (entrypoints/background/insights.ts), i.e. once the note is durable. Launches the built e2e extension
 * in Debian's Chromium through the e2e harness, imports the demo portfolio and saves 200 insights one after
 * another on one account, then 200 unassigned ones (no re-score). Target: p95 under 20 ms. The e2e suite (tests/e2e/capture.spec.ts) prints the same
 * figures from its own run.
 */
import type { Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

export interface LatencyFigures {
  /** Saves measured (after `warmup` unmeasured ones). */
  count: number;
  warmup: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Type 7 (R's default) quantile of sorted values: linear interpolation between order statistics. */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Saves `count` insights on `accountId` from `page` (an extension page of a launched context, with a portfolio
 * imported) after `warmup` unmeasured ones, one at a time, and returns the answer times in milliseconds.
 * @throws {Error} naming the save when the background refuses one
 */
export async function measureCaptureLatency(
  page: Page,
  count: number,
  { warmup = 10, accountId = 'K-4711' as string | null } = {},
): Promise<LatencyFigures> {
  const times = await page.evaluate(
    async ({ count, warmup, accountId }) => {
      const out: number[] = [];
      for (let i = 0; i < warmup + count; i++) {
        const input = {
          type: 'need',
          title: `Latency probe ${i}`,
          body: 'Wants the quote for the second press line before the board meeting; spare parts kit included.',
          tags: ['bench'],
          accountId,
        };
        const start = performance.now();
        const answer = await chrome.runtime.sendMessage({ type: 'insight.save', payload: { input } });
        const ms = performance.now() - start;
        if (!answer?.ok) throw new Error(`measureCaptureLatency: save ${i} refused: ${answer?.error}`);
        if (i >= warmup) out.push(ms);
      }
      return out;
    },
    { count, warmup, accountId },
  );
  const sorted = [...times].sort((a, b) => a - b);
  return {
    count: times.length,
    warmup,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    max: sorted.at(-1) ?? 0,
    mean: times.reduce((s, x) => s + x, 0) / Math.max(1, times.length),
  };
}

export function printLatency(label: string, f: LatencyFigures) {
  const ms = (x: number) => `${x.toFixed(2)} ms`;
  console.log(
    `${label}: n=${f.count} (after ${f.warmup} warm-up) p50 ${ms(f.p50)}, p95 ${ms(f.p95)}, max ${ms(f.max)}, mean ${ms(f.mean)}` +
      ` (target p95 < 20 ms: ${f.p95 < 20 ? 'met' : 'missed'}; ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)})`,
  );
}

export async function run() {
  const harness = await import('../tests/e2e/harness.ts');
  if (!existsSync(join(harness.EXTENSION_DIR, 'manifest.json'))) {
    console.log(`capture: skipped, no e2e build at ${harness.EXTENSION_DIR} (run "npm run build:e2e")`);
    return;
  }
  const snapshot = join(harness.PORTFOLIO_DIR, 'snapshot.json');
  if (!existsSync(snapshot)) {
    console.log(`capture: skipped, no demo portfolio at ${snapshot} (run "npx tsx scripts/make-portfolio.ts")`);
    return;
  }
  const context = await harness.launchWithExtension();
  try {
    await harness.setProfile(context, 'Bench Rep', 'bench.rep@hansen-industriebedarf.de');
    await harness.importSnapshot(context, snapshot);
    const page = await harness.openExtensionPage(context, 'sidepanel');
    printLatency(
      'capture latency, assigned (insight.save → answer incl. local re-score, real Chromium, 200 saves)',
      await measureCaptureLatency(page, 200),
    );
    // Unassigned insights skip the re-score: the difference is what re-scoring costs per save.
    printLatency(
      'capture latency, unassigned (insight.save → answer, no re-score, 200 saves)',
      await measureCaptureLatency(page, 200, { accountId: null }),
    );
  } finally {
    await context.close();
  }
}
