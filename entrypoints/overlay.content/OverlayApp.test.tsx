import { act, render, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACCOUNT } from '../../tests/test-data.ts';
import type * as Messaging from '../../lib/messaging.ts';
import { overlayTabKey } from '../../lib/messaging.ts';
import type { PageContext } from '../../lib/sites/types.ts';
import type { LookupAnswer } from '../background/lookup.ts';
import type { FrameAnswer, TabEntry } from '../background/overlay-tabs.ts';
import { OverlayApp } from './OverlayApp.tsx';
import type { FrameMessage } from './shell.ts';

const TAB = 7;
/** Lookups the frame asked for, each answered when the test says so. */
let lookups: { answer: (a: FrameAnswer) => void }[] = [];
/** What the frame told the page side (content script). */
let told: FrameMessage[] = [];

vi.mock('../../lib/messaging.ts', async (original) => ({
  ...(await original<typeof Messaging>()),
  sendMessage: (type: string) =>
    type === 'overlay.lookup'
      ? new Promise<FrameAnswer>((answer) => lookups.push({ answer }))
      : Promise.resolve({ accounts: [] }),
}));

const webmail = (keys: PageContext['keys']): PageContext => ({ site: 'generic', pageKind: 'mail', keys });
const entry = (context: PageContext | null, noRoom = false): TabEntry => ({
  seq: Math.random(),
  origin: 'https://webmail.example-hoster.de',
  url: 'https://webmail.example-hoster.de/?_uid=1',
  context,
  noRoom,
  frameKey: 'k3y0f7h3fr4m3abcdef',
});
const NOTHING: LookupAnswer = { matches: [], currency: 'EUR', empty: false };
const MUELLER = { kind: 'domain', domain: 'mueller-maschinenbau.de' } as const;
const FOUND: LookupAnswer = {
  matches: [
    { accountId: ACCOUNT.id, confidence: 0.9, via: 'domain', key: MUELLER, account: ACCOUNT, insights: [], marks: {} },
  ],
  currency: 'EUR',
  empty: false,
  explanation: {
    adapter: 'generic',
    keys: [
      {
        key: { ...MUELLER, source: 'mail header' } as never,
        matches: [{ accountId: ACCOUNT.id, name: ACCOUNT.name, via: 'domain', confidence: 0.9 }],
      },
    ],
  },
};

/** Answers the frame's latest lookup. */
async function answer(e: TabEntry, a: LookupAnswer | null) {
  await act(async () => lookups.at(-1)!.answer({ tabId: TAB, entry: e, answer: a }));
}

/** The content script reports a new context: the background's entry for the tab changes. */
async function report() {
  await act(async () => {
    await fakeBrowser.storage.session.set({ [overlayTabKey(TAB)]: { seq: Math.random() } });
  });
}

beforeEach(() => {
  lookups = [];
  told = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, message: FrameMessage) => {
    expect(tabId).toBe(TAB);
    told.push(message);
  }) as never);
});

describe('OverlayApp (the card in its extension frame)', () => {
  it('asks for its own tab’s accounts and shows nothing, sized to nothing, while the page names none', async () => {
    render(<OverlayApp />);
    expect(lookups).toHaveLength(1);
    await answer(entry(webmail([])), null);
    expect(screen.queryByTestId('accountlens-overlay')).toBeNull();
    expect(told.at(-1)).toMatchObject({ kind: 'size', hidden: true });
  });

  it("never shows an earlier context's 'no account found' while the next record loads", async () => {
    render(<OverlayApp />);
    await answer(entry(webmail([{ kind: 'domain', domain: 'unknown.example' }])), NOTHING);
    expect(screen.getByTestId('overlay-no-match').textContent).toContain('unknown.example');

    await report();
    expect(lookups).toHaveLength(2);
    expect(screen.queryByTestId('overlay-no-match')).toBeNull();
    expect(screen.getByTestId('overlay-loading')).toBeTruthy();
    await answer(entry(webmail([MUELLER])), FOUND);
    expect(screen.getByTestId('accountlens-overlay').textContent).toContain(ACCOUNT.name);
  });

  it('keeps the matched account on screen while the next record of the CRM loads', async () => {
    render(<OverlayApp />);
    await answer(entry(webmail([MUELLER])), FOUND);
    await report();
    expect(lookups).toHaveLength(2);
    expect(screen.queryByTestId('overlay-loading')).toBeNull();
    expect(screen.getByTestId('accountlens-overlay').textContent).toContain(ACCOUNT.name);
  });

  it('tells the page side its size: the card when there is room, the badge when there is none', async () => {
    render(<OverlayApp />);
    await answer(entry(webmail([MUELLER])), FOUND);
    expect(told.at(-1)).toMatchObject({ kind: 'size', hidden: false, collapsed: false, width: 360 });

    await report();
    await answer(entry(webmail([MUELLER]), true), FOUND);
    expect(screen.getByTestId('overlay-badge')).toBeTruthy();
    expect(told.at(-1)).toEqual({
      type: 'overlay.frame',
      frameKey: '', // this test's frame URL has no fragment
      kind: 'size',
      hidden: false,
      collapsed: true,
      width: 56,
      height: 56,
    });

    // The rep opens the badge: the card, without making "collapsed" the remembered choice.
    await act(async () => screen.getByTestId('overlay-badge').click());
    expect(screen.getByTestId('accountlens-overlay')).toBeTruthy();
    expect(told.at(-1)).toMatchObject({ kind: 'size', collapsed: false, width: 360 });
    expect(await fakeBrowser.storage.local.get('overlayCollapsed')).toEqual({});
  });

  it('offers "Why this account?" with the adapter and what each key matched', async () => {
    render(<OverlayApp />);
    await answer(entry(webmail([MUELLER])), FOUND);
    expect(screen.getByTestId('why-adapter').textContent).toBe('Read by the “generic” adapter.');
    expect(screen.getByTestId('why-key').textContent).toBe(
      'Domain mueller-maschinenbau.de from: mail header→ Müller Maschinenbau GmbH (by domain, 90%)',
    );
  });
});
