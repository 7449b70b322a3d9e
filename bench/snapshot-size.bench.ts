/**
 * Snapshot size: the 10,000-account dataset (generateDataset, seed 1, as score.bench.ts) scored once, then written
 * as the expanded v1 JSON and as the compact v2 JSON (lib/engine/snapshot-v2.ts). Prints bytes per account of
 * each (target for v2: ≤ 1 KB), their gzip sizes, and the time to encode and to read v2 back (JSON.parse +
 * parseSnapshot, which renders the talking points again). SNAPSHOT_BENCH_ACCOUNTS overrides the portfolio size.
 */
import { gzipSync } from 'node:zlib';
import { buildSnapshot } from '../lib/engine/build-snapshot.ts';
import { generateDataset } from '../lib/engine/generate.ts';
import { encodeSnapshotV2 } from '../lib/engine/snapshot-v2.ts';
import { parseSnapshot } from '../lib/engine/snapshot.ts';

const ACCOUNTS = Number(process.env['SNAPSHOT_BENCH_ACCOUNTS'] ?? 10_000);

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(2)} KB`;

export async function run(): Promise<void> {
  const snapshot = buildSnapshot(generateDataset({ accounts: ACCOUNTS, seed: 1, linesPerAccount: 100 }));
  const v1 = Buffer.from(JSON.stringify(snapshot));
  const encodeStart = performance.now();
  const v2 = Buffer.from(JSON.stringify(encodeSnapshotV2(snapshot)));
  const encodeMs = performance.now() - encodeStart;
  const readStart = performance.now();
  const back = parseSnapshot(JSON.parse(v2.toString('utf8')));
  const readMs = performance.now() - readStart;
  const n = snapshot.accounts.length;
  console.log(
    `${n} accounts: v1 ${kb(v1.length / n)} per account (${(v1.length / 1024 / 1024).toFixed(1)} MB, gzip ${kb(gzipSync(v1).length / n)}); ` +
      `v2 ${kb(v2.length / n)} per account (${(v2.length / 1024 / 1024).toFixed(1)} MB, gzip ${kb(gzipSync(v2).length / n)}) — target ≤ 1 KB`,
  );
  console.log(
    `v2 encode ${encodeMs.toFixed(0)} ms, read back (JSON.parse + parseSnapshot) ${readMs.toFixed(0)} ms; ` +
      `round trip ${JSON.stringify(back) === JSON.stringify(parseSnapshot(JSON.parse(v1.toString('utf8')))) ? 'identical' : 'DIFFERS'} to v1`,
  );
}
