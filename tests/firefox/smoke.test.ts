/// <reference types="chrome" />
/**
 * Firefox smoke test: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (Playwright can't drive
 * Debian's Firefox). Installs the Firefox MV3 build (.output-e2e/firefox-mv3), enables a local origin the way the
 * options page does, and checks that the overlay mounts in its shadow root and an extension page renders.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { originPattern } from '../../lib/site-hosts.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const EXTENSION_DIR = join(ROOT, '.output-e2e', 'firefox-mv3');
const GECKO_ID = 'accountlens@accountlens.app';
const UUID = '3f0e7a52-5d1b-4c8e-9a51-7d8c0e6b2a10';

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

let browser: Browser;
let server: Server;
let origin: string;

before(async () => {
  assert.ok(
    existsSync(join(EXTENSION_DIR, 'manifest.json')),
    `no Firefox build at ${EXTENSION_DIR}: run npm run build:e2e:firefox`,
  );
  const webmail = readFileSync(join(ROOT, 'tests/fixtures/sites/generic-webmail.html'), 'utf8');
  const srcdoc = /srcdoc="([^"]*)"/.exec(webmail)?.[1];
  assert.ok(srcdoc, 'the webmail fixture renders its message in a srcdoc iframe');
  // The same webmail with its message frame loaded from the server and answered late, as a slow webmail does.
  const lateFrame = webmail.replace(`srcdoc="${srcdoc}"`, 'src="/message"');
  server = createServer((req, res) => {
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
  origin = `http://127.0.0.1:${address.port}`;
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: mkdtempSync(join(tmpdir(), 'accountlens-ff-')),
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      'extensions.manifestV3.enabled': true,
      'xpinstall.signatures.required': false,
    },
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('Firefox installs the MV3 build, renders an extension page, and the overlay asks the background on an enabled origin', async () => {
  const id = await browser.installExtension(EXTENSION_DIR);
  assert.equal(id, GECKO_ID);

  // Enable the local origin from an extension page, as the options page does.
  const page = await browser.newPage();
  void page.goto(`moz-extension://${UUID}/popup.html`).catch(() => undefined);
  await page.waitForFunction(() => document.body?.innerText.includes('AccountLens'), { timeout: 15_000 });
  const text = await page.evaluate(() => document.body.innerText);
  assert.match(text, /Know what each account is worth/);
  await page.evaluate(async (pattern) => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    await api.storage.local.set({ sites: { builtIn: [], origins: [pattern] } });
  }, originPattern(origin)); // match patterns carry no port

  const registered = await waitFor(async () =>
    page.evaluate(async () => {
      const api = (globalThis as unknown as { browser: typeof chrome }).browser;
      return (await api.scripting.getRegisteredContentScripts()).length;
    }),
  );
  assert.ok(registered > 0, 'overlay content script registered');

  // A webmail page the generic adapter reads (sender in a same-origin iframe); no portfolio is imported here, so
  // the background answers the lookup and the card says which address it found but no account for it.
  for (const path of ['/', '/late']) {
    const mail = await browser.newPage();
    await mail.goto(`${origin}${path}?_task=mail&_action=show&_uid=4711`);
    const seen = new Set<string>();
    const state = await waitFor(
      async () => {
        const text = await mail.evaluate(() => {
          const root = document.querySelector('accountlens-overlay')?.shadowRoot;
          return root?.querySelector('[data-testid="overlay-no-match"]')?.textContent ?? '';
        });
        if (text) seen.add(text);
        return text;
      },
      (s) => /alpenglanz-hotels\.at/.test(s),
      15_000,
      50,
    );
    assert.match(state, /No account found/, path);
    assert.match(state, /alpenglanz-hotels\.at/, path);
    // Before the message frame is there the page names no account: the overlay stays away, it never says
    // "no account found" for an address it hasn't looked up.
    assert.deepEqual(
      [...seen].filter((s) => !/alpenglanz-hotels\.at/.test(s)),
      [],
      `${path}: the overlay said "no account found" before it had the message's address`,
    );
    await mail.close();
  }
});

const MESSAGE_DELAY_MS = 1_500;

function decodeEntities(html: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&', apos: "'" };
  return html.replace(/&(lt|gt|quot|amp|apos);/g, (_, name: string) => named[name]!);
}

async function waitFor<T>(
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
