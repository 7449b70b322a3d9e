import { describe, expect, it } from 'vitest';
import { InsightSchema } from '../engine/insight.ts';
import {
  acceptSuggestion,
  captureIssues,
  emptyFields,
  isIsoDate,
  splitList,
  suggestProducts,
  toCaptureInput,
  toDraft,
} from './form.ts';
import { staticTexts } from '../../components/static-texts.ts';

const en = staticTexts('en');

describe('splitList', () => {
  it('trims, drops empty items and repeats', () => {
    expect(splitList(' A-1, B-2,,A-1 , ')).toEqual(['A-1', 'B-2']);
    expect(splitList('')).toEqual([]);
  });
});

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(['2026-03-05', '2024-02-29'].map(isIsoDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '05.03.2026', '2026-3-5', ''].map(isIsoDate)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('captureIssues', () => {
  const fields = emptyFields({ accountId: 'ACC-1' });

  it('asks for a title only once required', () => {
    expect(captureIssues(en, fields, false)).toEqual({});
    expect(captureIssues(en, { ...fields, title: '   ' }, true)).toEqual({ title: 'Give the insight a title.' });
  });

  it('says the limits of lib/engine/insight.ts with the current length', () => {
    const issues = captureIssues(
      en,
      { ...fields, title: 'x'.repeat(201), body: 'y'.repeat(20_001), followUpAt: '2026-02-30' },
      true,
    );
    expect(issues).toEqual({
      title: 'At most 200 characters (now 201).',
      body: 'At most 20000 characters (now 20001).',
      followUpAt: 'Enter a valid date.',
    });
  });

  it('limits the number and length of products and tags', () => {
    const products = Array.from({ length: 51 }, (_, i) => `SKU-${i}`).join(',');
    const tags = `ok, ${'t'.repeat(61)}`;
    expect(captureIssues(en, { ...fields, title: 'T', products, tags }, true)).toEqual({
      products: 'At most 50 entries (now 51).',
      tags: '“tttttttttttttttttttt” is too long: at most 60 characters per entry.',
    });
  });
});

describe('toCaptureInput', () => {
  it('builds an input the insight schema accepts once the store adds id, author and times', () => {
    const f = {
      ...emptyFields({ accountId: 'ACC-1' }),
      type: 'competitor' as const,
      title: '  Würth quoted 8% less ',
      body: ' Offer valid until April. ',
      sentiment: -1,
      products: 'BT-1002, WZ-2001',
      tags: 'pricing',
      followUpAt: '2026-04-01',
      visibility: 'private' as const,
    };
    const input = toCaptureInput(f, { kind: 'overlay', url: 'https://crm.example.com/1' });
    expect(input).toEqual({
      accountId: 'ACC-1',
      type: 'competitor',
      title: 'Würth quoted 8% less',
      body: 'Offer valid until April.',
      sentiment: -1,
      products: ['BT-1002', 'WZ-2001'],
      tags: ['pricing'],
      followUpAt: '2026-04-01',
      visibility: 'private',
      source: { kind: 'overlay', url: 'https://crm.example.com/1' },
    });
    const stored = InsightSchema.parse({
      ...input,
      id: '01JQ0000000000000000000001',
      author: 'rep@example.com',
      createdAt: '2026-03-01T10:00:00Z',
      updatedAt: '2026-03-01T10:00:00Z',
    });
    expect(stored.followUpAt).toBe('2026-04-01');
  });

  it('carries id and rev when editing and null for no follow-up', () => {
    const input = toCaptureInput({ ...emptyFields(), title: 'T' }, { kind: 'sidepanel' }, { id: 'X', rev: 3 });
    expect([input.id, input.rev, input.followUpAt, input.accountId]).toEqual(['X', 3, null, null]);
  });
});

describe('outcomes', () => {
  const outcome = { ...emptyFields({ accountId: 'ACC-1' }), type: 'outcome' as const, title: 'Order placed' };

  it('asks what happened only once the rep tries to save', () => {
    expect(captureIssues(en, outcome, false)).toEqual({});
    expect(captureIssues(en, outcome, true)).toEqual({ outcome: 'Choose an outcome first.' });
    expect(captureIssues(en, { ...outcome, outcome: 'order' }, true)).toEqual({});
  });

  it('saves a done outcome; talking points only when known, so the background can take the marked ones', () => {
    const input = toCaptureInput({ ...outcome, outcome: 'next-step' }, { kind: 'sidepanel' });
    expect(input).toMatchObject({ type: 'outcome', outcome: 'next-step', status: 'done' });
    expect('talkingPoints' in input).toBe(false);
    const kept = toCaptureInput({ ...outcome, outcome: 'order', talkingPoints: ['cross-sell:A+B'] }, { kind: 'popup' });
    expect(kept.talkingPoints).toEqual(['cross-sell:A+B']);
  });

  it('drops the outcome when the rep switches to another type', () => {
    const input = toCaptureInput({ ...outcome, type: 'need', outcome: 'order' }, { kind: 'sidepanel' });
    expect(['outcome' in input, 'status' in input, 'talkingPoints' in input]).toEqual([false, false, false]);
  });

  it('keeps the outcome and its talking points in a draft', () => {
    const f = { ...outcome, outcome: 'no-interest' as const, talkingPoints: ['decline:account'] };
    const draft = toDraft(f, null);
    expect(draft.fields).toMatchObject({ outcome: 'no-interest', talkingPoints: ['decline:account'] });
    expect(emptyFields(draft)).toEqual(f);
  });
});

describe('drafts', () => {
  it('round-trips through emptyFields', () => {
    const f = { ...emptyFields({ accountId: 'ACC-1' }), title: 'Half a thought', products: 'A-1, B-2', followUpAt: '' };
    const draft = toDraft(f, null);
    expect(draft).toEqual({
      insightId: null,
      accountId: 'ACC-1',
      fields: {
        type: 'need',
        title: 'Half a thought',
        body: '',
        sentiment: 0,
        products: ['A-1', 'B-2'],
        tags: [],
        followUpAt: null,
        visibility: 'team',
      },
    });
    expect(emptyFields(draft)).toEqual({ ...f, products: 'A-1, B-2' });
  });
});

describe('product suggestions', () => {
  const catalogue = [
    { sku: 'BT-1002', name: 'Sechskantschraube M8' },
    { sku: 'BT-1010', name: 'Unterlegscheibe M8' },
    { sku: 'WZ-2001', name: 'Drehmomentschlüssel' },
  ];

  it('suggests by sku or name for the item being typed, without repeats', () => {
    expect(suggestProducts('m8', catalogue).map((p) => p.sku)).toEqual(['BT-1002', 'BT-1010']);
    expect(suggestProducts('BT-1002, bt', catalogue).map((p) => p.sku)).toEqual(['BT-1010']);
    expect(suggestProducts('BT-1002', catalogue).map((p) => p.sku)).toEqual([]);
    expect(suggestProducts('BT-1002, ', catalogue)).toEqual([]);
  });

  it('replaces the item being typed with the chosen sku', () => {
    expect(acceptSuggestion('BT-1002, unter', 'BT-1010')).toBe('BT-1002, BT-1010, ');
    expect(acceptSuggestion('dreh', 'WZ-2001')).toBe('WZ-2001, ');
  });
});
