/// <reference types="chrome" />
/**
 * How the overlay behaves as the rep works: single-page navigation, Gmail's thread switching, correcting a
 * match (remembered), collapsing (remembered), talking-point marks, the never-show list, user-defined adapters, and
 * the loop from a new insight to a re-scored account.
 */
import { expect, overlay, overlayFrameNow, portfolioTest, serviceWorker } from './harness.ts';
import { routeSiteFixtures } from './site-routes.ts';

routeSiteFixtures();
const test = portfolioTest;

test('Gmail: switching threads switches the account without a reload', async ({ shared }) => {
  const page = await shared.newPage();
  await page.goto('https://mail.google.com/mail/u/0/#inbox/18c2f0a9b7d4e6f1');
  await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
  await page.evaluate(() => (location.hash = '#inbox/FMfcgzQXJWDsKmtnQZbTnrLqpWvbJmxN'));
  await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Kraft Logistik');
  await page.goBack();
  await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
  await page.close();
});

test('Salesforce: a single-page navigation to another record switches the account', async ({ shared }) => {
  const page = await shared.newPage();
  await page.goto('https://hansen.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/view');
  await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
  // Lightning navigates with history.pushState and re-renders the record; no load event.
  await page.evaluate(() => {
    history.pushState({}, '', '/lightning/r/Account/001Dn00000KRFTaIAF/view');
    document.querySelector('h1')?.append(' ');
  });
  await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Kraft Logistik');
  await page.close();
});

test('a corrected match is remembered for the page key', async ({ shared }) => {
  const page = await shared.newPage();
  const url = 'https://webmail.example-hoster.de/?_task=mail&_action=show&_uid=4711&_mbox=INBOX';
  await page.goto(url);
  const card = await overlay(page);
  await expect(card.getByTestId('account-name').first()).toContainText('Alpenglanz Hotels');
  await card.getByTestId('not-this-account').first().click();
  await card.getByTestId('match-search').fill('Nordlicht');
  await card.getByTestId('result-K-3310').click();
  await expect(card.getByTestId('account-name').first()).toContainText('Nordlicht Energie');
  await page.reload();
  await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Nordlicht Energie');
  await expect((await overlay(page)).getByTestId('match-confidence').first()).toContainText('100');
  // Undo, so other tests see the page as it was.
  const worker = await serviceWorker(shared);
  await worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('accountlens');
        open.onsuccess = () => {
          const tx = open.result.transaction('meta', 'readwrite');
          tx.objectStore('meta').put([], 'corrections');
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.close();
});

test('collapsing to the badge is remembered across pages, and the badge reopens the card', async ({ shared }) => {
  const page = await shared.newPage();
  await page.goto('https://app-eu1.hubspot.com/contacts/26012345/record/0-2/9876543210');
  await (await overlay(page)).getByTestId('overlay-collapse').click();
  await expect((await overlay(page)).getByTestId('overlay-badge')).toBeVisible();
  const other = await shared.newPage();
  await other.goto('https://crm.zoho.eu/crm/org20071234567/tab/Accounts/5725767000000412003');
  await expect((await overlay(other)).getByTestId('overlay-badge')).toBeVisible();
  await expect((await overlay(other)).getByTestId('overlay-badge')).toHaveAttribute('aria-label', /Alpenglanz/);
  await (await overlay(other)).getByTestId('overlay-badge').press('Enter');
  await expect((await overlay(other)).getByTestId('account-name').first()).toContainText('Alpenglanz Hotels');
  await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Kraft Logistik');
  await page.close();
  await other.close();
});

test('a talking-point mark is kept', async ({ shared }) => {
  const page = await shared.newPage();
  const url = 'https://hansen.pipedrive.com/organization/2045';
  await page.goto(url);
  const first = (await overlay(page)).getByTestId('talking-points').locator('li').first();
  await first.getByTestId('mark-used').click();
  await expect(first.getByTestId('mark-used')).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  const again = (await overlay(page)).getByTestId('talking-points').locator('li').first();
  await expect(again.getByTestId('mark-used')).toHaveAttribute('aria-pressed', 'true');
  await page.close();
});

test('pages on the never-show list get no overlay', async ({ shared }) => {
  const worker = await serviceWorker(shared);
  await worker.evaluate(() => chrome.storage.local.set({ neverShowDomains: ['zoho.eu'] }));
  const page = await shared.newPage();
  await page.goto('https://crm.zoho.eu/crm/org20071234567/tab/Accounts/5725767000000412003');
  // The positive sign first: the content script ran and the background told it the domain is never shown.
  const answer = () =>
    worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'https://crm.zoho.eu/*' });
      return (await chrome.tabs.sendMessage(tab!.id!, { type: 'overlay.context' }).catch(() => null)) as {
        status: string;
        context: unknown;
      } | null;
    });
  await expect.poll(async () => (await answer())?.status, { timeout: 15_000 }).toBe('never-shown');
  // Decided, so no card can come any more: the page read nothing and shows nothing.
  expect((await answer())?.context).toBeNull();
  expect(overlayFrameNow(page)).toBeNull();
  await worker.evaluate(() => chrome.storage.local.set({ neverShowDomains: [] }));
  await page.close();
});

test('a user-defined adapter finds the account on a self-hosted CRM', async ({ shared }) => {
  const worker = await serviceWorker(shared);
  await worker.evaluate(() =>
    chrome.storage.local.set({
      customAdapters: [
        {
          id: 'hansen-crm',
          name: 'Hansen CRM',
          urlPattern: 'https://crm.hansen.example/accounts/{id}',
          nameSelector: 'h1.account-name',
          emailSelector: 'a.contact-email',
        },
      ],
    }),
  );
  const page = await shared.newPage();
  await page.goto('https://crm.hansen.example/accounts/4711');
  await expect((await overlay(page)).getByTestId('account-name').first()).toContainText('Müller Maschinenbau');
  await page.close();
});

test('a competitor insight re-scores the account and adds a talking point, at once', async ({ shared }) => {
  const page = await shared.newPage();
  await page.goto(
    'https://hansen.crm4.dynamics.com/main.aspx?appid=5b8a1c7e-2d4f-4e6a-9b3c-1f2e3d4c5b6a&pagetype=entityrecord&etn=account&id=%7B3F2504E0-4F89-11D3-9A0C-0305E82C3301%7D',
  );
  let card = await overlay(page);
  await expect(card.getByTestId('account-name').first()).toContainText('Nordlicht Energie');
  const before = Number(
    await card
      .getByTestId('value-score')
      .first()
      .innerText()
      .then((t) => t.match(/\d+/)?.[0]),
  );
  await expect(card.getByTestId('talking-points')).not.toContainText('Hoffmann Industrie');
  // Save through the same message the capture UI sends, from an extension page.
  const id = new URL((await serviceWorker(shared)).url()).host;
  const ext = await shared.newPage();
  await ext.goto(`chrome-extension://${id}/popup.html`);
  const saved = await ext.evaluate(() =>
    chrome.runtime.sendMessage({
      type: 'insight.save',
      payload: {
        input: {
          accountId: 'K-3310',
          type: 'competitor',
          title: 'Hoffmann Industrie offers 8 % below our price',
          body: 'Heard at the site visit: the purchasing lead compares us with Hoffmann Industrie.',
          sentiment: -1,
        },
      },
    }),
  );
  expect(saved.ok).toBe(true);
  await page.reload();
  card = await overlay(page); // a new page, a new frame
  await expect(card.getByTestId('talking-points')).toContainText('Hoffmann Industrie');
  const after = Number(
    await card
      .getByTestId('value-score')
      .first()
      .innerText()
      .then((t) => t.match(/\d+/)?.[0]),
  );
  expect(after).toBeLessThan(before);
  await ext.close();
  await page.close();
});
