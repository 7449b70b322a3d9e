/**
 * Captures the DOM of the real apps' pages (tests/realpages/apps) into tests/fixtures/real/<app>/<view>.html, with
 * <view>.json (URL, what the page shows, the keys an adapter must find) and the same-origin frames' HTML as
 * <view>.frame-<n>.html (n = index among the page's iframe/frame elements), so the adapters' unit tests
 * (tests/dom/real-fixtures.test.ts) run against real markup without the apps.
 * `tsx scripts/capture-real-pages.ts [app…]`; brings the apps up (REALPAGES_REUSE=1: use running ones) and down.
 */
import { chromium, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromiumPath, CHROMIUM_FLAGS } from '../tests/e2e/harness.ts';
import {
  MAIL_VIEWS,
  TRYTON_ACTIVE,
  trytonLogin,
  trytonOpenList,
  trytonOpenParty,
  trytonPartyId,
} from '../tests/realpages/apps.ts';
import { bringUp, tearDown, wantedApps } from '../tests/realpages/lifecycle.ts';
import type { RealFixtureMeta } from '../tests/fixtures/real/meta.ts';

const OUT = resolve(import.meta.dirname, '..', 'tests', 'fixtures', 'real');

type Capture = Omit<RealFixtureMeta, 'url' | 'frames' | 'capturedAt' | 'app' | 'view'>;

async function save(page: Page, app: string, view: string, meta: Capture) {
  // Let late list rows and frames settle: the capture is of the page as the rep sees it, not mid-load.
  await page.waitForLoadState('load');
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 300))));
  // Form fields' current values (set by script, e.g. Tryton's record form) into their attributes, so the
  // saved HTML shows what was on screen.
  await page.evaluate(() => {
    const docs = [
      document,
      ...[...document.querySelectorAll('iframe, frame')].flatMap((f) => {
        try {
          const d = (f as HTMLIFrameElement).contentDocument;
          return d ? [d] : [];
        } catch {
          return [];
        }
      }),
    ];
    for (const doc of docs) {
      for (const el of doc.querySelectorAll('input')) {
        if (el.type === 'checkbox' || el.type === 'radio') el.toggleAttribute('checked', el.checked);
        else if (el.type !== 'password') el.setAttribute('value', el.value);
      }
      for (const el of doc.querySelectorAll('textarea')) el.textContent = el.value;
      for (const el of doc.querySelectorAll('option')) el.toggleAttribute('selected', el.selected);
    }
  });
  const html = await page.evaluate(() => '<!DOCTYPE html>\n' + document.documentElement.outerHTML);
  const frames = await page.evaluate(() =>
    [...document.querySelectorAll('iframe, frame')].flatMap((el, index) => {
      try {
        const doc = (el as HTMLIFrameElement).contentDocument;
        return doc?.documentElement ? [{ index, html: '<!DOCTYPE html>\n' + doc.documentElement.outerHTML }] : [];
      } catch {
        return [];
      }
    }),
  );
  const dir = join(OUT, app);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${view}.html`), html);
  for (const f of frames) writeFileSync(join(dir, `${view}.frame-${f.index}.html`), f.html);
  const full: RealFixtureMeta = {
    app,
    view,
    url: page.url(),
    frames: frames.map((f) => f.index),
    capturedAt: new Date().toISOString().slice(0, 10),
    ...meta,
  };
  writeFileSync(join(dir, `${view}.json`), JSON.stringify(full, null, 2) + '\n');
  console.log(`  ${app}/${view}.html  ${(html.length / 1024).toFixed(0)} KB, ${frames.length} frame(s)  ${full.url}`);
}

/** The mails captured open, with the addresses a header-reading adapter must find. */
const WENDLER = {
  subject: 'Pilot results & rollout to the Chemnitz plant',
  from: 't.wendler@wendler-feinmechanik.de',
  cc: ['p.ludwig@wendler-feinmechanik.de', 'felix.baumann@alpenblick-software.de'],
  account: 'Wendler Feinmechanik GmbH',
};
const HOFMANN = {
  subject: 'Bestellung 4500218873 / Purchase order 4500218873',
  from: 'ordersender-prod@ansmtp.ariba.com',
  replyTo: 'einkauf@hofmann-druckguss.de',
  account: 'Hofmann Druckguss AG',
};

async function captureMail(page: Page, viewId: string) {
  const view = MAIL_VIEWS.find((v) => v.id === viewId)!;
  const prefix = viewId.startsWith('horde-') ? viewId.slice('horde-'.length) + '-' : '';
  await view.login(page);
  await view.openList(page);
  await save(page, view.app, `${prefix}inbox`, { open: false });
  // Where the Reply-To is shown, the platform-sent order; in Horde's 3-pane view the order without its
  // (hidden) Reply-To; elsewhere the Wendler mail (Cc, HTML part).
  const mail = view.showsReplyTo ? HOFMANN : viewId === 'horde-dynamic' ? { ...HOFMANN, replyTo: undefined } : WENDLER;
  await view.openItem(page, mail.subject);
  await save(page, view.app, `${prefix}message`, { open: true, ...mail });
  if (view.app === 'horde' && viewId === 'horde-dynamic') {
    await view.openItem(page, WENDLER.subject);
    await save(page, view.app, `${prefix}message-cc`, { open: true, ...WENDLER });
  }
}

async function captureTryton(page: Page) {
  await trytonLogin(page);
  const name = 'Gebr. Köhler Präzisionsdrehteile GmbH & Co. KG';
  await trytonOpenParty(page, name, trytonPartyId(name));
  await page.locator(`${TRYTON_ACTIVE} div.column-char[title^="http"]`).first().waitFor();
  await save(page, 'tryton', 'party', { open: true, name, domain: 'koehler-drehteile.de', account: name });
  await trytonOpenList(page);
  await save(page, 'tryton', 'party-list', { open: false });
}

const wanted = process.argv.slice(2);
const apps = wantedApps().filter((a) => wanted.length === 0 || wanted.includes(a.id));
const status = await bringUp(apps);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS });
let failed = 0;
try {
  for (const a of apps) {
    const s = status[a.id]!;
    if (s.state !== 'up') {
      console.log(`${a.id}: skipped (${s.reason})`);
      continue;
    }
    console.log(`${a.id}:`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'en-US' });
    const page = await context.newPage();
    try {
      if (a.id === 'tryton') await captureTryton(page);
      else for (const v of MAIL_VIEWS.filter((v) => v.app === a.id)) await captureMail(page, v.id);
    } catch (error) {
      failed++;
      console.error(`${a.id}: capture failed: ${(error as Error).message}`);
    } finally {
      await context.close();
    }
  }
} finally {
  await browser.close();
  await tearDown(status);
}
process.exitCode = failed ? 1 : 0;
