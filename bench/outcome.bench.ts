/**
 * Saving an outcome with 10,000 accounts stored: the save's path (the insight and its outbox row, then learning:
 * the rates from the stored outcomes, kept with the snapshot, and the outcome's own account re-ranked;
 * lib/store/learning.ts `learnOutcomes`) against the background pass that re-ranks the other accounts holding a
 * talking point of a kind whose rate changed (`createRerankQueue`). Before, the save waited for a re-rank of every
 * stored account; the last line measures that (a save, learning and one pass over every account) for comparison.
 *
 * Node on fake-indexeddb (in memory): the figures measure our code and IndexedDB's semantics, not a disk. The
 * portfolio is a scored 400-account snapshot (generateDataset, seed 5) copied to OUTCOME_BENCH_ACCOUNTS accounts.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { loadavg } from 'node:os';
import { buildSnapshot } from '../lib/engine/build-snapshot.ts';
import { generateDataset } from '../lib/engine/generate.ts';
import { OUTCOMES } from '../lib/engine/insight.ts';
import { TALKING_POINT_KINDS, type ScoredAccount } from '../lib/engine/snapshot.ts';
import { saveInsight } from '../lib/store/insights.ts';
import { createRerankQueue, learnOutcomes } from '../lib/store/learning.ts';
import { openStore } from '../lib/store/open.ts';
import { storeSnapshot } from '../lib/store/snapshot.ts';

const ACCOUNTS = Number(process.env['OUTCOME_BENCH_ACCOUNTS'] ?? 10_000);
const SAVES = 15;

function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo] as number;
  return a + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] as number) - a);
}

function figures(label: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  const mean = times.reduce((s, t) => s + t, 0) / times.length;
  console.log(
    `${label.padEnd(44)} n=${String(times.length).padStart(3)}  p50 ${quantile(sorted, 0.5).toFixed(1).padStart(7)} ms` +
      `  p95 ${quantile(sorted, 0.95).toFixed(1).padStart(7)} ms  mean ${mean.toFixed(1).padStart(7)} ms`,
  );
}

export async function run(): Promise<void> {
  const base = buildSnapshot(generateDataset({ accounts: 400, seed: 5 }));
  const accounts: ScoredAccount[] = [];
  for (let i = 0; accounts.length < ACCOUNTS; i++) {
    const a = base.accounts[i % base.accounts.length]!;
    accounts.push({ ...a, id: `${a.id}-${Math.floor(i / base.accounts.length)}`, domains: [] });
  }
  const db = await openStore(new IDBFactory());
  await storeSnapshot(db, { ...base, accounts }, {}, { source: 'bench' });
  const withPoints = accounts.filter((a) => a.talkingPoints.length > 0);
  console.log(
    `${ACCOUNTS} accounts stored (${withPoints.length} with talking points), ${SAVES} outcome saves, load ${loadavg()[0]!.toFixed(2)}`,
  );

  const queue = createRerankQueue(
    async () => db,
    (error) => {
      throw error;
    },
  );
  const savePath: number[] = [];
  const background: number[] = [];
  const rerankedPerSave: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const account = withPoints[(i * 97) % withPoints.length]!;
    const started = performance.now();
    const insight = await saveInsight(
      db,
      {
        type: 'outcome',
        title: `Outcome ${i}`,
        accountId: account.id,
        outcome: OUTCOMES[i % OUTCOMES.length],
        status: 'done',
        talkingPoints: [account.talkingPoints[0]!.id],
      },
      { clientId: 'bench-client-0001', author: 'bench@example.com', now: new Date(Date.UTC(2026, 2, 2, 9, i)) },
    );
    const answer = await learnOutcomes(db, insight.accountId);
    savePath.push(performance.now() - started);
    const passStarted = performance.now();
    const pass = await queue.add(answer.rerankingKinds);
    background.push(performance.now() - passStarted);
    rerankedPerSave.push(pass.changed);
  }
  figures('save path (save + learn + own account)', savePath);
  figures('background re-rank pass (after each save)', background);
  const moved = [...rerankedPerSave].sort((a, b) => a - b);
  console.log(`accounts re-ranked per pass: p50 ${quantile(moved, 0.5)}, max ${moved.at(-1)}`);

  // The cost the save used to wait for: after a new outcome, learning and a pass over every stored account.
  const before: number[] = [];
  for (let i = 0; i < 5; i++) {
    const account = withPoints[(i * 89 + 13) % withPoints.length]!;
    const started = performance.now();
    const insight = await saveInsight(
      db,
      {
        type: 'outcome',
        title: `Outcome before ${i}`,
        accountId: account.id,
        outcome: OUTCOMES[(i + 1) % OUTCOMES.length],
        status: 'done',
        talkingPoints: [account.talkingPoints[0]!.id],
      },
      { clientId: 'bench-client-0001', author: 'bench@example.com', now: new Date(Date.UTC(2026, 2, 3, 9, i)) },
    );
    await learnOutcomes(db, insight.accountId);
    await queue.add(TALKING_POINT_KINDS);
    before.push(performance.now() - started);
  }
  figures('before: save + learn + re-rank every account', before);
  db.close();
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
