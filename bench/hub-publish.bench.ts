/**
 * The hub while a large dataset is published: /health and pull latency (p50, p99, max) measured over loopback HTTP
 * during the publish, with scoring in a worker thread (as `npm run hub` runs it) and, for comparison, on the main
 * thread. PGlite in memory; HUB_PUBLISH_ACCOUNTS sets the portfolio size (default 6,000 accounts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { datasetToCsv, generateDataset } from '../lib/engine/generate.ts';
import { createHub } from '../server/src/app.ts';
import { openPglite } from '../server/src/db/database.ts';
import { migrate } from '../server/src/db/migrations.ts';
import { engine } from '../server/src/engine.ts';
import type { ScoringEngine } from '../server/src/scoring.ts';
import { createWorkerEngine } from '../server/src/scoring-worker.ts';
import { addTeam, addUser } from '../server/src/users.ts';

const ACCOUNTS = Number(process.env.HUB_PUBLISH_ACCOUNTS ?? 6000);

function get(port: number, path: string, agent: http.Agent, token?: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, path, agent, headers: token ? { Authorization: `Bearer ${token}` } : {} },
      (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - started));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const line = (name: string, xs: number[]) =>
  `${name}: n=${xs.length} p50=${pct(xs, 50).toFixed(1)} ms p99=${pct(xs, 99).toFixed(1)} ms max=${Math.max(...xs).toFixed(1)} ms`;

async function measure(label: string, scoring: ScoringEngine, body: string): Promise<void> {
  const db = await openPglite();
  await migrate(db);
  await addTeam(db, 'north');
  const admin = (await addUser(db, { email: 'admin@example.com', name: 'Admin', role: 'admin' })).token;
  const rep = (await addUser(db, { email: 'ana@example.com', name: 'Ana', role: 'rep', team: 'north' })).token;
  const hub = createHub({ db, engine: scoring, rateLimitPerMinute: 10_000_000, maxDatasetBytes: 512 * 1024 * 1024 });
  const server = serve({ fetch: hub.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const started = performance.now();
  let done = false;
  const publish = fetch(`http://127.0.0.1:${port}/v1/admin/dataset`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
    body,
  }).then(async (res) => {
    done = true;
    if (res.status !== 201) throw new Error(`publish answered ${res.status}: ${await res.text()}`);
  });
  const health: number[] = [];
  const pulls: number[] = [];
  // The probes run in this process too, so a blocked event loop also stops them: the longest time between two
  // answers (from the publish's start) shows that stall, which the latencies alone would hide.
  const gaps = { health: 0, pull: 0 };
  const probe = async (path: string, into: number[], gap: keyof typeof gaps, token?: string) => {
    let last = started;
    while (!done) {
      into.push(await get(port, path, agent, token));
      const now = performance.now();
      gaps[gap] = Math.max(gaps[gap], now - last);
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await Promise.all([
    publish,
    probe('/health', health, 'health'),
    probe('/v1/pull?clientId=ana-laptop-01', pulls, 'pull', rep),
  ]);
  const wall = performance.now() - started;
  console.log(`${label}: publish of ${ACCOUNTS} accounts took ${(wall / 1000).toFixed(1)} s`);
  console.log(`  ${line('/health during publish', health)}; longest wait for an answer ${gaps.health.toFixed(0)} ms`);
  console.log(`  ${line('pull during publish', pulls)}; longest wait for an answer ${gaps.pull.toFixed(0)} ms`);
  agent.destroy();
  await new Promise((resolve) => server.close(resolve));
  await hub.rescorer.stop();
  await db.close();
}

export async function run(): Promise<void> {
  const csv = datasetToCsv(generateDataset({ accounts: ACCOUNTS, seed: 7 }), 'de');
  const body = JSON.stringify({ accounts: csv.accounts, orders: csv.orders });
  console.log(`dataset: ${ACCOUNTS} accounts, ${(body.length / 1024 / 1024).toFixed(1)} MB of CSV (as JSON)`);
  const worker = createWorkerEngine(engine);
  try {
    await measure('scoring in a worker thread', worker, body);
  } finally {
    await worker.close();
  }
  await measure('scoring on the main thread (before)', engine, body);
}
