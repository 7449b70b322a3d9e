/**
 * The built extension on four real webmails (five ways of reading mail: Horde's 3-pane and classic views, SOGo,
 * SqWebMail, CiderWebmail): the inbox with nothing open shows no account card; each seeded mail, opened the way
 * the rep does one after another, shows exactly its account or none (apps/<app>/expected.json); screenshots of
 * the card at 1280 × 720 and 1920 × 1080 go to docs/screenshots/realpages/.
 */
import { join } from 'node:path';
import { expectedItems, MAIL_VIEWS } from './apps.ts';
import { coveredByCard, expectAccount, readCard } from './card.ts';
import { expect, SCREENSHOT_DIR, test, VIEWPORTS } from './fixture.ts';
import { excluded, requireUp } from './lifecycle.ts';

/** The mail shown in the screenshots: an account, a Cc and an HTML part. */
const SCREENSHOT_SUBJECT = 'Pilot results & rollout to the Chemnitz plant';

for (const view of MAIL_VIEWS) {
  test.describe(view.id, () => {
    test.skip(excluded(view.app), `REALPAGES_APPS leaves ${view.app} out`);
    test.beforeEach(() => requireUp(view.app));

    test('the inbox with nothing open shows no account card', async ({ lens, page }) => {
      await view.login(page);
      await view.openList(page);
      await expectAccount(lens, page, null, { item: `${view.id}: inbox` });
    });

    test('each mail shows exactly its account or none, following every switch', async ({ lens, page }) => {
      await view.login(page);
      await view.openList(page);
      const wrong: string[] = [];
      const items = expectedItems(view.app, view.id);
      for (const item of items) {
        if (view.navigates) await view.openList(page);
        await view.openItem(page, item.subject!);
        try {
          await expectAccount(lens, page, item.account, {
            item: `${view.id}: "${item.subject}"`,
            orNone: item.orNone ?? false,
          });
        } catch {
          const seen = await readCard(page);
          const wanted = `${item.account ?? 'no account'}${item.orNone ? ' or no account' : ''}`;
          wrong.push(
            `"${item.subject}": expected ${wanted} (${item.why}), saw ${seen.state}` +
              (seen.accounts.length ? ` [${seen.accounts.join(', ')}]` : ''),
          );
        }
      }
      console.log(`${view.id}: ${items.length - wrong.length}/${items.length} mails right`);
      expect(wrong, `${view.id}: mails with the wrong card`).toEqual([]);
    });

    test('screenshots with the card at 1280 × 720 and 1920 × 1080', async ({ lens, page }) => {
      await view.login(page);
      await view.openList(page);
      await view.openItem(page, SCREENSHOT_SUBJECT);
      const expected = expectedItems(view.app, view.id).find((i) => i.subject === SCREENSHOT_SUBJECT)!.account;
      for (const size of VIEWPORTS) {
        await page.setViewportSize(size);
        // Whatever the card shows goes into the picture; the assertion comes after, so a wrong card is seen too.
        await expectAccount(lens, page, expected, { item: `${view.id}: screenshot` }).catch(() => undefined);
        await page.screenshot({ path: join(SCREENSHOT_DIR, `${view.id}-${size.width}x${size.height}.png`) });
        if (view.keepClear) {
          // The card is placed again after a resize settles: poll until it has.
          await expect
            .poll(() => coveredByCard(page, view.keepClear!), {
              message: `${view.id} at ${size.width} × ${size.height}`,
            })
            .toEqual([]);
        }
      }
      expect(await readCard(page)).toEqual({ state: 'matched', accounts: [expected] });
    });
  });
}
