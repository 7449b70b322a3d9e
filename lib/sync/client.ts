/**
 * The sync client: one sync is a push of the outbox followed by a pull of everything changed since the stored
 * cursor (Replicache's order: the hub sees this device's edits before it answers what changed, so the pull
 * already carries their conflicts and the re-scores they caused). Scheduling, backoff and the sync state live in
 * runner.ts; the background wires both to alarms and messages.
 */
import { getMeta, ensureClientId, setMeta } from '../store/meta.ts';
import type { Db } from '../store/open.ts';
import { applyPull, SnapshotMismatchError, type PullSummary } from './apply-pull.ts';
import { HubError, hubRequest, type HubConnection, type RequestOptions } from './hub-http.ts';
import { PullResponseSchema } from './protocol.ts';
import { pushOutbox, type PushLimits, type PushSummary } from './push.ts';

export interface SyncOptions extends RequestOptions {
  now?: () => Date;
  limits?: PushLimits;
}

export interface SyncReport {
  push: PushSummary;
  pull: PullSummary;
}

/**
 * Pulls everything changed since the stored cursor and applies it. A delta for a snapshot this device does not
 * hold (another device's import replaced it, or the hub was restored) is answered by one pull without a cursor.
 * @throws {HubError} when the hub gives no usable answer; nothing is applied then
 */
export async function pullChanges(db: Db, hub: HubConnection, options: SyncOptions = {}): Promise<PullSummary> {
  const now = options.now ?? (() => new Date());
  const clientId = await ensureClientId(db);
  const cursor = (await getMeta(db, 'syncCursor')) ?? null;
  const pull = async (from: string | null) => {
    const query = new URLSearchParams({ clientId, ...(from === null ? {} : { cursor: from }) });
    const response = await hubRequest(hub, `/v1/pull?${query}`, PullResponseSchema, {}, options);
    return applyPull(db, response, now());
  };
  try {
    return await pull(cursor);
  } catch (error) {
    if (!(error instanceof SnapshotMismatchError) || cursor === null) throw error;
    return pull(null);
  }
}

/**
 * One full sync: push, then pull.
 * @throws {HubError} from either half (a failed push skips the pull: the hub is unreachable or refuses this
 * token), or after the pull when the hub waits for a mutation this device no longer has
 */
export async function syncOnce(db: Db, hub: HubConnection, options: SyncOptions = {}): Promise<SyncReport> {
  const push = await pushOutbox(db, hub, options);
  const pull = await pullChanges(db, hub, options);
  if (push.stalledAt !== null) {
    throw new HubError(
      `the hub waits for change #${push.stalledAt}, which this device no longer has; ${push.remaining} change(s) stay queued`,
      409,
    );
  }
  return { push, pull };
}

/** Forgets the pull cursor (a new hub, or another account on it): the next pull brings everything. */
export async function resetCursor(db: Db): Promise<void> {
  await setMeta(db, 'syncCursor', null);
}
