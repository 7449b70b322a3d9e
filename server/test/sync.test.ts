/**
 * The sync protocol end to end through the Hono app, on both backends: push/pull, visibility by role, replays and
 * gaps, rejections that do not block the queue, concurrent edits, tombstones, and 1,000 offline insights.
 */
import { describe, expect, it } from 'vitest';
import { BACKENDS, hubFor, insight, putBatch, seedTeam, useBackend } from './fixtures.ts';

describe.each(BACKENDS)('sync on %s', (backend) => {
  const { open, skip } = useBackend(backend);
  const test = skip ? it.skip : it;

  async function setUp() {
    const db = await open();
    const team = await seedTeam(db);
    return { db, team, ...hubFor(db) };
  }

  test('a push is pulled by whoever may see it: own, team-visible for team and admin, private for the author only', async () => {
    const { team, call } = await setUp();
    const shared = insight({ title: 'Shared need' });
    const secret = insight({ title: 'Private note', visibility: 'private' });
    const push = await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [shared, secret]) });
    expect(push.status).toBe(200);
    expect(push.json).toMatchObject({
      lastMutationId: 2,
      results: [
        { mutationId: 1, status: 'applied' },
        { mutationId: 2, status: 'applied' },
      ],
    });

    const titles = async (token: string, clientId: string) =>
      (await call('GET', `/v1/pull?clientId=${clientId}`, { token })).json.insights.map(
        (i: { title: string }) => i.title,
      );
    expect(await titles(team.ana, 'ana-laptop')).toEqual(['Shared need', 'Private note']);
    expect(await titles(team.ben, 'ben-laptop')).toEqual(['Shared need']);
    // Private is the author's only: neither the leader nor an admin receives its text.
    expect(await titles(team.lead, 'lead-laptop')).toEqual(['Shared need']);
    expect(await titles(team.admin, 'admin-laptop')).toEqual(['Shared need']);
    expect(await titles(team.cleo, 'cleo-laptop')).toEqual([]);

    const own = await call('GET', '/v1/pull?clientId=ana-laptop', { token: team.ana });
    expect(own.json.lastMutationId).toBe(2);
    expect(own.json.insights[0]).toEqual(shared);
    const again = await call('GET', `/v1/pull?clientId=ana-laptop&cursor=${own.json.cursor}`, { token: team.ana });
    expect(again.json).toMatchObject({
      insights: [],
      conflicts: [],
      revokedInsightIds: [],
      reset: false,
      snapshot: null,
      model: null,
    });
  });

  test('replayed and overlapping batches are skipped; each insight is stored once', async () => {
    const { db, team, call } = await setUp();
    const items = [insight(), insight(), insight(), insight()];
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', items.slice(0, 3)) });
    const replay = await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', items.slice(0, 3)) });
    expect(replay.json.results.map((r: { status: string }) => r.status)).toEqual(['skipped', 'skipped', 'skipped']);
    const overlap = await call('POST', '/v1/push', {
      token: team.ana,
      body: putBatch('ana-laptop', items.slice(1), 2),
    });
    expect(overlap.json.results.map((r: { status: string }) => r.status)).toEqual(['skipped', 'skipped', 'applied']);
    expect(overlap.json.lastMutationId).toBe(4);
    const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM insights');
    expect(count!.n).toBe(4);
  });

  test('a gap defers the rest of the batch and stores nothing from it', async () => {
    const { db, team, call } = await setUp();
    const res = await call('POST', '/v1/push', {
      token: team.ana,
      body: putBatch('ana-laptop', [insight(), insight()], 3),
    });
    expect(res.json).toMatchObject({
      lastMutationId: 0,
      results: [
        { mutationId: 3, status: 'deferred', reason: 'waiting for mutation 1' },
        { mutationId: 4, status: 'deferred' },
      ],
    });
    expect(await db.query('SELECT id FROM insights')).toEqual([]);
  });

  test('a rejected mutation gets a reason and the queue behind it still applies', async () => {
    const { team, call } = await setUp();
    const bens = insight({ author: 'ben@example.com', title: 'Ben’s note' });
    await call('POST', '/v1/push', { token: team.ben, body: putBatch('ben-laptop', [bens]) });
    const edit = { ...bens, title: 'Ana rewrites it', rev: 2 };
    const mine = insight();
    const res = await call('POST', '/v1/push', {
      token: team.ana,
      body: {
        protocolVersion: 1,
        clientId: 'ana-laptop',
        mutations: [
          { kind: 'insight.put', mutationId: 1, insight: edit, baseRev: 1 },
          { kind: 'insight.put', mutationId: 2, insight: mine, baseRev: 0 },
          { kind: 'conflict.resolve', mutationId: 3, conflictId: 99 },
        ],
      },
    });
    expect(res.json.lastMutationId).toBe(3);
    expect(res.json.results).toEqual([
      {
        mutationId: 1,
        status: 'rejected',
        reason: `insight ${bens.id} belongs to someone else; you may not change it`,
      },
      { mutationId: 2, status: 'applied' },
      { mutationId: 3, status: 'rejected', reason: 'no open conflict 99 of yours' },
    ]);
    const ben = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    expect(ben.json.insights.find((i: { id: string }) => i.id === bens.id).title).toBe('Ben’s note');
  });

  test('the leader may edit a team member’s insight', async () => {
    const { team, call } = await setUp();
    const anas = insight();
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [anas]) });
    const res = await call('POST', '/v1/push', {
      token: team.lead,
      body: {
        protocolVersion: 1,
        clientId: 'lead-laptop',
        mutations: [{ kind: 'insight.put', mutationId: 1, insight: { ...anas, status: 'done', rev: 2 }, baseRev: 1 }],
      },
    });
    expect(res.json.results).toEqual([{ mutationId: 1, status: 'applied' }]);
  });

  describe('concurrent edits of one insight from two devices', () => {
    const base = insight({ title: 'Original' });
    const laptop = { ...base, title: 'Laptop edit', rev: 2, updatedAt: '2026-03-02T10:00:00.000Z' };
    const phone = { ...base, title: 'Phone edit', rev: 2, updatedAt: '2026-03-02T11:00:00.000Z' };
    const put = (clientId: string, version: typeof laptop, mutationId: number) => ({
      protocolVersion: 1,
      clientId,
      mutations: [{ kind: 'insight.put', mutationId, insight: version, baseRev: 1 }],
    });

    async function play(order: ('laptop' | 'phone')[]) {
      const { db, team, call } = await setUp();
      await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [base]) });
      const results: Record<string, unknown> = {};
      for (const who of order) {
        const res = await call('POST', '/v1/push', {
          token: team.ana,
          body: who === 'laptop' ? put('ana-laptop', laptop, 2) : put('ana-phone1', phone, 1),
        });
        results[who] = res.json.results[0];
      }
      const pulled = await call('GET', '/v1/pull?clientId=ana-phone1', { token: team.ana });
      const stored = await db.query<{ title: string }>(`SELECT data->>'title' AS title FROM insights`);
      return { team, call, results, pulled: pulled.json, stored };
    }

    test('the later updatedAt wins in either arrival order, and the loser is kept as a conflict', async () => {
      const a = await play(['laptop', 'phone']);
      const b = await play(['phone', 'laptop']);
      for (const run of [a, b]) {
        expect(run.stored).toEqual([{ title: 'Phone edit' }]);
        expect(run.pulled.insights).toEqual([phone]);
        expect(run.pulled.conflicts).toHaveLength(1);
        expect(run.pulled.conflicts[0]).toMatchObject({
          insightId: base.id,
          losing: laptop,
          winningRev: 2,
          resolvedAt: null,
        });
      }
      expect(a.results.phone).toEqual({ mutationId: 1, status: 'applied' });
      expect(b.results.laptop).toMatchObject({
        mutationId: 2,
        status: 'conflict',
        conflictId: b.pulled.conflicts[0].id,
      });
    });

    test('resolving the conflict reaches the author’s other devices', async () => {
      const { team, call, pulled } = await play(['phone', 'laptop']);
      const conflictId = pulled.conflicts[0].id;
      const res = await call('POST', '/v1/push', {
        token: team.ana,
        body: {
          protocolVersion: 1,
          clientId: 'ana-phone1',
          mutations: [{ kind: 'conflict.resolve', mutationId: 2, conflictId }],
        },
      });
      expect(res.json.results).toEqual([{ mutationId: 2, status: 'applied' }]);
      const later = await call('GET', `/v1/pull?clientId=ana-laptop&cursor=${pulled.cursor}`, { token: team.ana });
      expect(later.json.conflicts).toHaveLength(1);
      expect(later.json.conflicts[0].id).toBe(conflictId);
      expect(later.json.conflicts[0].resolvedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      const others = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
      expect(others.json.conflicts).toEqual([]);
    });
  });

  test('a delete travels as a tombstone; a switch to private is revoked from teammates', async () => {
    const { team, call } = await setUp();
    const one = insight({ title: 'To delete' });
    const two = insight({ title: 'To hide' });
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [one, two]) });
    const before = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    expect(before.json.insights).toHaveLength(2);
    await call('POST', '/v1/push', {
      token: team.ana,
      body: {
        protocolVersion: 1,
        clientId: 'ana-laptop',
        mutations: [
          {
            kind: 'insight.delete',
            mutationId: 3,
            insightId: one.id,
            baseRev: 1,
            deletedAt: '2026-03-03T08:00:00.000Z',
          },
          { kind: 'insight.put', mutationId: 4, insight: { ...two, visibility: 'private', rev: 2 }, baseRev: 1 },
        ],
      },
    });
    const after = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${before.json.cursor}`, { token: team.ben });
    expect(after.json.insights).toEqual([
      { ...one, deletedAt: '2026-03-03T08:00:00.000Z', updatedAt: '2026-03-03T08:00:00.000Z', rev: 2 },
    ]);
    expect(after.json.revokedInsightIds).toEqual([two.id]);
  });

  test('1,000 insights captured offline arrive in order, once, through duplicated and replayed batches', async () => {
    const { db, team, call } = await setUp();
    const items = Array.from({ length: 1000 }, (_, k) =>
      insight({ title: `Offline note ${k + 1}`, accountId: `K-${1000 + (k % 40)}` }),
    );
    const batches = Array.from({ length: 10 }, (_, b) =>
      putBatch('ana-offline', items.slice(b * 100, b * 100 + 100), b * 100 + 1),
    );
    // Batches 3 and 7 are sent twice (a retry after a lost response), and batch 2 again after batch 5.
    const sequence = [0, 1, 2, 3, 3, 4, 5, 2, 6, 7, 7, 8, 9];
    let applied = 0;
    for (const b of sequence) {
      const res = await call('POST', '/v1/push', { token: team.ana, body: batches[b] });
      expect(res.status).toBe(200);
      applied += res.json.results.filter((r: { status: string }) => r.status === 'applied').length;
    }
    expect(applied).toBe(1000);
    const pulled = await call('GET', '/v1/pull?clientId=ana-offline', { token: team.ana });
    expect(pulled.json.lastMutationId).toBe(1000);
    expect(pulled.json.insights.map((i: { title: string }) => i.title)).toEqual(items.map((i) => i.title));
    const [count] = await db.query<{ n: number; d: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM insights',
    );
    expect(count).toEqual({ n: 1000, d: 1000 });
  });

  test('a cursor from the future (a restored hub) asks the client to reset', async () => {
    const { team, call } = await setUp();
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [insight()]) });
    const res = await call('GET', '/v1/pull?clientId=ana-laptop&cursor=999999', { token: team.ana });
    expect(res.json.reset).toBe(true);
    expect(res.json.insights).toHaveLength(1);
  });
});
