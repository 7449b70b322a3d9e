/**
 * The hub over real HTTP on loopback with PGlite in a temp directory, a published portfolio of 200 accounts (so
 * that pushes re-score), and two measurements:
 * 1. push of 10,000 insights in batches of 500 from one client (target: under 10 s);
 * 2. a mixed load for 30 s from 16 concurrent workers, each a rep with their own device: one push of 5 insights
 *    then three incremental pulls, in a loop (target: at least 300 requests/s, no errors).
 * Prints wall times, throughput and latency percentiles. HUB_BENCH_SECONDS shortens the mixed phase.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { monotonicFactory } from 'ulid';
import { datasetToCsv, generateDataset } from '../lib/engine/generate.ts';
import type { Insight } from '../lib/engine/insight.ts';
import { INSIGHT_TYPES } from '../lib/engine/insight.ts';
import { createHub } from '../server/src/app.ts';
import { openPglite } from '../server/src/db/database.ts';
import { migrate } from '../server/src/db/migrations.ts';
import { engine } from '../server/src/engine.ts';
import { addTeam, addUser } from '../server/src/users.ts';

const ACCOUNTS = 200;
const PUSH_TOTAL = 10_000;
const PUSH_BATCH = 500;
const WORKERS = 16;
const MIXED_SECONDS = Number(process.env.HUB_BENCH_SECONDS ?? 30);

const ulid = monotonicFactory();

function makeInsight(accountIds: string[], k: number, author: string): Insight {
  const at = new Date(Date.parse('2025-12-01T08:00:00Z') + k * 60_000).toISOString();
  return {
    id: ulid(),
    accountId: accountIds[k % accountIds.length]!,
    author,
    createdAt: at,
    updatedAt: at,
    type: INSIGHT_TYPES[k % INSIGHT_TYPES.length]!,
    title: `Field note ${k}`,
    body: 'Visited the plant; the maintenance lead mentioned a second line and asked for a quote before Q3.',
    sentiment: (k % 5) - 2,
    products: [],
    tags: ['bench'],
    followUpAt: null,
    source: { kind: 'sidepanel' },
    visibility: 'team',
    status: 'open',
    rev: 1,
    deletedAt: null,
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accountlens-hub-bench-'));
  const db = await openPglite(dir);
  await migrate(db);
  await addTeam(db, 'north');
  const admin = (await addUser(db, { email: 'ops@example.com', name: 'Ops', role: 'admin' })).token;
  const reps: string[] = [];
  for (let w = 0; w <= WORKERS; w++)
    reps.push(
      (await addUser(db, { email: `rep${w}@example.com`, name: `Rep ${w}`, role: 'rep', team: 'north' })).token,
    );
  const { app, rescorer } = createHub({ db, engine, rateLimitPerMinute: 1_000_000 });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${JSON.stringify(json)}`);
    return json;
  };

  try {
    const csv = datasetToCsv(generateDataset({ accounts: ACCOUNTS, seed: 7 }), 'de');
    let t = performance.now();
    await call(admin, 'POST', '/v1/admin/dataset', { accounts: csv.accounts, orders: csv.orders });
    console.log(
      `dataset upload (${ACCOUNTS} accounts, import + scoring + storing): ${((performance.now() - t) / 1000).toFixed(2)} s`,
    );
    const pulled = (await call(reps[WORKERS]!, 'GET', '/v1/pull?clientId=bench-first')) as {
      cursor: string;
      snapshot: { snapshot: { accounts: { id: string }[] } };
    };
    const accountIds = pulled.snapshot.snapshot.accounts.map((a) => a.id);

    // 1. 10,000 insights in batches of 500.
    const items = Array.from({ length: PUSH_TOTAL }, (_, k) => makeInsight(accountIds, k, 'rep16@example.com'));
    const batchTimes: number[] = [];
    t = performance.now();
    let cpu = process.cpuUsage();
    for (let b = 0; b < PUSH_TOTAL / PUSH_BATCH; b++) {
      const start = performance.now();
      const mutations = items
        .slice(b * PUSH_BATCH, (b + 1) * PUSH_BATCH)
        .map((insight, k) => ({ kind: 'insight.put', mutationId: b * PUSH_BATCH + k + 1, insight, baseRev: 0 }));
      const res = (await call(reps[WORKERS]!, 'POST', '/v1/push', {
        protocolVersion: 1,
        clientId: 'bench-bulk',
        mutations,
      })) as { lastMutationId: number };
      if (res.lastMutationId !== (b + 1) * PUSH_BATCH)
        throw new Error(`hub.bench: batch ${b} ended at ${res.lastMutationId}`);
      batchTimes.push(performance.now() - start);
    }
    await call(reps[WORKERS]!, 'GET', `/v1/pull?clientId=bench-first&cursor=${pulled.cursor}`); // waits for the queued re-scoring
    const pushSeconds = (performance.now() - t) / 1000;
    const pushCpu = process.cpuUsage(cpu);
    batchTimes.sort((a, b) => a - b);
    console.log(
      `push ${PUSH_TOTAL} insights in batches of ${PUSH_BATCH} over ${ACCOUNTS} accounts, re-scoring included: ${pushSeconds.toFixed(2)} s ` +
        `(${Math.round(PUSH_TOTAL / pushSeconds)} insights/s; batch p50 ${percentile(batchTimes, 0.5).toFixed(0)} ms, max ${batchTimes.at(-1)!.toFixed(0)} ms) ` +
        `— target < 10 s: ${pushSeconds < 10 ? 'met' : 'MISSED'}`,
    );
    console.log(
      `  process CPU during the push: ${((pushCpu.user + pushCpu.system) / 1e6 / pushSeconds).toFixed(2)} cores (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`,
    );

    // 2. Mixed push/pull load.
    const latencies: number[] = [];
    let errors = 0;
    let pushes = 0;
    let pulls = 0;
    // Every device first syncs the team's history once (not timed), as a rep's extension does on sign-in.
    t = performance.now();
    const cursors = await Promise.all(
      reps
        .slice(0, WORKERS)
        .map(async (token, w) => String((await call(token, 'GET', `/v1/pull?clientId=bench-worker-${w}`)).cursor)),
    );
    console.log(
      `initial full pulls by ${WORKERS} devices (${PUSH_TOTAL} insights and the snapshot each): ${((performance.now() - t) / 1000).toFixed(2)} s`,
    );
    const deadline = performance.now() + MIXED_SECONDS * 1000;
    const worker = async (w: number) => {
      const token = reps[w]!;
      const clientId = `bench-worker-${w}`;
      let cursor = cursors[w]!;
      let mutationId = 0;
      let k = 0;
      while (performance.now() < deadline) {
        const timed = async (f: () => Promise<Record<string, unknown>>) => {
          const start = performance.now();
          try {
            const r = await f();
            latencies.push(performance.now() - start);
            return r;
          } catch (error) {
            errors++;
            if (errors <= 3) console.error(error);
            return null;
          }
        };
        const mutations = Array.from({ length: 5 }, () => ({
          kind: 'insight.put',
          mutationId: ++mutationId,
          insight: makeInsight(accountIds, w * 100_000 + k++, `rep${w}@example.com`),
          baseRev: 0,
        }));
        if (await timed(() => call(token, 'POST', '/v1/push', { protocolVersion: 1, clientId, mutations }))) pushes++;
        for (let p = 0; p < 3 && performance.now() < deadline; p++) {
          const r = await timed(() => call(token, 'GET', `/v1/pull?clientId=${clientId}&cursor=${cursor}`));
          if (r) {
            pulls++;
            cursor = String(r.cursor);
          }
        }
      }
    };
    t = performance.now();
    cpu = process.cpuUsage();
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    const seconds = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    const cores = (used.user + used.system) / 1e6 / seconds;
    latencies.sort((a, b) => a - b);
    const rate = (pushes + pulls + errors) / seconds;
    console.log(
      `mixed load, ${WORKERS} workers for ${seconds.toFixed(1)} s: ${pushes} pushes (5 insights each) + ${pulls} pulls = ${Math.round(rate)} requests/s, ` +
        `${errors} errors; latency p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p95 ${percentile(latencies, 0.95).toFixed(1)} ms, ` +
        `p99 ${percentile(latencies, 0.99).toFixed(1)} ms — target ≥ 300 requests/s without errors: ${rate >= 300 && errors === 0 ? 'met' : 'MISSED'}`,
    );
    // Hub, PGlite and the load generator share this process: its CPU use shows whether the machine was the limit.
    console.log(
      `  process CPU during the mixed load: ${cores.toFixed(2)} cores (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs)`,
    );
  } finally {
    await new Promise((r) => server.close(r));
    await rescorer.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
