/**
 * Re-scoring after pushes, off the push's path: a push only queues its accounts (rescore_queue, in its own
 * transaction), and this loop drains the queue, one run at a time, so that the accounts of many pushes arriving
 * meanwhile are scored once per run instead of once per push. The queue is a table, so accounts queued by a hub
 * killed before its run are scored at the next start.
 *
 * "The new scores reach every rep at their next pull": a pull calls `caughtUp()` first, which waits for the run
 * that covers every push finished before the pull began (at most the current run and the next one).
 *
 * A run covers the pushes that asked for it before its transaction began (`drain` reports that moment), not
 * before its turn in the loop: writes queue up (change-log.ts), and a run that waited behind several pushes
 * drains their accounts too, so their requests need no run of their own.
 */
export interface Rescorer {
  /** Asks for a run (after a push committed). */
  kick(): void;
  /** Resolves when every push that finished before this call has been re-scored. */
  caughtUp(): Promise<void>;
  /** Waits for the running run and stops. */
  stop(): Promise<void>;
}

/**
 * @param gapMs the least time from the end of one run to the start of the next: under load a run then gathers the
 *   pushes of that time (each run costs a transaction of its own); a hub idle for longer starts a run at once.
 */
export function createRescorer(drain: (started: () => void) => Promise<unknown>, gapMs = 0): Rescorer {
  let requested = 0;
  let done = 0;
  let running: Promise<void> | null = null;
  let stopped = false;
  const waiters: { until: number; resolve: () => void }[] = [];

  const settle = () => {
    for (let k = waiters.length - 1; k >= 0; k--) {
      if (waiters[k]!.until <= done) waiters.splice(k, 1)[0]!.resolve();
    }
  };
  let ended = -Infinity;
  const loop = async () => {
    while (!stopped && done < requested) {
      const wait = ended + gapMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      let covers = requested;
      try {
        await drain(() => (covers = requested));
      } catch (error) {
        // The accounts stay queued (the transaction rolled back) and are taken by the next run.
        console.error('hub: re-scoring run failed:', error);
      }
      done = covers;
      ended = performance.now();
      settle();
    }
    running = null;
  };
  const kick = () => {
    requested++;
    running ??= loop();
  };
  return {
    kick,
    caughtUp() {
      if (done >= requested) return Promise.resolve();
      const until = requested;
      return new Promise((resolve) => waiters.push({ until, resolve }));
    },
    async stop() {
      stopped = true;
      await running;
      done = requested;
      settle();
    },
  };
}
