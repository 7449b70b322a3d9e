/**
 * The in-memory change log (server/src/change-log.ts) against the database's own answer (server/src/pull.ts,
 * the reference: one SQL statement over the stored rows): after every kind of write — pushes by several users,
 * a note turned private, concurrent edits and their resolution, a tombstone, re-scoring, a dataset and a model
 * change — memory's pull equals the database's for every role and every cursor taken along the way. Also: a
 * write memory did not see makes it reload instead of answering stale, and the PostgreSQL hub never answers from
 * memory (another instance may have written).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetToCsv, generateDataset } from '../../lib/engine/generate.ts';
import type { PullResponse } from '../../lib/sync/protocol.ts';
import { applyPush } from '../src/push.ts';
import { pullJson } from '../src/pull.ts';
import { authenticate, type Principal } from '../src/users.ts';
import { hubFor, insight, putBatch, seedTeam, useBackend, type Team } from './fixtures.ts';
import type { Database } from '../src/db/database.ts';
import type { ChangeLog } from '../src/change-log.ts';

let csv: ReturnType<typeof datasetToCsv>;
beforeAll(() => {
  csv = datasetToCsv(generateDataset({ accounts: 12, seed: 3 }), 'de');
});

const ROLES: (keyof Team)[] = ['ana', 'ben', 'lead', 'admin', 'cleo'];

/** Memory's and the database's answers for every role and cursor; memory must answer (not defer) each one. */
async function expectSameAnswers(db: Database, log: ChangeLog, principals: Map<string, Principal>, cursors: string[]) {
  for (const role of ROLES) {
    const p = principals.get(role)!;
    for (const cursor of [undefined, ...cursors]) {
      const query = { clientId: `${role}-laptop`, ...(cursor === undefined ? {} : { cursor }) };
      const memory = await log.pull(p, query);
      expect(memory, `${role} at cursor ${cursor}`).not.toBeNull();
      expect(JSON.parse(memory!), `${role} at cursor ${cursor}`).toEqual(JSON.parse(await pullJson(db, p, query)));
    }
  }
}

describe('the change log on PGlite', () => {
  const { open } = useBackend('pglite');

  async function setUp() {
    const db = await open();
    const team = await seedTeam(db);
    const hub = hubFor(db);
    const principals = new Map<string, Principal>();
    for (const role of ROLES) principals.set(role, (await authenticate(db, team[role]))!);
    return { db, team, principals, ...hub };
  }

  it('answers every pull as the database does, through every kind of write', async () => {
    const { db, team, principals, call, log, rescorer } = await setUp();
    const cursors: string[] = [];
    const step = async () => {
      await rescorer.caughtUp();
      cursors.push((await call('GET', '/v1/pull?clientId=admin-laptop', { token: team.admin })).json.cursor);
      await expectSameAnswers(db, log, principals, cursors);
    };
    await step(); // an empty hub

    const upload = await call('POST', '/v1/admin/dataset', {
      token: team.admin,
      body: { accounts: csv.accounts, orders: csv.orders },
    });
    expect(upload.status).toBe(201);
    const accountId = (await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben })).json.snapshot.snapshot
      .accounts[0].id;
    await step();

    const shared = insight({ accountId, title: 'Shared need', sentiment: 2 });
    const secret = insight({ accountId, title: 'Private note', visibility: 'private' });
    const benNote = insight({ accountId, author: 'ben@example.com', title: 'Competitor visit', type: 'competitor' });
    const cleoNote = insight({ accountId, author: 'cleo@example.com', title: 'South note' });
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [shared, secret]) });
    await call('POST', '/v1/push', { token: team.ben, body: putBatch('ben-laptop', [benNote]) });
    await call('POST', '/v1/push', { token: team.cleo, body: putBatch('cleo-laptop', [cleoNote]) });
    await step();

    // Ana turns her shared note private: Ben's next pull revokes it.
    const privateNow = { ...shared, visibility: 'private' as const, rev: 2, updatedAt: '2026-03-02T10:00:00.000Z' };
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [privateNow], 3) });
    const benAfter = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${cursors.at(-1)}`, { token: team.ben });
    expect(benAfter.json.revokedInsightIds).toEqual([shared.id]);
    await step();

    // Two of Ana's devices edit her private note concurrently: the later edit wins, the other is kept as a conflict.
    const fromLaptop = { ...secret, title: 'Laptop edit', rev: 2, updatedAt: '2026-03-02T11:00:00.000Z' };
    const fromPhone = { ...secret, title: 'Phone edit', rev: 2, updatedAt: '2026-03-02T10:30:00.000Z' };
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [fromLaptop], 4) });
    const lost = await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-phone1', [fromPhone]) });
    expect(lost.json.results[0].status).toBe('conflict');
    await step();
    const conflictId = lost.json.results[0].conflictId as number;
    await call('POST', '/v1/push', {
      token: team.ana,
      body: {
        protocolVersion: 1,
        clientId: 'ana-phone1',
        mutations: [{ kind: 'conflict.resolve', mutationId: 2, conflictId }],
      },
    });
    await step();

    // A tombstone, then a model change (a new full snapshot).
    await call('POST', '/v1/push', {
      token: team.ben,
      body: {
        protocolVersion: 1,
        clientId: 'ben-laptop',
        mutations: [
          {
            kind: 'insight.delete',
            mutationId: 2,
            insightId: benNote.id,
            baseRev: 1,
            deletedAt: '2026-03-03T08:00:00.000Z',
          },
        ],
      },
    });
    await step();
    const model = (await call('GET', '/v1/pull?clientId=admin-laptop', { token: team.admin })).json.model;
    const changed = await call('PUT', '/v1/admin/model', {
      token: team.admin,
      body: { ...model, segments: { a: model.segments.a + 5, b: model.segments.b } },
    });
    expect(changed.status).toBe(200);
    await step();
  });

  it('a pull right after another client’s push carries the new insight, its re-score and the pusher’s position', async () => {
    const { team, call, rescorer } = await setUp();
    await call('POST', '/v1/admin/dataset', {
      token: team.admin,
      body: { accounts: csv.accounts, orders: csv.orders },
    });
    const first = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    const account = first.json.snapshot.snapshot.accounts[0];
    const threat = insight({
      accountId: account.id,
      type: 'competitor',
      title: 'Rival quoted 12 % below',
      sentiment: -2,
    });
    const pushed = await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [threat]) });
    expect(pushed.json.rescoringAccountIds).toEqual([account.id]);
    await rescorer.caughtUp();

    const next = (await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${first.json.cursor}`, { token: team.ben }))
      .json as PullResponse;
    expect(next.insights).toEqual([threat]);
    expect(Number(next.cursor)).toBeGreaterThan(Number(first.json.cursor));
    expect(next.snapshot).toMatchObject({ kind: 'delta', snapshotId: 1 });
    expect(next.snapshot?.kind === 'delta' && next.snapshot.accounts.map((a) => a.id)).toEqual([account.id]);
    const own = await call('GET', '/v1/pull?clientId=ana-laptop', { token: team.ana });
    expect(own.json.lastMutationId).toBe(1);
    const again = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${next.cursor}`, { token: team.ben });
    expect(again.json).toMatchObject({ insights: [], snapshot: null, cursor: next.cursor });
  });

  it('a write it did not see makes it reload: the next pulls stay complete', async () => {
    const { db, team, principals, call, log } = await setUp();
    const start = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    const outside = insight({ title: 'Written past the hub' });
    await applyPush(db, principals.get('ana')!, putBatch('ana-tablet', [outside]) as never);
    const seen = insight({ title: 'Written through the hub' });
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [seen]) });

    const next = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${start.json.cursor}`, { token: team.ben });
    expect(next.json.insights.map((i: { title: string }) => i.title)).toEqual([
      'Written past the hub',
      'Written through the hub',
    ]);
    // Reloaded: memory answers again from the version it loaded at.
    const query = { clientId: 'ben-laptop', cursor: next.json.cursor as string };
    expect(JSON.parse((await log.pull(principals.get('ben')!, query))!)).toMatchObject({ insights: [] });
  });
});

describe('the change log on PostgreSQL', () => {
  const { open, skip } = useBackend('postgres');
  (skip ? it.skip : it)('never answers from memory', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const { log, call } = hubFor(db);
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [insight()]) });
    expect(await log.pull((await authenticate(db, team.ana))!, { clientId: 'ana-laptop' })).toBeNull();
  });
});
