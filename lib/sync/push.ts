/**
 * Pushing the outbox (protocol in protocol.ts). The queue goes out oldest first in batches that stay under the
 * hub's limits. For each answer, rejected mutations move to `rejections` with the hub's reason (the rep sees them;
 * they never block the queue), then everything up to the hub's lastMutationId is dropped. An attempt without an
 * answer is counted against the batch and the rows stay: sending them again is harmless, the hub skips what it
 * has already applied. That is also how an interrupted sync resumes after a service-worker restart.
 */
import {
  ackMutations,
  peekOutbox,
  recordPushFailure,
  recordRejections,
  startNewClientGroup,
  type RecoveryKind,
} from '../store/outbox.ts';
import { ensureClientId, getMeta } from '../store/meta.ts';
import type { Db } from '../store/open.ts';
import type { OutboxEntry } from '../store/schema.ts';
import { HubError, hubRequest, type HubConnection, type RequestOptions } from './hub-http.ts';
import { PROTOCOL_VERSION, PUSH_LIMITS, PushResponseSchema, type PushRequest } from './protocol.ts';

export interface PushLimits {
  maxMutations: number;
  maxBytes: number;
  /** Batches per push run; what is left waits for the next run. */
  maxBatches: number;
}

export const DEFAULT_PUSH_LIMITS: PushLimits = { ...PUSH_LIMITS, maxBatches: 20 };

export interface PushSummary {
  batches: number;
  /** Mutations the hub consumed (applied, skipped, lost a conflict or rejected). */
  acknowledged: number;
  rejected: number;
  conflicts: number;
  /** Still queued after this run. */
  remaining: number;
  /** Set when the hub still waits for a mutation this device no longer has after a new client group. */
  stalledAt: number | null;
  /** Set when this run started a new client group (see `pushOutbox`), and why. */
  recovered: RecoveryKind | null;
}

const encoder = new TextEncoder();
/** Room for the envelope around the mutations (protocolVersion, clientId, brackets). */
const ENVELOPE_BYTES = 1024;

/**
 * The longest prefix of `entries` that fits one request: at most `maxMutations`, and below `maxBytes` as UTF-8
 * JSON. Always at least one entry (a single mutation is far below the limit: an insight body has 20,000 characters
 * at most). Runs in O(total size).
 * @example fitBatch(entries, { maxMutations: 2, maxBytes: 4_000_000 }).length // => 2 (of 3)
 */
export function fitBatch(
  entries: readonly OutboxEntry[],
  limits: Pick<PushLimits, 'maxMutations' | 'maxBytes'>,
): OutboxEntry[] {
  const batch: OutboxEntry[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const entry of entries.slice(0, limits.maxMutations)) {
    bytes += encoder.encode(JSON.stringify(entry.mutation)).length + 1;
    if (batch.length > 0 && bytes > limits.maxBytes) break;
    batch.push(entry);
  }
  return batch;
}

/**
 * Sends the outbox to the hub until it is empty, the hub stops advancing or `maxBatches` ran.
 *
 * Two answers mean the queue can never go through as numbered, and the run starts a new client group
 * (lib/store/outbox.ts `startNewClientGroup`: new client id, queue re-numbered from 1) and goes on with it:
 * - the hub's lastMutationId is below what it once acknowledged to this device (`hub-forgot`: its database was
 *   reset or restored, or this is another hub);
 * - the hub waits for mutation n and this device's queue starts after n (`gap`: a damaged row was set aside).
 * In both, the hub has applied none of the queued changes (it applies nothing past a gap), so nothing is sent
 * twice. Should the hub stall again in the same run, the run stops and `stalledAt` names the id it waits for.
 * @throws {HubError} when a request got no answer or an error status; the batch's attempts are counted first
 */
export async function pushOutbox(
  db: Db,
  hub: HubConnection,
  options: RequestOptions & { limits?: PushLimits; now?: () => Date } = {},
): Promise<PushSummary> {
  const limits = options.limits ?? DEFAULT_PUSH_LIMITS;
  const now = options.now ?? (() => new Date());
  let clientId = await ensureClientId(db);
  let acked = (await getMeta(db, 'lastAckedMutationId')) ?? 0;
  const summary: PushSummary = {
    batches: 0,
    acknowledged: 0,
    rejected: 0,
    conflicts: 0,
    remaining: 0,
    stalledAt: null,
    recovered: null,
  };
  for (let run = 0; run < limits.maxBatches; run++) {
    const { items } = await peekOutbox(db, limits.maxMutations);
    if (items.length === 0) break;
    const batch = fitBatch(items, limits);
    const request: PushRequest = {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: batch.map((e) => e.mutation),
    };
    let response;
    try {
      response = await hubRequest(hub, '/v1/push', PushResponseSchema, { method: 'POST', body: request }, options);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await recordPushFailure(
        db,
        batch.map((e) => e.mutationId),
        message,
      );
      throw error instanceof HubError ? error : new HubError(message, 0);
    }
    summary.batches++;
    const consumed = response.results.filter((r) => r.mutationId <= response.lastMutationId);
    const rejected = consumed
      .filter((r) => r.status === 'rejected')
      .map((r) => ({ mutationId: r.mutationId, reason: r.reason ?? 'rejected by the hub' }));
    // Rejections first: the ack below deletes every row up to lastMutationId, rejected ones included.
    summary.rejected += (await recordRejections(db, rejected, now())).length;
    summary.conflicts += consumed.filter((r) => r.status === 'conflict').length;
    summary.acknowledged += await ackMutations(db, response.lastMutationId);
    const forgot = response.lastMutationId < acked;
    if (forgot || response.lastMutationId < batch[0]!.mutationId - 1) {
      // Everything deferred: the hub waits for an id before our oldest queued one. Resending cannot fill that gap.
      if (summary.recovered !== null) {
        summary.stalledAt = response.lastMutationId + 1;
        break;
      }
      const recovery = await startNewClientGroup(db, forgot ? 'hub-forgot' : 'gap', now());
      summary.recovered = recovery.kind;
      clientId = recovery.clientId;
      acked = 0;
      continue;
    }
    if (consumed.length === 0) {
      // Nothing taken, though the oldest queued id is the one the hub expects: resending cannot help either.
      summary.stalledAt = response.lastMutationId + 1;
      break;
    }
    acked = Math.max(acked, response.lastMutationId);
  }
  summary.remaining = await db.count('outbox');
  return summary;
}
