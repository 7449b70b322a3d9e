/**
 * `lens publish` as a child process against the hub as a child process on 127.0.0.1 (PGlite in a temp DATA_DIR),
 * with the admin and rep tokens made by the hub's admin command. The German fixtures are the ones of
 * lens-cli.test.ts: 7 accounts, 69 order lines, last order on 17.12.2024 (so asOf is 2024-12-18).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../server/test/postgres.ts';
import { runHubCommand, startHubProcess, type HubProcess } from '../../server/test/process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string): string => join(root, 'tests/fixtures', name);

function lens(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/lens.ts', ...args], {
    cwd: root,
    env: { ...process.env, ACCOUNTLENS_HUB_TOKEN: '' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.once('exit', (status) => resolve({ status, stdout, stderr })));
}

const german = [
  '--accounts',
  fixture('cli/kunden.csv'),
  '--orders',
  fixture('cli/umsaetze.csv'),
  '--products',
  fixture('cli/artikel.csv'),
];

describe('lens publish', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'accountlens-publish-'));
  let hub: HubProcess;
  let admin = '';
  let rep = '';

  beforeAll(async () => {
    const env = { DATA_DIR: dataDir };
    await runHubCommand(env, ['team', 'add', 'Nord']);
    admin = await runHubCommand(env, [
      'user',
      'add',
      '--email',
      'ops@hansen.example',
      '--name',
      'Sales Ops',
      '--role',
      'admin',
    ]);
    rep = await runHubCommand(env, [
      'user',
      'add',
      '--email',
      'lena@hansen.example',
      '--name',
      'Lena',
      '--role',
      'rep',
      '--team',
      'Nord',
    ]);
    hub = await startHubProcess(env, await freePort());
  }, 120_000);

  afterAll(() => {
    if (hub?.child.exitCode === null) hub.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("uploads the dataset and prints the hub's answer", { timeout: 60_000 }, async () => {
    const run = await lens('publish', '--hub', hub.url, '--token', admin, ...german);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      snapshotId: expect.any(Number),
      asOf: '2024-12-18',
      accounts: 7,
      orders: 69,
      warnings: [],
    });
  });

  it(
    'sends the files as bytes, so a Windows-1252 export keeps its umlauts, and passes --as-of',
    { timeout: 60_000 },
    async () => {
      // The fixture's accounts re-encoded as an ERP would export them: Latin-1 code points are Windows-1252 bytes.
      const cp1252 = join(dataDir, 'kunden-cp1252.csv');
      writeFileSync(
        cp1252,
        Buffer.from(readFileSync(fixture('cli/kunden.csv'), 'utf8').replace(/^\uFEFF/, ''), 'latin1'),
      );
      const run = await lens(
        'publish',
        '--hub',
        `${hub.url}/`,
        '--token',
        admin,
        '--as-of',
        '2025-01-31',
        ...german.slice(2),
        '--accounts',
        cp1252,
      );
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({
        snapshotId: expect.any(Number),
        asOf: '2025-01-31',
        accounts: 7,
        orders: 69,
        warnings: [],
      });
      const pulled = await fetch(`${hub.url}/v1/pull?clientId=publish-test-01`, {
        headers: { Authorization: `Bearer ${rep}` },
      });
      const body = (await pulled.json()) as { snapshot: { snapshot: { accounts: { id: string; name: string }[] } } };
      expect(body.snapshot.snapshot.accounts.find((a) => a.id === '10001')?.name).toBe('Müller Bürobedarf GmbH');
    },
  );

  it('exits 2 with the import errors when the hub cannot import the data', { timeout: 60_000 }, async () => {
    const run = await lens(
      'publish',
      '--hub',
      hub.url,
      '--token',
      admin,
      '--accounts',
      fixture('cli/kunden.csv'),
      '--orders',
      fixture('cli/umsaetze-fehler.csv'),
    );
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(new RegExp(`^lens publish: hub ${hub.url.replace(/\./g, '\\.')} answered 422: `));
    expect(run.stderr).toMatch(/\n {2}dataset: /);
  });

  it('exits 77 for a token that may not publish', { timeout: 60_000 }, async () => {
    const asRep = await lens('publish', '--hub', hub.url, '--token', rep, ...german);
    expect([asRep.status, asRep.stderr]).toEqual([
      77,
      `lens publish: hub ${hub.url} answered 403: this route is for: admin\n`,
    ]);
    const unknown = await lens('publish', '--hub', hub.url, '--token', 'al_unknown-token-000000000000000', ...german);
    expect([unknown.status, unknown.stderr]).toEqual([
      77,
      `lens publish: hub ${hub.url} answered 401: unknown or revoked token\n`,
    ]);
  });

  it('exits 69 when no hub listens, 64 for a wrong command line', { timeout: 60_000 }, async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const down = await lens('publish', '--hub', closed, '--token', admin, ...german);
    expect([down.status, down.stderr]).toEqual([69, `lens publish: hub ${closed} not reachable (ECONNREFUSED)\n`]);
    const noToken = await lens('publish', '--hub', hub.url, ...german);
    expect(noToken.status).toBe(64);
    expect(noToken.stderr).toMatch(/^lens publish: no admin token: set ACCOUNTLENS_HUB_TOKEN \(or pass --token/);
    const plain = await lens('publish', '--hub', 'http://hub.example.com', '--token', admin, ...german);
    expect(plain.status).toBe(64);
    expect(plain.stderr).toMatch(/must use https \(http only for localhost\)/);
  });
});
