/**
 * Firefox for the tests: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (Playwright can't drive
 * Debian's Firefox), a fixed moz-extension UUID so extension pages have a known address, and a local server for
 * the generic webmail fixture.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const GECKO_ID = 'accountlens@accountlens.app';
export const UUID = '3f0e7a52-5d1b-4c8e-9a51-7d8c0e6b2a10';

function firefoxPath(): string {
  if (process.env.FIREFOX_PATH) return process.env.FIREFOX_PATH;
  for (const name of ['firefox-esr', 'firefox']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      /* next */
    }
  }
  throw new Error('No Firefox found: set FIREFOX_PATH or apt-get install firefox-esr');
}

/** Starts Firefox and installs the build in `extensionDir` (a folder holding manifest.json). */
async function launchFirefox(
  extensionDir: string,
  buildCommand: string,
  prefs: Record<string, unknown> = {},
): Promise<Browser> {
  assert.ok(
    existsSync(join(extensionDir, 'manifest.json')),
    `no Firefox build at ${extensionDir}: run ${buildCommand}`,
  );
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: mkdtempSync(join(tmpdir(), 'accountlens-ff-')),
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      'extensions.manifestV3.enabled': true,
      'xpinstall.signatures.required': false,
      ...prefs,
    },
  });
  const id = await browser.installExtension(extensionDir);
  assert.equal(id, GECKO_ID);
  return browser;
}

/** Opens an extension page (`popup`, `options`, …) and waits until it has rendered text. */
export async function openExtensionPage(browser: Browser, name: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(`moz-extension://${UUID}/${name}.html`).catch(() => undefined);
  await page.waitForFunction(() => (document.body?.innerText.trim().length ?? 0) > 0, { timeout: 15_000 });
  return page;
}

const MESSAGE_DELAY_MS = 1_500;

/**
 * Serves the generic webmail fixture at `/` (message in a srcdoc iframe) and at `/late` with its message frame
 * loaded from `/message` and answered `MESSAGE_DELAY_MS` late, as a slow webmail does. Resolves with the origin.
 */
async function serveWebmail(): Promise<{ origin: string; server: Server }> {
  const webmail = readFileSync(join(ROOT, 'tests/fixtures/sites/generic-webmail.html'), 'utf8');
  const srcdoc = /srcdoc="([^"]*)"/.exec(webmail)?.[1];
  assert.ok(srcdoc, 'the webmail fixture renders its message in a srcdoc iframe');
  const lateFrame = webmail.replace(`srcdoc="${srcdoc}"`, 'src="/message"');
  const server = createServer((req, res) => {
    const send = (html: string) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    };
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path === '/message') setTimeout(() => send(decodeEntities(srcdoc)), MESSAGE_DELAY_MS);
    else send(path === '/late' ? lateFrame : webmail);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  assert.ok(address && typeof address === 'object');
  return { origin: `http://127.0.0.1:${address.port}`, server };
}

function decodeEntities(html: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&', apos: "'" };
  return html.replace(/&(lt|gt|quot|amp|apos);/g, (_, name: string) => named[name]!);
}

/**
 * The overlay card's frame on `page` (the extension page overlay-frame.html, which the content script mounts in a
 * closed shadow root under a random name), or undefined while there is none.
 */
export function overlayFrame(page: Page): Frame | undefined {
  return page
    .frames()
    .find((f) => f !== page.mainFrame() && /^moz-extension:\/\/[^/]+\/overlay-frame\.html/.test(f.url()));
}

/** The overlay's "no account found" text on `page`, '' while there is none. */
export async function noMatchText(page: Page): Promise<string> {
  const frame = overlayFrame(page);
  if (!frame) return '';
  return frame
    .evaluate(() => document.querySelector('[data-testid="overlay-no-match"]')?.textContent ?? '')
    .catch(() => '');
}

/** Whether the overlay's frame is on `page` at all. */
export async function hasOverlay(page: Page): Promise<boolean> {
  return overlayFrame(page) !== undefined;
}

export async function waitFor<T>(
  probe: () => Promise<T>,
  ok: (v: T) => boolean = Boolean,
  timeoutMs = 15_000,
  everyMs = 200,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  let value = await probe();
  while (!ok(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, everyMs));
    value = await probe();
  }
  return value;
}

/** A Firefox with a build installed and the webmail server, for one test file (started before, closed after). */
export interface FirefoxSession {
  browser: Browser;
  /** The webmail server's origin (serveWebmail). */
  origin: string;
}

/** Registers the file's before/after hooks; the session's fields are set once `before` has run. */
export function firefoxSession(
  extensionDir: string,
  buildCommand: string,
  prefs: Record<string, unknown> = {},
): FirefoxSession {
  const session = {} as FirefoxSession;
  let server: Server | undefined;
  before(async () => {
    const served = await serveWebmail();
    server = served.server;
    session.origin = served.origin;
    session.browser = await launchFirefox(extensionDir, buildCommand, prefs);
  });
  after(async () => {
    await session.browser?.close();
    server?.close();
  });
  return session;
}
