/**
 * Insights in the local store. Every change writes the insight and its outbox mutation in one readwrite
 * transaction, with the mutation id taken from the meta store in that same transaction: if the service worker
 * stops half-way, IndexedDB commits all three or none, so nothing is lost and nothing is queued twice.
 */
import { ulid } from 'ulid';
import { InsightSchema, type Insight, type InsightInput } from '../engine/insight.ts';
import { ClientIdSchema, type Mutation } from '../sync/protocol.ts';
import { describeIssues, issuesText, StoreError } from './errors.ts';
import { takeMutationId, type MutationTx } from './meta.ts';
import type { Db } from './open.ts';
import { readMany, readOne, validateRecord, type Listing, type Lookup } from './read.ts';
import type { InsightSearchIndex } from './search.ts';

/** What the capture form hands in: the insight's fields, with `id` and `rev` only when editing. */
export type SaveInsightInput = Omit<InsightInput, 'id' | 'author' | 'createdAt' | 'updatedAt' | 'rev' | 'deletedAt'> & {
  id?: string;
  /** The rev the edit started from; when given and the stored rev differs, the save is refused as stale. */
  rev?: number;
};

export interface ChangeContext {
  clientId: string;
  /** Who is writing (the signed-in rep); new insights get it as author, edits keep the original author. */
  author: string;
  now?: Date;
  /** Kept up to date after the transaction commits. */
  searchIndex?: InsightSearchIndex;
}

export const MUTATION_STORES = ['insights', 'outbox', 'meta', 'accounts', 'quarantine', 'rejections'] as const;

/**
 * Creates or edits an insight and queues its `insight.put` mutation, atomically.
 * New insights get a ULID, `rev` 1 and the context's author; edits keep id, author and createdAt, bump rev and
 * updatedAt, and carry the stored rev as the mutation's baseRev.
 * @throws {StoreError} 'invalid' naming each field ("title: too long (max 200 characters)"), 'unknown-account'
 * when accountId is not in the imported snapshot, 'stale' when `input.rev` is not the stored rev, 'not-found' when
 * the insight was deleted. Nothing is written in any of these cases.
 * @example
 * const saved = await saveInsight(db, { type: 'need', title: 'Needs a second press', accountId: 'A-17' }, ctx);
 * saved.rev; // => 1
 */
export async function saveInsight(db: Db, input: SaveInsightInput, ctx: ChangeContext): Promise<Insight> {
  const now = ctx.now ?? new Date();
  const nowIso = now.toISOString();
  checkClientId('saveInsight', ctx.clientId);
  const { rev: editedRev, ...fields } = input;
  const candidate = {
    ...fields,
    id: input.id ?? ulid(now.getTime()),
    author: ctx.author,
    createdAt: nowIso,
    updatedAt: nowIso,
    rev: 1,
    deletedAt: null,
  };
  const draft = parseInsight('saveInsight', candidate);

  const tx = db.transaction(MUTATION_STORES, 'readwrite');
  return inTransaction(tx, async () => {
    const existing = await readInsightForWrite(tx, draft.id, now);
    if (existing?.deletedAt)
      throw new StoreError('not-found', `saveInsight: insight ${draft.id} was deleted on ${existing.deletedAt}`);
    if (existing && editedRev !== undefined && editedRev !== existing.rev) {
      throw new StoreError(
        'stale',
        `saveInsight: insight ${draft.id} changed meanwhile (stored rev ${existing.rev}, edit started from rev ${editedRev})`,
      );
    }
    const insight: Insight = existing
      ? {
          ...draft,
          author: existing.author,
          createdAt: existing.createdAt,
          rev: existing.rev + 1,
          updatedAt: laterThan(nowIso, existing.updatedAt),
        }
      : draft;
    if (insight.accountId !== null && insight.accountId !== existing?.accountId) {
      if ((await tx.objectStore('accounts').getKey(insight.accountId)) === undefined) {
        throw new StoreError(
          'unknown-account',
          `saveInsight: unknown account "${insight.accountId}" (not in the imported snapshot); save the insight unassigned or import the snapshot first`,
          [{ path: 'accountId', message: 'unknown account' }],
        );
      }
    }
    const mutationId = await takeMutationId(tx, now);
    const mutation: Mutation = { kind: 'insight.put', mutationId, insight, baseRev: existing?.rev ?? 0 };
    await tx.objectStore('insights').put(insight);
    await tx
      .objectStore('outbox')
      .add({ mutationId, mutation, clientId: ctx.clientId, createdAt: nowIso, attempts: 0 });
    return insight;
  }).then((insight) => {
    ctx.searchIndex?.upsert(insight);
    return insight;
  });
}

/**
 * Soft-deletes an insight (sets deletedAt, bumps rev) and queues `insight.delete`, atomically. Deleting a deleted
 * insight changes nothing and returns it as stored.
 * @throws {StoreError} 'not-found' when there is no such insight, 'corrupt' when the stored one is damaged
 */
export async function deleteInsight(db: Db, id: string, ctx: ChangeContext): Promise<Insight> {
  const now = ctx.now ?? new Date();
  checkClientId('deleteInsight', ctx.clientId);
  const tx = db.transaction(MUTATION_STORES, 'readwrite');
  return inTransaction(tx, async () => {
    const raw: unknown = await tx.objectStore('insights').get(id);
    if (raw === undefined) throw new StoreError('not-found', `deleteInsight: no insight with id "${id}"`);
    const checked = validateRecord('insights', raw);
    if (!checked.ok) throw new StoreError('corrupt', `deleteInsight: insight "${id}" is damaged: ${checked.error}`);
    const existing = checked.value;
    if (existing.deletedAt) return existing;
    const deletedAt = laterThan(now.toISOString(), existing.updatedAt);
    const insight: Insight = { ...existing, deletedAt, updatedAt: deletedAt, rev: existing.rev + 1 };
    const mutationId = await takeMutationId(tx, now);
    const mutation: Mutation = { kind: 'insight.delete', mutationId, insightId: id, baseRev: existing.rev, deletedAt };
    await tx.objectStore('insights').put(insight);
    await tx
      .objectStore('outbox')
      .add({ mutationId, mutation, clientId: ctx.clientId, createdAt: now.toISOString(), attempts: 0 });
    return insight;
  }).then((insight) => {
    ctx.searchIndex?.remove(insight.id);
    return insight;
  });
}

/**
 * Links an insight to an account (or unlinks it with null): an ordinary edit, with its own mutation.
 * @throws {StoreError} 'not-found' for an unknown or deleted insight, 'unknown-account' for an unknown account
 */
export async function assignInsight(
  db: Db,
  id: string,
  accountId: string | null,
  ctx: ChangeContext,
): Promise<Insight> {
  const { value, quarantined } = await getInsight(db, id);
  if (!value) {
    const why = quarantined
      ? `it was damaged and moved to quarantine (${quarantined.error})`
      : 'there is no such insight';
    throw new StoreError('not-found', `assignInsight: cannot assign "${id}": ${why}`);
  }
  // saveInsight keeps author and createdAt of the stored version; value.rev makes a concurrent edit fail as stale.
  return saveInsight(db, { ...value, accountId }, ctx);
}

/** One insight by id, validated (a damaged one is quarantined and reported in `quarantined`). */
export async function getInsight(db: Db, id: string): Promise<Lookup<Insight>> {
  return readOne(db, 'insights', id);
}

/**
 * An account's timeline: its insights, newest first (by createdAt, then id). `null` lists unassigned insights.
 * Deleted insights are left out unless asked for.
 */
export async function listInsightsForAccount(
  db: Db,
  accountId: string | null,
  options: { includeDeleted?: boolean } = {},
): Promise<Listing<Insight>> {
  // IndexedDB does not index null keys, so unassigned insights need a full scan (they are few: they get assigned).
  const listing =
    accountId === null
      ? await readMany(db, 'insights')
      : await readMany(db, 'insights', { index: 'accountId', key: accountId });
  const items = listing.items
    .filter((i) => i.accountId === accountId && (options.includeDeleted || i.deletedAt === null))
    .sort(newestFirst);
  return { items, quarantined: listing.quarantined };
}

/** Orders insights newest first by createdAt (offsets respected), ties by id descending. */
export function newestFirst(a: Insight, b: Insight): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Parses an insight, turning zod's issues into a StoreError that names each field. */
export function parseInsight(fn: string, candidate: unknown): Insight {
  const parsed = InsightSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const issues = describeIssues(parsed.error);
  throw new StoreError('invalid', `${fn}: invalid insight: ${issuesText(issues)}`, issues);
}

/**
 * Runs `body` inside `tx` and waits for the commit; when the body throws, the transaction is aborted so that
 * nothing it wrote is kept, and the body's error is rethrown.
 */
export async function inTransaction<T>(tx: MutationTx, body: () => Promise<T>): Promise<T> {
  let result: T;
  try {
    result = await body();
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // The transaction already ended (e.g. aborted by IndexedDB itself).
    }
    await tx.done.catch(() => undefined);
    throw error;
  }
  await tx.done;
  return result;
}

/** Reads the stored insight inside a write transaction; a damaged one is moved to quarantine there and then. */
export async function readInsightForWrite(tx: MutationTx, id: string, now: Date): Promise<Insight | undefined> {
  const raw: unknown = await tx.objectStore('insights').get(id);
  if (raw === undefined) return undefined;
  const checked = validateRecord('insights', raw);
  if (checked.ok) return checked.value;
  await tx
    .objectStore('quarantine')
    .add({ store: 'insights', key: id, value: raw, error: checked.error, at: now.toISOString() });
  await tx.objectStore('insights').delete(id);
  return undefined;
}

export function checkClientId(fn: string, clientId: string): void {
  if (!ClientIdSchema.safeParse(clientId).success)
    throw new StoreError('invalid', `${fn}: invalid clientId "${clientId}"`);
}

/** `now`, or 1 ms after `previous` when the clock is behind it, so updatedAt never goes backwards. */
function laterThan(now: string, previous: string): string {
  const prev = Date.parse(previous);
  return Date.parse(now) > prev ? now : new Date(prev + 1).toISOString();
}
