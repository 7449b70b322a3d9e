/// <reference types="chrome" />
/**
 * The permission flow in the build reps install (.output/firefox-mv3: no host permissions up front). Chromium's
 * permission prompt can't be answered by a test, so the Chromium e2e build grants its hosts at install; here
 * Firefox's `extensions.webextOptionalPermissionPrompts` pref answers the prompt with "allow", and everything else
 * runs as for a rep: the options page asks for the site inside the click, the background registers the overlay
 * for the granted origin, and removing the site gives the permission back and takes the overlay away.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { originPattern } from '../../lib/site-hosts.ts';
import { firefoxSession, hasOverlay, noMatchText, openExtensionPage, ROOT, waitFor } from './firefox.ts';

const BUILD = join(ROOT, '.output', 'firefox-mv3');

const ff = firefoxSession(BUILD, 'npm run build:firefox', { 'extensions.webextOptionalPermissionPrompts': false });

/** What the extension may access and has registered, asked from one of its pages. */
function access(page: Page, pattern: string) {
  return page.evaluate(async (p) => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    const [granted, scripts] = await Promise.all([
      api.permissions.contains({ origins: [p] }),
      api.scripting.getRegisteredContentScripts(),
    ]);
    return { granted, matches: scripts.flatMap((s) => s.matches ?? []) };
  }, pattern);
}

/** Waits until the webmail page and the frame holding the message have loaded. */
async function messageFrameLoaded(mail: Page): Promise<void> {
  await mail.waitForFunction(() => document.querySelector('iframe')?.contentDocument?.body?.innerText.length);
}

async function openMail(): Promise<Page> {
  const mail = await ff.browser.newPage();
  await mail.goto(`${ff.origin}/?_task=mail&_action=show&_uid=4711`);
  return mail;
}

test('a site added on the options page is asked for in the click, gets the overlay, and is given back on removal', async () => {
  const manifest = JSON.parse(readFileSync(join(BUILD, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(manifest.host_permissions, undefined, 'the build reps install asks for no host up front');
  assert.deepEqual(manifest.optional_host_permissions, ['https://*/*', 'http://*/*']);
  assert.equal(manifest.content_scripts, undefined, 'the overlay is only ever registered at run time');

  const pattern = originPattern(ff.origin); // match patterns carry no port
  const options = await openExtensionPage(ff.browser, 'options');
  assert.deepEqual(await access(options, pattern), { granted: false, matches: [] });

  // Not enabled: nothing is registered that could inject the overlay (asserted above), the page has loaded with
  // its message frame, and no overlay is there.
  const before = await openMail();
  await messageFrameLoaded(before);
  assert.deepEqual(await access(options, pattern), { granted: false, matches: [] });
  assert.equal(await hasOverlay(before), false, 'no overlay on a site the rep has not enabled');
  await before.close();

  // The rep adds the site: a real click, so the request runs inside a user gesture.
  await options.bringToFront();
  await options.locator('[data-testid="origin-input"]').fill(ff.origin);
  await options.locator('form ::-p-text(Add site)').click();
  await options.waitForFunction(
    (host) => document.querySelector('[data-testid="origin-list"]')?.textContent?.includes(host),
    { timeout: 15_000 },
    '127.0.0.1',
  );
  const enabled = await waitFor(
    () => access(options, pattern),
    (a) => a.matches.includes(pattern),
  );
  assert.deepEqual(enabled, { granted: true, matches: [pattern] });

  const mail = await openMail();
  const state = await waitFor(
    () => noMatchText(mail),
    (s) => /alpenglanz-hotels\.at/.test(s),
  );
  assert.match(state, /No account found/);
  assert.match(state, /alpenglanz-hotels\.at/);
  await mail.close();

  // Removing the site unregisters the overlay and gives the host permission back.
  await options.bringToFront();
  await options.locator('[aria-label="Remove 127.0.0.1"]').click();
  const removed = await waitFor(
    () => access(options, pattern),
    (a) => !a.granted && a.matches.length === 0,
  );
  assert.deepEqual(removed, { granted: false, matches: [] });
  // The registration is gone (waited for above); the page loads in full and gets no overlay.
  const after = await openMail();
  await messageFrameLoaded(after);
  assert.equal(await hasOverlay(after), false, 'no overlay once the site is removed');
});
