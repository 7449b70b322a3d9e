import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchPage } from './observe.ts';
import { gmail } from './gmail.ts';
import { salesforce } from './salesforce.ts';
import { queryAllDeep } from './dom.ts';
import type { PageContext, SiteAdapter } from './types.ts';
import { loadFixture } from '../../tests/fixtures/sites/load-fixture.ts';

const ACCOUNT = 'https://hansen.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/view';
const CONTACT = 'https://hansen.lightning.force.com/lightning/r/Contact/003Dn00000XYZabIAB/view';
const THREAD_A = 'https://mail.google.com/mail/u/0/#inbox/18c2f0a9b7d4e6f1';

/** Records every context and lets a test wait for the next one (no timing assertions). */
function collector() {
  const contexts: Array<PageContext | null> = [];
  let wake: (() => void) | undefined;
  return {
    contexts,
    onContext(context: PageContext | null) {
      contexts.push(context);
      wake?.();
    },
    async next(count = contexts.length + 1): Promise<PageContext | null> {
      while (contexts.length < count) await new Promise<void>((resolve) => (wake = resolve));
      return contexts[count - 1] ?? null;
    },
  };
}

const controllers: AbortController[] = [];
function signal(): AbortSignal {
  const controller = new AbortController();
  controllers.push(controller);
  return controller.signal;
}
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort();
});

const firstEmail = (context: PageContext | null): string | undefined => {
  const key = context?.keys[0];
  return key?.kind === 'email' ? key.email : undefined;
};

describe('watchPage', () => {
  it('reports the first context at once and follows Gmail thread switching through hashchange', async () => {
    const doc = loadFixture('gmail-threads.html', THREAD_A, { runScripts: true });
    const seen = collector();
    watchPage(gmail, { doc, onContext: seen.onContext, signal: signal(), debounceMs: 5 });
    expect(firstEmail(seen.contexts[0] ?? null)).toBe('jana.berg@mueller-maschinenbau.de');

    location.hash = '#inbox/FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN';
    expect(firstEmail(await seen.next())).toBe('tom@kraft-logistik.com');

    location.hash = '#inbox';
    expect(await seen.next()).toBeNull();
  });

  it('notices a pushState navigation through the DOM mutations that follow it', async () => {
    const doc = loadFixture('salesforce-account.html', ACCOUNT);
    const seen = collector();
    watchPage(salesforce, { doc, onContext: seen.onContext, signal: signal(), debounceMs: 5 });
    history.pushState({}, '', CONTACT);
    doc.querySelector('main')?.setAttribute('data-page', 'contact'); // an SPA always touches the DOM on navigation
    doc.body.append(doc.createElement('div'));
    const context = await seen.next();
    expect(context?.keys[0]).toEqual({
      kind: 'crm',
      crm: 'salesforce',
      id: '003Dn00000XYZabIAB',
      recordType: 'Contact',
    });
  });

  it('reads a new URL at once, without waiting for the DOM-settle debounce', async () => {
    vi.useFakeTimers();
    try {
      const doc = loadFixture('salesforce-account.html', ACCOUNT);
      const seen = collector();
      watchPage(salesforce, { doc, onContext: seen.onContext, signal: signal(), debounceMs: 10_000 });
      history.pushState({}, '', CONTACT);
      doc.body.append(doc.createElement('div'));
      await vi.advanceTimersByTimeAsync(1); // well before the 10 s debounce
      expect(seen.contexts).toHaveLength(2);
      expect(seen.contexts[1]?.keys[0]).toMatchObject({ kind: 'crm', id: '003Dn00000XYZabIAB' });
      await vi.advanceTimersByTimeAsync(10_000); // the settle run finds nothing new: reported once
      expect(seen.contexts).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('sees changes inside LWC shadow roots, and reports an unchanged context only once', async () => {
    const doc = loadFixture('salesforce-account.html', ACCOUNT);
    const seen = collector();
    watchPage(salesforce, { doc, onContext: seen.onContext, signal: signal(), debounceMs: 5 });
    const name = queryAllDeep(doc, '[slot="primaryField"]')[0];
    const highlights = queryAllDeep(doc, 'records-highlights2')[0];
    highlights?.setAttribute('class', 'refreshed'); // relevant but changes nothing: no new context
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (name) name.textContent = 'Müller Maschinenbau AG';
    const context = await seen.next(2);
    expect(context?.keys[1]).toEqual({ kind: 'name', name: 'Müller Maschinenbau AG' });
    expect(seen.contexts).toHaveLength(2);
  });

  it('keeps a throwing adapter away from the page and from other adapters', async () => {
    const doc = loadFixture('gmail-threads.html', THREAD_A, { runScripts: true });
    const broken: SiteAdapter = {
      id: 'broken',
      matches: () => true,
      extract: () => {
        throw new Error('selector moved');
      },
      watch: ['h2.hP'],
    };
    const onError = vi.fn();
    const brokenSeen = collector();
    const seen = collector();
    watchPage(broken, { doc, onContext: brokenSeen.onContext, onError, signal: signal(), debounceMs: 5 });
    watchPage(gmail, {
      doc,
      onContext: (c) => {
        seen.onContext(c);
        throw new Error('overlay failed');
      },
      onError,
      signal: signal(),
      debounceMs: 5,
    });
    location.hash = '#inbox/FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN';
    expect(firstEmail(await seen.next(2))).toBe('tom@kraft-logistik.com');
    expect(brokenSeen.contexts).toEqual([]);
    expect(onError).toHaveBeenCalledWith(new Error('selector moved'), broken);
    expect(onError).toHaveBeenCalledWith(new Error('overlay failed'), gmail);
  });

  it('stops when the signal aborts', async () => {
    const doc = loadFixture('gmail-threads.html', THREAD_A, { runScripts: true });
    const controller = new AbortController();
    const stopped = collector();
    const running = collector();
    watchPage(gmail, { doc, onContext: stopped.onContext, signal: controller.signal, debounceMs: 5 });
    controller.abort();
    watchPage(gmail, { doc, onContext: running.onContext, signal: signal(), debounceMs: 5 });
    location.hash = '#inbox/FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN';
    await running.next(2);
    expect(stopped.contexts).toHaveLength(1);
  });
});

const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);

describe('watchPage on single-page apps', () => {
  const LIST = 'http://127.0.0.1:8000/#crm/model/party.party';
  const RECORD = 'http://127.0.0.1:8000/#crm/model/party.party/3;name=%22Party%22';
  const record: SiteAdapter = {
    id: 'custom:erp',
    matches: (url) => url.hash.startsWith('#crm/model/party.party/'),
    extract: (_url, doc) => {
      const name = (doc.querySelector('input[name="name"]') as HTMLInputElement | null)?.value ?? '';
      return name ? { site: 'custom:erp', keys: [{ kind: 'name', name }], pageKind: 'record' } : null;
    },
    watch: ['input[name="name"]'],
    readsValues: true,
  };
  const list: SiteAdapter = { id: 'list', matches: () => true, extract: () => null };

  it('chooses the adapter again when the URL changes, without a reload', async () => {
    setUrl(LIST);
    document.body.innerHTML = '<input name="name" value="">';
    const seen = collector();
    const chosen: string[] = [];
    watchPage(
      (url) => {
        const adapter = [record, list].find((a) => a.matches(url)) ?? null;
        chosen.push(adapter?.id ?? 'none');
        return adapter;
      },
      { doc: document, onContext: seen.onContext, signal: signal(), debounceMs: 5 },
    );
    expect(seen.contexts).toEqual([null]);
    (document.querySelector('input') as HTMLInputElement).value = 'Gebr. Köhler GmbH';
    location.hash = RECORD.slice(RECORD.indexOf('#'));
    expect((await seen.next())?.site).toBe('custom:erp');
    expect(chosen).toEqual(['list', 'custom:erp']);
  });

  it('follows a form field typed into (input events), which a MutationObserver cannot see', async () => {
    setUrl(RECORD);
    document.body.innerHTML = '<input name="name" value="">';
    const seen = collector();
    // settleMs 0: only the event can tell (the per-frame comparison is tested below).
    watchPage(record, { doc: document, onContext: seen.onContext, signal: signal(), debounceMs: 5, settleMs: 0 });
    const field = document.querySelector('input') as HTMLInputElement;
    field.value = 'Lohmeyer Verpackungssysteme GmbH';
    field.dispatchEvent(new Event('input', { bubbles: true }));
    expect((await seen.next(2))?.keys).toEqual([{ kind: 'name', name: 'Lohmeyer Verpackungssysteme GmbH' }]);
  });

  it('reads a value the app sets from script after the URL changed (no event, no mutation)', async () => {
    setUrl(LIST);
    document.body.innerHTML = '<input name="name" value="">';
    const seen = collector();
    watchPage((url) => [record, list].find((a) => a.matches(url)) ?? null, {
      doc: document,
      onContext: seen.onContext,
      signal: signal(),
      debounceMs: 5,
    });
    location.hash = RECORD.slice(RECORD.indexOf('#'));
    const field = document.querySelector('input') as HTMLInputElement;
    // The record's data arrives later: the field is filled from script, as sao does.
    await new Promise((resolve) => setTimeout(resolve, 120));
    field.value = 'Rieger Medizintechnik GmbH';
    expect((await seen.next(2))?.keys).toEqual([{ kind: 'name', name: 'Rieger Medizintechnik GmbH' }]);
    field.value = 'Elektro Daume GmbH';
    expect((await seen.next(3))?.keys).toEqual([{ kind: 'name', name: 'Elektro Daume GmbH' }]);
  });

  it('re-reads a webmail preview pane refilled in place (addresses anywhere, no watch selector)', async () => {
    setUrl('https://webmail.example.org/mailbox/INBOX/');
    document.body.innerHTML = '<div id="pane"><p>From: a@one.de</p></div>';
    const seen = collector();
    const { generic } = await import('./generic.ts');
    watchPage(generic, { doc: document, onContext: seen.onContext, signal: signal(), debounceMs: 5 });
    expect(firstEmail(seen.contexts[0] ?? null)).toBe('a@one.de');
    const pane = document.getElementById('pane') as HTMLElement;
    pane.innerHTML = '<p>From: <span title="b@two.de">B</span></p>';
    expect(firstEmail(await seen.next())).toBe('b@two.de');
    pane.innerHTML = '';
    expect(await seen.next()).toBeNull();
  });
});
