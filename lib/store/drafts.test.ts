import { describe, expect, it } from 'vitest';
import { deleteDraft, getDraft, listDrafts, saveDraft } from './drafts.ts';
import { listQuarantine } from './read.ts';
import { freshDb, putRaw } from '../../tests/store-fixtures.ts';

describe('drafts', () => {
  it('saves, lists newest first, reads and deletes', async () => {
    const { db } = await freshDb();
    const a = await saveDraft(
      db,
      { accountId: 'A-1', fields: { title: 'half a tho' } },
      new Date('2026-03-02T09:00:00Z'),
    );
    const b = await saveDraft(db, { fields: { type: 'risk', followUpAt: '2026-0' } }, new Date('2026-03-02T09:05:00Z'));
    expect(a).toMatchObject({
      accountId: 'A-1',
      insightId: null,
      savedAt: '2026-03-02T09:00:00.000Z',
      fields: { title: 'half a tho' },
    });
    expect((await listDrafts(db)).items.map((d) => d.id)).toEqual([b.id, a.id]);
    const again = await saveDraft(db, { ...a, fields: { title: 'half a thought' } }, new Date('2026-03-02T09:10:00Z'));
    expect(again.id).toBe(a.id);
    expect((await getDraft(db, a.id)).value?.fields.title).toBe('half a thought');
    expect((await listDrafts(db)).items.map((d) => d.id)).toEqual([a.id, b.id]);
    await deleteDraft(db, a.id);
    expect((await getDraft(db, a.id)).value).toBeUndefined();
  });

  it('refuses an oversized draft with a message naming the field', async () => {
    const { db } = await freshDb();
    await expect(saveDraft(db, { fields: { title: 't'.repeat(201) } })).rejects.toThrow(
      'saveDraft: invalid draft: fields.title: too long (max 200 characters)',
    );
    expect(await db.count('drafts')).toBe(0);
  });

  it('quarantines a corrupted draft with the reason instead of crashing the reader', async () => {
    const { db } = await freshDb();
    const good = await saveDraft(db, { fields: { title: 'ok' } }, new Date('2026-03-02T09:00:00Z'));
    const corrupted = {
      id: '01JN0000000000000000000001',
      insightId: null,
      accountId: null,
      savedAt: '2026-03-02T10:00:00Z',
      fields: { title: 42, sentiment: 'very' },
    };
    await putRaw(db, 'drafts', corrupted);
    const read = await getDraft(db, corrupted.id);
    expect(read.value).toBeUndefined();
    expect(read.quarantined).toMatchObject({
      store: 'drafts',
      key: corrupted.id,
      value: corrupted,
      error: 'drafts record failed validation: fields.title: expected string; fields.sentiment: expected number',
    });
    expect((await listDrafts(db)).items.map((d) => d.id)).toEqual([good.id]);
    expect(await listQuarantine(db)).toHaveLength(1);
  });
});
