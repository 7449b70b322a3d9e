import { describe, expect, it } from 'vitest';
import { account } from '../../tests/store-fixtures.ts';
import type { PageContext } from '../../lib/sites/types.ts';
import type { LookupAnswer, MatchView } from '../background/lookup.ts';
import { startFromCapture } from './capture-start.ts';
import type { AccountSummary } from '../../lib/store/page-db.ts';

const KRAFT: AccountSummary = { id: 'K-2040', name: 'Kraft Logistik AG', valueScore: 71, segment: 'A' };
const known = (id: string) => (id === KRAFT.id ? KRAFT : undefined);
const AT = '2026-11-23T10:00:00.000Z';

function answer(confidence: number): LookupAnswer {
  const view: MatchView = {
    accountId: 'K-2040',
    confidence,
    via: 'domain',
    key: { kind: 'domain', domain: 'kraft-logistik.com' },
    account: { ...account('K-2040', 'Kraft Logistik AG') },
    insights: [],
    marks: {},
  };
  return { matches: [view], currency: 'EUR', empty: false };
}

describe('startFromCapture', () => {
  it('context menu: selection as body, page URL as source, account found from the page', async () => {
    const asked: PageContext[] = [];
    const start = await startFromCapture(
      {
        at: AT,
        source: 'context-menu',
        selection: '  Wants a second press  ',
        url: 'https://kraft-logistik.com/news',
        title: 'News',
      },
      known,
      async (context) => (asked.push(context), answer(0.9)),
    );
    expect(asked).toEqual([
      { site: 'capture', keys: [{ kind: 'domain', domain: 'kraft-logistik.com' }], pageKind: 'other' },
    ]);
    expect(start).toEqual({
      initial: { accountId: 'K-2040', fields: { body: 'Wants a second press' } },
      source: { kind: 'context-menu', url: 'https://kraft-logistik.com/news' },
      from: 'News',
      account: { kind: 'detected', id: 'K-2040', name: 'Kraft Logistik AG' },
    });
  });

  it('overlay: the named account is taken without a lookup', async () => {
    const start = await startFromCapture({ at: AT, source: 'overlay', accountId: 'K-2040' }, known, async () => {
      throw new Error('no lookup expected');
    });
    expect(start).toEqual({
      initial: { accountId: 'K-2040', fields: {} },
      source: { kind: 'overlay' },
      account: { kind: 'given', id: 'K-2040' },
    });
  });

  it('an account that is not imported is reported and not prefilled', async () => {
    const start = await startFromCapture({ at: AT, source: 'overlay', accountId: 'K-NOPE' }, known, async () =>
      answer(1),
    );
    expect(start.initial.accountId).toBeNull();
    expect(start.account).toEqual({ kind: 'unknown', id: 'K-NOPE' });
  });

  it('a weak match (below 0.5) or a failed lookup prefills no account', async () => {
    const capture = { at: AT, source: 'shortcut' as const, url: 'https://kraft-logistik.com/' };
    expect((await startFromCapture(capture, known, async () => answer(0.45))).account).toEqual({ kind: 'none' });
    const failed = await startFromCapture(capture, known, async () => {
      throw new Error('No answer to page.lookup');
    });
    expect(failed).toMatchObject({
      initial: { accountId: null },
      source: { kind: 'sidepanel' },
      account: { kind: 'none' },
    });
  });

  it('keeps only web URLs as the source, cut to the 2000 characters an insight stores', async () => {
    const long = `https://example.org/${'x'.repeat(3000)}`;
    const none = async () => ({ matches: [], currency: 'EUR', empty: false });
    expect((await startFromCapture({ at: AT, source: 'shortcut', url: long }, known, none)).source.url).toHaveLength(
      2000,
    );
    expect(
      (await startFromCapture({ at: AT, source: 'shortcut', url: 'chrome://newtab/' }, known, none)).source,
    ).toEqual({
      kind: 'sidepanel',
    });
  });
});
