/**
 * When to sync and what happened last time. The runner wraps one sync function with:
 * - one run at a time (a "sync now" during an alarm's run joins that run);
 * - exponential backoff with jitter after failures (backoff.ts), honouring a 429's Retry-After;
 * - a state (last success, failures in a row, next attempt, last error) kept in a store the caller provides,
 *   so a restarted service worker or a device back from a week offline picks up where it was: the state says
 *   whether the retry is due, and the outbox and cursor in IndexedDB say what is left to do.
 * Clock and randomness are injected for tests.
 */
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { HubError } from './hub-http.ts';

export interface SyncState {
  /** ISO date-time of the last successful sync, null before the first. */
  lastSyncAt: string | null;
  lastAttemptAt: string | null;
  /** Failed attempts since the last success. */
  failures: number;
  /** Before this ISO date-time only a forced run ("sync now") tries again; null when not backing off. */
  nextAttemptAt: string | null;
  lastError: string | null;
}

export const INITIAL_SYNC_STATE: SyncState = {
  lastSyncAt: null,
  lastAttemptAt: null,
  failures: 0,
  nextAttemptAt: null,
  lastError: null,
};

export interface SyncStateStore {
  get(): Promise<SyncState>;
  set(state: SyncState): Promise<void>;
}

export type RunOutcome<R> =
  | { status: 'synced'; report: R; state: SyncState }
  | { status: 'failed'; error: string; state: SyncState }
  | { status: 'backing-off'; state: SyncState };

export interface SyncRunner<R> {
  /** Runs a sync unless backing off (`force` ignores the backoff). Never throws: failures land in the state. */
  run(options?: { force?: boolean }): Promise<RunOutcome<R>>;
  /** True while a run is in progress in this context. */
  running(): boolean;
}

export interface RunnerOptions<R> {
  sync: () => Promise<R>;
  state: SyncStateStore;
  now?: () => Date;
  random?: () => number;
  policy?: BackoffPolicy;
}

/**
 * Builds a runner around `sync`.
 * @example
 * const runner = createSyncRunner({ sync: () => syncOnce(db, hub), state: memoryStateStore() });
 * await runner.run({ force: true }); // => { status: 'synced', report, state }
 */
export function createSyncRunner<R>(options: RunnerOptions<R>): SyncRunner<R> {
  const { sync, state, now = () => new Date(), random = Math.random, policy = DEFAULT_BACKOFF } = options;
  let inFlight: Promise<RunOutcome<R>> | null = null;

  const attempt = async (force: boolean): Promise<RunOutcome<R>> => {
    const before = await state.get();
    const started = now();
    if (!force && before.nextAttemptAt !== null && started.getTime() < Date.parse(before.nextAttemptAt)) {
      return { status: 'backing-off', state: before };
    }
    try {
      const report = await sync();
      const after: SyncState = {
        lastSyncAt: now().toISOString(),
        lastAttemptAt: started.toISOString(),
        failures: 0,
        nextAttemptAt: null,
        lastError: null,
      };
      await state.set(after);
      return { status: 'synced', report, state: after };
    } catch (error) {
      const failures = before.failures + 1;
      const retryAfter = error instanceof HubError ? (error.retryAfterMs ?? 0) : 0;
      const delay = Math.max(backoffDelay(failures, random, policy), retryAfter);
      const message = error instanceof Error ? error.message : String(error);
      const after: SyncState = {
        ...before,
        lastAttemptAt: started.toISOString(),
        failures,
        nextAttemptAt: new Date(now().getTime() + delay).toISOString(),
        lastError: message.slice(0, 500),
      };
      await state.set(after);
      return { status: 'failed', error: message, state: after };
    }
  };

  return {
    run({ force = false } = {}) {
      inFlight ??= attempt(force).finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
    running: () => inFlight !== null,
  };
}

/** A state store in memory (tests, and contexts that need no persistence). */
export function memoryStateStore(initial: SyncState = INITIAL_SYNC_STATE): SyncStateStore {
  let current = initial;
  return {
    get: async () => current,
    set: async (next) => {
      current = next;
    },
  };
}
