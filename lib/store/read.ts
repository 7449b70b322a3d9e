/**
 * Validated reads. Every record read from the database is parsed with its store's zod schema: records written by
 * older code, by a bug or by a damaged disk never reach the UI as if they were fine. A record that fails goes to
 * the `quarantine` store with the reason (nothing is silently dropped) and is reported to the caller.
 */
import type { IDBPObjectStore } from 'idb';
import type { z } from 'zod';
import { describeIssues, issuesText } from './errors.ts';
import type { Db } from './open.ts';
import { RECORD_SCHEMAS, type QuarantineEntry, type StoreName } from './schema.ts';

export type RecordOf<S extends StoreName> = z.infer<(typeof RECORD_SCHEMAS)[S]>;

/** One record, or undefined; `quarantined` says why a record that was there could not be used. */
export interface Lookup<T> {
  value: T | undefined;
  quarantined?: QuarantineEntry;
}

/** The valid records, and the ones that were moved to quarantine while reading. */
export interface Listing<T> {
  items: T[];
  quarantined: QuarantineEntry[];
}

export interface ReadOptions {
  now?: Date;
  /** At most this many records (the first ones in key order); used by readMany. */
  limit?: number;
}

interface Rejected {
  key: IDBValidKey;
  value: unknown;
  error: string;
}

/** Validates one raw record against its store's schema; `error` names each invalid field. */
export function validateRecord<S extends StoreName>(
  store: S,
  raw: unknown,
): { ok: true; value: RecordOf<S> } | { ok: false; error: string } {
  const parsed = RECORD_SCHEMAS[store].safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as RecordOf<S> };
  return { ok: false, error: `${store} record failed validation: ${issuesText(describeIssues(parsed.error))}` };
}

/** Reads one record by key, validated; an invalid one is quarantined and reported. */
export async function readOne<S extends StoreName>(
  db: Db,
  store: S,
  key: IDBValidKey,
  options: ReadOptions = {},
): Promise<Lookup<RecordOf<S>>> {
  const raw: unknown = await db.get(store, key as never);
  if (raw === undefined) return { value: undefined };
  const checked = validateRecord(store, raw);
  if (checked.ok) return { value: checked.value };
  const [entry] = await quarantineRecords(db, store, [{ key, value: raw, error: checked.error }], options.now);
  return { value: undefined, quarantined: entry };
}

/**
 * Reads all records of a store (or of one index value), validated; invalid ones are quarantined and reported.
 * Order is the store's (or index's) key order.
 */
export async function readMany<S extends StoreName>(
  db: Db,
  store: S,
  query?: { index: string; key: IDBValidKey | IDBKeyRange },
  options: ReadOptions = {},
): Promise<Listing<RecordOf<S>>> {
  const tx = db.transaction(store, 'readonly');
  const os = tx.store as unknown as IDBPObjectStore<unknown, [S], S, 'readonly'>;
  const raws: unknown[] = query
    ? await os.index(query.index).getAll(query.key, options.limit)
    : await os.getAll(undefined, options.limit);
  const keyPath = os.keyPath;
  await tx.done;
  const items: RecordOf<S>[] = [];
  const rejected: Rejected[] = [];
  for (const raw of raws) {
    const checked = validateRecord(store, raw);
    if (checked.ok) items.push(checked.value);
    else rejected.push({ key: keyFrom(raw, keyPath), value: raw, error: checked.error });
  }
  const quarantined = rejected.length ? await quarantineRecords(db, store, rejected, options.now) : [];
  return { items, quarantined };
}

/**
 * Moves records out of `store` into `quarantine`, in one transaction, if they are still the same invalid value
 * (a record fixed by another context in the meantime stays where it is).
 */
export async function quarantineRecords(
  db: Db,
  store: StoreName,
  records: readonly Rejected[],
  now = new Date(),
): Promise<QuarantineEntry[]> {
  const tx = db.transaction([store, 'quarantine'], 'readwrite');
  const source = tx.objectStore(store) as unknown as IDBPObjectStore<unknown, [StoreName], StoreName, 'readwrite'>;
  const entries: QuarantineEntry[] = [];
  for (const record of records) {
    const current: unknown = await source.get(record.key);
    if (current === undefined || validateRecord(store, current).ok) continue;
    const entry: QuarantineEntry = {
      store,
      key: record.key,
      value: current,
      error: record.error,
      at: now.toISOString(),
    };
    entry.id = await tx.objectStore('quarantine').add(entry);
    await source.delete(record.key);
    entries.push(entry);
  }
  await tx.done;
  return entries;
}

/** Everything in quarantine, oldest first, for a "records that could not be read" view. */
export async function listQuarantine(db: Db): Promise<QuarantineEntry[]> {
  return db.getAll('quarantine');
}

/** Removes one quarantined record for good, once the rep has seen it (or copied what they needed from it). */
export async function discardQuarantined(db: Db, id: number): Promise<void> {
  await db.delete('quarantine', id);
}

function keyFrom(raw: unknown, keyPath: string | string[] | null): IDBValidKey {
  if (keyPath === null) throw new Error('readMany: cannot locate an invalid record in a store with out-of-line keys');
  const pick = (path: string): IDBValidKey =>
    path.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown> | null)?.[part], raw) as IDBValidKey;
  return Array.isArray(keyPath) ? keyPath.map(pick) : pick(keyPath);
}
