import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../lib/engine/build-snapshot.ts';
import { generateDataset } from '../../lib/engine/generate.ts';
import { storeSnapshot } from '../../lib/store/snapshot.ts';
import { rerankInBackground } from './brief.ts';
import { getDb } from './db.ts';
import { rescoreLocally } from '../../lib/store/rescore.ts';
import { markTalkingPoint, saveInsightMessage } from './insights.ts';
import { invalidateSnapshot } from '../../lib/store/snapshot-cache.ts';

describe('saving an insight in the background', () => {
  it('gives an outcome without talking points the ones marked "used", learns from it and re-ranks', async () => {
    const db = await getDb();
    const snapshot = buildSnapshot(generateDataset({ accounts: 60, seed: 7 }));
    await storeSnapshot(db, snapshot, {}, { source: 'test' });
    // An account's least urgent talking point, and another account that has one of the same kind.
    const a = snapshot.accounts.find((x) => x.talkingPoints.length >= 2)!;
    const used = a.talkingPoints.at(-1)!;
    const b = snapshot.accounts.find((x) => x.id !== a.id && x.talkingPoints.some((p) => p.kind === used.kind))!;
    expect(b).toBeDefined();
    await markTalkingPoint({ accountId: a.id, talkingPointId: used.id, mark: 'used' });
    await markTalkingPoint({ accountId: a.id, talkingPointId: a.talkingPoints[0]!.id, mark: 'not-relevant' });

    // A plain note teaches nothing and names no talking points.
    const note = await saveInsightMessage({ input: { type: 'need', accountId: a.id, title: 'Second press' } });
    expect(note.learned).toBeNull();
    expect(note.insight.talkingPoints).toBeUndefined();

    let last;
    for (let i = 0; i < 5; i++) {
      last = await saveInsightMessage({
        input: { type: 'outcome', accountId: a.id, title: 'Order', outcome: 'order', status: 'done' },
      });
      expect(last.insight.talkingPoints).toEqual([used.id]);
    }
    expect(last!.learned?.rates.rates.find((r) => r.kind === used.kind && r.segment === null)).toMatchObject({
      successes: 5,
      trials: 5,
    });
    // Five orders after that kind of point: it weighs more on the other account too, once the background pass ran.
    await rerankInBackground();
    const other = (await db.get('accounts', b.id))!.talkingPoints.find((p) => p.kind === used.kind)!;
    expect(other.basePriority).toBeDefined();
    expect(other.priority).toBeGreaterThan(other.basePriority!);
    // The account handed back is the one stored after learning.
    expect(last!.account).toEqual(await db.get('accounts', a.id));

    // Talking points the rep named (here: none) are kept as they are.
    const named = await saveInsightMessage({
      input: { type: 'outcome', accountId: b.id, title: 'No', outcome: 'no-interest', talkingPoints: [] },
    });
    expect(named.insight.talkingPoints).toEqual([]);
  });

  it('re-scores against what is stored when a new snapshot arrives while it computes', async () => {
    const db = await getDb();
    const first = buildSnapshot(generateDataset({ accounts: 20, seed: 3 }));
    await storeSnapshot(db, first, {}, { source: 'test' });
    invalidateSnapshot();
    const target = first.accounts[0]!;
    // A pull stores a new snapshot (here: the account renamed) while the local re-score is computing. Before, the
    // re-score wrote back the account as it had read it, undoing the pull's version.
    const renamed = {
      ...first,
      accounts: first.accounts.map((a) => (a.id === target.id ? { ...a, name: 'Renamed' } : a)),
    };
    const rescoring = rescoreLocally(db, target.id);
    const pulling = storeSnapshot(db, renamed, {}, { source: 'hub#2', now: new Date(Date.now() + 1000) });
    const [rescored] = await Promise.all([rescoring, pulling]);
    expect(rescored?.name).toBe('Renamed');
    expect((await db.get('accounts', target.id))?.name).toBe('Renamed');
  });
});
