import { describe, expect, it } from 'vitest';
import type { ScoredAccount, TalkingPoint } from '../../lib/engine/snapshot.ts';
import { saveInsight } from '../../lib/store/insights.ts';
import { markTalkingPoint } from '../../lib/store/feedback.ts';
import { storeSnapshot } from '../../lib/store/snapshot.ts';
import { account, ctxAt, freshDb, snapshotOf } from '../../tests/store-fixtures.ts';
import { getDb } from '../background/db.ts';
import { learnFromOutcomes, rerankInBackground } from '../background/brief.ts';
import { loadBrief, parseBriefQuery } from './brief-data.ts';
import { outcomeInput } from './outcome-input.ts';

const point = (kind: TalkingPoint['kind'], priority: number, subject = 'account'): TalkingPoint => ({
  id: `${kind}:${subject}`,
  kind,
  title: { en: kind, de: kind },
  why: { en: '', de: '' },
  priority,
});

const withPoints = (id: string, points: TalkingPoint[]): ScoredAccount => ({ ...account(id), talkingPoints: points });

describe('parseBriefQuery', () => {
  it('reads repeated accounts once each, in order, and the origin', () => {
    expect(parseBriefQuery('?account=K-1&account=K-2&account=K-1&from=calendar')).toEqual({
      accountIds: ['K-1', 'K-2'],
      from: 'calendar',
    });
  });

  it('takes at most 10 accounts and reads an unknown origin as the overlay', () => {
    const many = Array.from({ length: 12 }, (_, i) => `account=A${i}`).join('&');
    const query = parseBriefQuery(`?${many}&account=&from=evil`);
    expect(query.accountIds).toHaveLength(10);
    expect(query.from).toBe('overlay');
  });
});

describe('outcomeInput', () => {
  it('makes a done outcome insight listing the talking points used once each', () => {
    const draft = { outcome: 'order' as const, title: '  Ordered  ', body: ' 20 boxes ', used: ['a:1', 'b:2', 'a:1'] };
    expect(outcomeInput('K-1', draft, 'calendar', 'Order')).toEqual({
      type: 'outcome',
      accountId: 'K-1',
      title: 'Ordered',
      body: '20 boxes',
      outcome: 'order',
      talkingPoints: ['a:1', 'b:2'],
      status: 'done',
      source: { kind: 'overlay' },
    });
  });

  it("uses the outcome's name for an empty title and the page it came from as source", () => {
    const input = outcomeInput(
      'K-1',
      { outcome: 'no-interest', title: ' ', body: '', used: [] },
      'popup',
      'No interest',
    );
    expect([input.title, input.source]).toEqual(['No interest', { kind: 'popup' }]);
  });

  it('throws naming itself without an outcome', () => {
    expect(() => outcomeInput('K-1', { outcome: null, title: '', body: '', used: [] }, 'overlay', '')).toThrow(
      'outcomeInput: choose an outcome',
    );
  });
});

describe('loadBrief', () => {
  it("reads the account, its insights, its contacts, the rep's marks and the currency", async () => {
    const { db } = await freshDb();
    const snapshot = {
      ...snapshotOf([account('K-1'), account('K-2')]),
      currency: 'CHF',
      contacts: [
        { email: 'a@k1.example', name: 'Ada', accountId: 'K-1' },
        { email: 'b@k2.example', name: 'Ben', accountId: 'K-2' },
      ],
    };
    await storeSnapshot(db, snapshot, {}, { source: 'test' });
    await saveInsight(db, { type: 'need', title: 'Second press', accountId: 'K-1' }, ctxAt('2026-03-02T10:00:00Z'));
    await markTalkingPoint(db, { accountId: 'K-1', talkingPointId: 'decline:account', mark: 'used' });
    const brief = await loadBrief(db, 'K-1');
    expect(brief?.account.id).toBe('K-1');
    expect(brief?.insights.map((i) => i.title)).toEqual(['Second press']);
    expect(brief?.contacts.map((c) => c.name)).toEqual(['Ada']);
    expect(brief?.marks).toEqual({ 'decline:account': 'used' });
    expect(brief?.currency).toBe('CHF');
    expect(await loadBrief(db, 'K-9')).toBeNull();
  });
});

describe('learnFromOutcomes', () => {
  it('learns from the stored outcomes, keeps the rates with the snapshot and re-ranks every account off the save path', async () => {
    const db = await getDb();
    const points = () => [point('reorder-due', 0.7), point('cross-sell', 0.6, 'S1+S2')];
    await storeSnapshot(
      db,
      snapshotOf([withPoints('K-1', points()), withPoints('K-2', points())]),
      {},
      { source: 't' },
    );
    for (let i = 0; i < 5; i++) {
      const input = { type: 'outcome' as const, accountId: 'K-1', title: 'Order', outcome: 'order' as const };
      await saveInsight(db, { ...input, talkingPoints: ['cross-sell:S1+S2'] }, ctxAt(`2026-03-0${i + 2}T10:00:00Z`));
    }
    const first = await learnFromOutcomes();
    // No account is written on the save path without an account of its own; the kinds whose rates moved (every
    // kind, on the first learning) are queued for the background pass.
    expect(first.changed).toBe(0);
    expect(first.rerankingKinds).toEqual(expect.arrayContaining(['cross-sell', 'reorder-due']));
    expect(await rerankInBackground()).toMatchObject({ changed: 2 });
    // Segment B, Beta(5 + 5, 5): posterior odds 2 → odds(0.6) = 1.5 × 2 = 3 → 0.75; reorder-due has no outcomes.
    expect(first.rates.rates.map((r) => [r.kind, r.segment, r.successes, r.trials])).toEqual([
      ['cross-sell', null, 5, 5],
      ['cross-sell', 'B', 5, 5],
    ]);
    const other = await db.get('accounts', 'K-2');
    expect(other?.talkingPoints.map((p) => [p.kind, p.priority, p.basePriority])).toEqual([
      ['cross-sell', 0.75, 0.6],
      ['reorder-due', 0.7, undefined],
    ]);
    expect((await db.get('snapshot', 'current'))?.snapshot.talkingPointRates).toEqual(first.rates);
    expect((await learnFromOutcomes()).rerankingKinds).toEqual([]);
  });
});
