/// <reference types="chrome" />
import {
  enableSites,
  expect,
  fixtureRoute,
  openExtensionPage,
  overlay,
  screenshot,
  serviceWorker,
  test,
} from './harness.ts';

fixtureRoute('https://*.lightning.force.com/**', 'pages/plain-record.html');

test('the overlay mounts in its extension frame on a routed Salesforce URL and asks the background', async ({
  context,
}) => {
  await enableSites(context, ['salesforce']);
  const page = await context.newPage();
  await page.goto('https://acme.lightning.force.com/lightning/r/Account/001Dn00000ABCDEFG1/view');
  // No portfolio imported yet: the background answers the lookup, and the card (in the extension's frame, behind
  // a closed shadow root) says no account was found; the page's DOM holds none of it.
  const card = await overlay(page);
  await expect(card.getByTestId('overlay-no-match')).toBeVisible();
  expect(await page.evaluate(() => document.body.innerText)).not.toContain('No account');
  await screenshot(page, 'foundation-overlay');
});

test('a message to the background is stored in IndexedDB and read back in another extension page', async ({
  context,
}) => {
  const popup = await openExtensionPage(context, 'popup');
  const answer = await popup.evaluate(() =>
    chrome.runtime.sendMessage({
      type: 'insight.save',
      payload: { input: { accountId: null, type: 'need', title: 'Needs a second packing line by spring' } },
    }),
  );
  expect(answer.ok).toBe(true);
  const options = await openExtensionPage(context, 'options');
  await expect(options.getByTestId('insight-count')).toHaveText('1');
  const stored = await options.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('accountlens');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('insights').objectStore('insights').getAll();
          all.onsuccess = () => resolve((all.result as { title: string }[]).map((i) => i.title));
        };
      }),
  );
  expect(stored).toEqual(['Needs a second packing line by spring']);
});

test('the background answers unknown and malformed messages with an error, not a crash', async ({ context }) => {
  const page = await openExtensionPage(context, 'popup');
  const answers = await page.evaluate(async () => [
    await chrome.runtime.sendMessage({ type: 'no.such.type', payload: {} }),
    await chrome.runtime.sendMessage({ hello: 'world' }),
    await chrome.runtime.sendMessage({ type: 'match.correct', payload: { key: 42 } }),
    await chrome.runtime.sendMessage({ type: 'ping', payload: {} }),
  ]);
  expect(answers[0]).toEqual({ ok: false, error: 'Unknown message type: no.such.type' });
  expect(answers[1]).toEqual({ ok: false, error: 'Invalid message: expected {type, payload}' });
  expect(answers[2].ok).toBe(false);
  expect(answers[2].error).toContain('Invalid match.correct message');
  expect(answers[3]).toEqual({ ok: true, data: { version: '0.1.0' } });
  await serviceWorker(context);
});

test('popup, options and side panel pages render translated text', async ({ context }) => {
  for (const [page, text] of [
    ['popup', 'Know what each account is worth'],
    ['options', 'AccountLens settings'],
    ['sidepanel', 'Workshop notes'],
  ] as const) {
    const tab = await openExtensionPage(context, page);
    await expect(tab.locator('body')).toContainText(text);
    await screenshot(tab, `foundation-${page}`);
    await tab.close();
  }
});
