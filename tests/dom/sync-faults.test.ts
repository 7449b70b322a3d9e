/**
 * Fault tests for every path between a rep's device and the hub: the extension's sync client and store
 * (fake-indexeddb) against the real hub in this process (server/src on in-memory PGlite), with the faults put in
 * between — the hub's database reset or restored from a backup, the device moved to another hub, a damaged outbox
 * row, every push and pull delivered twice, answers lost after the hub committed, the service worker stopped
 * between any two steps of a save, a push and a pull, and clocks a day apart.
 *
 * Every test ends with the same three proofs (`expectConverged`): every note is at the hub exactly once, in the
 * version the device has, with no conflict made up on the way; no note is lost on the device and nothing is left
 * queued; and the device syncs again (a new note goes through) without the rep doing anything unusual.
 */
import { describe, expect, it } from 'vitest';
import type { Insight } from '../../lib/engine/insight.ts';
import { getInsight, listInsightsForAccount, saveInsight } from '../../lib/store/insights.ts';
import { ensureClientId, getMeta } from '../../lib/store/meta.ts';
import type { Db } from '../../lib/store/open.ts';
import { listQuarantine } from '../../lib/store/read.ts';
import { freshDb, putRaw } from '../store-fixtures.ts';
import { startOver, syncOnce, type SyncReport } from '../../lib/sync/client.ts';
import type { Database } from '../../server/src/db/database.ts';
import { hubFor, seedTeam, useBackend, type Team } from '../../server/test/fixtures.ts';

const URL_A = 'https://hub-a.example.com';
const ANA = 'ana@example.com';

interface Hub {
  database: Database;
  team: Team;
  /** A fetch into this hub's app; `via` puts a fault between the device and the hub. */
  fetch: typeof globalThis.fetch;
  /** Starts the hub again on its database (as after a restore): the in-memory change log starts empty. */
  restart(): void;
}

type Fetch = typeof globalThis.fetch;

async function startHub(database: Database): Promise<Hub> {
  const team = await seedTeam(database);
  let app = hubFor(database).app;
  const fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    return app.request(url.pathname + url.search, init);
  }) as Fetch;
  return {
    database,
    team,
    fetch,
    restart() {
      app = hubFor(database).app;
    },
  };
}

interface Device {
  db: Db;
  author: string;
  save(title: string, fields?: Partial<Insight>, at?: Date): Promise<Insight>;
  edit(id: string, title: string, at?: Date): Promise<Insight>;
  sync(fetch: Fetch, token: string): Promise<SyncReport>;
}

async function newDevice(author = ANA, clock: () => Date = () => new Date('2026-03-02T09:00:00Z')): Promise<Device> {
  const { db } = await freshDb();
  let tick = 0;
  const now = () => new Date(clock().getTime() + tick++ * 1000);
  const ctx = async (at?: Date) => ({ clientId: await ensureClientId(db), author, now: at ?? now() });
  return {
    db,
    author,
    save: async (title, fields = {}, at) =>
      saveInsight(db, { type: 'need', title, accountId: null, visibility: 'team', ...fields }, await ctx(at)),
    async edit(id, title, at) {
      const stored = (await getInsight(db, id)).value!;
      return saveInsight(db, { ...stored, title, rev: stored.rev }, await ctx(at));
    },
    sync: (fetch, token) => syncOnce(db, { url: URL_A, token }, { fetch, author, now }),
  };
}

type HubRow = {
  id: string;
  rev: number;
  title: string;
  deleted: boolean;
};

async function hubNotes(database: Database): Promise<HubRow[]> {
  return database.query<HubRow>(
    "SELECT id, rev, data->>'title' AS title, deleted_at IS NOT NULL AS deleted FROM insights ORDER BY id",
  );
}

async function localNotes(db: Db): Promise<HubRow[]> {
  const listing = await listInsightsForAccount(db, null, { includeDeleted: true });
  return listing.items
    .map((i) => ({ id: i.id, rev: i.rev, title: i.title, deleted: i.deletedAt !== null }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * The three proofs: (1) the hub holds each of the device's notes once, in the device's version, and no conflict
 * was made up; (2) the device lost none of `expected` and has nothing left queued; (3) a new note syncs.
 */
async function expectConverged(hub: Hub, devices: Device[], token: string, expected: string[]): Promise<void> {
  for (const d of devices) await d.sync(hub.fetch, token);
  const atHub = await hubNotes(hub.database);
  expect(atHub.map((n) => n.title).sort()).toEqual([...expected].sort());
  expect(new Set(atHub.map((n) => n.id)).size).toBe(atHub.length);
  for (const d of devices) {
    expect(await localNotes(d.db)).toEqual(atHub);
    expect(await d.db.count('outbox')).toBe(0);
  }
  expect(await hub.database.query('SELECT id FROM conflicts')).toEqual([]);
  const probe = await devices[0]!.save(`probe ${expected.length}`);
  const report = await devices[0]!.sync(hub.fetch, token);
  expect(report.push).toMatchObject({ acknowledged: 1, remaining: 0, stalledAt: null, recovered: null });
  expect((await hubNotes(hub.database)).some((n) => n.id === probe.id)).toBe(true);
}

/** The service worker stopped: thrown at the chosen step, so nothing after it runs and nothing of it commits. */
class WorkerStopped extends Error {}

const SHORTCUTS = new Set(['get', 'getKey', 'getAll', 'getAllKeys', 'count', 'put', 'add', 'delete', 'clear']);

/**
 * The store and the network as one worker run sees them, with a stop before step `at`: every IndexedDB
 * transaction is a step (a transaction the worker did not get to commit is the same as one never begun), and each
 * request two (before it leaves, and after the hub answered: the answer lost with the worker). `steps()` says how
 * many steps the run took, so the caller knows when it has stepped through all of them.
 */
function stoppableRun(db: Db, fetch: Fetch, at: number) {
  let steps = 0;
  const step = (what: string) => {
    if (++steps === at) throw new WorkerStopped(`worker stopped before step ${at} (${what})`);
  };
  const proxy: Db = new Proxy(db, {
    get(target, prop) {
      if (prop === 'transaction') {
        return (...args: Parameters<Db['transaction']>) => {
          step(`transaction on ${String(args[0])}`);
          return target.transaction(...args);
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof prop === 'string' && (SHORTCUTS.has(prop) || prop.endsWith('FromIndex'))) return value;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const stoppableFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    step(`sending ${String(input)}`);
    const response = await fetch(input, init);
    step(`answer to ${String(input)}`);
    return response;
  }) as Fetch;
  return { db: proxy, fetch: stoppableFetch, steps: () => steps };
}

describe('sync faults against the real hub (PGlite)', () => {
  // One in-memory PGlite for the whole file (it takes seconds to start), emptied for each test.
  const backend = useBackend('pglite');

  it('hub database reset mid-life: the device starts a new client group and sends again what the hub lost', async () => {
    const hub = await startHub(await backend.open());
    const laptop = await newDevice();
    for (const t of ['one', 'two', 'three']) await laptop.save(t);
    await laptop.sync(hub.fetch, hub.team.ana);
    await laptop.save('four (offline)');
    expect(await getMeta(laptop.db, 'lastAckedMutationId')).toBe(3);

    // The hub's data is wiped (users and tokens kept, as after re-creating the database from the user list).
    await hub.database.exec(
      'TRUNCATE review_log, conflicts, insights, clients, rescore_queue RESTART IDENTITY CASCADE; UPDATE hub_meta SET version = 0',
    );
    hub.restart();
    // Before: the hub expected mutation 1, the device sent 4: deferred, forever. Now: a new client group.
    const report = await laptop.sync(hub.fetch, hub.team.ana);
    expect(report.push.recovered).toBe('hub-forgot');
    expect(report.recovery).toMatchObject({ kind: 'hub-forgot', carried: 1, resent: 3, seen: false });
    await expectConverged(hub, [laptop], hub.team.ana, ['one', 'two', 'three', 'four (offline)']);
  });

  it('hub restored from a backup: lost notes and a lost edit come back, with nothing queued (pull detects it)', async () => {
    const database = await backend.open();
    const hub = await startHub(database);
    const laptop = await newDevice();
    const phone = await newDevice();
    const one = await laptop.save('one');
    await laptop.save('two');
    await laptop.sync(hub.fetch, hub.team.ana);
    await database.exec(`DROP TABLE IF EXISTS bk_insights, bk_clients, bk_meta;
      CREATE TABLE bk_insights AS SELECT * FROM insights; CREATE TABLE bk_clients AS SELECT * FROM clients;
      CREATE TABLE bk_meta AS SELECT * FROM hub_meta`);
    await laptop.save('three');
    await laptop.edit(one.id, 'one, edited');
    await laptop.sync(hub.fetch, hub.team.ana);
    await phone.sync(hub.fetch, hub.team.ana);
    expect((await localNotes(phone.db)).map((n) => n.title)).toContain('three');

    await database.exec(`TRUNCATE conflicts, insights, clients CASCADE;
      INSERT INTO insights SELECT * FROM bk_insights; INSERT INTO clients SELECT * FROM bk_clients;
      UPDATE hub_meta SET version = (SELECT version FROM bk_meta)`);
    hub.restart();
    // Nothing is queued on the laptop: the pull's lastMutationId (2, below the 4 acknowledged) gives it away.
    const report = await laptop.sync(hub.fetch, hub.team.ana);
    expect(report.recovery).toMatchObject({ kind: 'hub-forgot', carried: 0, resent: 2 });
    expect((await hubNotes(database)).find((n) => n.id === one.id)).toMatchObject({ rev: 2, title: 'one, edited' });
    // The phone's cursor is beyond the restored hub: it gets everything again and keeps what it had.
    await expectConverged(hub, [laptop, phone], hub.team.ana, ['one, edited', 'two', 'three']);
  });

  it('device moved to a second hub: its queue and the notes that hub lacks go there, from mutation 1', async () => {
    const hubA = await startHub(await backend.open());
    const laptop = await newDevice();
    await laptop.save('one');
    await laptop.sync(hubA.fetch, hubA.team.ana);
    await laptop.save('two (offline)');
    // The second hub: a fresh database (the shared one emptied), as another team's hub would be.
    const hubB = await startHub(await backend.open());
    // Connecting elsewhere starts a new group (entrypoints/background/sync.ts); detection would also catch it.
    await startOver(laptop.db);
    const report = await laptop.sync(hubB.fetch, hubB.team.ana);
    expect(report.recovery).toMatchObject({ kind: 'new-hub', carried: 1, resent: 1 });
    await expectConverged(hubB, [laptop], hubB.team.ana, ['one', 'two (offline)']);
  });

  it('device moved to a second hub without being told: the push answer gives it away', async () => {
    const hubA = await startHub(await backend.open());
    const laptop = await newDevice();
    await laptop.save('one');
    await laptop.sync(hubA.fetch, hubA.team.ana);
    await laptop.save('two (offline)');
    const hubB = await startHub(await backend.open());
    const report = await laptop.sync(hubB.fetch, hubB.team.ana);
    expect(report.recovery).toMatchObject({ kind: 'hub-forgot', carried: 1, resent: 1 });
    await expectConverged(hubB, [laptop], hubB.team.ana, ['one', 'two (offline)']);
  });

  it('a damaged outbox row: quarantined, the rest re-based past the gap, the note itself sent again', async () => {
    const hub = await startHub(await backend.open());
    const laptop = await newDevice();
    await laptop.save('one');
    const two = await laptop.save('two');
    await laptop.save('three');
    const row = await laptop.db.get('outbox', 2);
    await putRaw(laptop.db, 'outbox', { ...row, attempts: 'many' });
    const report = await laptop.sync(hub.fetch, hub.team.ana);
    expect(report.push.recovered).toBe('gap');
    expect(report.recovery).toMatchObject({ kind: 'gap', carried: 1, resent: 1 });
    expect((await listQuarantine(laptop.db)).map((q) => q.store)).toEqual(['outbox']);
    expect((await hubNotes(hub.database)).find((n) => n.id === two.id)?.title).toBe('two');
    await expectConverged(hub, [laptop], hub.team.ana, ['one', 'two', 'three']);
  });

  for (const answer of ['first', 'second'] as const) {
    it(`every push and pull delivered twice (the device gets the ${answer} answer): each note once, no conflicts`, async () => {
      const hub = await startHub(await backend.open());
      const twice = (async (input: string | URL | Request, init?: RequestInit) => {
        const a = await hub.fetch(input, init);
        const b = await hub.fetch(input, init);
        return answer === 'first' ? a : b;
      }) as Fetch;
      const laptop = await newDevice();
      const phone = await newDevice();
      const one = await laptop.save('one');
      await laptop.save('two');
      await laptop.sync(twice, hub.team.ana);
      await phone.sync(twice, hub.team.ana);
      await phone.edit(one.id, 'one, from the phone');
      await phone.save('three');
      await phone.sync(twice, hub.team.ana);
      await laptop.sync(twice, hub.team.ana);
      expect((await getInsight(laptop.db, one.id)).value?.title).toBe('one, from the phone');
      await expectConverged(hub, [laptop, phone], hub.team.ana, ['one, from the phone', 'two', 'three']);
    });
  }

  it('answers lost after the hub committed: the device retries, the hub skips what it has', async () => {
    const hub = await startHub(await backend.open());
    let lose = true;
    const lossy = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await hub.fetch(input, init);
      if (lose) throw new TypeError('fetch failed');
      return response;
    }) as Fetch;
    const laptop = await newDevice();
    for (const t of ['one', 'two']) await laptop.save(t);
    await expect(laptop.sync(lossy, hub.team.ana)).rejects.toThrow('hub not reachable (POST /v1/push: fetch failed)');
    expect((await hubNotes(hub.database)).length).toBe(2); // committed at the hub, unknown to the device
    // The push answer arrives now, the pull's is lost.
    let calls = 0;
    const pullLost = (async (input: string | URL | Request, init?: RequestInit) => {
      const response = await hub.fetch(input, init);
      if (calls++ === 1) throw new TypeError('fetch failed');
      return response;
    }) as Fetch;
    await laptop.save('three');
    await expect(laptop.sync(pullLost, hub.team.ana)).rejects.toThrow('GET /v1/pull');
    expect(await laptop.db.count('outbox')).toBe(0);
    lose = false;
    const report = await laptop.sync(lossy, hub.team.ana);
    expect(report.push.recovered).toBeNull();
    await expectConverged(hub, [laptop], hub.team.ana, ['one', 'two', 'three']);
  });

  it('clocks a day apart: the later edit by rev wins, the loser is kept as a conflict, nothing is lost', async () => {
    const hub = await startHub(await backend.open());
    const ahead = await newDevice(ANA, () => new Date(Date.now() + 86_400_000));
    const behind = await newDevice(ANA, () => new Date(Date.now() - 86_400_000));
    const note = await ahead.save('from the fast clock');
    await ahead.sync(hub.fetch, hub.team.ana);
    await behind.sync(hub.fetch, hub.team.ana);
    // The slow device edits a note "created tomorrow": its updatedAt still moves forward.
    const edited = await behind.edit(note.id, 'edited on the slow clock');
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(note.updatedAt));
    await behind.save('made on the slow clock');
    await behind.sync(hub.fetch, hub.team.ana);
    await ahead.sync(hub.fetch, hub.team.ana);
    expect((await getInsight(ahead.db, note.id)).value).toMatchObject({ rev: 2, title: 'edited on the slow clock' });

    // Concurrent edits of one rev: the fast clock's wins on updatedAt; the slow one's is kept, not lost.
    await ahead.edit(note.id, 'fast again');
    await behind.edit(note.id, 'slow again');
    await behind.sync(hub.fetch, hub.team.ana);
    await ahead.sync(hub.fetch, hub.team.ana);
    await behind.sync(hub.fetch, hub.team.ana);
    const losers = await hub.database.query<{ title: string }>("SELECT losing->>'title' AS title FROM conflicts");
    expect(losers).toEqual([{ title: 'slow again' }]);
    const kept = await behind.db.getAll('conflicts');
    expect(kept.map((c) => c.losing.title)).toEqual(['slow again']);
    expect((await hubNotes(hub.database)).map((n) => n.title).sort()).toEqual(['fast again', 'made on the slow clock']);
    for (const d of [ahead, behind]) expect(await localNotes(d.db)).toEqual(await hubNotes(hub.database));
  });

  describe('the service worker stopped between any two steps of a save, a push and a pull', () => {
    /**
     * For every step k of `run`: a fresh device set up by `prepare`, `run` stopped before step k, then the worker
     * "restarts" and syncs as usual. Proves for each k: the notes whose save returned ("Saved" shown) are at the hub
     * exactly once in the device's version, none is lost on the device, nothing stays queued, no conflict was made.
     */
    async function stepThrough(
      name: string,
      prepare: (hub: Hub, device: Device) => Promise<void>,
      run: (hub: Hub, db: Db, fetch: Fetch, saved: Insight[]) => Promise<void>,
    ): Promise<number> {
      const hub = await startHub(await backend.open());
      for (let at = 1; ; at++) {
        const device = await newDevice();
        await prepare(hub, device);
        const before = await localNotes(device.db);
        const stoppable = stoppableRun(device.db, hub.fetch, at);
        const saved: Insight[] = [];
        const stopped = await run(hub, stoppable.db, stoppable.fetch, saved).then(
          () => false,
          (error: unknown) => {
            // A stop inside fetch reaches the caller as the sync client's HubError, which names it.
            if (!(error instanceof WorkerStopped) && !String(error).includes('worker stopped before step')) throw error;
            return true;
          },
        );
        // The restart: the next alarm's sync, nothing else.
        await device.sync(hub.fetch, hub.team.ana);
        const local = await localNotes(device.db);
        const ids = new Set(local.map((n) => n.id));
        for (const n of before) expect(ids.has(n.id), `${name}, stop at ${at}: lost ${n.title}`).toBe(true);
        for (const s of saved) expect(ids.has(s.id), `${name}, stop at ${at}: lost ${s.title}`).toBe(true);
        const atHub = (await hubNotes(hub.database)).filter((n) => ids.has(n.id));
        expect(atHub, `${name}, stop at ${at}`).toEqual(local);
        expect(await device.db.count('outbox')).toBe(0);
        expect(await hub.database.query('SELECT id FROM conflicts')).toEqual([]);
        if (!stopped) return at - 1;
      }
    }

    it('a save and the sync after it, every step', async () => {
      const steps = await stepThrough(
        'save + sync',
        async () => {},
        async (hub, db, fetch, saved) => {
          const ctx = { clientId: await ensureClientId(db), author: ANA, now: new Date('2026-03-02T10:00:00Z') };
          saved.push(await saveInsight(db, { type: 'need', title: 'first', accountId: null }, ctx));
          saved.push(await saveInsight(db, { type: 'need', title: 'second', accountId: null }, ctx));
          await syncOnce(db, { url: URL_A, token: hub.team.ana }, { fetch, author: ANA });
        },
      );
      expect(steps).toBeGreaterThan(10);
    });

    it('a push and a pull with edits on both sides, every step', async () => {
      let other: Device;
      const steps = await stepThrough(
        'push + pull',
        async (hub, device) => {
          other ??= await newDevice('ben@example.com');
          const note = await device.save('mine');
          await device.sync(hub.fetch, hub.team.ana);
          await device.edit(note.id, 'mine, edited');
          await device.save('mine, new');
          await other.save(`ben's ${Math.random()}`);
          await other.sync(hub.fetch, hub.team.ben);
        },
        async (hub, db, fetch) => {
          await syncOnce(db, { url: URL_A, token: hub.team.ana }, { fetch, author: ANA });
        },
      );
      expect(steps).toBeGreaterThan(10);
    });

    it('the recovery after the hub forgot the device, every step', async () => {
      const steps = await stepThrough(
        'recovery',
        async (hub, device) => {
          await device.save('one');
          await device.save('two');
          await device.sync(hub.fetch, hub.team.ana);
          await device.save('three (queued)');
          const clientId = await ensureClientId(device.db);
          // The hub forgets this device: its client row and its notes (as a restore from before it existed would).
          await hub.database.query('DELETE FROM insights WHERE updated_by_client = $1', [clientId]);
          await hub.database.query('DELETE FROM clients WHERE client_id = $1', [clientId]);
          hub.restart();
        },
        async (hub, db, fetch) => {
          await syncOnce(db, { url: URL_A, token: hub.team.ana }, { fetch, author: ANA });
        },
      );
      expect(steps).toBeGreaterThan(10);
    });
  });
});
