/// <reference types="chrome" />
/**
 * Accessibility of every extension UI in the built extension: axe-core (node_modules/axe-core/axe.min.js) finds no
 * serious or critical violation in the overlay (its extension frame, on light and dark host pages), the popup, the side
 * panel, the options page and the meeting brief; and each is usable by keyboard alone with a visible focus ring.
 */
import type { Frame, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITE_FIXTURES } from '../fixtures/sites/fixtures.ts';
import { expect, openExtensionPage, overlay, overlayFrameNow, ROOT, screenshot, portfolioFixture } from './harness.ts';
import { routeSiteFixtures } from './site-routes.ts';

routeSiteFixtures();

const AXE_PATH = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');
const url = (file: string) => SITE_FIXTURES.find((f) => f.file === file)!.url;

/** A browser of its own (its tests record outcomes), with the rep's profile, every site and the portfolio. */
const test = portfolioFixture();

interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: unknown[];
}

/**
 * Serious and critical axe violations in a page or frame (the overlay's card is an extension frame). axe is
 * injected with a script tag; extension pages forbid inline scripts (CSP `script-src 'self'`), so there it is
 * evaluated through the DevTools protocol instead.
 */
async function seriousViolations(page: Page | Frame): Promise<Violation[]> {
  if (page.url().startsWith('chrome-extension://')) await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  else await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    type Result = { id: string; impact?: string | null; help: string; nodes: { target: unknown }[] };
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: Result[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target) }));
  });
}

interface Focused {
  /** Tag and test id or text of the focused element (inside shadow roots too). */
  name: string;
  /** An outline or box shadow on it, or on the chip that stands for a visually hidden radio. */
  ring: boolean;
}

/** What has the keyboard focus now, looking through open shadow roots and into the overlay's frame. */
async function focused(page: Page): Promise<Focused> {
  const frame = overlayFrameNow(page);
  const target = frame && (await frame.evaluate(() => document.hasFocus())) ? frame : page;
  return target.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return { name: 'body', ring: false };
    const shown = (e: Element | null) => {
      if (!e) return false;
      const s = getComputedStyle(e);
      return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none';
    };
    const name = `${el.tagName.toLowerCase()}:${el.getAttribute('data-testid') ?? el.textContent?.trim().slice(0, 30) ?? ''}`;
    return { name, ring: shown(el) || shown(el.nextElementSibling) };
  });
}

/** Presses Tab up to `max` times until `match` says the focus arrived; every stop on the way must show a ring. */
async function tabTo(page: Page, match: (f: Focused) => boolean, max = 60): Promise<Focused[]> {
  const stops: Focused[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    stops.push(f);
    if (match(f)) return stops;
  }
  throw new Error(`focus never reached the target; stops: ${stops.map((s) => s.name).join(', ')}`);
}

const withoutRing = (stops: Focused[]) => stops.filter((s) => !s.ring && s.name !== 'body').map((s) => s.name);

test.describe('accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`overlay on a ${scheme} host page: no serious violations, legible`, async ({ shared }) => {
      const page = await shared.newPage();
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(url('google-calendar-event.html'));
      const frame = await overlay(page);
      await expect(frame.getByRole('tab')).toHaveCount(2);
      await frame.getByTestId('score-breakdown').locator('summary').click();
      const background = await frame
        .getByTestId('accountlens-overlay')
        .evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(background).toBe(scheme === 'dark' ? 'rgb(22, 26, 34)' : 'rgb(255, 255, 255)');
      expect(await seriousViolations(frame)).toEqual([]);
      await screenshot(page, `a11y-overlay-${scheme}`);
      await page.close();
    });
  }

  test('overlay by keyboard: tabs, marks, collapse and expand, with a visible focus', async ({ shared }) => {
    const page = await shared.newPage();
    await page.goto(url('google-calendar-event.html'));
    const frame = await overlay(page);
    await expect(frame.getByRole('tab')).toHaveCount(2);
    const stops = await tabTo(page, (f) => f.name.startsWith('button:') && f.name.includes('overlay-collapse'));
    const tab = await tabTo(page, (f) => f.name.startsWith('button:account-tab-'));
    await page.keyboard.press('ArrowRight');
    const afterArrow = await focused(page);
    expect(afterArrow.name).not.toBe(tab.at(-1)!.name);
    await tabTo(page, (f) => f.name === 'button:mark-used');
    await page.keyboard.press('Enter');
    await expect(frame.getByTestId('mark-used').first()).toHaveAttribute('aria-pressed', 'true');
    const brief = await tabTo(page, (f) => f.name === 'button:open-brief');
    expect(withoutRing([...stops.filter((s) => s.name.includes('overlay')), ...tab, ...brief])).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(frame.getByTestId('overlay-badge')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(frame.getByTestId('overlay-collapse')).toBeFocused();
    await page.close();
  });

  test('popup: no serious violations; find an account by keyboard', async ({ shared }) => {
    const popup = await openExtensionPage(shared, 'popup');
    await expect(popup.getByTestId('popup-picker-query')).toBeFocused();
    await popup.keyboard.type('Müller');
    const stops = await tabTo(popup, (f) => f.name === 'button:pick-K-4711');
    await popup.keyboard.press('Enter');
    await expect(popup.getByTestId('account-name')).toHaveText('Müller Maschinenbau GmbH & Co. KG');
    const more = await tabTo(popup, (f) => f.name === 'button:open-brief');
    expect(withoutRing([...stops, ...more])).toEqual([]);
    expect(await seriousViolations(popup)).toEqual([]);
    await popup.close();
  });

  test('side panel: no serious violations in any tab', async ({ shared }) => {
    const panel = await openExtensionPage(shared, 'sidepanel');
    await expect(panel.getByTestId('insight-form')).toBeVisible();
    expect(await seriousViolations(panel)).toEqual([]);
    for (const tab of ['timeline', 'search']) {
      await panel.getByTestId(`tab-${tab}`).click();
      expect(await seriousViolations(panel)).toEqual([]);
    }
    await panel.close();
  });

  test('options: no serious violations, keyboard reaches every section', async ({ shared }) => {
    const options = await openExtensionPage(shared, 'options');
    await expect(options.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(options.locator('#what-works')).toBeVisible();
    expect(await seriousViolations(options)).toEqual([]);
    const stops = await tabTo(options, (f) => f.name.startsWith('a:'), 10);
    expect(withoutRing(stops)).toEqual([]);
    await options.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`meeting brief (${scheme}): no serious violations; outcome recorded by keyboard alone`, async ({ shared }) => {
      const brief = await openExtensionPage(shared, 'brief', '?account=K-2040&account=K-5120&from=calendar');
      await brief.emulateMedia({ colorScheme: scheme });
      await expect(brief.getByTestId('meeting-brief')).toHaveCount(2);
      expect(await seriousViolations(brief)).toEqual([]);
      if (scheme === 'dark') {
        await screenshot(brief, 'a11y-brief-dark');
        return brief.close();
      }
      const first = brief.getByTestId('brief-K-2040');
      const toPrint = await tabTo(brief, (f) => f.name === 'button:brief-print');
      const toRadio = await tabTo(brief, (f) => f.name === 'input:outcome-order');
      await brief.keyboard.press('ArrowRight'); // radios: arrows move the choice
      await expect(first.getByTestId('outcome-next-step')).toBeChecked();
      const toTitle = await tabTo(brief, (f) => f.name === 'input:outcome-title');
      await brief.keyboard.type('Agreed a trial delivery');
      const toSave = await tabTo(brief, (f) => f.name === 'button:outcome-save');
      await brief.keyboard.press('Enter');
      await expect(first.getByTestId('outcome-status')).toContainText('Outcome saved');
      expect(withoutRing([...toPrint, ...toRadio, ...toTitle, ...toSave])).toEqual([]);
      await brief.close();
    });
  }
});
