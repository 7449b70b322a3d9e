/**
 * The hub's use of lib/engine: importing sales ops' CSVs, scoring a dataset into a snapshot, and re-scoring the
 * accounts that new insights touch. The engine is passed in as a `ScoringEngine` (engine.ts wires the real one),
 * which keeps this module about storage and ordering.
 *
 * Only team-visible, undeleted insights feed the shared scores: a private note must not surface in a talking
 * point on a colleague's screen. The snapshot is one for all teams; a talking point that quotes a note reaches
 * only those who may pull that note (redact.ts, applied by both pull paths).
 */
import type { Dataset } from '../../lib/engine/records.ts';
import type { Insight } from '../../lib/engine/insight.ts';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../lib/engine/model-config.ts';
import type { ScoredAccount, Snapshot, TalkingPointEffects } from '../../lib/engine/snapshot.ts';
import type { Source } from '../../lib/engine/import/types.ts';
import type { DatasetUploadResponse } from '../../lib/sync/protocol.ts';
import { PASS_THROUGH, type Change, type ChangeLog } from './change-log.ts';
import type { Database, Sql } from './db/database.ts';
import { nextVersion } from './db/migrations.ts';
import { HttpError } from './http-error.ts';
import { datasetTextIssues, uploadTextIssues } from './dataset-text.ts';
import { databaseReader, memoryReader } from './rescore-input.ts';
import {
  datasetUntil,
  measureEarlierSnapshots,
  rankingEffects,
  storedMeasurements,
  storeMeasurements,
  type Measurement,
} from './effects.ts';
import { loadSnapshot, replaceAccounts, storeSnapshot, type StoredSnapshot } from './snapshots.ts';

/** The exports of one upload: CSV (or JSON) texts or bytes, named as uploaded. */
export interface DatasetFiles {
  accounts: Source;
  orders: Source;
  products?: Source | undefined;
  contacts?: Source | undefined;
}

export interface DatasetPublication {
  files: DatasetFiles;
  asOf?: string | undefined;
  model?: ModelConfig | undefined;
}

export interface ScoringEngine {
  /** Parses and maps the exports. @throws {DatasetImportError} when they cannot be imported */
  importDataset(files: DatasetFiles): Promise<{ dataset: Dataset; warnings: string[] }>;
  /** May run elsewhere (scoring-worker.ts runs it in a worker thread). */
  buildSnapshot(
    dataset: Dataset,
    options: {
      asOf?: string | undefined;
      insights: Insight[];
      model: ModelConfig;
      effects?: TalkingPointEffects | undefined;
    },
  ): Snapshot | Promise<Snapshot>;
  rescoreAccount(snapshot: Snapshot, accountId: string, insights: Insight[]): ScoredAccount;
}

/** An import that failed as a whole; `errors` name rows and columns for sales ops. */
export class DatasetImportError extends Error {
  constructor(
    message: string,
    readonly errors: string[],
  ) {
    super(message);
    this.name = 'DatasetImportError';
  }
}

export interface Scoring {
  /** Imports, scores and stores a dataset as the new current snapshot. */
  publishDataset(upload: DatasetPublication, uploadedBy: number): Promise<DatasetUploadResponse>;
  /** Re-scores the latest dataset with another model. @throws {HttpError} 409 before the first dataset */
  changeModel(model: ModelConfig): Promise<{ snapshotId: number }>;
  /**
   * Takes every account from rescore_queue and re-scores those in the current snapshot from their shared
   * insights, in one transaction; returns the accounts whose result changed. Calls `started` when the transaction
   * begins: every push committed before that moment has its accounts in the queue this run takes.
   */
  drainQueue(started?: () => void): Promise<string[]>;
  /**
   * When the next account that failed to re-score may be tried again (epoch ms), or null when none failed. The
   * hub kicks a run then (app.ts).
   */
  nextRetryAt(): number | null;
}

/** Re-scoring failures wait this long before the first retry, doubling per attempt up to an hour. */
export const RESCORE_RETRY = { firstMs: 30_000, maxMs: 3_600_000 } as const;

const SHARED_INSIGHTS = `SELECT data FROM insights WHERE deleted_at IS NULL AND visibility = 'team' AND account_id IS NOT NULL`;

/** `log` records every write transaction (change-log.ts); the hub passes its own. */
export function createScoring(
  db: Database,
  engine: ScoringEngine,
  log: ChangeLog = PASS_THROUGH,
  retry: { firstMs: number; maxMs: number } = RESCORE_RETRY,
): Scoring {
  let retryAt: number | null = null;
  // With PGlite (one writer) a run reads its accounts and insights from memory that follows the log.
  const reader = db.kind === 'pglite' ? memoryReader() : databaseReader;
  log.onChange((change) => reader.follow(change));
  // The current snapshot as the engine needs it. Its order-based parts never change after storing, so the cache
  // only has to follow the snapshot id.
  let cache: StoredSnapshot | null = null;
  const snapshotById = async (sql: Sql, id: number): Promise<StoredSnapshot> => {
    if (cache?.id !== id) cache = await loadSnapshot(sql, id);
    return cache;
  };
  const current = async (): Promise<StoredSnapshot | null> => {
    const [head] = await db.query<{ id: number | null }>('SELECT max(id) AS id FROM snapshots');
    return head?.id ? snapshotById(db, Number(head.id)) : null;
  };
  const sharedInsights = async () =>
    (await db.query<{ data: Insight }>(`${SHARED_INSIGHTS} ORDER BY id`)).map((r) => r.data);

  /** Scores a dataset; a portfolio the engine cannot score (e.g. no account ever ordered twice) is a 422. */
  async function build(
    dataset: Dataset,
    asOf: string | undefined,
    model: ModelConfig,
    effects: TalkingPointEffects | undefined,
  ) {
    const insights = await sharedInsights();
    try {
      return await engine.buildSnapshot(dataset, { asOf, insights, model, effects });
    } catch (error) {
      throw new HttpError(422, error instanceof Error ? error.message : String(error));
    }
  }

  /** Stores `snapshot` as the current one through the change log. */
  const store = (snapshot: Snapshot, datasetId: number) =>
    log.write(async () => {
      const stored = await storeSnapshot(db, snapshot, datasetId);
      const change: Change = {
        version: stored.createdVersion,
        snapshot: { id: stored.id, snapshot: stored.snapshot },
      };
      return { result: stored, change };
    });

  async function score(
    dataset: Dataset,
    datasetId: number,
    asOf: string | undefined,
    model: ModelConfig,
  ): Promise<StoredSnapshot> {
    const effects = rankingEffects(await storedMeasurements(db));
    cache = await store(await build(dataset, asOf, model, effects), datasetId);
    return cache;
  }

  return {
    async publishDataset(upload, uploadedBy) {
      const unstorable = uploadTextIssues(upload.files);
      if (unstorable.length > 0)
        throw new HttpError(
          422,
          'the exports hold text the hub cannot store (a NUL character or broken Unicode)',
          unstorable,
        );
      let imported: { dataset: Dataset; warnings: string[] };
      try {
        imported = await engine.importDataset(upload.files);
      } catch (error) {
        if (error instanceof DatasetImportError) {
          throw new HttpError(
            422,
            error.message,
            error.errors.slice(0, 100).map((message) => ({ path: 'dataset', message })),
          );
        }
        throw error;
      }
      const { dataset, warnings } = imported;
      const unstorableFields = datasetTextIssues(dataset);
      if (unstorableFields.length > 0)
        throw new HttpError(
          422,
          'the exports hold text the hub cannot store (a NUL character or broken Unicode)',
          unstorableFields,
        );
      const model = upload.model ?? (await current())?.snapshot.model ?? DEFAULT_MODEL_CONFIG;
      // Earlier experiments measured on the new orders rank the new snapshot's points (effects.ts); a measurement
      // that fails must not block the dataset.
      let measured: Measurement[] = [];
      try {
        measured = await measureEarlierSnapshots(db, dataset, datasetUntil(dataset, upload.asOf));
      } catch (error) {
        console.error('hub: measuring effects failed; the dataset is scored without them:', error);
      }
      const effects = rankingEffects(measured) ?? rankingEffects(await storedMeasurements(db));
      // Score before storing anything: a dataset the engine refuses leaves the hub as it was.
      const snapshot = await build(dataset, upload.asOf, model, effects);
      const [row] = await db.query<{ id: number }>(
        'INSERT INTO datasets (data, uploaded_by) VALUES ($1::jsonb, $2) RETURNING id',
        [JSON.stringify({ dataset, asOf: upload.asOf ?? null }), uploadedBy],
      );
      const stored = (cache = await store(snapshot, Number(row!.id)));
      await storeMeasurements(db, measured, Number(row!.id)).catch((error: unknown) => {
        console.error('hub: storing measured effects failed; they are measured again with the next dataset:', error);
      });
      return {
        snapshotId: stored.id,
        asOf: stored.snapshot.asOf,
        accounts: dataset.accounts.length,
        orders: dataset.orders.length,
        warnings: warnings.slice(0, 100),
      };
    },

    async changeModel(model) {
      const [row] = await db.query<{ id: number; data: { dataset: Dataset; asOf: string | null } }>(
        'SELECT id, data FROM datasets ORDER BY id DESC LIMIT 1',
      );
      if (!row) throw new HttpError(409, 'no dataset yet: upload one with POST /v1/admin/dataset first');
      const stored = await score(row.data.dataset, Number(row.id), row.data.asOf ?? undefined, model);
      return { snapshotId: stored.id };
    },

    drainQueue: (started) =>
      log.write(() =>
        db.transaction(async (tx) => {
          started?.();
          const version = await nextVersion(tx);
          // The queue, and the accounts whose earlier attempt failed and whose retry is due.
          const queued = await tx.query<{ account_id: string }>(
            `WITH q AS (DELETE FROM rescore_queue RETURNING account_id)
             SELECT account_id FROM q UNION SELECT account_id FROM rescore_failures WHERE retry_after <= now()`,
          );
          const rescored = await rescore(
            tx,
            version,
            queued.map((q) => q.account_id),
          );
          const [next] = await tx.query<{ at: number | null }>(
            'SELECT (extract(epoch FROM min(retry_after)) * 1000)::float8 AS at FROM rescore_failures',
          );
          retryAt = next?.at === null || next?.at === undefined ? null : Number(next.at);
          const change: Change = { version };
          if (rescored) change.accounts = rescored;
          return { result: (rescored?.accounts ?? []).map((a) => a.id).sort(), change };
        }),
      ),

    nextRetryAt: () => retryAt,
  };

  /**
   * Records that `accountId` could not be re-scored, with the reason, and when to try again (backing off per
   * attempt); the account's scores stay as they were meanwhile.
   */
  async function recordFailure(tx: Sql, accountId: string, error: unknown): Promise<void> {
    const reason = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 500);
    const [row] = await tx.query<{ attempts: number; wait: number }>(
      `INSERT INTO rescore_failures AS f (account_id, reason, retry_after) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
       ON CONFLICT (account_id) DO UPDATE SET reason = EXCLUDED.reason, attempts = f.attempts + 1, last_failed_at = now(),
         retry_after = now() + least($4::float8, $3 * power(2, f.attempts)) * interval '1 millisecond'
       RETURNING attempts, (extract(epoch FROM retry_after - now()) * 1000)::float8 AS wait`,
      [accountId, reason, retry.firstMs, retry.maxMs],
    );
    console.error(
      `hub: re-scoring account ${accountId} failed (attempt ${row?.attempts ?? 1}); its scores stay as they are, ` +
        `retry in ${Math.round(Number(row?.wait ?? retry.firstMs) / 1000)} s: ${reason}`,
    );
  }

  /** Re-scores `accountIds` in the current snapshot; returns the snapshot and the accounts whose result changed. */
  async function rescore(
    tx: Sql,
    version: number,
    accountIds: string[],
  ): Promise<{ snapshotId: number; accounts: ScoredAccount[] } | null> {
    if (accountIds.length === 0) return null;
    const input = await reader.read(tx, version, accountIds);
    if (!input) return null;
    if (input.accounts.length === 0) {
      await tx.query('DELETE FROM rescore_failures WHERE account_id = ANY($1::text[])', [accountIds]);
      return null;
    }
    const head = await snapshotById(tx, input.snapshotId);
    // The snapshot's account rows carry the order-based criteria, which only a new dataset changes; the engine
    // recomputes the insight criteria and talking points on top of them. An account the engine fails on is
    // skipped and recorded (rescore_failures, retried later); the others are stored.
    const changes: { before: ScoredAccount; after: ScoredAccount }[] = [];
    const succeeded: string[] = [];
    for (const { id, data: before } of input.accounts) {
      let after: ScoredAccount;
      try {
        after = engine.rescoreAccount(head.snapshot, id, input.insights.get(id) ?? []);
      } catch (error) {
        await recordFailure(tx, id, error);
        continue;
      }
      succeeded.push(id);
      if (!sameJson(after, before)) changes.push({ before, after });
    }
    // Accounts no longer in the snapshot have nothing to retry.
    const present = new Set(input.accounts.map((a) => a.id));
    const gone = accountIds.filter((id) => !present.has(id));
    await tx.query('DELETE FROM rescore_failures WHERE account_id = ANY($1::text[])', [[...succeeded, ...gone]]);
    await replaceAccounts(tx, head.id, version, changes);
    return { snapshotId: head.id, accounts: changes.map((c) => c.after) };
  }
}

/** Deep equality of JSON values regardless of key order (jsonb does not keep it). O(size). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, k) => sameJson(x, bb[k]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}
