/**
 * Schema upgrades, one step per version, applied in order from the version on disk to DB_VERSION inside the
 * `versionchange` transaction: if any step fails, the transaction aborts and the database stays as it was.
 *
 * Rules for a new step: never delete a store or a record without copying it first; a record the migration cannot
 * understand goes to `quarantine` with the reason, never into the bin; add a test that writes a database with the
 * previous version's code path (see upgrades.test.ts) and opens it with the new one.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { z } from 'zod';
import { ClientIdSchema, MutationSchema } from '../sync/protocol.ts';
import { describeIssues, issuesText } from './errors.ts';

type UpgradeDb = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;
export type UpgradeStep = (db: UpgradeDb, tx: UpgradeTx, now: string) => void | Promise<void>;

/** v1's outbox row: auto-incremented `seq`, no attempt counter. Kept here because the v2 step reads it. */
export const V1OutboxRowSchema = z.object({
  seq: z.number().int().positive(),
  mutation: MutationSchema,
  clientId: ClientIdSchema,
  createdAt: z.iso.datetime({ offset: true }),
});

/** `upgrades[v]` takes a database at version v − 1 to version v. */
export const upgrades: Readonly<Record<number, UpgradeStep>> = {
  /** v1: the first shipped layout. */
  1(db) {
    db.createObjectStore('snapshot');
    const accounts = db.createObjectStore('accounts', { keyPath: 'id' });
    accounts.createIndex('domain', 'domains', { multiEntry: true });
    accounts.createIndex('segment', 'segment');
    db.createObjectStore('accountIndex');
    const insights = db.createObjectStore('insights', { keyPath: 'id' });
    insights.createIndex('accountId', 'accountId');
    insights.createIndex('updatedAt', 'updatedAt');
    const drafts = db.createObjectStore('drafts', { keyPath: 'id' });
    drafts.createIndex('savedAt', 'savedAt');
    db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    db.createObjectStore('meta');
    const quarantine = db.createObjectStore('quarantine', { keyPath: 'id', autoIncrement: true });
    quarantine.createIndex('store', 'store');
  },

  /**
   * v2: search filters by type and author get indexes; drafts get an accountId index (erasure finds them);
   * the outbox is keyed by mutationId (ack = one range delete, a replayed write cannot queue a mutation twice)
   * and counts push attempts; new stores for talking-point feedback, sync conflicts and rejected mutations.
   */
  async 2(db, tx, now) {
    const insights = tx.objectStore('insights');
    insights.createIndex('type', 'type');
    insights.createIndex('author', 'author');
    tx.objectStore('drafts').createIndex('accountId', 'accountId');
    db.createObjectStore('feedback', { keyPath: ['accountId', 'talkingPointId'] }).createIndex(
      'accountId',
      'accountId',
    );
    db.createObjectStore('conflicts', { keyPath: 'id', autoIncrement: true }).createIndex('insightId', 'insightId');
    db.createObjectStore('rejections', { keyPath: 'mutationId' });

    const oldRows = await tx.objectStore('outbox').getAll();
    db.deleteObjectStore('outbox');
    const outbox = db.createObjectStore('outbox', { keyPath: 'mutationId' });
    const quarantine = tx.objectStore('quarantine');
    for (const raw of oldRows) {
      const row = V1OutboxRowSchema.safeParse(raw);
      if (row.success) {
        const { mutation, clientId, createdAt } = row.data;
        await outbox.put({ mutationId: mutation.mutationId, mutation, clientId, createdAt, attempts: 0 });
      } else {
        const error = `upgrade to v2: outbox row is not a v1 outbox row: ${issuesText(describeIssues(row.error))}`;
        await quarantine.add({
          store: 'outbox',
          key: (raw as { seq?: unknown } | null)?.seq ?? null,
          value: raw,
          error,
          at: now,
        });
      }
    }
  },
};

/**
 * Applies `steps[oldVersion + 1 … newVersion]` in order. Called from idb's `upgrade` callback; a step that throws
 * aborts the versionchange transaction, so the database keeps its old version and data.
 * @throws {Error} when a step between the two versions is missing
 */
export async function runUpgrades(
  db: UpgradeDb,
  tx: UpgradeTx,
  oldVersion: number,
  newVersion: number,
  now: string,
  steps: Readonly<Record<number, UpgradeStep>> = upgrades,
): Promise<void> {
  for (let v = oldVersion + 1; v <= newVersion; v++) {
    const step = steps[v];
    if (!step) throw new Error(`runUpgrades: no upgrade step for version ${v} (from ${oldVersion} to ${newVersion})`);
    await step(db, tx, now);
  }
}
