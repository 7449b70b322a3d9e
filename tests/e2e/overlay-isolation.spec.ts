/// <reference types="chrome" />
/**
 * The host page learns nothing of the card. A main-world script on a CRM page (installed before the page's own
 * scripts, as a vendor's or an analytics tag would be) tries every route it has: it wraps attachShadow, reads open
 * shadow roots, the body's innerText and the whole DOM, watches every mutation, listens to every document event,
 * tries to read the frame's document, and spoofs postMessage requests towards the frame. The card meanwhile shows
 * the account's score, revenue, talking points and a private note (read through the frame, the rep's view); none
 * of those texts reaches the page's script. Also: the router refuses account data to the content script's world.
 */
import { expect, overlay, portfolioFixture, serviceWorker } from './harness.ts';
import { routeSiteFixtures } from './site-routes.ts';

routeSiteFixtures();
const test = portfolioFixture();

const RECORD = 'https://hansen.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/view';
const NOTE = 'Zebrafink budget freeze until the Q3 board meeting';

/** Runs in the page's main world before its scripts: the spy. A string, so no test-runner helpers leak in. */
const SPY = `(() => {
  const seen = [];
  const roots = [];
  window.__spy = { seen, roots };
  const original = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = original.call(this, init);
    roots.push(root);
    return root;
  };
  const text = (node) => {
    try {
      if (node.nodeType === 1) seen.push(node.outerHTML);
      else if (node.textContent) seen.push(node.textContent);
    } catch (e) { seen.push('error:' + e); }
  };
  new MutationObserver((records) => {
    for (const r of records) {
      r.addedNodes.forEach(text);
      if (r.type === 'characterData') seen.push(r.target.textContent || '');
      if (r.type === 'attributes') seen.push(String(r.target.getAttribute(r.attributeName)));
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  const types = ['message', 'click', 'pointerdown', 'pointerup', 'mousedown', 'mouseup', 'keydown', 'keyup', 'focusin',
    'focusout', 'input', 'change', 'resize', 'scroll', 'copy', 'selectionchange', 'transitionend', 'animationend'];
  for (const type of types) {
    const record = (e) => {
      seen.push(type + ':' + (e.data === undefined ? '' : JSON.stringify(e.data)) + ':' + JSON.stringify(e.detail ?? null));
      try { for (const t of e.composedPath()) if (t.nodeType === 1) seen.push(t.outerHTML.slice(0, 2000)); } catch {}
    };
    document.addEventListener(type, record, true);
    window.addEventListener(type, record, true);
  }
})();`;

/** Runs in the page after the card shows: every other route, and what each found. */
const PROBE = `(async () => {
  const { seen, roots } = window.__spy;
  const found = [...seen];
  found.push(document.body.innerText, document.documentElement.outerHTML);
  for (const el of document.querySelectorAll('*')) if (el.shadowRoot) found.push(el.shadowRoot.innerHTML);
  for (const root of roots) found.push(root.innerHTML);
  // The card's frame is inside a closed shadow root, so it is not among window.frames: no handle to post to.
  const framesBefore = window.frames.length;
  // So the page frames the (web-accessible) card page itself, reads it and spoofs requests towards it.
  const copy = document.createElement('iframe');
  copy.id = 'copy';
  copy.src = FRAME_URL;
  document.body.append(copy);
  await new Promise((r) => copy.addEventListener('load', r, { once: true }));
  const frameReads = [];
  for (let i = 0; i < window.frames.length; i++) {
    const frame = window.frames[i];
    try { frameReads.push('read:' + frame.document.body.innerText); } catch (e) { frameReads.push('blocked'); }
    for (const message of [{ type: 'overlay.lookup', payload: {} }, { type: 'page.lookup' }, 'lookup', { kind: 'size' }])
      frame.postMessage(message, '*');
  }
  frameReads.push(copy.contentDocument === null ? 'blocked' : 'read:' + copy.contentDocument.body.innerText);
  await new Promise((r) => setTimeout(r, 300));
  found.push(...seen.slice(found.length));
  return { found: found.join('\\n'), frameReads, framesBefore, roots: roots.length };
})()`;

test('a page script finds none of the card’s numbers or notes, whatever route it takes', async ({ shared }) => {
  // A private note on the account, saved the way the capture form saves it.
  const ext = await shared.newPage();
  await ext.goto(`chrome-extension://${new URL((await serviceWorker(shared)).url()).host}/popup.html`);
  const saved = await ext.evaluate(
    (title) =>
      chrome.runtime.sendMessage({
        type: 'insight.save',
        payload: {
          input: { accountId: 'K-4711', type: 'need', title, body: `${title}: call the CFO.`, private: true },
        },
      }),
    NOTE,
  );
  expect(saved).toMatchObject({ ok: true });
  await ext.close();

  const page = await shared.newPage();
  await page.addInitScript(SPY);
  await page.goto(RECORD);
  const card = await overlay(page);
  await expect(card.getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
  await expect(card.getByTestId('latest-insights')).toContainText(NOTE);
  await expect(card.getByTestId('talking-points').locator('li').first()).toBeVisible();
  // The rep uses the card (events fire in the frame, not in the page).
  await card.getByTestId('score-breakdown').locator('summary').click();
  await expect(card.getByTestId('criteria')).toBeVisible();

  const secrets = [
    NOTE,
    (await card.getByTestId('value-score').first().innerText()).replace(/\s+/g, ''),
    await card.getByTestId('clv-revenue').first().innerText(),
    await card.getByTestId('talking-points').locator('li').first().innerText(),
    await card.getByTestId('criteria').first().innerText(),
  ].map((s) => s.trim().split('\n')[0]!.trim());
  for (const s of secrets) expect(s.length).toBeGreaterThan(2);

  const frameUrl = card.url().split('#')[0]!;
  const probe = (await page.evaluate(PROBE.replace('FRAME_URL', JSON.stringify(frameUrl)))) as {
    found: string;
    frameReads: string[];
    framesBefore: number;
    roots: number;
  };
  // The routes ran: the spy saw the page and its own copy of the card page, and reached that copy's window.
  expect(probe.found).toContain('slds-global-header');
  expect(probe.framesBefore).toBe(0);
  expect(probe.frameReads).toEqual(['blocked', 'blocked']);
  expect(probe.roots).toBe(0); // the content script's attachShadow is its own world's, never the page's
  const haystack = probe.found.replace(/\s+/g, '');
  for (const secret of secrets) expect(haystack, `page saw "${secret}"`).not.toContain(secret.replace(/\s+/g, ''));
  // The page's copy of the card page was answered (positive sign) with nothing: it lacks the frame's key.
  const copy = page.frames().find((f) => f !== card && f.url() === frameUrl)!;
  await expect(copy.locator('#app > div')).toHaveAttribute('data-state', 'refused');
  await expect(copy.getByTestId('account-name')).toHaveCount(0);

  // The frame ignored the spoofed messages: it still shows the same account, with its note.
  await expect(card.getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
  await expect(card.getByTestId('latest-insights')).toContainText(NOTE);
  await page.close();
});

test('the content script’s world is refused account data and exports; the overlay’s own messages answer it', async ({
  shared,
}) => {
  const page = await shared.newPage();
  await page.goto(RECORD);
  await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
  const worker = await serviceWorker(shared);
  // Runs in the extension's isolated world of the page: the content scripts' world, with their sender identity.
  const answers = await worker.evaluate(
    async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      const [result] = await chrome.scripting.executeScript({
        target: { tabId: tab!.id! },
        world: 'ISOLATED',
        func: async () => {
          const ask = (type: string, payload: unknown) => chrome.runtime.sendMessage({ type, payload });
          return {
            lookup: await ask('overlay.lookup', {}),
            search: await ask('account.search', { query: 'Müller' }),
            connect: await ask('sync.connect', { url: 'https://hub.example.com', token: 'x' }),
            settings: await ask('overlay.settings', { hostname: location.hostname }),
          };
        },
      });
      return result!.result as Record<string, { ok: boolean; error?: string }>;
    },
    `${RECORD.split('/lightning')[0]}/*`,
  );
  expect(answers.lookup).toEqual({
    ok: false,
    error: "Refused overlay.lookup: answered to the extension's own pages only, not to content scripts",
  });
  expect(answers.search!.ok).toBe(false);
  expect(answers.connect!.ok).toBe(false);
  expect(answers.settings).toMatchObject({ ok: true });
  await page.close();
});

test('the hub token is out of the content scripts’ reach, and an older install’s token is moved there', async ({
  shared,
}) => {
  const TOKEN = 'al_e2e-secret-token-0123456789abcdef';
  const worker = await serviceWorker(shared);
  // An install from before: the connection in storage.local, where content scripts could read it.
  await worker.evaluate(
    (token) => chrome.storage.local.set({ hub: { url: 'https://hub.example.com', token }, hub$: { v: 1 } }),
    TOKEN,
  );
  const popup = await shared.newPage();
  await popup.goto(`chrome-extension://${new URL(worker.url()).host}/popup.html`);
  const status = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'sync.status', payload: {} }));
  expect(status).toMatchObject({ ok: true, data: { hub: { url: 'https://hub.example.com' } } });
  await popup.close();

  const page = await shared.newPage();
  await page.goto(RECORD);
  await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
  const seen = await worker.evaluate(
    async (url) => {
      const [tab] = await chrome.tabs.query({ url });
      const [result] = await chrome.scripting.executeScript({
        target: { tabId: tab!.id! },
        world: 'ISOLATED',
        func: async () => {
          const out: string[] = [];
          try {
            out.push(JSON.stringify(await chrome.storage.local.get(null)));
          } catch (e) {
            out.push(`local refused: ${String(e)}`);
          }
          try {
            out.push(JSON.stringify(await chrome.storage.session.get(null)));
          } catch (e) {
            out.push(`session refused: ${String(e)}`);
          }
          // A content script's IndexedDB is the web page's: the extension's databases are not in it.
          out.push(JSON.stringify(await indexedDB.databases()));
          return out;
        },
      });
      return result!.result as string[];
    },
    `${RECORD.split('/lightning')[0]}/*`,
  );
  expect(seen.length).toBe(3);
  expect(seen.join('\n')).not.toContain(TOKEN);
  expect(seen[2]).not.toContain('accountlens-secrets');
  // Moved, not copied: storage.local (which Firefox's content scripts can read) no longer holds it.
  const local = await worker.evaluate(() => chrome.storage.local.get(['hub', 'hub$']));
  expect(local).toEqual({});
});
