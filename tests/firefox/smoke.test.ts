/// <reference types="chrome" />
/**
 * Firefox smoke test: installs the Firefox MV3 e2e build (.output-e2e/firefox-mv3, hosts granted up front),
 * enables a local origin the way the options page does, and checks that an extension page renders and the overlay
 * mounts in its shadow root and answers on a webmail page, also when the message frame loads late.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { originPattern } from '../../lib/site-hosts.ts';
import { firefoxSession, noMatchText, openExtensionPage, ROOT, waitFor } from './firefox.ts';

const ff = firefoxSession(join(ROOT, '.output-e2e', 'firefox-mv3'), 'npm run build:e2e:firefox');

test('Firefox installs the MV3 build, renders an extension page, and the overlay asks the background on an enabled origin', async () => {
  // Enable the local origin from an extension page, as the options page does.
  const page = await openExtensionPage(ff.browser, 'popup');
  await page.waitForFunction(() => document.body?.innerText.includes('AccountLens'), { timeout: 15_000 });
  const text = await page.evaluate(() => document.body.innerText);
  assert.match(text, /Know what each account is worth/);
  await page.evaluate(async (pattern) => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    await api.storage.local.set({ sites: { builtIn: [], origins: [pattern] } });
  }, originPattern(ff.origin)); // match patterns carry no port

  const registered = await waitFor(async () =>
    page.evaluate(async () => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      return (await api.scripting.getRegisteredContentScripts()).length;
    }),
  );
  assert.ok(registered > 0, 'overlay content script registered');

  // A webmail page the generic adapter reads (sender in a same-origin iframe); no portfolio is imported here, so
  // the background answers the lookup and the card says which address it found but no account for it.
  for (const path of ['/', '/late']) {
    const mail = await ff.browser.newPage();
    await mail.goto(`${ff.origin}${path}?_task=mail&_action=show&_uid=4711`);
    const seen = new Set<string>();
    const state = await waitFor(
      async () => {
        const text = await noMatchText(mail);
        if (text) seen.add(text);
        return text;
      },
      (s) => /alpenglanz-hotels\.at/.test(s),
      15_000,
      50,
    );
    assert.match(state, /No account found/, path);
    assert.match(state, /alpenglanz-hotels\.at/, path);
    // Before the message frame is there the page names no account: the overlay stays away, it never says
    // "no account found" for an address it hasn't looked up.
    assert.deepEqual(
      [...seen].filter((s) => !/alpenglanz-hotels\.at/.test(s)),
      [],
      `${path}: the overlay said "no account found" before it had the message's address`,
    );
    await mail.close();
  }
});
