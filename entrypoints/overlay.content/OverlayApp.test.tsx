import { act, render, screen } from '@testing-library/preact';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { ACCOUNT } from '../../components/test-data.ts';
import type { PageContext } from '../../lib/sites/types.ts';
import type { LookupAnswer } from '../background/lookup.ts';
import { OverlayApp } from './OverlayApp.tsx';

/** The page's context as the site adapter reports it (set by the test through the mocked watcher). */
let report: (context: PageContext | null) => void = () => undefined;
/** Lookups the overlay asked for, each answered when the test says so. */
let lookups: { context: PageContext; answer: (a: LookupAnswer) => void }[] = [];

vi.mock('./watch.ts', () => ({
  startWatching: (_ctx: unknown, onContext: (context: PageContext | null) => void) => {
    report = onContext;
    return () => undefined;
  },
}));

vi.mock('../../lib/messaging.ts', () => ({
  sendMessage: (type: string, payload: { context: PageContext }) =>
    type === 'page.lookup'
      ? new Promise<LookupAnswer>((answer) => lookups.push({ context: payload.context, answer }))
      : Promise.resolve({ accounts: [] }),
}));

const ctx = { isInvalid: false, onInvalidated: () => undefined } as unknown as ContentScriptContext;
const webmail = (keys: PageContext['keys']): PageContext => ({ site: 'generic', pageKind: 'mail', keys });
const NOTHING: LookupAnswer = { matches: [], currency: 'EUR', empty: false };
const MUELLER = { kind: 'domain', domain: 'mueller-maschinenbau.de' } as const;
const FOUND: LookupAnswer = {
  matches: [
    { accountId: ACCOUNT.id, confidence: 0.9, via: 'domain', key: MUELLER, account: ACCOUNT, insights: [], marks: {} },
  ],
  currency: 'EUR',
  empty: false,
};

async function see(context: PageContext | null) {
  await act(async () => {
    report(context);
    await Promise.resolve();
  });
}

beforeEach(() => {
  lookups = [];
});

describe('OverlayApp', () => {
  it('stays out of the page while the page names no account', async () => {
    render(<OverlayApp ctx={ctx} />);
    await see(webmail([]));
    await see(null);
    expect(screen.queryByTestId('accountlens-overlay')).toBeNull();
    expect(lookups).toHaveLength(0);
  });

  it('says it is looking, not "no account found", when a message frame loads after the page (the webmail case)', async () => {
    render(<OverlayApp ctx={ctx} />);
    await see(webmail([])); // the page before its message iframe loaded
    await see(webmail([{ kind: 'email', email: 'anna.vogel@alpenglanz-hotels.at', role: 'reply-to' }]));
    expect(lookups).toHaveLength(1);
    expect(screen.queryByTestId('overlay-no-match')).toBeNull();
    expect(screen.getByTestId('overlay-loading')).toBeTruthy();

    await act(async () => lookups[0]!.answer(NOTHING));
    expect(screen.getByTestId('overlay-no-match').textContent).toContain('anna.vogel@alpenglanz-hotels.at');
  });

  it("never shows an earlier context's 'no account found' while the next record loads", async () => {
    render(<OverlayApp ctx={ctx} />);
    await see(webmail([{ kind: 'domain', domain: 'unknown.example' }]));
    await act(async () => lookups[0]!.answer(NOTHING));
    expect(screen.getByTestId('overlay-no-match').textContent).toContain('unknown.example');

    await see(webmail([MUELLER]));
    expect(screen.queryByTestId('overlay-no-match')).toBeNull();
    expect(screen.getByTestId('overlay-loading')).toBeTruthy();
    await act(async () => lookups[1]!.answer(FOUND));
    expect(screen.getByTestId('accountlens-overlay').textContent).toContain(ACCOUNT.name);
  });

  it('keeps the matched account on screen while the next record of the CRM loads', async () => {
    render(<OverlayApp ctx={ctx} />);
    await see(webmail([MUELLER]));
    await act(async () => lookups[0]!.answer(FOUND));
    await see(webmail([MUELLER, { kind: 'name', name: 'Müller' }]));
    expect(lookups).toHaveLength(2);
    expect(screen.queryByTestId('overlay-loading')).toBeNull();
    expect(screen.getByTestId('accountlens-overlay').textContent).toContain(ACCOUNT.name);
  });
});
