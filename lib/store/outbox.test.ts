import { describe, expect, it } from 'vitest';
import { saveInsight } from './insights.ts';
import { ensureClientId, getMeta, setMeta } from './meta.ts';
import {
  ackMutations,
  dismissRejection,
  listRejections,
  outboxStats,
  peekOutbox,
  recordPushFailure,
  recordRejections,
} from './outbox.ts';
import { listQuarantine } from './read.ts';
import { ctxAt, freshDb, putRaw } from '../../tests/store-fixtures.ts';
import type { Db } from './open.ts';

async function withQueued(n: number): Promise<Db> {
  const { db } = await freshDb();
  for (let i = 1; i <= n; i++) {
    await saveInsight(db, { type: 'need', title: `note ${i}`, accountId: null }, ctxAt(`2026-03-02T09:0${i}:00Z`));
  }
  return db;
}

describe('outbox', () => {
  it('peeks the oldest mutations in order', async () => {
    const db = await withQueued(4);
    const { items, quarantined } = await peekOutbox(db, 3);
    expect(items.map((e) => e.mutationId)).toEqual([1, 2, 3]);
    expect(items.map((e) => e.mutation.kind === 'insight.put' && e.mutation.insight.title)).toEqual([
      'note 1',
      'note 2',
      'note 3',
    ]);
    expect(quarantined).toEqual([]);
    await expect(peekOutbox(db, 0)).rejects.toThrow('peekOutbox: limit must be a positive integer, got 0');
  });

  it('acks everything up to an id, harmlessly twice', async () => {
    const db = await withQueued(4);
    expect(await ackMutations(db, 2)).toBe(2);
    expect(await ackMutations(db, 2)).toBe(0);
    expect(await db.getAllKeys('outbox')).toEqual([3, 4]);
    expect(await getMeta(db, 'lastAckedMutationId')).toBe(2);
    await ackMutations(db, 1);
    expect(await getMeta(db, 'lastAckedMutationId')).toBe(2);
  });

  it('moves rejected mutations out of the queue into rejections, with the reason', async () => {
    const db = await withQueued(3);
    const recorded = await recordRejections(
      db,
      [
        { mutationId: 2, reason: 'title: too long on the hub' },
        { mutationId: 99, reason: 'gone' },
      ],
      new Date('2026-03-03T10:00:00Z'),
    );
    expect(recorded.map((r) => r.mutationId)).toEqual([2]);
    expect(await db.getAllKeys('outbox')).toEqual([1, 3]);
    const { items } = await listRejections(db);
    expect(items).toEqual([
      {
        mutationId: 2,
        mutation: expect.objectContaining({ kind: 'insight.put', mutationId: 2 }),
        reason: 'title: too long on the hub',
        at: '2026-03-03T10:00:00.000Z',
      },
    ]);
    await dismissRejection(db, 2);
    expect((await listRejections(db)).items).toEqual([]);
  });

  it('counts failed pushes and reports queue state', async () => {
    const db = await withQueued(3);
    expect(await outboxStats(db)).toEqual({
      pending: 3,
      rejected: 0,
      oldestCreatedAt: '2026-03-02T09:01:00.000Z',
      maxAttempts: 0,
      lastError: null,
    });
    await recordPushFailure(db, [1, 2], 'network down');
    await recordPushFailure(db, [1], 'HTTP 503');
    await recordRejections(db, [{ mutationId: 3, reason: 'no' }]);
    expect(await outboxStats(db)).toEqual({
      pending: 2,
      rejected: 1,
      oldestCreatedAt: '2026-03-02T09:01:00.000Z',
      maxAttempts: 2,
      lastError: 'network down',
    });
    expect((await db.get('outbox', 1))?.lastError).toBe('HTTP 503');
  });

  it('quarantines a damaged outbox row and still hands out the rest', async () => {
    const db = await withQueued(2);
    await putRaw(db, 'outbox', {
      mutationId: 3,
      mutation: { kind: 'insight.put', mutationId: 4 },
      clientId: 'x',
      createdAt: 'now',
      attempts: 0,
    });
    const { items, quarantined } = await peekOutbox(db, 10);
    expect(items.map((e) => e.mutationId)).toEqual([1, 2]);
    expect(quarantined.map((q) => q.key)).toEqual([3]);
    expect((await listQuarantine(db))[0]?.error).toMatch(
      /^outbox record failed validation: mutation\.insight: required; mutation\.baseRev: required; clientId: too short/,
    );
  });

  it('resumes a damaged mutation counter above every id the hub has seen', async () => {
    const db = await withQueued(3);
    await ackMutations(db, 3);
    await putRaw(db, 'meta', 'seven', 'nextMutationId');
    await saveInsight(db, { type: 'need', title: 'after damage', accountId: null }, ctxAt('2026-03-02T10:00:00Z'));
    expect(await db.getAllKeys('outbox')).toEqual([4]);
    expect((await listQuarantine(db)).map((q) => [q.store, q.key, q.value])).toEqual([
      ['meta', 'nextMutationId', 'seven'],
    ]);
  });
});

describe('meta', () => {
  it('creates one client id and keeps it', async () => {
    const { db } = await freshDb();
    const id = await ensureClientId(db);
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(await ensureClientId(db)).toBe(id);
  });

  it('validates values on the way in and out', async () => {
    const { db } = await freshDb();
    await setMeta(db, 'neverMatchDomains', ['gmail.com']);
    expect(await getMeta(db, 'neverMatchDomains')).toEqual(['gmail.com']);
    await expect(setMeta(db, 'nextMutationId', 0)).rejects.toThrow(
      'setMeta: invalid value for "nextMutationId": must be greater than 0',
    );
    await putRaw(db, 'meta', 'not a list', 'corrections');
    expect(await getMeta(db, 'corrections')).toBeUndefined();
    expect((await listQuarantine(db))[0]).toMatchObject({
      store: 'meta',
      key: 'corrections',
      value: 'not a list',
      error: 'meta "corrections" failed validation: expected array',
    });
  });
});
