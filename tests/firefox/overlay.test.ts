/// <reference types="chrome" />
/**
 * The rep's main path in Firefox: a scoring snapshot imported on the options page (in its worker, into
 * IndexedDB), the overlay on a webmail page showing the matched account with its score and talking points, and
 * "Log insight" opening capture for that account.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { originPattern } from '../../lib/site-hosts.ts';
import { firefoxSession, openExtensionPage, overlayFrame, ROOT, waitFor } from './firefox.ts';

const SNAPSHOT = join(ROOT, '.cache', 'portfolio', 'snapshot.json');
const SHOTS = join(ROOT, 'docs', 'screenshots');

const ff = firefoxSession(join(ROOT, '.output-e2e', 'firefox-mv3'), 'npm run build:e2e:firefox');

test('Firefox: an imported snapshot, the matched account on a webmail page, and Log insight', async () => {
  const options = await openExtensionPage(ff.browser, 'options');
  await options.locator('input[name="import-kind"][value="snapshot"]').click();
  const file = (await options.waitForSelector('[data-testid="file-snapshot"]')) as ElementHandle<HTMLInputElement>;
  await file.uploadFile(SNAPSHOT);
  await options.locator('[data-testid="import-start"]').click();
  const done = await options
    .waitForSelector('[data-testid="import-done"]', { timeout: 30_000 })
    .catch(async (error: unknown) => {
      const shown = await options.evaluate(() => document.querySelector('#data')?.textContent ?? '');
      throw new Error(`the import did not finish: ${String(error)}; the data card says: ${shown.slice(0, 600)}`);
    });
  assert.match((await done!.evaluate((e) => e.textContent)) ?? '', /Imported 60 accounts/);
  await options.evaluate(async (pattern) => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    await api.storage.local.set({ sites: { builtIn: [], origins: [pattern] } });
  }, originPattern(ff.origin));

  const mail = await ff.browser.newPage();
  await mail.setViewport({ width: 1280, height: 800 });
  await mail.goto(`${ff.origin}/?_task=mail&_action=show&_uid=4711`);
  const empty = { name: '', score: '', points: 0 };
  const card = await waitFor(
    async () =>
      (await overlayFrame(mail))
        ?.evaluate(() => ({
          // No helper functions in here: the test runner's transform would name them with a helper the page lacks.
          name: document.querySelector('[data-testid="account-name"]')?.textContent ?? '',
          score: document.querySelector('[data-testid="value-score"]')?.textContent ?? '',
          points: document.querySelectorAll('[data-testid="talking-points"] li').length,
        }))
        .catch(() => empty) ?? Promise.resolve(empty),
    (c) => c.name.length > 0 && c.points > 0,
  );
  assert.match(card.name, /Alpenglanz Hotels/);
  assert.match(card.score, /\d/);
  mkdirSync(SHOTS, { recursive: true });
  await mail.screenshot({ path: join(SHOTS, 'firefox-generic-webmail.png') });

  // Log insight opens Firefox's sidebar with capture for this account (read from the options page, through
  // extension.getViews: the sidebar is no tab the driver sees).
  // A real click (the sidebar opens only from a user gesture), on the button inside the card's frame.
  // The driver can't reach into the closed shadow root to aim, so the click goes to the page at the button's place:
  // the host element's box (a custom element with a random name) plus the button's box inside the frame.
  const frame = (await overlayFrame(mail))!;
  const inner = await frame.evaluate(() => {
    const button = document.querySelector('[data-testid="log-insight"]')!;
    button.scrollIntoView({ block: 'center' });
    const r = button.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  const outer = await mail.evaluate(() => {
    const host = [...document.body.children].find((el) => /^[a-z]+-[a-z]+$/i.test(el.tagName) && el.id === '');
    const r = host!.getBoundingClientRect();
    return { x: r.x, y: r.y };
  });
  await mail.mouse.click(outer.x + inner.x, outer.y + inner.y);
  const sidebar = await waitFor(
    () =>
      options.evaluate(() => {
        const api = (globalThis as unknown as { browser: typeof chrome }).browser;
        const view = api.extension.getViews({ type: 'sidebar' as chrome.extension.ViewType })[0];
        const field = view?.document.querySelector('[data-testid="field-account"]') as HTMLSelectElement | null;
        return { open: view !== undefined, url: view?.location.pathname ?? '', account: field?.value ?? '' };
      }),
    (v) => v.account !== '',
  );
  assert.deepEqual(sidebar, { open: true, url: '/sidepanel.html', account: 'K-5120' });
});
