import { describe, expect, it } from 'vitest';
import type { Insight } from '../engine/insight.ts';
import { CSV_COLUMNS, exportInsights, importInsights } from './export.ts';
import { storeSnapshot } from './snapshot.ts';
import { account, ctxAt, freshDb, putRaw, raw, snapshotOf } from '../../tests/store-fixtures.ts';
import type { Db } from './open.ts';

const base: Insight = {
  id: '01JN0000000000000000000001',
  accountId: 'A-1',
  author: 'anna@example.com',
  createdAt: '2026-03-01T08:00:00.000Z',
  updatedAt: '2026-03-01T08:00:00.000Z',
  type: 'need',
  title: 'Presse, "groß"',
  body: 'Zeile 1\nZeile 2',
  sentiment: -1,
  products: ['SKU-1'],
  tags: [],
  followUpAt: '2026-04-01',
  source: { kind: 'crm' },
  visibility: 'team',
  status: 'open',
  rev: 1,
  deletedAt: null,
};
const formula: Insight = {
  ...base,
  id: '01JN0000000000000000000002',
  accountId: null,
  createdAt: '2026-02-01T08:00:00.000Z',
  title: '=HYPERLINK("http://x")',
  body: '-multi\nline',
  sentiment: 2,
  products: [],
  tags: ['a;b', 'c'],
  followUpAt: null,
  source: { kind: 'webmail', url: 'https://mail.example/t/1' },
  outcome: 'order',
  talkingPoints: ['tp-1'],
  rev: 3,
  deletedAt: '2026-02-02T08:00:00.000Z',
};

async function dbWith(insights: Insight[]): Promise<Db> {
  const { db } = await freshDb();
  await storeSnapshot(db, snapshotOf([account('A-1'), account('A-2')]), {}, { source: 'test' });
  for (const i of insights) await putRaw(db, 'insights', i);
  return db;
}

describe('exportInsights', () => {
  it('writes CSV with a header row, RFC 4180 quoting, JSON lists and formula escaping', async () => {
    const db = await dbWith([base, formula]);
    const csv = await exportInsights(db, { format: 'csv' });
    // Expected text written by hand from RFC 4180 §2 (quote fields with , " or line breaks; double inner quotes)
    // and OWASP's CSV-injection advice (prefix = + - @ with an apostrophe).
    expect(csv.split('\r\n')).toEqual([
      CSV_COLUMNS.join(','),
      '01JN0000000000000000000001,A-1,anna@example.com,2026-03-01T08:00:00.000Z,2026-03-01T08:00:00.000Z,need,"Presse, ""groß""","Zeile 1\nZeile 2",-1,"[""SKU-1""]",[],2026-04-01,crm,,team,open,,,1,',
      '01JN0000000000000000000002,,anna@example.com,2026-02-01T08:00:00.000Z,2026-03-01T08:00:00.000Z,need,"\'=HYPERLINK(""http://x"")","\'-multi\nline",2,[],"[""a;b"",""c""]",,webmail,https://mail.example/t/1,team,open,order,"[""tp-1""]",3,2026-02-02T08:00:00.000Z',
      '',
    ]);
  });

  it('exports one account, and JSON with schemaVersion', async () => {
    const db = await dbWith([base, formula, { ...base, id: '01JN0000000000000000000003', accountId: 'A-2' }]);
    const json = JSON.parse(
      await exportInsights(db, { format: 'json', accountId: 'A-1', now: new Date('2026-03-05T00:00:00Z') }),
    );
    expect(json).toEqual({
      schemaVersion: 1,
      exportedAt: '2026-03-05T00:00:00.000Z',
      accountId: 'A-1',
      insights: [base],
    });
    // Same createdAt: the later id comes first (newestFirst's tie-break).
    const live = await exportInsights(db, { format: 'csv', includeDeleted: false });
    expect(live.split('\r\n').map((line) => line.slice(0, 26))).toEqual([
      CSV_COLUMNS.join(',').slice(0, 26),
      '01JN0000000000000000000003',
      '01JN0000000000000000000001',
      '',
    ]);
  });
});

describe('importInsights', () => {
  it.each(['csv', 'json'] as const)('round-trips a %s export exactly and is idempotent', async (format) => {
    const text = await exportInsights(await dbWith([base, formula]), { format });
    const db = await dbWith([]);
    const ctx = ctxAt('2026-03-06T00:00:00Z');
    expect(await importInsights(db, text, ctx)).toEqual({ added: 2, updated: 0, skipped: 0, errors: [] });
    expect(await db.get('insights', base.id)).toEqual(base);
    expect(await db.get('insights', formula.id)).toEqual(formula);
    expect((await raw(db, 'outbox')).map((e) => (e as { mutation: { baseRev: number } }).mutation.baseRev)).toEqual([
      0, 0,
    ]);
    expect(await importInsights(db, text, ctx)).toEqual({ added: 0, updated: 0, skipped: 2, errors: [] });
    expect(await db.count('outbox')).toBe(2);
  });

  it('updates to a newer rev and keeps a newer stored rev', async () => {
    const db = await dbWith([base, { ...formula, rev: 5 }]);
    const file = JSON.stringify({ schemaVersion: 1, insights: [{ ...base, title: 'newer', rev: 2 }, formula] });
    expect(await importInsights(db, file, ctxAt('2026-03-06T00:00:00Z'))).toEqual({
      added: 0,
      updated: 1,
      skipped: 1,
      errors: [],
    });
    expect((await db.get('insights', base.id))?.title).toBe('newer');
    expect((await db.get('insights', formula.id))?.rev).toBe(5);
    expect((await raw(db, 'outbox'))[0]).toMatchObject({
      mutation: { kind: 'insight.put', baseRev: 1, insight: { rev: 2 } },
    });
  });

  it('reports bad rows by row and field and imports the good ones', async () => {
    const db = await dbWith([]);
    const good = await exportInsights(await dbWith([base]), { format: 'csv' });
    const [header, row] = good.split('\r\n') as [string, string];
    const longTitle = row
      .replace('"Presse, ""groß"""', 'x'.repeat(201))
      .replace('01JN0000000000000000000001', '01JN0000000000000000000004');
    const badDate = row
      .replace('2026-04-01', '2026-13-01')
      .replace('01JN0000000000000000000001', '01JN0000000000000000000005');
    const badList = row
      .replace('"[""SKU-1""]"', 'SKU-1')
      .replace('01JN0000000000000000000001', '01JN0000000000000000000006');
    const report = await importInsights(
      db,
      [header, row, longTitle, badDate, badList].join('\r\n'),
      ctxAt('2026-03-06T00:00:00Z'),
    );
    expect(report).toEqual({
      added: 1,
      updated: 0,
      skipped: 0,
      errors: [
        { row: 'row 5', path: 'products', message: 'expected a JSON list like ["a","b"]' },
        { row: 'row 3', path: 'title', message: 'too long (max 200 characters)' },
        { row: 'row 4', path: 'followUpAt', message: 'invalid date (expected a real calendar day as YYYY-MM-DD)' },
      ],
    });
    expect(await db.getAllKeys('insights')).toEqual([base.id]);
  });

  it('refuses rows of unknown accounts, or imports them unassigned when asked', async () => {
    const file = JSON.stringify({ schemaVersion: 1, insights: [{ ...base, accountId: 'A-404' }] });
    const db = await dbWith([]);
    expect(await importInsights(db, file, ctxAt('2026-03-06T00:00:00Z'))).toEqual({
      added: 0,
      updated: 0,
      skipped: 0,
      errors: [
        {
          row: 'insights[0]',
          path: 'accountId',
          message: 'unknown account "A-404" (import the snapshot first, or import unassigned)',
        },
      ],
    });
    expect(await db.count('insights')).toBe(0);
    expect(await db.count('outbox')).toBe(0);
    await importInsights(db, file, { ...ctxAt('2026-03-06T00:00:00Z'), unknownAccount: 'unassign' as const });
    expect((await db.get('insights', base.id))?.accountId).toBeNull();
  });

  it('refuses files that are not an export, naming what is wrong', async () => {
    const db = await dbWith([base]);
    const ctx = ctxAt('2026-03-06T00:00:00Z');
    await expect(importInsights(db, 'name;umsatz\nAcme;5', ctx)).rejects.toThrow(
      'importInsights: not an AccountLens insight export (no "id" column; columns: name, umsatz)',
    );
    await expect(importInsights(db, '{"insights": [', ctx)).rejects.toThrow(
      /^importInsights: the file is not valid JSON/,
    );
    await expect(importInsights(db, '{"schemaVersion": 9, "insights": []}', ctx)).rejects.toThrow(
      'importInsights: not an AccountLens insight export',
    );
    expect(await db.getAll('insights')).toEqual([base]);
  });
});
