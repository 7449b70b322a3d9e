import { describe, expect, it, vi } from 'vitest';
import { createRescorer } from './rescorer.ts';

/** A drain whose transaction begins only when the test opens the gate, as a run queued behind pushes does. */
function gatedDrain() {
  const runs: number[] = [];
  let gate: (() => void) | null = null;
  const drain = (started: () => void) =>
    new Promise<void>((resolve) => {
      gate = () => {
        started();
        runs.push(runs.length + 1);
        resolve();
      };
    });
  const open = async () => {
    while (!gate) await Promise.resolve();
    const g = gate;
    gate = null;
    g();
    await new Promise((resolve) => setImmediate(resolve)); // lets the loop settle its waiters
  };
  return { drain, runs, open };
}

describe('createRescorer', () => {
  it('lets one run cover every push that asked before its transaction began', async () => {
    const { drain, runs, open } = gatedDrain();
    const rescorer = createRescorer(drain);
    rescorer.kick(); // the first push: a run starts and waits for its turn
    rescorer.kick(); // two more pushes committed while it waited
    rescorer.kick();
    let caughtUp = false;
    void rescorer.caughtUp().then(() => (caughtUp = true));
    await open();
    await rescorer.stop();
    expect(caughtUp).toBe(true);
    expect(runs).toEqual([1]);
  });

  it('runs again for a push that asked after the run’s transaction began', async () => {
    const { drain, runs, open } = gatedDrain();
    const rescorer = createRescorer(drain);
    rescorer.kick();
    let first = false;
    void rescorer.caughtUp().then(() => (first = true));
    await open();
    rescorer.kick(); // after the first run's transaction began: not covered by it
    let second = false;
    void rescorer.caughtUp().then(() => (second = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(first).toBe(true);
    expect(second).toBe(false);
    await open();
    await rescorer.stop();
    expect(second).toBe(true);
    expect(runs).toEqual([1, 2]);
  });

  it('starts the next run no sooner than gapMs after the last one ended, on a fake clock', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    try {
      let started = 0;
      const rescorer = createRescorer(async (begin) => {
        begin();
        started++;
      }, 1000);
      rescorer.kick();
      await vi.advanceTimersByTimeAsync(0);
      expect(started).toBe(1); // an idle hub runs at once
      rescorer.kick();
      rescorer.kick();
      await vi.advanceTimersByTimeAsync(999);
      expect(started).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(started).toBe(2); // one run for both pushes of the gap
      await rescorer.caughtUp();
      await rescorer.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
