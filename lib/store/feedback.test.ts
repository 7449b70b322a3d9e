import { describe, expect, it } from 'vitest';
import type { Insight } from '../engine/insight.ts';
import { dismissConflict, listConflicts, recordConflict } from './conflicts.ts';
import { clearTalkingPointMark, listFeedback, markTalkingPoint } from './feedback.ts';
import { freshDb } from '../../tests/store-fixtures.ts';

describe('talking-point feedback', () => {
  it('keeps one mark per account and talking point', async () => {
    const { db } = await freshDb();
    await markTalkingPoint(
      db,
      { accountId: 'A-1', talkingPointId: 'cross-sell:SKU-1', mark: 'used' },
      new Date('2026-03-02T09:00:00Z'),
    );
    await markTalkingPoint(
      db,
      { accountId: 'A-1', talkingPointId: 'cross-sell:SKU-1', mark: 'done' },
      new Date('2026-03-03T09:00:00Z'),
    );
    await markTalkingPoint(db, { accountId: 'A-2', talkingPointId: 'win-back', mark: 'not-relevant' });
    expect((await listFeedback(db, 'A-1')).items).toEqual([
      { accountId: 'A-1', talkingPointId: 'cross-sell:SKU-1', mark: 'done', at: '2026-03-03T09:00:00.000Z' },
    ]);
    await expect(
      markTalkingPoint(db, { accountId: 'A-1', talkingPointId: 'x', mark: 'liked' as 'used' }),
    ).rejects.toThrow('markTalkingPoint: invalid mark: mark: must be one of used, not-relevant, done');
    await clearTalkingPointMark(db, 'A-1', 'cross-sell:SKU-1');
    expect((await listFeedback(db, 'A-1')).items).toEqual([]);
  });
});

describe('sync conflicts', () => {
  it('keeps losing versions until dismissed', async () => {
    const { db } = await freshDb();
    const losing: Insight = {
      id: '01JN0000000000000000000001',
      accountId: 'A-1',
      author: 'anna@example.com',
      createdAt: '2026-03-01T08:00:00.000Z',
      updatedAt: '2026-03-01T09:00:00.000Z',
      type: 'need',
      title: 'local edit',
      body: '',
      sentiment: 0,
      products: [],
      tags: [],
      followUpAt: null,
      source: { kind: 'sidepanel' },
      visibility: 'team',
      status: 'open',
      rev: 2,
      deletedAt: null,
    };
    const kept = await recordConflict(
      db,
      { insightId: losing.id, accountId: 'A-1', losing, winningRev: 3 },
      new Date('2026-03-02T09:00:00Z'),
    );
    expect(kept).toEqual({
      id: 1,
      insightId: losing.id,
      accountId: 'A-1',
      losing,
      winningRev: 3,
      at: '2026-03-02T09:00:00.000Z',
    });
    expect((await listConflicts(db, losing.id)).items).toEqual([kept]);
    expect((await listConflicts(db, '01JN0000000000000000000002')).items).toEqual([]);
    await dismissConflict(db, 1);
    expect((await listConflicts(db)).items).toEqual([]);
  });
});
