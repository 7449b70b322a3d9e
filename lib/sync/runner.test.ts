/**
 * The sync runner with an injected clock and random source: state after success and failure, backoff honoured
 * unless forced, Retry-After over the backoff, one run at a time, and a new runner (a restarted service worker)
 * picking up the persisted state. Delays follow backoff.test.ts (base 30 s: random 0 gives 15 s, then 30 s).
 */
import { describe, expect, it, vi } from 'vitest';
import { HubError } from './hub-http.ts';
import { createSyncRunner, INITIAL_SYNC_STATE, memoryStateStore, type SyncState } from './runner.ts';

function clock(start: string) {
  let t = Date.parse(start);
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('createSyncRunner', () => {
  it('records a success and clears earlier failures', async () => {
    const c = clock('2026-03-08T10:00:00Z');
    const state = memoryStateStore({
      ...INITIAL_SYNC_STATE,
      failures: 3,
      lastError: 'down',
      nextAttemptAt: '2026-03-08T09:59:00Z',
    });
    const runner = createSyncRunner({ sync: async () => 'report', state, now: c.now, random: () => 0 });
    const outcome = await runner.run();
    expect(outcome).toEqual({
      status: 'synced',
      report: 'report',
      state: {
        lastSyncAt: '2026-03-08T10:00:00.000Z',
        lastAttemptAt: '2026-03-08T10:00:00.000Z',
        failures: 0,
        nextAttemptAt: null,
        lastError: null,
      },
    });
    expect(await state.get()).toEqual(outcome.state);
  });

  it('backs off after failures, skips runs before the next attempt unless forced', async () => {
    const c = clock('2026-03-08T10:00:00Z');
    const sync = vi.fn(async () => {
      throw new HubError('hub not reachable (POST /v1/push: fetch failed)', 0);
    });
    const runner = createSyncRunner({ sync, state: memoryStateStore(), now: c.now, random: () => 0 });
    const first = await runner.run();
    expect(first).toMatchObject({
      status: 'failed',
      error: 'hub not reachable (POST /v1/push: fetch failed)',
      state: { failures: 1, nextAttemptAt: '2026-03-08T10:00:15.000Z', lastSyncAt: null },
    });
    c.advance(10_000);
    expect((await runner.run()).status).toBe('backing-off');
    expect(sync).toHaveBeenCalledTimes(1);
    // "Sync now" ignores the backoff; its failure doubles the window to 60 s: random 0 → 30 s after 10:00:10.
    const forced = await runner.run({ force: true });
    expect(forced.state).toMatchObject({ failures: 2, nextAttemptAt: '2026-03-08T10:00:40.000Z' });
    c.advance(30_000);
    expect((await runner.run()).state.failures).toBe(3);
    expect(sync).toHaveBeenCalledTimes(3);
  });

  it("waits at least the hub's Retry-After", async () => {
    const c = clock('2026-03-08T10:00:00Z');
    const runner = createSyncRunner({
      sync: async () => {
        throw new HubError('hub answered 429 to POST /v1/push: rate limit exceeded; retry in 120 s', 429, 120_000);
      },
      state: memoryStateStore(),
      now: c.now,
      random: () => 0,
    });
    expect((await runner.run()).state.nextAttemptAt).toBe('2026-03-08T10:02:00.000Z');
  });

  it('runs one sync at a time: a second call joins the running one', async () => {
    let finish: (v: string) => void = () => {};
    const sync = vi.fn(() => new Promise<string>((resolve) => (finish = resolve)));
    const runner = createSyncRunner({ sync, state: memoryStateStore(), random: () => 0 });
    const a = runner.run();
    const b = runner.run({ force: true });
    await vi.waitFor(() => expect(sync).toHaveBeenCalledTimes(1));
    expect(runner.running()).toBe(true);
    finish('once');
    expect(await a).toBe(await b);
    expect(runner.running()).toBe(false);
  });

  it('resumes from the persisted state in a new runner (a restarted service worker)', async () => {
    const c = clock('2026-03-08T10:00:00Z');
    let persisted: SyncState = INITIAL_SYNC_STATE;
    const store = { get: async () => persisted, set: async (s: SyncState) => void (persisted = s) };
    let hubUp = false;
    const sync = async () => {
      if (!hubUp) throw new HubError('hub not reachable', 0);
      return 'ok';
    };
    for (let k = 0; k < 3; k++) {
      await createSyncRunner({ sync, state: store, now: c.now, random: () => 1 }).run({ force: true });
    }
    // Three failures in a row: window 120 s, random 1 → 120 s.
    expect(persisted).toMatchObject({ failures: 3, nextAttemptAt: '2026-03-08T10:02:00.000Z' });
    hubUp = true;
    c.advance(60_000);
    expect((await createSyncRunner({ sync, state: store, now: c.now }).run()).status).toBe('backing-off');
    c.advance(60_000);
    const resumed = await createSyncRunner({ sync, state: store, now: c.now }).run();
    expect(resumed).toMatchObject({ status: 'synced', state: { failures: 0, lastSyncAt: '2026-03-08T10:02:00.000Z' } });
  });
});
