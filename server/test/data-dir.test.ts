/**
 * The PGlite data directory holds note text (private notes too, in the WAL within a second of a push): the hub
 * keeps it to itself whatever the umask (directories 0700, files 0600, also those written after the start) and
 * refuses to start on a directory others can write. (PostgreSQL's data directory is the database server's, not
 * the hub's: initdb already creates it 0700.)
 */
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite } from '../src/db/database.ts';
import { migrate } from '../src/db/migrations.ts';
import { addTeam } from '../src/users.ts';
import { freePort } from './postgres.ts';
import { startHubProcess } from './process.ts';

function modes(dir: string): { path: string; mode: string }[] {
  const out: { path: string; mode: string }[] = [];
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    out.push({ path, mode: (stat.mode & 0o777).toString(8) });
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return out;
}

const umask = process.umask();
const dirs: string[] = [];
afterEach(() => {
  process.umask(umask);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the PGlite data directory', () => {
  it('is 0700 with files 0600 under a permissive umask, also for files written later and those an older hub left', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hub-datadir-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    process.umask(0o000);
    // What an older hub left: the directory 0755, a file 0644.
    mkdirSync(join(dataDir, 'old'), { recursive: true, mode: 0o755 });
    writeFileSync(join(dataDir, 'old', 'old-file'), 'note text', { mode: 0o644 });
    const db = await openPglite(dataDir);
    try {
      await migrate(db);
      await addTeam(db, 'north');
      // A new relation file and WAL written after the start.
      await db.exec("CREATE TABLE later (x text); INSERT INTO later VALUES (repeat('x', 100000))");
      await db.exec('CHECKPOINT');
    } finally {
      await db.close();
    }
    const all = modes(dataDir);
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((e) => e.path.includes('old'))).toEqual([
      { path: join(dataDir, 'old'), mode: '700' },
      { path: join(dataDir, 'old', 'old-file'), mode: '600' },
    ]);
    const open = all.filter((e) => e.mode !== (lstatSync(e.path).isDirectory() ? '700' : '600'));
    expect(open).toEqual([]);
  });

  it('refuses a directory others can write, with a message that says why and what to do', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hub-datadir-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o777);
    await expect(openPglite(dataDir)).rejects.toThrow(
      new RegExp(`${dataDir} is writable by every user \\(mode 777\\).*chmod -R go-rwx ${dataDir}`),
    );
    chmodSync(dataDir, 0o770);
    await expect(openPglite(dataDir)).rejects.toThrow(/is writable by its group \(mode 770\)/);
    expect(readdirSync(dataDir)).toEqual([]); // nothing was opened or written

    const started = await startHubProcess({ DATA_DIR: dataDir }, await freePort()).catch((error: Error) => error);
    expect(started).toBeInstanceOf(Error);
    expect((started as Error).message).toMatch(/exited with 1/);
    expect((started as Error).message).toMatch(
      /hub: not started: openPglite: .* is writable by its group \(mode 770\)/,
    );
  });
});
