/**
 * One small interface over both storage backends, so that every query in the hub is written once:
 * PGlite (embedded Postgres in a data directory, the zero-set-up default) and PostgreSQL through `pg` (when
 * DATABASE_URL is set). Only parameterised SQL goes through here ($1, $2 …; values never spliced into text).
 *
 * Value conventions that hide the drivers' differences: read bigint columns with `::float8` or convert with
 * `Number()`, dates with `::text`; pass JSON as `JSON.stringify(x)` with a `::jsonb` cast.
 */
import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type Row = Record<string, unknown>;

export interface Sql {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations only). */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens PGlite in `dataDir` (created if missing), or in memory when `dataDir` is undefined. PGlite is one process's
 * database: a lock file with our pid keeps a second hub or an admin command from opening the directory meanwhile
 * (a lock left by a killed process is taken over).
 * @throws {Error} when a live process holds the directory
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) secureDataDir(dataDir);
  const release = dataDir ? lockDataDir(dataDir) : () => undefined;
  let db: PGlite;
  try {
    db = await PGlite.create(dataDir);
    // A new directory is unpacked from PGlite's bundle with the bundle's modes (0666): closed up again.
    if (dataDir) secureDataDir(dataDir);
  } catch (error) {
    release();
    throw error;
  }
  const wrap = (q: Pick<PGlite, 'query'>): Sql => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      return (await q.query<T>(text, [...params])).rows;
    },
  });
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    exec: async (text) => void (await db.exec(text)),
    close: async () => {
      await db.close();
      release();
    },
  };
}

const LOCK_FILE = 'hub.lock';

/**
 * Makes `dataDir` the hub's alone: created 0700, and every directory inside 0700 and file 0600 (a directory left
 * open by an older hub is closed up). The process's umask becomes 077, so the files PGlite writes later (WAL
 * segments, which hold note text within a second of a push) are 0600 too, whatever the umask it started with.
 * O(files in the directory).
 * @throws {Error} when the directory is writable by group or others: someone else may have changed it (e.g.
 *   appended to postgresql.conf), so the hub does not start on it
 */
export function secureDataDir(dataDir: string): void {
  let mode: number | null = null;
  try {
    mode = statSync(dataDir).mode;
  } catch {
    mode = null; // missing: created below
  }
  if (mode !== null && (mode & 0o022) !== 0) {
    throw new Error(
      `openPglite: ${dataDir} is writable by ${mode & 0o002 ? 'every user' : 'its group'} (mode ${(mode & 0o777).toString(8)}); ` +
        `someone else may have changed the database, so the hub does not start on it. Check its contents, then ` +
        `run: chmod -R go-rwx ${dataDir}`,
    );
  }
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const close = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.isDirectory()) {
      if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
      for (const name of readdirSync(path)) close(join(path, name));
    } else if ((stat.mode & 0o777) !== 0o600) {
      chmodSync(path, 0o600);
    }
  };
  close(dataDir);
}

/** The pid of another live process holding `dataDir` (a running hub), or null. */
export function dataDirHolder(dataDir: string): number | null {
  let holder = NaN;
  try {
    holder = Number(readFileSync(join(dataDir, LOCK_FILE), 'utf8').trim());
  } catch {
    return null; // no lock
  }
  return Number.isInteger(holder) && holder !== process.pid && isAlive(holder) ? holder : null;
}

function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const holder = dataDirHolder(dataDir);
  if (holder !== null) {
    throw new Error(
      `openPglite: ${dataDir} is in use by process ${holder} (a running hub?); stop it first or set DATABASE_URL`,
    );
  }
  const file = join(dataDir, LOCK_FILE);
  writeFileSync(file, String(process.pid), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Connects a pool to PostgreSQL at `url` (postgres://user@host:port/db). */
export async function openPostgres(url: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c timezone=UTC' });
  pool.on('error', (error) => console.error('hub: idle PostgreSQL client failed:', error.message));
  const wrap = (q: pg.Pool | pg.PoolClient): Sql => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      return (await q.query<T>(text, [...params])).rows;
    },
  });
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    exec: async (text) => void (await pool.query(text)),
    close: () => pool.end(),
  };
}

/** DATABASE_URL wins; otherwise PGlite in `dataDir`. */
export function openDatabase(options: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
}): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

/** A timestamptz as ISO 8601 (both drivers return Date objects). */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new Error(`iso: expected a timestamp, got ${typeof value}`);
}

/** A timestamptz or null as ISO 8601 or null. */
export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}
