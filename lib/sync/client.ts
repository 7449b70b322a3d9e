/**
 * The sync client: one sync is a push of the outbox followed by a pull of everything changed since the stored
 * cursor (Replicache's order: the hub sees this device's edits before it answers what changed, so the pull
 * already carries their conflicts and the re-scores they caused). Scheduling, backoff and the sync state live in
 * runner.ts; the background wires both to alarms and messages.
 */
import { getMeta, ensureClientId, setMeta } from '../store/meta.ts';
import type { Db } from '../store/open.ts';
import { queueNotesTheHubLacks, startNewClientGroup } from '../store/outbox.ts';
import type { MetaValue } from '../store/schema.ts';
import { applyPull, SnapshotMismatchError, type PullSummary } from './apply-pull.ts';
import { HubError, hubRequest, type HubConnection, type RequestOptions } from './hub-http.ts';
import { PullResponseSchema } from './protocol.ts';
import { pushOutbox, type PushLimits, type PushSummary } from './push.ts';

export interface SyncOptions extends RequestOptions {
  now?: () => Date;
  limits?: PushLimits;
  /**
   * The `author` this rep's notes carry. After a new client group, the first full pull compares the rep's notes
   * with the hub's and queues again those the hub lacks (lib/store/outbox.ts `queueNotesTheHubLacks`); without
   * it nothing is compared.
   */
  author?: string;
}

export interface SyncReport {
  push: PushSummary;
  pull: PullSummary;
  /** Set when this sync started a new client group or queued notes again (see `syncOnce`). */
  recovery: MetaValue<'syncRecovery'> | null;
}

/**
 * Pulls everything changed since the stored cursor and applies it. A delta for a snapshot this device does not
 * hold (another device's import replaced it, or the hub was restored) is answered by one pull without a cursor.
 *
 * When the hub says it has applied fewer of this device's changes than it once acknowledged and nothing is
 * queued, the hub has forgotten this device (reset, restored, or another hub): a new client group starts and the
 * pull is made again from the start. (With changes queued, the push's answer decides instead.) After a new
 * client group, the first pull from the start queues again the rep's notes the hub lacks (`options.author`),
 * before the pulled versions are written, so an older version from a backup never replaces a newer one here.
 * @throws {HubError} when the hub gives no usable answer; nothing is applied then
 */
export async function pullChanges(db: Db, hub: HubConnection, options: SyncOptions = {}): Promise<PullSummary> {
  const now = options.now ?? (() => new Date());
  const fetchPull = async (from: string | null) => {
    const clientId = await ensureClientId(db);
    const query = new URLSearchParams({ clientId, ...(from === null ? {} : { cursor: from }) });
    return hubRequest(hub, `/v1/pull?${query}`, PullResponseSchema, {}, options);
  };
  const pull = async (from: string | null) => {
    let response = await fetchPull(from);
    const acked = (await getMeta(db, 'lastAckedMutationId')) ?? 0;
    if (response.lastMutationId < acked && (await db.count('outbox')) === 0) {
      await startNewClientGroup(db, 'hub-forgot', now());
      from = null;
      response = await fetchPull(null);
    }
    const recovery = await getMeta(db, 'syncRecovery');
    if (from === null && recovery && recovery.resent === null && options.author !== undefined) {
      const hubRevs = new Map(response.insights.map((i) => [i.id, i.rev]));
      await queueNotesTheHubLacks(db, hubRevs, options.author, now());
    }
    return applyPull(db, response, now());
  };
  const cursor = (await getMeta(db, 'syncCursor')) ?? null;
  try {
    return await pull(cursor);
  } catch (error) {
    if (!(error instanceof SnapshotMismatchError) || cursor === null) throw error;
    return pull(null);
  }
}

/**
 * One full sync: push, then pull; and when the pull queued notes again after a new client group, one more push
 * so they reach the hub in this same sync.
 * @throws {HubError} from either half (a failed push skips the pull: the hub is unreachable or refuses this
 * token), or after the pull when the hub still waits for a mutation this device no longer has
 */
export async function syncOnce(db: Db, hub: HubConnection, options: SyncOptions = {}): Promise<SyncReport> {
  const before = await getMeta(db, 'syncRecovery');
  let push = await pushOutbox(db, hub, options);
  const pull = await pullChanges(db, hub, options);
  const after = (await getMeta(db, 'syncRecovery')) ?? null;
  const changed = after !== null && JSON.stringify(after) !== JSON.stringify(before);
  if (changed && (after.resent ?? 0) > 0 && push.stalledAt === null) {
    const again = await pushOutbox(db, hub, options);
    push = {
      ...again,
      batches: push.batches + again.batches,
      acknowledged: push.acknowledged + again.acknowledged,
      rejected: push.rejected + again.rejected,
      conflicts: push.conflicts + again.conflicts,
      recovered: push.recovered ?? again.recovered,
    };
  }
  if (push.stalledAt !== null) {
    throw new HubError(
      `the hub waits for change #${push.stalledAt}, which this device no longer has; ${push.remaining} change(s) stay queued`,
      409,
    );
  }
  return { push, pull, recovery: changed ? after : null };
}

/** Starts a new client group for another hub (or another account): see lib/store/outbox.ts. */
export async function startOver(db: Db, now = new Date()): Promise<void> {
  await startNewClientGroup(db, 'new-hub', now);
}

/** Forgets the pull cursor (a new hub, or another account on it): the next pull brings everything. */
export async function resetCursor(db: Db): Promise<void> {
  await setMeta(db, 'syncCursor', null);
}
