import { describe, expect, it } from 'vitest';
import type { InsightDraft } from '../../lib/capture/form.ts';
import { getDraft, listDrafts } from '../../lib/store/index.ts';
import { freshDb } from '../../tests/store-fixtures.ts';
import { DraftKeeper, storableDraft } from './draft-keeper.ts';

function draft(title: string, extra: Partial<InsightDraft['fields']> = {}): InsightDraft {
  return {
    insightId: null,
    accountId: 'K-2040',
    fields: {
      type: 'workshop-note',
      title,
      body: '',
      sentiment: 0,
      products: [],
      tags: [],
      followUpAt: null,
      visibility: 'team',
      ...extra,
    },
  };
}

describe('storableDraft', () => {
  it('keeps a draft within the limits as typed', () => {
    expect(storableDraft(draft('Conveyor retrofit', { tags: ['a'], followUpAt: '2026-12-1' }))).toEqual({
      fields: {
        type: 'workshop-note',
        title: 'Conveyor retrofit',
        body: '',
        sentiment: 0,
        products: [],
        tags: ['a'],
        followUpAt: '2026-12-1',
        visibility: 'team',
      },
      shortened: false,
    });
  });

  it('keeps a private note private and an outcome with its talking points', async () => {
    const typed = draft('Order placed', {
      type: 'outcome',
      visibility: 'private',
      outcome: 'order',
      talkingPoints: ['cross-sell:A+B'],
    });
    const { db } = await freshDb();
    const keeper = new DraftKeeper(async () => db);
    await keeper.save(typed);
    const stored = await getDraft(db, keeper.draftId);
    expect(stored.value?.fields).toMatchObject({
      visibility: 'private',
      outcome: 'order',
      talkingPoints: ['cross-sell:A+B'],
    });
  });

  it('cuts overlong text to the insight limits (title 200, body 20000, 30 tags of 60) and says so', () => {
    const { fields, shortened } = storableDraft(
      draft('t'.repeat(250), {
        body: 'b'.repeat(20_005),
        tags: Array.from({ length: 31 }, (_, i) => `${i}`.repeat(70)),
      }),
    );
    expect(shortened).toBe(true);
    expect(fields.title).toHaveLength(200);
    expect(fields.body).toHaveLength(20_000);
    expect(fields.tags).toHaveLength(30);
    expect(fields.tags?.every((t) => t.length <= 60)).toBe(true);
  });
});

describe('DraftKeeper', () => {
  it('writes every change to one draft and deletes it when the insight is saved', async () => {
    const { db } = await freshDb();
    const keeper = new DraftKeeper(async () => db);
    const id = keeper.draftId;
    await keeper.save(draft('Half'));
    const second = await keeper.save(draft('Half a thought'));
    expect(second?.draft).toMatchObject({ id, accountId: 'K-2040', fields: { title: 'Half a thought' } });
    expect((await listDrafts(db)).items.map((d) => d.id)).toEqual([id]);
    await keeper.finish();
    expect((await listDrafts(db)).items).toEqual([]);
    expect(keeper.draftId).not.toBe(id);
  });

  it('never brings a saved note back: writes still queued when the note is saved are dropped', async () => {
    const { db } = await freshDb();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The database answers late, so both writes are still queued when the insight is saved.
    const keeper = new DraftKeeper(async () => {
      await gate;
      return db;
    });
    const id = keeper.draftId;
    const writes = [keeper.save(draft('Typed')), keeper.save(draft('Typed more'))];
    const finished = keeper.finish();
    const next = keeper.save(draft('The next note'));
    release();
    expect(await Promise.all(writes)).toEqual([null, null]);
    await finished;
    expect((await getDraft(db, id)).value).toBeUndefined();
    // Writes after the save go to the next note's draft.
    expect((await next)?.draft.fields.title).toBe('The next note');
    expect((await listDrafts(db)).items.map((d) => d.id)).toEqual([keeper.draftId]);
  });

  it('continues an adopted draft, and startNew leaves the previous one stored', async () => {
    const { db } = await freshDb();
    const keeper = new DraftKeeper(async () => db);
    const first = (await keeper.save(draft('First note')))!.draft;
    keeper.startNew();
    const second = (await keeper.save(draft('Second note')))!.draft;
    expect(second.id).not.toBe(first.id);
    keeper.adopt(first.id);
    await keeper.save(draft('First note, continued'));
    const titles = (await listDrafts(db)).items.map((d) => d.fields.title).sort();
    expect(titles).toEqual(['First note, continued', 'Second note']);
    await keeper.discard(second.id);
    expect((await listDrafts(db)).items.map((d) => d.id)).toEqual([first.id]);
  });
});
