/**
 * Fault tolerance with a real process on loopback: the hub is killed with SIGKILL while pushes are in flight and
 * restarted on the same PGlite directory; the client sends every batch it has no answer for again. Afterwards every
 * insight is stored exactly once and pulled in capture order. Also: admin commands as processes next to the hub,
 * run by the hub itself while it holds the PGlite directory.
 */
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
    '`hub user add` makes a token the hub accepts; while a hub serves the directory, commands run in that hub',
    { timeout: 120_000 },
    async () => {
      const dataDir = tempDir();
      const seed = await openPglite(dataDir);
      await migrate(seed);
      await runCli(seed, ['team', 'add', 'north']);
      await seed.close();
      const env = { DATA_DIR: dataDir };
      const addUser = (email: string, name: string, role: string) =>
        runHubCommand(env, ['user', 'add', '--email', email, '--name', name, '--role', role, '--team', 'north']);
      const token = await addUser('lena@example.com', 'Lena Lead', 'leader');
      expect(token).toMatch(/^al_[A-Za-z0-9_-]{43}$/);

      const hub = await startHubProcess(env, await freePort());
      children.push(hub);
      const me = (t: string) => fetch(`${hub.url}/v1/me`, { headers: { Authorization: `Bearer ${t}` } });
      expect(await (await me(token)).json()).toEqual({
        email: 'lena@example.com',
        name: 'Lena Lead',
        role: 'leader',
        teamId: 1,
      });
      expect(statSync(join(dataDir, 'hub.sock')).mode & 0o777).toBe(0o600);

      // The directory is the hub's now: the commands go to it, and their effects are live at once.
      const repToken = await addUser('tom@example.com', 'Tom Rep', 'rep');
      expect((await me(repToken)).status).toBe(200);
      expect(await runHubCommand(env, ['user', 'list'])).toBe(
        [
          'lena@example.com\tLena Lead\tleader\tnorth\t1 active token(s)',
          'tom@example.com\tTom Rep\trep\tnorth\t1 active token(s)',
        ].join('\n'),
      );
      expect(await runHubCommand(env, ['user', 'revoke', '--email', 'lena@example.com'])).toBe(
        '1 token(s) of lena@example.com revoked',
      );
      expect((await me(token)).status).toBe(401); // not only after the token cache expires
      await expect(addUser('tom@example.com', 'Tom', 'admin')).rejects.toThrow(
        'addUser: tom@example.com exists with role rep',
      );
      await expect(runHubCommand(env, ['user', 'frobnicate'])).rejects.toThrow('unknown command "user frobnicate"');

      hub.child.kill('SIGTERM');
      expect(await hub.exited).toBe(0);
      expect(existsSync(join(dataDir, 'hub.sock'))).toBe(false);
      expect(await runHubCommand(env, ['team', 'list'])).toBe('north\t2 members');
    },
  );

  it('a directory held by a live process that takes no commands: a clear error, nothing run', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'hub.lock'), String(process.pid)); // this test process: alive, and no hub
    await expect(runHubCommand({ DATA_DIR: dataDir }, ['team', 'add', 'north'])).rejects.toThrow(
      new RegExp(`is in use by process ${process.pid} \\(a running hub\\?\\), which did not take the command`),
    );
    rmSync(join(dataDir, 'hub.lock'));
    expect(await runHubCommand({ DATA_DIR: dataDir }, ['team', 'list'])).toBe('(no teams)');
  });
});
