/**
 * A team hub for e2e tests and the demo: team members made with the hub's admin command (before the hub serves:
 * PGlite locks its data directory while it runs), and the demo portfolio published with `lens publish`, as sales
 * ops would.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runHubCommand } from '../../server/test/process.ts';
import { PORTFOLIO_DIR, ROOT } from './harness.ts';

export const TEAM = 'Nord';

/** Adds a user (admins belong to no team; the others to TEAM) and resolves with their token. */
export function addMember(env: Record<string, string>, email: string, name: string, role: 'rep' | 'leader' | 'admin') {
  const team = role === 'admin' ? [] : ['--team', TEAM];
  return runHubCommand(env, ['user', 'add', '--email', email, '--name', name, '--role', role, ...team]);
}

/** Runs `lens publish` with a portfolio's German CSV exports; resolves with its exit code and output. */
export function publishPortfolio(
  hubUrl: string,
  token: string,
  dir = PORTFOLIO_DIR,
): Promise<{ code: number | null; out: string }> {
  const file = (name: string) => join(dir, name);
  const args = ['--accounts', file('kunden.csv'), '--orders', file('auftraege.csv')];
  args.push('--products', file('artikel.csv'), '--contacts', file('kontakte.csv'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'lib/cli/lens.ts', 'publish', '--hub', hubUrl, '--token', token, ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}
