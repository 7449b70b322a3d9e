/// <reference types="chrome" />
/**
 * A capture started from the context menu or the shortcut on a page whose URL and selection don't name the account
 * (a Gmail thread): the background asks the tab's content script for the keys its site adapter found, and the side
 * panel detects the account from them.
 */
import { expect, openExtensionPage, overlay, portfolioTest, serviceWorker } from './harness.ts';
import { routeSiteFixtures } from './site-routes.ts';

routeSiteFixtures();
const test = portfolioTest;

test("the tab's content script answers with its page keys, and the side panel detects the account from them", async ({
  shared,
}) => {
  const gmail = await shared.newPage();
  await gmail.goto('https://mail.google.com/mail/u/0/#inbox/18c2f0a9b7d4e6f1');
  await expect((await overlay(gmail)).getByTestId('account-name').first()).toContainText('Müller Maschinenbau');

  const worker = await serviceWorker(shared);
  const answer = await worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://mail.google.com/*' });
    const reply = await chrome.tabs.sendMessage(tab!.id!, { type: 'overlay.context' });
    // What the context-menu handler then leaves for the side panel: no selection, a URL without an account in it.
    await chrome.storage.session.set({
      pendingCapture: {
        at: new Date().toISOString(),
        source: 'context-menu',
        url: tab!.url,
        keys: reply.context.keys,
      },
    });
    return reply;
  });
  expect(answer.context.site).toBe('gmail');
  expect(answer.context.keys[0]).toMatchObject({ kind: 'email', email: 'jana.berg@mueller-maschinenbau.de' });

  const panel = await openExtensionPage(shared, 'sidepanel');
  await expect(panel.getByTestId('field-account')).toHaveValue('K-4711');
  await expect(panel.getByTestId('detected')).toContainText('Müller Maschinenbau');
  await panel.close();
  await gmail.close();
});
