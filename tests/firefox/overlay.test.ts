/// <reference types="chrome" />
/**
 * The rep's main path in Firefox: a scoring snapshot imported on the options page (in its worker, into
 * IndexedDB), the overlay (its extension frame) on a webmail page showing the matched account with its score and talking points, and
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
  const done = await options.waitForSelector('[data-testid="import-done"]', { timeout: 30_000 });
  assert.match((await done!.evaluate((e) => e.textContent)) ?? '', /Imported 60 accounts/);
  await options.evaluate(async (pattern) => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    await api.storage.local.set({ sites: { builtIn: [], origins: [pattern] } });
  }, originPattern(ff.origin));

  const mail = await ff.browser.newPage();
  await mail.setViewport({ width: 1280, height: 800 });
  await mail.goto(`${ff.origin}/?_task=mail&_action=show&_uid=4711`);
  const card = await waitFor(
    async () =>
      (await overlayFrame(mail)
        ?.evaluate(() => {
          // No helper functions in here: the test runner's transform would name them with a helper the frame lacks.
          const root = document;
          return {
            name: root?.querySelector('[data-testid="account-name"]')?.textContent ?? '',
            score: root?.querySelector('[data-testid="value-score"]')?.textContent ?? '',
            points: root?.querySelectorAll('[data-testid="talking-points"] li').length ?? 0,
          };
        })
        .catch(() => undefined)) ?? { name: '', score: '', points: 0 },
    (c) => c.name.length > 0 && c.points > 0,
  );
  assert.match(card.name, /Alpenglanz Hotels/);
  assert.match(card.score, /\d/);
  mkdirSync(SHOTS, { recursive: true });
  await mail.screenshot({ path: join(SHOTS, 'firefox-generic-webmail.png') });

  // Log insight opens Firefox's sidebar with capture for this account (read from the options page, through
  // extension.getViews: the sidebar is no tab the driver sees).
  await overlayFrame(mail)!.locator('[data-testid="log-insight"]').click();
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
