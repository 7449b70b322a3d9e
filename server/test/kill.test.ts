/**
 * Fault tolerance with a real process on loopback: the hub is killed with SIGKILL while pushes are in flight and
 * restarted on the same PGlite directory; the client sends every batch it has no answer for again. Afterwards every
 * insight is stored exactly once and pulled in capture order. Also: an admin command as a process next to the hub.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/database.ts';
import { migrate } from '../src/db/migrations.ts';
import { runCli } from '../src/cli.ts';
import { insight, putBatch, seedTeam } from './fixtures.ts';
import { freePort } from './postgres.ts';
import { runHubCommand, startHubProcess, type HubProcess } from './process.ts';

const dirs: string[] = [];
const children: HubProcess[] = [];
afterAll(() => {
  for (const h of children) if (h.child.exitCode === null) h.child.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'accountlens-hub-'));
  dirs.push(dir);
  return dir;
}

describe('the hub as a process', () => {
  it(
    'killed with SIGKILL in the middle of pushes, then restarted: every insight is stored exactly once',
    { timeout: 180_000 },
    async () => {
      const dataDir = tempDir();
      const seed = await openPglite(dataDir);
      await migrate(seed);
      const team = await seedTeam(seed);
      await seed.close();

      const items = Array.from({ length: 2000 }, (_, k) =>
        insight({ title: `Captured ${k + 1}`, accountId: `K-${k % 50}` }),
      );
      const batches = Array.from({ length: 8 }, (_, b) =>
        putBatch('ana-tablet', items.slice(b * 250, b * 250 + 250), b * 250 + 1),
      );
      const env = { DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '100000' };
      const post = (url: string, body: unknown) =>
        fetch(`${url}/v1/push`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${team.ana}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });

      const first = await startHubProcess(env, await freePort());
      children.push(first);
      const acked = new Set<number>();
      for (const b of [0, 1]) {
        const res = await post(first.url, batches[b]);
        expect(res.status).toBe(200);
        acked.add(b);
      }
      // Batches 2–4 go out back to back; the hub dies while they are being applied.
      const inFlight = [2, 3, 4].map((b) =>
        post(first.url, batches[b]).then(
          (res) => (res.ok ? acked.add(b) : undefined),
          () => undefined,
        ),
      );
      await new Promise((r) => setTimeout(r, 150));
      first.child.kill('SIGKILL');
      await Promise.all(inFlight);
      expect(await first.exited).toBeNull();
      // At least one push died with the hub (its response never came).
      expect(acked.size).toBeLessThan(5);

      const second = await startHubProcess(env, await freePort());
      children.push(second);
      const results: string[] = [];
      for (let b = 0; b < batches.length; b++) {
        if (acked.has(b)) continue;
        const res = await post(second.url, batches[b]);
        expect(res.status).toBe(200);
        const body = (await res.json()) as { results: { status: string }[] };
        results.push(...body.results.map((r) => r.status));
      }
      expect(results.every((s) => s === 'applied' || s === 'skipped')).toBe(true);
      expect(results).toContain('applied');

      const pulled = (await (
        await fetch(`${second.url}/v1/pull?clientId=ana-tablet`, { headers: { Authorization: `Bearer ${team.ana}` } })
      ).json()) as {
        insights: { id: string; title: string }[];
        lastMutationId: number;
      };
      expect(pulled.lastMutationId).toBe(2000);
      expect(pulled.insights.map((i) => i.title)).toEqual(items.map((i) => i.title));
      second.child.kill('SIGTERM');
      await second.exited;

      const check = await openPglite(dataDir);
      const [row] = await check.query<{ n: number; d: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM insights',
      );
      await check.close();
      expect(row).toEqual({ n: 2000, d: 2000 });
    },
  );

  it(
    '`hub user add` makes a token the running hub accepts; a running hub holds its directory',
    { timeout: 120_000 },
    async () => {
      const dataDir = tempDir();
      const seed = await openPglite(dataDir);
      await migrate(seed);
      await runCli(seed, ['team', 'add', 'north']);
      await seed.close();
      const env = { DATA_DIR: dataDir };
      const token = await runHubCommand(env, [
        'user',
        'add',
        '--email',
        'lena@example.com',
        '--name',
        'Lena Lead',
        '--role',
        'leader',
        '--team',
        'north',
      ]);
      expect(token).toMatch(/^al_[A-Za-z0-9_-]{43}$/);

      const hub = await startHubProcess(env, await freePort());
      children.push(hub);
      const me = await fetch(`${hub.url}/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(await me.json()).toEqual({ email: 'lena@example.com', name: 'Lena Lead', role: 'leader', teamId: 1 });
      await expect(runHubCommand(env, ['user', 'list'])).rejects.toThrow(
        /is in use by process \d+ \(a running hub\?\)/,
      );
      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
    },
  );
});
