/**
 * Several hub processes on one PostgreSQL, as behind a load balancer: three real hubs, devices pushing and pulling
 * through whichever hub they happen to reach (the same batch sometimes through two hubs at once, as a retry after a
 * lost answer does), notes edited and resolved concurrently, every hub re-scoring. Bounded: about 10 s of load.
 *
 * What it proves: every insight is stored once, with the last edit; every write transaction took its own change
 * version (versions strictly increasing, one transaction each); no pull ever skipped a change (a device that only
 * ever pulled incrementally holds exactly what a fresh full pull gives, and its cursors never went back); every
 * touched account was re-scored from its final notes and nothing is left queued.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetToCsv, generateDataset } from '../../lib/engine/generate.ts';
import type { Insight } from '../../lib/engine/insight.ts';
import { rescoreAccount } from '../../lib/engine/rescore.ts';
import type { ScoredAccount, Snapshot } from '../../lib/engine/snapshot.ts';
import { openPostgres, type Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrations.ts';
import { insight, seedTeam, type Team } from './fixtures.ts';
import { freePort, postgresSkipReason, startPostgres, type PostgresCluster } from './postgres.ts';
import { startHubProcess, type HubProcess } from './process.ts';

const skip = postgresSkipReason();
const LOAD_MS = 10_000;

describe.skipIf(skip !== null)('three hubs on one PostgreSQL', () => {
  let cluster: PostgresCluster;
  let db: Database;
  let team: Team;
  const hubs: HubProcess[] = [];

  beforeAll(async () => {
    cluster = await startPostgres();
    const url = await cluster.newDatabase();
    db = await openPostgres(url, 4);
    await migrate(db);
    team = await seedTeam(db);
    const env = { DATABASE_URL: url, RATE_LIMIT_PER_MINUTE: '1000000' };
    hubs.push(...(await Promise.all([0, 1, 2].map(async () => startHubProcess(env, await freePort())))));
  }, 120_000);

  afterAll(async () => {
    for (const hub of hubs) hub.child.kill('SIGTERM');
    await Promise.all(hubs.map((h) => h.exited));
    await db?.close();
    cluster?.stop();
  }, 60_000);

  it('stores every insight once, never skips a change in a pull and re-scores every account once', async () => {
    let turn = 0;
    const anyHub = () => hubs[turn++ % hubs.length]!.url;
    const request = async (url: string, path: string, token: string, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the assertions check these bodies
      const json: any = await res.json();
      if (res.status !== 200 && res.status !== 201)
        throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
      return json;
    };

    const csv = datasetToCsv(generateDataset({ accounts: 30, seed: 4 }), 'de');
    await request(anyHub(), '/v1/admin/dataset', team.admin, { accounts: csv.accounts, orders: csv.orders });
    const first = await request(anyHub(), '/v1/pull?clientId=setup-device', team.admin);
    const snapshot: Snapshot = first.snapshot.snapshot;
    const accountIds = snapshot.accounts.map((a) => a.id);

    /** A device: its own outbox, pushed to any hub; pulls incrementally from any hub. */
    const device = (name: string, token: string) => {
      const clientId = `${name}-device-0001`;
      const outbox: { mutationId: number; insight: Insight; baseRev: number }[] = [];
      const mine = new Map<string, Insight>();
      const held = new Map<string, Insight>();
      let nextId = 1;
      let cursor: string | undefined;
      const cursors: number[] = [];
      return {
        name,
        token,
        clientId,
        mine,
        held,
        cursors,
        write() {
          const pick = [...mine.values()];
          let next: Insight;
          if (pick.length > 0 && Math.random() < 0.3) {
            const old = pick[Math.floor(Math.random() * pick.length)]!;
            next = { ...old, title: `${old.title} +`, rev: old.rev + 1, updatedAt: new Date().toISOString() };
          } else {
            next = insight({
              accountId: accountIds[Math.floor(Math.random() * accountIds.length)]!,
              author: 'ignored',
              type: Math.random() < 0.5 ? 'competitor' : 'need',
              title: `${name} note ${nextId}`,
              createdAt: '2025-12-20T10:00:00.000Z',
              updatedAt: new Date().toISOString(),
              visibility: Math.random() < 0.2 ? 'private' : 'team',
            });
          }
          outbox.push({ mutationId: nextId++, insight: next, baseRev: mine.get(next.id)?.rev ?? 0 });
          mine.set(next.id, next);
        },
        async push() {
          if (outbox.length === 0) return;
          const batch = outbox.slice(0, 1 + Math.floor(Math.random() * 8));
          const body = {
            protocolVersion: 1,
            clientId,
            mutations: batch.map((m) => ({ kind: 'insight.put', ...m })),
          };
          // Now and then the same batch reaches two hubs at once (a retry after a lost answer).
          const twice = Math.random() < 0.3;
          const answers = await Promise.all(
            (twice ? [anyHub(), anyHub()] : [anyHub()]).map((url) => request(url, '/v1/push', token, body)),
          );
          for (const answer of answers) {
            for (const r of answer.results) {
              if (r.status === 'rejected' || r.status === 'conflict' || r.status === 'deferred')
                throw new Error(`${name}: mutation ${r.mutationId} ${r.status}: ${r.reason}`);
            }
          }
          const last = Math.max(...answers.map((a: { lastMutationId: number }) => a.lastMutationId));
          while (outbox.length > 0 && outbox[0]!.mutationId <= last) outbox.shift();
        },
        async pull() {
          const query = `/v1/pull?clientId=${clientId}${cursor ? `&cursor=${cursor}` : ''}`;
          const answer = await request(anyHub(), query, token);
          if (answer.reset) throw new Error(`${name}: unexpected reset`);
          for (const i of answer.insights as Insight[]) held.set(i.id, i);
          for (const id of answer.revokedInsightIds as string[]) held.delete(id);
          cursor = answer.cursor;
          cursors.push(Number(answer.cursor));
        },
        pending: () => outbox.length,
      };
    };
    const devices = [
      device('ana', team.ana),
      device('ben', team.ben),
      device('cleo', team.cleo),
      device('lead', team.lead),
    ];

    const until = Date.now() + LOAD_MS;
    await Promise.all(
      devices.map(async (d) => {
        while (Date.now() < until) {
          const roll = Math.random();
          if (roll < 0.45) d.write();
          else if (roll < 0.75) await d.push();
          else await d.pull();
        }
        while (d.pending() > 0) await d.push();
      }),
    );
    // Quiet: every hub has re-scored what its pushes queued once the queue is empty and no run holds a row.
    for (let k = 0; k < 400; k++) {
      const [q] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM rescore_queue');
      if (q!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    for (const d of devices) await d.pull();

    // Every insight stored once, as last written.
    const written = new Map<string, Insight>();
    for (const d of devices) for (const [id, i] of d.mine) written.set(id, i);
    const rows = await db.query<{ id: string; rev: number; title: string; n: number }>(
      `SELECT id, rev, data->>'title' AS title, count(*) OVER (PARTITION BY id)::int AS n FROM insights`,
    );
    expect(rows.length).toBe(written.size);
    expect(written.size).toBeGreaterThan(40);
    for (const r of rows) {
      expect(r.n).toBe(1);
      expect({ rev: Number(r.rev), title: r.title }).toEqual({
        rev: written.get(r.id)!.rev,
        title: written.get(r.id)!.title,
      });
    }

    // One version per write transaction: the rows of one version were written by one client.
    const shared = await db.query<{ version: number; clients: number }>(
      'SELECT version, count(DISTINCT updated_by_client)::int AS clients FROM insights GROUP BY version HAVING count(DISTINCT updated_by_client) > 1',
    );
    expect(shared).toEqual([]);

    // No pull skipped a change: incremental pulls add up to a fresh full pull, and cursors never went back.
    for (const d of devices) {
      const full = await request(anyHub(), `/v1/pull?clientId=${d.clientId}`, d.token);
      const fresh = new Map((full.insights as Insight[]).map((i) => [i.id, i]));
      expect([...d.held.keys()].sort(), d.name).toEqual([...fresh.keys()].sort());
      for (const [id, i] of fresh) expect(d.held.get(id), `${d.name} ${id}`).toEqual(i);
      expect(
        d.cursors.every((c, k) => k === 0 || c >= d.cursors[k - 1]!),
        d.name,
      ).toBe(true);
    }

    // Every touched account re-scored from its final shared notes; nothing queued or failed.
    const [left] = await db.query<{ q: number; f: number }>(
      'SELECT (SELECT count(*) FROM rescore_queue)::int AS q, (SELECT count(*) FROM rescore_failures)::int AS f',
    );
    expect(left).toEqual({ q: 0, f: 0 });
    const stored = await db.query<{ account_id: string; data: ScoredAccount }>(
      'SELECT account_id, data FROM snapshot_accounts WHERE snapshot_id = (SELECT max(id) FROM snapshots)',
    );
    const notes = await db.query<{ data: Insight }>(
      `SELECT data FROM insights WHERE deleted_at IS NULL AND visibility = 'team' AND account_id IS NOT NULL ORDER BY id`,
    );
    const byAccount = new Map<string, Insight[]>();
    for (const { data } of notes) byAccount.set(data.accountId!, [...(byAccount.get(data.accountId!) ?? []), data]);
    for (const { account_id, data } of stored) {
      expect(data, account_id).toEqual(rescoreAccount(snapshot, account_id, byAccount.get(account_id) ?? []));
    }
  }, 120_000);
});
