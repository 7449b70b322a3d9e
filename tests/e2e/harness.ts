/// <reference types="chrome" />
/**
 * The e2e harness: Debian's Chromium with the built extension in a persistent context, fixture pages served at the
 * real hosts' URLs through request routing (so match patterns and URL logic run as in production), and helpers to
 * open the extension's own pages.
 */
import { test as base, chromium, type BrowserContext, type Frame, type Page, type Worker } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = join(ROOT, '.output-e2e', 'chrome-mv3');

/** `CHROMIUM_PATH`, else `chromium` (or `google-chrome`) on PATH. */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      /* try the next name */
    }
  }
  throw new Error(
    'No Chromium found: set CHROMIUM_PATH or install Debian\'s "chromium" package (apt-get install chromium).',
  );
}

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=DialMediaRouteProvider',
];

export interface LaunchOptions {
  userDataDir?: string;
  /** Default true; the demo opens a visible window when there is a display. */
  headless?: boolean;
  locale?: string;
  colorScheme?: 'light' | 'dark';
}

export async function launchWithExtension(options: LaunchOptions = {}): Promise<BrowserContext> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new Error(`No e2e build at ${EXTENSION_DIR}: run "npm run build:e2e" first.`);
  }
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'accountlens-e2e-'));
  const posixLocale = (options.locale ?? 'en-US').replace('-', '_');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: 1280, height: 800 },
    // Chromium on Linux takes its UI language (and so the extension's i18n) from the environment, not --lang.
    // With LANGUAGE=de_DE alone an extension's `de` messages are not picked: list the bare language too.
    env: { ...process.env, LANGUAGE: `${posixLocale}:${posixLocale.split('_')[0]}`, LANG: `${posixLocale}.UTF-8` },
    args: [
      ...CHROMIUM_FLAGS,
      `--lang=${options.locale ?? 'en-US'}`,
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
    ],
  });
  if (!options.userDataDir) {
    context.once('close', () => {
      try {
        rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 });
      } catch {
        /* Chromium may still be writing its caches; the OS cleans tmp. */
      }
    });
  }
  await routeFixtures(context);
  return context;
}

export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

export async function extensionId(context: BrowserContext): Promise<string> {
  return new URL((await serviceWorker(context)).url()).host;
}

export async function openExtensionPage(
  context: BrowserContext,
  page: 'popup' | 'options' | 'sidepanel' | string,
  query = '',
) {
  const id = await extensionId(context);
  const tab = await context.newPage();
  await tab.goto(`chrome-extension://${id}/${page}.html${query}`);
  return tab;
}

/** Fixture pages by host, served for any path; `tests/fixtures/pages/<file>`. */
const ROUTES: { pattern: string; file: (url: URL) => string }[] = [];

export function fixtureRoute(pattern: string, file: string | ((url: URL) => string)) {
  ROUTES.push({ pattern, file: typeof file === 'string' ? () => file : file });
}

async function routeFixtures(context: BrowserContext) {
  for (const { pattern, file } of ROUTES) {
    await context.route(pattern, (route) => {
      const url = new URL(route.request().url());
      const path = join(ROOT, 'tests', 'fixtures', file(url));
      if (route.request().resourceType() !== 'document' || !existsSync(path)) {
        return route.fulfill({ status: 404, body: '' });
      }
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(path, 'utf8') });
    });
  }
}

/** Enables built-in sites (or origins) the way a rep does on the options page, then waits for the registration. */
export async function enableSites(context: BrowserContext, sites: string[], origins: string[] = []) {
  const worker = await serviceWorker(context);
  await worker.evaluate(
    async ({ sites, origins }) => {
      await chrome.storage.local.set({ sites: { builtIn: sites, origins } });
    },
    { sites, origins },
  );
  await expectRegistered(worker);
}

async function expectRegistered(worker: Worker) {
  for (let i = 0; i < 50; i++) {
    const n = await worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).length);
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the overlay content script was not registered');
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: join(ROOT, 'test-results', 'screenshots', `${name}.png`) });
}

export const test = base.extend<{ context: BrowserContext; extensionId: string }>({
  // eslint-disable-next-line no-empty-pattern
  context: async ({}, use) => {
    const context = await launchWithExtension();
    await use(context);
    await context.close();
  },
  extensionId: async ({ context }, use) => {
    await use(await extensionId(context));
  },
});
export const expect = test.expect;

/** Written by scripts/make-portfolio.ts before the e2e run (Playwright empties test-results/ when it starts). */
export const PORTFOLIO_DIR = join(ROOT, '.cache', 'portfolio');

/** Imports a snapshot JSON through the options page, the way a rep does, and waits until it is stored. */
export async function importSnapshot(context: BrowserContext, file = join(PORTFOLIO_DIR, 'snapshot.json')) {
  const options = await openExtensionPage(context, 'options');
  await options.locator('input[name="import-kind"][value="snapshot"]').check();
  await options.getByTestId('file-snapshot').setInputFiles(file);
  await options.getByTestId('import-start').click();
  await options.getByTestId('import-done').waitFor({ timeout: 30_000 });
  await options.close();
}

/** Sets the rep's profile (author of insights; their own domain never matches an account). */
export async function setProfile(context: BrowserContext, name: string, email: string) {
  const worker = await serviceWorker(context);
  await worker.evaluate(async (p) => chrome.storage.local.set({ profile: p }), { name, email });
}

/** The overlay card's frame on a page (null while there is none): the extension page `overlay-frame.html`. */
export function overlayFrameNow(page: Page): Frame | null {
  return (
    page
      .frames()
      .find((f) => f.parentFrame() === page.mainFrame() && /^[a-z-]+:\/\/[^/]+\/overlay-frame\.html/.test(f.url())) ??
    null
  );
}

/**
 * The overlay's card, to read and click: the extension frame the content script mounts in a closed shadow root
 * under a random element name (so no selector reaches it; Playwright lists it among the page's frames). Waits until
 * the frame is there. After a full navigation the page has a new frame: ask again.
 */
export async function overlay(page: Page, timeout = 15_000): Promise<Frame> {
  const end = Date.now() + timeout;
  for (;;) {
    const frame = overlayFrameNow(page);
    if (frame) return frame;
    if (Date.now() > end) throw new Error(`no overlay frame on ${page.url()} within ${timeout} ms`);
    await page.waitForTimeout(50);
  }
}

/** The frame's box on the page (the content script's host element), in CSS pixels of the viewport. */
export async function overlayBox(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const element = await (await overlay(page)).frameElement();
  const box = await element.boundingBox();
  if (!box) throw new Error('the overlay frame has no box (hidden)');
  return box;
}

export const ALL_SITES = [
  'salesforce',
  'hubspot',
  'dynamics',
  'pipedrive',
  'zoho',
  'gmail',
  'outlook',
  'google-calendar',
];

/**
 * A test with one browser per worker in which the rep's profile is set, every site is enabled (plus the generic
 * webmail origin) and the demo portfolio is imported: what most overlay tests need, paid for once. Each call makes
 * its own fixture, so a spec whose tests change shared state (outcomes, marks) gets a browser of its own.
 */
export function portfolioFixture() {
  return base.extend<object, { shared: BrowserContext }>({
    shared: [
      // eslint-disable-next-line no-empty-pattern
      async ({}, use) => {
        const context = await launchWithExtension();
        await setProfile(context, 'Lena Vogt', 'lena.vogt@hansen-industriebedarf.de');
        await enableSites(context, ALL_SITES, ['https://webmail.example-hoster.de/*', 'https://crm.hansen.example/*']);
        await importSnapshot(context);
        await use(context);
        await context.close();
      },
      { scope: 'worker' },
    ],
  });
}

/** The portfolio browser shared by the overlay specs. */
export const portfolioTest = portfolioFixture();
