/**
 * Bringing the real apps up and down with their scripts (tests/realpages/apps/<app>/{up,down}.sh, run as root,
 * never apt-get: .ci/run installs the packages). With REALPAGES_REUSE=1 an app that already answers is used as it
 * is and left running (fast development iterations); otherwise each run starts its own and stops what it started.
 * REALPAGES_APPS=horde,tryton limits the run to some apps.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { APPS, APPS_DIR, REALPAGES_DIR, type RealApp } from './apps.ts';

const run = promisify(execFile);

export const STATUS_FILE = join(REALPAGES_DIR, '..', '..', '.cache', 'realpages', 'status.json');

export type AppStatus =
  | { state: 'up'; startedByUs: boolean; seconds: number }
  | { state: 'not-installed'; reason: string }
  | { state: 'failed'; reason: string };

export function wantedApps(): RealApp[] {
  const only = process.env.REALPAGES_APPS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return APPS.filter((a) => !only || only.includes(a.id));
}

export async function answers(a: RealApp, timeoutMs = 3000): Promise<boolean> {
  try {
    const response = await fetch(a.base + a.health, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return response.status < 500;
  } catch {
    return false;
  }
}

async function up(a: RealApp): Promise<AppStatus> {
  if (!existsSync(a.installed)) {
    return { state: 'not-installed', reason: `${a.id}: ${a.installed} is missing (its Debian packages: .ci/run)` };
  }
  if (process.env.REALPAGES_REUSE === '1' && (await answers(a))) return { state: 'up', startedByUs: false, seconds: 0 };
  const started = performance.now();
  try {
    await run('bash', [join(APPS_DIR, a.id, 'up.sh')], {
      env: { ...process.env, SKIP_APT: '1' },
      timeout: 240_000,
      maxBuffer: 8 * 1024 * 1024,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    const tail = `${e.stdout ?? ''}\n${e.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    return { state: 'failed', reason: `${a.id}: up.sh failed: ${e.message.split('\n')[0]}\n${tail}` };
  }
  for (let i = 0; i < 60 && !(await answers(a)); i++) await new Promise((r) => setTimeout(r, 500));
  if (!(await answers(a)))
    return { state: 'failed', reason: `${a.id}: up.sh ran but ${a.base}${a.health} does not answer` };
  return { state: 'up', startedByUs: true, seconds: (performance.now() - started) / 1000 };
}

/**
 * Brings the wanted apps up: the four webmails one after another (their scripts share the mail user and
 * Apache/courier bits), Tryton beside them. Writes and returns the status of each.
 */
export async function bringUp(apps = wantedApps()): Promise<Record<string, AppStatus>> {
  const status: Record<string, AppStatus> = {};
  const tryton = apps.find((a) => a.id === 'tryton');
  const webmails = apps.filter((a) => a.id !== 'tryton');
  await Promise.all([
    (async () => {
      for (const a of webmails) status[a.id] = await up(a);
    })(),
    tryton ? up(tryton).then((s) => (status.tryton = s)) : Promise.resolve(),
  ]);
  mkdirSync(join(STATUS_FILE, '..'), { recursive: true });
  writeFileSync(STATUS_FILE, JSON.stringify(status, null, 2));
  return status;
}

export function readStatus(): Record<string, AppStatus> {
  return existsSync(STATUS_FILE) ? (JSON.parse(readFileSync(STATUS_FILE, 'utf8')) as Record<string, AppStatus>) : {};
}

/** Stops the apps this run started (never one it found running). */
export async function tearDown(status = readStatus()) {
  for (const [id, s] of Object.entries(status)) {
    if (s.state !== 'up' || !s.startedByUs) continue;
    try {
      await run('bash', [join(APPS_DIR, id, 'down.sh')], { timeout: 60_000 });
    } catch (error) {
      console.warn(`realpages: ${id}: down.sh failed: ${(error as Error).message}`);
    }
  }
}

/** Whether REALPAGES_APPS leaves this app out of the run (its tests are skipped, not failed). */
export function excluded(id: RealApp['id']): boolean {
  return !wantedApps().some((a) => a.id === id);
}

/** Fails with the app's reason unless it is up (used at the start of each app's tests). */
export function requireUp(id: RealApp['id']): void {
  const s = readStatus()[id];
  if (!s) throw new Error(`${id} was not brought up by the global setup`);
  if (s.state !== 'up') throw new Error(s.reason);
}
