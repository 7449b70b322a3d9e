/**
 * The sync client against a scripted hub (a mock fetch that answers per route and records every request) on
 * fake-indexeddb: batching, acks, rejections that do not block the queue, failed pushes counted and resent (the
 * hub skipping the replay), a queue with a gap re-based onto a new client group, and pulls applied to the store (full and delta snapshots, insights
 * of others without outbox rows, queued local edits kept, revocations, conflicts, the cursor).
 */
import { describe, expect, it } from 'vitest';
import type { Insight } from '../../lib/engine/insight.ts';
import { DEFAULT_MODEL_CONFIG } from '../../lib/engine/model-config.ts';
import type { ScoredAccount } from '../../lib/engine/snapshot.ts';
import { listConflicts, recordConflict, resolveConflict } from '../../lib/store/conflicts.ts';
import { getInsight, saveInsight } from '../../lib/store/insights.ts';
import { ensureClientId, getMeta } from '../../lib/store/meta.ts';
import type { Db } from '../../lib/store/open.ts';
import { listRejections, outboxStats, peekOutbox, startNewClientGroup } from '../../lib/store/outbox.ts';
import { getAccount, getAccountIndex, getSnapshotMeta, storeSnapshot } from '../../lib/store/snapshot.ts';
import { account, ctxAt, freshDb, snapshotOf } from '../store-fixtures.ts';
import { applyPull, storedHubSnapshotId } from '../../lib/sync/apply-pull.ts';
import { pullChanges, syncOnce } from '../../lib/sync/client.ts';
import { HubError } from '../../lib/sync/hub-http.ts';
import type { PullResponse, PushRequest, PushResponse } from '../../lib/sync/protocol.ts';
import { fitBatch, pushOutbox } from '../../lib/sync/push.ts';

const HUB = { url: 'https://hub.example.com', token: 'al_test-token-0000000000000' };

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  auth: string | null;
}

type Route = (call: Call) => Response | Promise<Response>;

/** A fetch that answers `POST /v1/push` and `GET /v1/pull` with the given routes and records each call. */
function scriptedHub(routes: { push?: Route; pull?: Route }) {
  const calls: Call[] = [];
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      auth: new Headers(init?.headers).get('Authorization'),
    };
    calls.push(call);
    const route = call.path === '/v1/push' ? routes.push : call.path === '/v1/pull' ? routes.pull : undefined;
    if (!route) return json(404, { error: `no route ${call.method} ${call.path}` });
    return route(call);
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

/** A hub that applies every mutation in order, as server/src/push.ts does for valid ones. */
function applyingPush(options: { reject?: Record<number, string>; last?: { value: number } } = {}): Route {
  const last = options.last ?? { value: 0 };
  return (call) => {
    const request = call.body as PushRequest;
    const results = request.mutations.map((m) => {
      if (m.mutationId <= last.value)
        return { mutationId: m.mutationId, status: 'skipped' as const, reason: 'already applied' };
      last.value = m.mutationId;
      const reason = options.reject?.[m.mutationId];
      return reason
        ? { mutationId: m.mutationId, status: 'rejected' as const, reason }
        : { mutationId: m.mutationId, status: 'applied' as const };
    });
    const response: PushResponse = { protocolVersion: 1, lastMutationId: last.value, results, rescoringAccountIds: [] };
    return json(200, response);
  };
}

/** A hub that, like server/src/push.ts, counts per client and defers every mutation after a gap. */
function contiguousPush(): Route {
  const last = new Map<string, number>();
  return (call) => {
    const request = call.body as PushRequest;
    let at = last.get(request.clientId) ?? 0;
    let gap = false;
    const results = request.mutations.map((m) => {
      if (m.mutationId <= at) return { mutationId: m.mutationId, status: 'skipped' as const };
      if (gap || m.mutationId > at + 1) {
        gap = true;
        return { mutationId: m.mutationId, status: 'deferred' as const, reason: `waiting for mutation ${at + 1}` };
      }
      at = m.mutationId;
      return { mutationId: m.mutationId, status: 'applied' as const };
    });
    last.set(request.clientId, at);
    const response: PushResponse = { protocolVersion: 1, lastMutationId: at, results, rescoringAccountIds: [] };
    return json(200, response);
  };
}

function emptyPull(cursor: string, extra: Partial<PullResponse> = {}): PullResponse {
  return {
    protocolVersion: 1,
    cursor,
    reset: false,
    lastMutationId: 0,
    insights: [],
    revokedInsightIds: [],
    conflicts: [],
    snapshot: null,
    model: null,
    ...extra,
  };
}

let ulidCounter = 0;
/** A valid insight with a fresh ULID (counter in the random part keeps them unique and sorted). */
function hubInsight(fields: Partial<Insight> = {}): Insight {
  ulidCounter++;
  return {
    id: `01JNQ8Z7T0AAAAAAAAAAAAA${String(ulidCounter).padStart(3, '0')}`,
    accountId: 'K-1',
    author: 'bernd@example.com',
    createdAt: '2026-03-02T08:00:00.000Z',
    updatedAt: '2026-03-02T08:00:00.000Z',
    type: 'need',
    title: 'Needs a second press',
    body: '',
    sentiment: 0,
    products: [],
    tags: [],
    followUpAt: null,
    source: { kind: 'sidepanel' },
    visibility: 'team',
    status: 'open',
    rev: 1,
    deletedAt: null,
    ...fields,
  };
}

async function queue(db: Db, n: number, accountId: string | null = null): Promise<Insight[]> {
  const saved: Insight[] = [];
  for (let i = 1; i <= n; i++) {
    saved.push(
      await saveInsight(
        db,
        { type: 'need', title: `note ${i}`, accountId },
        ctxAt(`2026-03-02T09:${String(i).padStart(2, '0')}:00Z`),
      ),
    );
  }
  return saved;
}

const LIMITS = { maxMutations: 3, maxBytes: 4 * 1024 * 1024, maxBatches: 20 };

describe('pushOutbox', () => {
  it('sends the queue oldest first in batches, with the client id and token, and drains it', async () => {
    const { db } = await freshDb();
    await queue(db, 7);
    const hub = scriptedHub({ push: applyingPush() });
    const summary = await pushOutbox(db, HUB, { fetch: hub.fetch, limits: LIMITS });
    expect(hub.calls.map((c) => (c.body as PushRequest).mutations.map((m) => m.mutationId))).toEqual([
      [1, 2, 3],
      [4, 5, 6],
      [7],
    ]);
    expect(hub.calls.every((c) => c.auth === `Bearer ${HUB.token}` && c.method === 'POST')).toBe(true);
    const clientId = await getMeta(db, 'clientId');
    expect((hub.calls[0]!.body as PushRequest).clientId).toBe(clientId);
    expect(summary).toEqual({
      batches: 3,
      acknowledged: 7,
      rejected: 0,
      conflicts: 0,
      remaining: 0,
      stalledAt: null,
      recovered: null,
    });
    expect(await getMeta(db, 'lastAckedMutationId')).toBe(7);
  });

  it('keeps each batch under the byte limit', async () => {
    const { db } = await freshDb();
    await queue(db, 4);
    const { items } = await peekOutbox(db, 10);
    const one = new TextEncoder().encode(JSON.stringify(items[0]!.mutation)).length + 1;
    // Room for the 1,024-byte envelope and two mutations (they differ by at most a byte in size).
    const batch = fitBatch(items, { maxMutations: 10, maxBytes: 1024 + 2 * one + 1 });
    expect(batch.map((e) => e.mutationId)).toEqual([1, 2]);
    expect(fitBatch(items, { maxMutations: 10, maxBytes: 10 }).map((e) => e.mutationId)).toEqual([1]);
  });

  it("moves rejected mutations to rejections with the hub's reason and goes on with the queue", async () => {
    const { db } = await freshDb();
    await queue(db, 4);
    const hub = scriptedHub({
      push: applyingPush({ reject: { 2: 'insight 01J… belongs to someone else; you may not change it' } }),
    });
    const summary = await pushOutbox(db, HUB, {
      fetch: hub.fetch,
      limits: LIMITS,
      now: () => new Date('2026-03-02T10:00:00Z'),
    });
    expect(summary).toMatchObject({ acknowledged: 3, rejected: 1, remaining: 0 });
    const rejections = (await listRejections(db)).items;
    expect(rejections.map((r) => [r.mutationId, r.reason, r.at])).toEqual([
      [2, 'insight 01J… belongs to someone else; you may not change it', '2026-03-02T10:00:00.000Z'],
    ]);
    expect(rejections[0]!.mutation.kind === 'insight.put' && rejections[0]!.mutation.insight.title).toBe('note 2');
  });

  it('counts a push without an answer against the batch, and resends it: the hub skips what it had applied', async () => {
    const { db } = await freshDb();
    await queue(db, 2);
    const last = { value: 0 };
    // The hub applies the batch but the answer never arrives (the connection drops).
    const lost: Route = async (call) => {
      await applyingPush({ last })(call);
      throw new TypeError('fetch failed');
    };
    const down = scriptedHub({ push: lost });
    const error = await pushOutbox(db, HUB, { fetch: down.fetch, limits: LIMITS }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubError);
    expect((error as HubError).status).toBe(0);
    expect((error as HubError).message).toBe('hub not reachable (POST /v1/push: fetch failed)');
    expect(await outboxStats(db)).toMatchObject({
      pending: 2,
      maxAttempts: 1,
      lastError: 'hub not reachable (POST /v1/push: fetch failed)',
    });

    const up = scriptedHub({ push: applyingPush({ last }) });
    expect(await pushOutbox(db, HUB, { fetch: up.fetch, limits: LIMITS })).toMatchObject({
      acknowledged: 2,
      remaining: 0,
    });
    const replay = up.calls[0]!.body as PushRequest;
    expect(replay.mutations.map((m) => m.mutationId)).toEqual([1, 2]);
    expect(await outboxStats(db)).toMatchObject({ pending: 0 });
  });

  it("turns an error status into a HubError with the hub's sentence and Retry-After", async () => {
    const { db } = await freshDb();
    await queue(db, 1);
    const limited = scriptedHub({
      push: () => json(429, { error: 'rate limit exceeded; retry in 7 s' }, { 'Retry-After': '7' }),
    });
    const error = (await pushOutbox(db, HUB, { fetch: limited.fetch }).catch((e: unknown) => e)) as HubError;
    expect([error.status, error.retryAfterMs, error.message]).toEqual([
      429,
      7000,
      'hub answered 429 to POST /v1/push: rate limit exceeded; retry in 7 s',
    ]);
    const broken = scriptedHub({
      push: () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    });
    expect(((await pushOutbox(db, HUB, { fetch: broken.fetch }).catch((e: unknown) => e)) as HubError).message).toBe(
      'hub answered 502 to POST /v1/push: Bad Gateway',
    );
    expect(await outboxStats(db)).toMatchObject({ pending: 1, maxAttempts: 2 });
  });

  it('starts a new client group, re-numbered from 1, when the hub waits for a mutation this device no longer has', async () => {
    const { db } = await freshDb();
    await queue(db, 3);
    await db.delete('outbox', 1); // lost, e.g. a damaged row moved to quarantine
    const before = await ensureClientId(db);
    const hub = scriptedHub({ push: contiguousPush() });
    const summary = await pushOutbox(db, HUB, { fetch: hub.fetch, limits: LIMITS });
    expect(summary).toMatchObject({ batches: 2, acknowledged: 2, remaining: 0, stalledAt: null, recovered: 'gap' });
    const sent = hub.calls.map((c) => c.body as PushRequest);
    expect(sent.map((r) => [r.clientId === before, r.mutations.map((m) => m.mutationId)])).toEqual([
      [true, [2, 3]],
      [false, [1, 2]],
    ]);
    expect(sent[1]!.mutations.map((m) => m.kind === 'insight.put' && m.insight.title)).toEqual(['note 2', 'note 3']);
    expect(await getMeta(db, 'syncRecovery')).toMatchObject({
      kind: 'gap',
      previousClientId: before,
      clientId: sent[1]!.clientId,
      carried: 2,
      resent: null,
    });
    // The counter goes on after the re-numbered queue, so the next note is #3 of the new group.
    await queue(db, 1);
    expect((await peekOutbox(db, 5)).items.map((e) => e.mutationId)).toEqual([3]);
  });

  it('keeps rejections of the old group where the new group cannot overwrite them', async () => {
    const { db } = await freshDb();
    await queue(db, 2);
    await pushOutbox(db, HUB, { fetch: scriptedHub({ push: applyingPush({ reject: { 1: 'no' } }) }).fetch });
    await queue(db, 1);
    await startNewClientGroup(db, 'hub-forgot');
    await pushOutbox(db, HUB, { fetch: scriptedHub({ push: applyingPush({ reject: { 1: 'again' } }) }).fetch });
    expect((await listRejections(db)).items.map((r) => [r.mutationId, r.reason])).toEqual([
      [1, 'again'],
      [2 ** 40, 'no'],
    ]);
  });
});

describe('pullChanges', () => {
  const accounts = [
    account('K-1', 'Müller Maschinenbau', ['mueller.de']),
    account('K-2', 'Kraft Logistik', ['kraft.de']),
  ];

  it('stores a full snapshot with its account index, upserts insights without outbox rows and keeps the cursor', async () => {
    const { db } = await freshDb();
    const theirs = hubInsight({ title: 'Competitor offers leasing', type: 'competitor' });
    const hub = scriptedHub({
      pull: () =>
        json(
          200,
          emptyPull('41', {
            snapshot: { kind: 'full', snapshotId: 3, snapshot: snapshotOf(accounts) },
            insights: [theirs],
          }),
        ),
    });
    const summary = await pullChanges(db, HUB, { fetch: hub.fetch });
    expect(summary).toEqual({
      insights: 1,
      keptLocal: 0,
      revoked: 0,
      conflicts: 0,
      resolvedConflicts: 0,
      snapshot: 'full',
      modelChanged: false,
      accounts: 2,
      cursor: '41',
    });
    expect(hub.calls[0]!.query.has('cursor')).toBe(false);
    expect(hub.calls[0]!.query.get('clientId')).toBe(await getMeta(db, 'clientId'));
    expect((await getSnapshotMeta(db)).value).toMatchObject({ source: 'hub#3', accountCount: 2 });
    expect(await storedHubSnapshotId(db)).toBe(3);
    const index = (await getAccountIndex(db)).value as { ids: string[]; domains: Record<string, unknown> };
    expect(index.ids).toEqual(['K-1', 'K-2']);
    expect(Object.keys(index.domains).sort()).toEqual(['kraft.de', 'mueller.de']);
    expect((await getInsight(db, theirs.id)).value).toEqual(theirs);
    expect((await outboxStats(db)).pending).toBe(0);
    expect(await getMeta(db, 'syncCursor')).toBe('41');

    // The next pull sends the cursor; pulling the same change twice writes nothing new.
    const again = scriptedHub({ pull: () => json(200, emptyPull('41', { insights: [theirs] })) });
    expect((await pullChanges(db, HUB, { fetch: again.fetch })).insights).toBe(0);
    expect(again.calls[0]!.query.get('cursor')).toBe('41');
  });

  it('replaces re-scored accounts from a delta, and re-pulls without a cursor when the delta is for another snapshot', async () => {
    const { db } = await freshDb();
    await storeSnapshot(db, snapshotOf(accounts), {}, { source: 'hub#3' });
    await db.put('meta', '50', 'syncCursor');
    const rescored: ScoredAccount = { ...accounts[0]!, valueScore: 71.5, segment: 'A' };
    const hub = scriptedHub({
      pull: () => json(200, emptyPull('52', { snapshot: { kind: 'delta', snapshotId: 3, accounts: [rescored] } })),
    });
    expect(await pullChanges(db, HUB, { fetch: hub.fetch })).toMatchObject({
      snapshot: 'delta',
      accounts: 1,
      cursor: '52',
    });
    expect((await getAccount(db, 'K-1')).value).toMatchObject({ valueScore: 71.5, segment: 'A' });
    expect((await getAccount(db, 'K-2')).value?.valueScore).toBe(50);

    const newer = snapshotOf([{ ...accounts[0]!, valueScore: 12 }]);
    const mismatch = scriptedHub({
      pull: (call) =>
        call.query.has('cursor')
          ? json(200, emptyPull('60', { snapshot: { kind: 'delta', snapshotId: 4, accounts: [rescored] } }))
          : json(200, emptyPull('61', { snapshot: { kind: 'full', snapshotId: 4, snapshot: newer } })),
    });
    expect(await pullChanges(db, HUB, { fetch: mismatch.fetch })).toMatchObject({ snapshot: 'full', cursor: '61' });
    expect(mismatch.calls.map((c) => c.query.get('cursor'))).toEqual(['52', null]);
    expect(await storedHubSnapshotId(db)).toBe(4);
    expect((await getAccount(db, 'K-1')).value?.valueScore).toBe(12);
  });

  it('keeps a local edit that is still queued, deletes revoked insights and keeps conflicts once', async () => {
    const { db } = await freshDb();
    await storeSnapshot(db, snapshotOf(accounts), {}, { source: 'hub#3' });
    const [mine] = await queue(db, 1, 'K-1');
    const revoked = hubInsight({ title: 'Turned private' });
    await db.put('insights', revoked);
    const hubVersion = { ...mine!, title: 'Edited on the laptop', rev: 2, updatedAt: '2026-03-02T09:30:00.000Z' };
    const losing = { ...mine!, title: 'Edited on the phone', rev: 2, updatedAt: '2026-03-02T09:20:00.000Z' };
    const conflict = {
      id: 9,
      insightId: mine!.id,
      losing,
      winningRev: 2,
      createdAt: '2026-03-02T09:31:00.000Z',
      resolvedAt: null,
    };
    const hub = scriptedHub({
      pull: () =>
        json(200, emptyPull('70', { insights: [hubVersion], revokedInsightIds: [revoked.id], conflicts: [conflict] })),
    });
    const summary = await pullChanges(db, HUB, { fetch: hub.fetch });
    expect(summary).toMatchObject({ insights: 0, keptLocal: 1, revoked: 1, conflicts: 1 });
    expect((await getInsight(db, mine!.id)).value?.title).toBe('note 1');
    expect((await getInsight(db, revoked.id)).value).toBeUndefined();
    const kept = (await listConflicts(db)).items;
    expect(kept.map((c) => [c.insightId, c.accountId, c.losing.title, c.winningRev])).toEqual([
      [mine!.id, 'K-1', 'Edited on the phone', 2],
    ]);

    // After the push drained the queue, the hub's version is taken; the same conflict is not kept twice, and the
    // hub reporting it resolved removes it here.
    await db.clear('outbox');
    expect((await pullChanges(db, HUB, { fetch: hub.fetch })).insights).toBe(1);
    expect((await getInsight(db, mine!.id)).value?.title).toBe('Edited on the laptop');
    expect((await listConflicts(db)).items).toHaveLength(1);
    const resolved = scriptedHub({
      pull: () => json(200, emptyPull('71', { conflicts: [{ ...conflict, resolvedAt: '2026-03-02T10:00:00.000Z' }] })),
    });
    expect((await pullChanges(db, HUB, { fetch: resolved.fetch })).resolvedConflicts).toBe(1);
    expect((await listConflicts(db)).items).toEqual([]);
  });

  it("reports a conflict the rep resolved here to the hub with the hub's id, so other devices drop it too", async () => {
    const { db } = await freshDb();
    await storeSnapshot(db, snapshotOf(accounts), {}, { source: 'hub#3' });
    const losing = hubInsight({ title: 'Edited on the phone', rev: 2 });
    const conflict = {
      id: 41,
      insightId: losing.id,
      losing,
      winningRev: 2,
      createdAt: losing.updatedAt,
      resolvedAt: null,
    };
    const hub = scriptedHub({
      pull: () => json(200, emptyPull('80', { conflicts: [conflict] })),
      push: applyingPush(),
    });
    await pullChanges(db, HUB, { fetch: hub.fetch });
    const [kept] = (await listConflicts(db)).items;
    expect(kept?.hubId).toBe(41);

    expect(await resolveConflict(db, kept!.id!, ctxAt('2026-03-02T12:00:00Z'))).toBe(true);
    expect((await listConflicts(db)).items).toEqual([]);
    expect(await resolveConflict(db, kept!.id!, ctxAt('2026-03-02T12:00:01Z'))).toBe(false); // gone: nothing queued
    await pushOutbox(db, HUB, { fetch: hub.fetch });
    const pushed = hub.calls.filter((c) => c.path === '/v1/push').flatMap((c) => (c.body as PushRequest).mutations);
    expect(pushed).toEqual([{ kind: 'conflict.resolve', mutationId: 1, conflictId: 41 }]);
    expect((await outboxStats(db)).pending).toBe(0);

    // A conflict recorded before the hub's id was kept is only forgotten here.
    const old = await recordConflict(db, { insightId: losing.id, accountId: 'K-1', losing, winningRev: 2 });
    expect(await resolveConflict(db, old.id!, ctxAt('2026-03-02T12:01:00Z'))).toBe(false);
    expect((await outboxStats(db)).pending).toBe(0);
  });

  it('never overwrites an edit the rep saves while a pull is being applied', async () => {
    const { db } = await freshDb();
    const note = hubInsight({ title: 'from the hub' });
    await db.put('insights', note);
    const theirs = { ...note, title: 'edited on the laptop', rev: 2, updatedAt: '2026-03-02T10:00:00.000Z' };
    // The save starts while the pull is applying: before, the pull read the queued ids in one transaction and
    // wrote in another, and the save committed in between was overwritten by the hub's version.
    const applying = applyPull(db, emptyPull('90', { insights: [theirs] }));
    const { rev: _rev, ...fields } = note;
    const saving = saveInsight(db, { ...fields, title: 'edited here' }, ctxAt('2026-03-02T10:01:00Z'));
    await Promise.all([applying, saving]);
    expect((await getInsight(db, note.id)).value).toMatchObject({ title: 'edited here', rev: 3 });
    expect((await peekOutbox(db, 5)).items.map((e) => e.mutation.kind === 'insight.put' && e.mutation.baseRev)).toEqual(
      [2],
    );
  });

  it('updates the stored model in place when it changed without a new snapshot', async () => {
    const { db } = await freshDb();
    await storeSnapshot(db, snapshotOf(accounts), {}, { source: 'hub#3' });
    const model = { ...DEFAULT_MODEL_CONFIG, segments: { a: 80, b: 50 } };
    const hub = scriptedHub({ pull: () => json(200, emptyPull('80', { model })) });
    expect((await pullChanges(db, HUB, { fetch: hub.fetch })).modelChanged).toBe(true);
    expect((await db.get('snapshot', 'current'))?.snapshot.model.segments).toEqual({ a: 80, b: 50 });
    expect((await pullChanges(db, HUB, { fetch: hub.fetch })).modelChanged).toBe(false);
  });

  it('refuses an answer that is not the protocol, applying nothing', async () => {
    const { db } = await freshDb();
    const hub = scriptedHub({ pull: () => json(200, { protocolVersion: 2, cursor: 'x' }) });
    const error = (await pullChanges(db, HUB, { fetch: hub.fetch }).catch((e: unknown) => e)) as HubError;
    expect(error.message).toBe(
      "hub's answer to GET /v1/pull?clientId=" +
        (await getMeta(db, 'clientId')) +
        ' is not what this version expects (protocolVersion: Invalid input: expected 1)',
    );
    expect(await getMeta(db, 'syncCursor')).toBeUndefined();
  });
});

describe('syncOnce', () => {
  it('pushes before it pulls, so the pull carries the re-scores the push caused', async () => {
    const { db } = await freshDb();
    await storeSnapshot(db, snapshotOf([account('K-1')]), {}, { source: 'hub#1' });
    await queue(db, 2, 'K-1');
    const hub = scriptedHub({
      push: applyingPush(),
      pull: () =>
        json(
          200,
          emptyPull('9', {
            lastMutationId: 2,
            snapshot: { kind: 'delta', snapshotId: 1, accounts: [{ ...account('K-1'), valueScore: 64 }] },
          }),
        ),
    });
    const report = await syncOnce(db, HUB, { fetch: hub.fetch });
    expect(hub.calls.map((c) => `${c.method} ${c.path}`)).toEqual(['POST /v1/push', 'GET /v1/pull']);
    expect(report.push).toMatchObject({ acknowledged: 2, remaining: 0 });
    expect(report.pull).toMatchObject({ snapshot: 'delta', accounts: 1, cursor: '9' });
    expect((await getAccount(db, 'K-1')).value?.valueScore).toBe(64);
  });

  it('reports a queue still stalled after a new client group, after pulling', async () => {
    const { db } = await freshDb();
    await queue(db, 2);
    await db.delete('outbox', 1);
    // A hub that defers everything, even mutation 1 of a new client: nothing the device can do but report it.
    const hub = scriptedHub({
      push: (call) =>
        json(200, {
          protocolVersion: 1,
          lastMutationId: 0,
          results: (call.body as PushRequest).mutations.map((m) => ({ mutationId: m.mutationId, status: 'deferred' })),
          rescoringAccountIds: [],
        }),
      pull: () => json(200, emptyPull('3')),
    });
    await expect(syncOnce(db, HUB, { fetch: hub.fetch })).rejects.toThrow(
      'the hub waits for change #1, which this device no longer has; 1 change(s) stay queued',
    );
    expect(await getMeta(db, 'syncCursor')).toBe('3');
  });
});
