/**
 * Re-scoring from memory on PGlite (server/src/rescore-input.ts): after each change — a shared note, the note made
 * private, a note moved to another account, a tombstone, and a write memory did not see — the scores the hub
 * serves equal the engine's (lib/engine/rescore.ts called directly, the reference) on the snapshot the hub served
 * and the shared insights the database holds for the account.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { datasetToCsv, generateDataset } from '../../lib/engine/generate.ts';
import type { Insight } from '../../lib/engine/insight.ts';
import { rescoreAccount } from '../../lib/engine/rescore.ts';
import type { ScoredAccount, Snapshot } from '../../lib/engine/snapshot.ts';
import { applyPush } from '../src/push.ts';
import { authenticate } from '../src/users.ts';
import { hubFor, insight, putBatch, seedTeam, useBackend } from './fixtures.ts';

let csv: ReturnType<typeof datasetToCsv>;
beforeAll(() => {
  csv = datasetToCsv(generateDataset({ accounts: 12, seed: 5 }), 'de');
});

describe('re-scoring from memory on PGlite', () => {
  const { open } = useBackend('pglite');

  it('serves the engine’s scores from the stored shared insights after every kind of change', async () => {
    const db = await open();
    const team = await seedTeam(db);
    const { call, rescorer } = hubFor(db);
    await call('POST', '/v1/admin/dataset', {
      token: team.admin,
      body: { accounts: csv.accounts, orders: csv.orders },
    });
    const first = await call('GET', '/v1/pull?clientId=ben-laptop', { token: team.ben });
    const snapshot: Snapshot = first.json.snapshot.snapshot;
    const [x, y] = snapshot.accounts.map((a) => a.id) as [string, string];
    const served = new Map<string, ScoredAccount>(snapshot.accounts.map((a) => [a.id, a]));
    let cursor: string = first.json.cursor;

    const expectEngineScores = async (ids: string[]) => {
      await rescorer.caughtUp();
      const next = await call('GET', `/v1/pull?clientId=ben-laptop&cursor=${cursor}`, { token: team.ben });
      cursor = next.json.cursor;
      for (const a of next.json.snapshot?.accounts ?? []) served.set(a.id, a);
      for (const id of ids) {
        const stored = await db.query<{ data: Insight }>(
          `SELECT data FROM insights WHERE deleted_at IS NULL AND visibility = 'team' AND account_id = $1 ORDER BY id`,
          [id],
        );
        expect(served.get(id), id).toEqual(
          rescoreAccount(
            snapshot,
            id,
            stored.map((r) => r.data),
          ),
        );
      }
    };

    const threat = insight({ accountId: x, type: 'competitor', title: 'Rival quote', sentiment: -2 });
    const referral = insight({ accountId: x, type: 'referral', title: 'Introduced us to a sister plant' });
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [threat, referral]) });
    await expectEngineScores([x]);
    expect(served.get(x)!.criteria).not.toEqual(snapshot.accounts[0]!.criteria);

    const hidden = { ...threat, visibility: 'private' as const, rev: 2, updatedAt: '2026-03-02T10:00:00.000Z' };
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [hidden], 3) });
    await expectEngineScores([x]);

    const moved = { ...referral, accountId: y, rev: 2, updatedAt: '2026-03-02T11:00:00.000Z' };
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [moved], 4) });
    await expectEngineScores([x, y]);
    expect(served.get(x)).toEqual(rescoreAccount(snapshot, x, []));

    await call('POST', '/v1/push', {
      token: team.ana,
      body: {
        protocolVersion: 1,
        clientId: 'ana-laptop',
        mutations: [
          {
            kind: 'insight.delete',
            mutationId: 5,
            insightId: referral.id,
            baseRev: 2,
            deletedAt: '2026-03-03T08:00:00Z',
          },
        ],
      },
    });
    await expectEngineScores([x, y]);

    // Written past the hub (memory does not see it), then a push through the hub: the run notices the gap.
    const unseen = insight({ accountId: x, type: 'competitor', title: 'Second rival', sentiment: -1 });
    const ana = (await authenticate(db, team.ana))!;
    await applyPush(db, ana, putBatch('ana-tablet', [unseen]) as never);
    const onY = insight({ accountId: y, type: 'need', title: 'Wants a second line' });
    await call('POST', '/v1/push', { token: team.ana, body: putBatch('ana-laptop', [onY], 6) });
    await expectEngineScores([x, y]);

    // Written past the hub right before a run: the run's own version shows the gap.
    const last = insight({ accountId: x, type: 'referral', title: 'Another referral' });
    await applyPush(db, ana, putBatch('ana-tablet', [last], 2) as never);
    rescorer.kick();
    await expectEngineScores([x]);
  });
});
