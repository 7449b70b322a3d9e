/**
 * The hub as its own process (`node --import tsx server/src/main.ts`, as `npm run hub` runs it) with PGlite in a
 * temp directory and a published portfolio of 200 accounts (so that pushes re-score), driven over loopback HTTP
 * by a lean client in this process (one keep-alive connection per worker, node:http, no fetch):
 * 1. push of 10,000 insights in batches of 500 from one client, re-scoring included (target: under 10 s);
 * 2. a mixed load for 30 s from 16 concurrent workers, each a rep with their own device, as the extension syncs:
 *    a push of 1–5 insights, then three pulls with the current cursor, in a loop (target: at least 300 requests/s,
 *    no errors). The workers stop by themselves at the deadline.
 * Prints wall times, requests/s, latency percentiles per route, errors, the hub process's CPU share (from
 * /proc, so it excludes this client) and the load average. HUB_BENCH_SECONDS shortens the mixed phase.
 * HUB_BENCH_BACKEND=postgres runs the same against a throwaway PostgreSQL cluster (server/test/postgres.ts: fsync
 * off, so not a durable set-up; the hub's CPU share then excludes PostgreSQL's own processes).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monotonicFactory } from 'ulid';
import { datasetToCsv, generateDataset } from '../lib/engine/generate.ts';
import type { Insight } from '../lib/engine/insight.ts';
import { INSIGHT_TYPES } from '../lib/engine/insight.ts';
import { openPglite, openPostgres, type Database } from '../server/src/db/database.ts';
import { migrate } from '../server/src/db/migrations.ts';
import { addTeam, addUser } from '../server/src/users.ts';
import { startPostgres, type PostgresCluster } from '../server/test/postgres.ts';

const ACCOUNTS = 200;
const PUSH_TOTAL = 10_000;
const PUSH_BATCH = 500;
const WORKERS = 16;
const PULLS_PER_PUSH = 3;
const MIXED_SECONDS = Number(process.env.HUB_BENCH_SECONDS ?? 30);
const POSTGRES = process.env.HUB_BENCH_BACKEND === 'postgres';
const MAIN = fileURLToPath(new URL('../server/src/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

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

/** CPU seconds (user + system) the process `pid` has used, from /proc; NaN where there is no /proc. */
function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

/** The hub as a child process on a free loopback port; resolves with its base URL once it listens. */
function startHub(storage: {
  DATA_DIR: string;
  DATABASE_URL?: string;
}): Promise<{ base: string; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', RATE_LIMIT_PER_MINUTE: '1000000', ...storage },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      log += d;
      const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log)?.[1];
      if (port)
        resolve({
          base: `http://127.0.0.1:${port}`,
          pid: child.pid!,
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
    });
    void exited.then(() => reject(new Error(`hub.bench: the hub exited before listening:\n${log}`)));
  });
}

/** One JSON request over a keep-alive agent; rejects on a non-2xx status with the hub's answer. */
function requester(base: string, agent: http.Agent) {
  const { hostname, port } = new URL(base);
  return (token: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          agent,
          hostname,
          port,
          method,
          path,
          headers: {
            Authorization: `Bearer ${token}`,
            ...(payload === undefined
              ? {}
              : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if ((res.statusCode ?? 0) >= 300) reject(new Error(`${method} ${path} → ${res.statusCode}: ${text}`));
            else resolve(JSON.parse(text) as Record<string, unknown>);
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'accountlens-hub-bench-'));
  let cluster: PostgresCluster | null = null;
  let seed: Database;
  const storage: { DATA_DIR: string; DATABASE_URL?: string } = { DATA_DIR: dir };
  if (POSTGRES) {
    cluster = await startPostgres();
    storage.DATABASE_URL = await cluster.newDatabase();
    seed = await openPostgres(storage.DATABASE_URL);
  } else {
    seed = await openPglite(dir);
  }
  await migrate(seed);
  await addTeam(seed, 'north');
  const admin = (await addUser(seed, { email: 'ops@example.com', name: 'Ops', role: 'admin' })).token;
  const reps: string[] = [];
  for (let w = 0; w <= WORKERS; w++)
    reps.push(
      (await addUser(seed, { email: `rep${w}@example.com`, name: `Rep ${w}`, role: 'rep', team: 'north' })).token,
    );
  await seed.close();
  const hub = await startHub(storage);
  console.log(`backend: ${POSTGRES ? 'PostgreSQL (throwaway cluster, fsync off)' : 'PGlite in a temp directory'}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: WORKERS });
  const call = requester(hub.base, agent);
  const load = () => `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} CPUs`;

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
    let hubCpu = cpuSecondsOf(hub.pid);
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
    hubCpu = cpuSecondsOf(hub.pid) - hubCpu;
    batchTimes.sort((a, b) => a - b);
    console.log(
      `push ${PUSH_TOTAL} insights in batches of ${PUSH_BATCH} over ${ACCOUNTS} accounts, re-scoring included: ${pushSeconds.toFixed(2)} s ` +
        `(${Math.round(PUSH_TOTAL / pushSeconds)} insights/s; batch p50 ${percentile(batchTimes, 0.5).toFixed(0)} ms, max ${batchTimes.at(-1)!.toFixed(0)} ms) ` +
        `— target < 10 s: ${pushSeconds < 10 ? 'met' : 'MISSED'}`,
    );
    console.log(`  hub process CPU during the push: ${(hubCpu / pushSeconds).toFixed(2)} cores (${load()})`);

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

    // 2. Mixed push/pull load.
    const latency = { push: [] as number[], pull: [] as number[] };
    let errors = 0;
    const deadline = performance.now() + MIXED_SECONDS * 1000;
    const timed = async (route: 'push' | 'pull', f: () => Promise<Record<string, unknown>>) => {
      const start = performance.now();
      try {
        const r = await f();
        latency[route].push(performance.now() - start);
        return r;
      } catch (error) {
        errors++;
        if (errors <= 3) console.error(error);
        return null;
      }
    };
    const worker = async (w: number) => {
      const token = reps[w]!;
      const clientId = `bench-worker-${w}`;
      let cursor = cursors[w]!;
      let mutationId = 0;
      let k = 0;
      while (performance.now() < deadline) {
        const mutations = Array.from({ length: 1 + (k % 5) }, () => ({
          kind: 'insight.put',
          mutationId: ++mutationId,
          insight: makeInsight(accountIds, w * 100_000 + k++, `rep${w}@example.com`),
          baseRev: 0,
        }));
        await timed('push', () => call(token, 'POST', '/v1/push', { protocolVersion: 1, clientId, mutations }));
        for (let p = 0; p < PULLS_PER_PUSH && performance.now() < deadline; p++) {
          const r = await timed('pull', () => call(token, 'GET', `/v1/pull?clientId=${clientId}&cursor=${cursor}`));
          if (r) cursor = String(r.cursor);
        }
      }
    };
    t = performance.now();
    hubCpu = cpuSecondsOf(hub.pid);
    const ownCpu = process.cpuUsage();
    await Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
    const seconds = (performance.now() - t) / 1000;
    hubCpu = cpuSecondsOf(hub.pid) - hubCpu;
    const own = process.cpuUsage(ownCpu);
    const requests = latency.push.length + latency.pull.length + errors;
    const rate = requests / seconds;
    const figures = (route: 'push' | 'pull') => {
      const l = latency[route].sort((a, b) => a - b);
      return `${route} ${l.length} (p50 ${percentile(l, 0.5).toFixed(1)} ms, p95 ${percentile(l, 0.95).toFixed(1)} ms)`;
    };
    console.log(
      `mixed load, ${WORKERS} workers for ${seconds.toFixed(1)} s (push of 1–5 insights, then ${PULLS_PER_PUSH} pulls with the current cursor): ` +
        `${Math.round(rate)} requests/s, ${errors} errors; ${figures('push')}, ${figures('pull')} ` +
        `— target ≥ 300 requests/s without errors: ${rate >= 300 && errors === 0 ? 'met' : 'MISSED'}`,
    );
    console.log(
      `  hub process CPU: ${(hubCpu / seconds).toFixed(2)} cores (${((hubCpu * 1000) / requests).toFixed(2)} ms per request); ` +
        `this client: ${((own.user + own.system) / 1e6 / seconds).toFixed(2)} cores; ${load()}`,
    );
  } finally {
    agent.destroy();
    await hub.stop();
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
