/**
 * Tryton's web client (sao) as the rep's self-hosted CRM. The admin makes a user-defined adapter for it THROUGH
 * THE OPTIONS PAGE (tryton-adapter.ts holds what they type), exports it, removes it and imports the export
 * again; then, in one page load, the rep opens party after party by in-app navigation (hash routes that sao
 * rewrites to `<id>;name=…&views=…`), and each shows exactly its account or none (apps/tryton/expected.json),
 * produced by that adapter (not by the generic one); the party list with no record open shows no account card.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openExtensionPage, serviceWorker } from '../e2e/harness.ts';
import { expectedItems, TRYTON_KEEP_CLEAR, trytonLogin, trytonOpenList, trytonOpenParty } from './apps.ts';
import { coveredByCard, expectAccount, pageContext, readCard } from './card.ts';
import { expect, SCREENSHOT_DIR, test, VIEWPORTS } from './fixture.ts';
import { excluded, requireUp } from './lifecycle.ts';
import { TRYTON_ADAPTER } from './tryton-adapter.ts';

test.skip(excluded('tryton'), 'REALPAGES_APPS leaves tryton out');
test.beforeEach(() => requireUp('tryton'));

test('a Tryton adapter made in the options page, exported and re-imported, follows in-app navigation', async ({
  lens,
  page,
}) => {
  // 1. Made through the options page, the way an admin does.
  const options = await openExtensionPage(lens, 'options');
  const editor = options.getByTestId('adapter-editor');
  await editor.getByLabel('Name', { exact: true }).fill(TRYTON_ADAPTER.name);
  await editor.getByLabel('URL pattern').fill(TRYTON_ADAPTER.urlPattern);
  await editor.getByLabel('Name selector').fill(TRYTON_ADAPTER.nameSelector);
  await editor.getByLabel('Email selector').fill(TRYTON_ADAPTER.emailSelector);
  // A selector for the website/domain (issue spec); filled when the form offers it.
  const website = editor.getByLabel(/^(website|domain)/i);
  expect.soft(await website.count(), 'the adapter form has a website/domain selector').toBe(1);
  if ((await website.count()) === 1) await website.fill(TRYTON_ADAPTER.domainSelector);
  await editor.getByRole('button', { name: 'Add custom site' }).click();
  await expect(options.getByTestId('adapter-list')).toContainText(TRYTON_ADAPTER.name);

  // 2. Exported, removed, imported again: the import is what the rep's browser gets from the admin.
  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByRole('button', { name: 'Export as JSON' }).first().click(),
  ]);
  const file = (await download.path())!;
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { adapters: Record<string, string>[] };
  expect(exported.adapters).toHaveLength(1);
  expect(exported.adapters[0]).toMatchObject({
    name: TRYTON_ADAPTER.name,
    urlPattern: TRYTON_ADAPTER.urlPattern,
    nameSelector: TRYTON_ADAPTER.nameSelector,
    emailSelector: TRYTON_ADAPTER.emailSelector,
  });
  await options.getByRole('button', { name: `Remove ${TRYTON_ADAPTER.name}` }).click();
  await expect(options.locator('#custom')).toContainText('No custom sites yet.');
  await options.getByTestId('adapter-import').setInputFiles(file);
  await expect(options.getByTestId('adapter-notice')).toContainText('Custom sites imported: 1.');
  const active = options.getByLabel(`${TRYTON_ADAPTER.name} active`);
  if (!(await active.isChecked())) await active.check();
  await expect(active).toBeChecked();
  const worker = await serviceWorker(lens);
  await expect
    .poll(async () => worker.evaluate(async () => (await chrome.storage.local.get('customAdapters')).customAdapters))
    .toHaveLength(1);
  await options.close();

  // 3. One page load; every party is opened by in-app navigation.
  await trytonLogin(page);
  await page.evaluate(() => ((window as unknown as { __sameLoad: boolean }).__sameLoad = true));
  const wrong: string[] = [];
  const items = expectedItems('tryton');
  for (const item of items) {
    await trytonOpenParty(page, item.party!);
    try {
      await expectAccount(lens, page, item.account, { item: `tryton: ${item.party}` });
      const answer = await pageContext(lens, page);
      if (answer.context?.site !== `custom:${TRYTON_ADAPTER.id}`) {
        throw new Error(`read by ${answer.context?.site ?? 'no adapter'}`);
      }
    } catch {
      const seen = await readCard(page);
      const site = (await pageContext(lens, page)).context?.site ?? 'no adapter';
      wrong.push(
        `"${item.party}": expected ${item.account ?? 'no account'} (${item.why}), saw ${seen.state}` +
          (seen.accounts.length ? ` [${seen.accounts.join(', ')}]` : '') +
          ` read by ${site}`,
      );
    }
  }
  console.log(`tryton: ${items.length - wrong.length}/${items.length} parties right`);
  expect.soft(wrong, 'tryton: parties with the wrong card or adapter').toEqual([]);

  // 4. Screenshots of a record with its card, then the list with nothing open.
  const shown = items.find((i) => i.account !== null)!;
  await trytonOpenParty(page, shown.party!);
  for (const size of VIEWPORTS) {
    await page.setViewportSize(size);
    await expectAccount(lens, page, shown.account, { item: 'tryton: screenshot' }).catch(() => undefined);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `tryton-${size.width}x${size.height}.png`) });
    await expect
      .poll(() => coveredByCard(page, TRYTON_KEEP_CLEAR), { message: `tryton at ${size.width} × ${size.height}` })
      .toEqual([]);
  }
  await page.setViewportSize(VIEWPORTS[0]);
  await trytonOpenList(page);
  await expectAccount(lens, page, null, { item: 'tryton: party list' });
  expect(await page.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);
});
