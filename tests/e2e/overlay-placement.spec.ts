/**
 * Where the card goes on the host page: at 1280 × 720 and 1920 × 1080 on every fixture site it covers none of the
 * host's toolbars and banners nor the focused item's header (it docks below or beside them, or starts as a badge
 * with nothing interactive under it). The rep can drag it by its header or send it to the other edge; the place is
 * remembered per site. Screenshots go to docs/screenshots/.
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SITE_FIXTURES } from '../fixtures/sites/fixtures.ts';
import { expect, overlay, overlayBox, portfolioFixture, ROOT } from './harness.ts';
import { routeSiteFixtures } from './site-routes.ts';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
mkdirSync(SCREENSHOTS, { recursive: true });
routeSiteFixtures();
const test = portfolioFixture();

/** What the card must never cover: toolbars, banners and each site's focused-item header (its adapter's anchor). */
const PROTECTED = [
  '[role="banner"]',
  '[role="toolbar"]',
  'header',
  '.toolbar',
  'h1',
  'records-highlights2',
  'h2.hP',
  '[data-id="header_title"]',
  '[data-zcqa="rec_Account_Name"]',
].join(',');

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlapping(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** The protected elements' boxes that `box` overlaps, described for the failure message. */
async function coveredBy(page: Page, box: Box): Promise<string[]> {
  const rects = await page.evaluate((selector) => {
    return [...document.querySelectorAll(selector)]
      .map((el) => {
        const r = el.getBoundingClientRect();
        return {
          what: `${el.tagName.toLowerCase()}.${el.className}`,
          x: r.x,
          y: r.y,
          width: r.width,
          height: r.height,
        };
      })
      .filter((r) => r.width > 0 && r.height > 0);
  }, PROTECTED);
  return rects.filter((r) => overlapping(box, r)).map((r) => `${r.what} at ${Math.round(r.x)},${Math.round(r.y)}`);
}

const PAGES = [
  'salesforce-account.html',
  'hubspot-company.html',
  'dynamics-account.html',
  'zoho-account.html',
  'gmail-threads.html',
  'outlook-mail.html',
  'generic-webmail.html',
  'google-calendar-event.html',
];

for (const size of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${size.width}×${size.height} the card covers no toolbar and no focused header`, async ({ shared }) => {
    const page = await shared.newPage();
    await page.setViewportSize(size);
    for (const file of PAGES) {
      const fixture = SITE_FIXTURES.find((f) => f.file === file)!;
      await page.goto(fixture.url);
      const card = await overlay(page);
      // The card or, where there was no room, the badge: either way the frame has answered.
      await expect(card.locator('[data-testid="account-name"], [data-testid="overlay-badge"]').first()).toBeVisible();
      const box = await overlayBox(page);
      expect(await coveredBy(page, box), `${file} at ${size.width}×${size.height}`).toEqual([]);
      await page.screenshot({
        path: join(SCREENSHOTS, `overlay-${file.replace('.html', '')}-${size.width}x${size.height}.png`),
      });
    }
    await page.close();
  });
}

test('a badge shown for lack of room has nothing of the host’s interactive under it', async ({ shared }) => {
  const page = await shared.newPage();
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(SITE_FIXTURES.find((f) => f.file === 'salesforce-account.html')!.url);
  const card = await overlay(page);
  await expect(card.locator('[data-testid="account-name"], [data-testid="overlay-badge"]').first()).toBeVisible();
  const box = await overlayBox(page);
  const under = await page.evaluate((b) => {
    const host = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
    const points = [
      [b.x + 4, b.y + 4],
      [b.x + b.width - 4, b.y + b.height - 4],
      [b.x + b.width / 2, b.y + b.height / 2],
    ];
    return points.flatMap(([x, y]) =>
      document
        .elementsFromPoint(x!, y!)
        .filter((el) => el !== host && el.closest('a[href],button,input,select,textarea,[role="button"]'))
        .map((el) => el.outerHTML.slice(0, 80)),
    );
  }, box);
  if (box.width <= 60) expect(under).toEqual([]);
  await page.close();
});

test('the rep drags the card by its header, sends it to the other edge, and the place is kept per site', async ({
  shared,
}) => {
  const hubspot = SITE_FIXTURES.find((f) => f.file === 'hubspot-company.html')!.url;
  const page = await shared.newPage();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(hubspot);
  let card = await overlay(page);
  await expect(card.getByTestId('account-name').first()).toContainText('Kraft Logistik');
  const start = await overlayBox(page);

  // Drag by the header (the brand label) 200 px left and 40 px up or down, whichever the viewport leaves room for;
  // a frame's boxes are in page coordinates.
  const dy = start.y > 100 ? -40 : 40;
  const handle = (await card.locator('.al-brand').boundingBox())!;
  const from = { x: handle.x + 10, y: handle.y + handle.height / 2 };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // Four pixels inside the frame start the drag; from there the page side follows the pointer (once its shield is up).
  for (let dx = 1; dx <= 4; dx++) await page.mouse.move(from.x - dx, from.y);
  const x0 = from.x - 4;
  for (let k = 1; ; k++) {
    await page.mouse.move(x0 - k, from.y);
    if (Math.round((await overlayBox(page)).x) === Math.round(start.x - k)) break;
    expect(k, 'the card follows the pointer').toBeLessThan(40);
  }
  for (let i = 1; i <= 10; i++) await page.mouse.move(x0 - 20 * i, from.y + (dy / 10) * i);
  await page.mouse.up();
  await expect.poll(async () => Math.round((await overlayBox(page)).x)).toBe(Math.round(start.x - 200));
  const dragged = await overlayBox(page);
  expect(Math.round(dragged.y)).toBe(Math.round(start.y + dy));

  // Remembered for this site: a reload puts it where it was dropped.
  await page.reload();
  card = await overlay(page);
  await expect(card.getByTestId('account-name').first()).toContainText('Kraft Logistik');
  await expect.poll(async () => Math.round((await overlayBox(page)).x)).toBe(Math.round(dragged.x));

  // "Move to the other side" docks it at an edge (the keyboard's way), and that is remembered too.
  await card.getByTestId('overlay-dock').click();
  await expect.poll(async () => Math.round((await overlayBox(page)).x)).toBe(1920 - 360 - 12);
  await card.getByTestId('overlay-dock').click();
  await expect.poll(async () => Math.round((await overlayBox(page)).x)).toBe(12);
  await page.reload();
  await overlay(page);
  await expect.poll(async () => Math.round((await overlayBox(page)).x)).toBe(12);

  // Another site keeps its own (automatic) place.
  const other = await shared.newPage();
  await other.setViewportSize({ width: 1920, height: 1080 });
  await other.goto(SITE_FIXTURES.find((f) => f.file === 'pipedrive-organization.html')!.url);
  await expect((await overlay(other)).getByTestId('account-name').first()).toBeVisible();
  expect(Math.round((await overlayBox(other)).x)).not.toBe(12);
  await other.close();
  await page.close();
});
