/**
 * The site adapters against pages captured from real applications (tests/fixtures/real, written by
 * scripts/capture-real-pages.ts): the adapter chosen for the page's URL must find the open message's sender with
 * the header role it has (and the Reply-To where the page shows one), never an address of another mail in the
 * list, and nothing at all on an inbox or list with no item open. Tryton pages go through the user-defined
 * adapter an admin would make (tests/realpages/tryton-adapter.ts).
 *
 * KNOWN_FAILING lists the cases today's adapters get wrong (they run as `it.fails`, so the suite stays green and
 * a fixed case shows up as "expected to fail but passed": then remove it from the list). REAL_FIXTURES_STRICT=1
 * runs them as plain tests, to see how they fail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { adapterFor } from '../../lib/sites/index.ts';
import { createCustomAdapter, type CustomAdapterDefinition } from '../../lib/sites/custom.ts';
import type { AccountKey, PageContext } from '../../lib/sites/types.ts';
import { attachDeclarativeShadowRoots } from '../fixtures/sites/load-fixture.ts';
import { realFixtures, type RealFixture } from '../fixtures/real/meta.ts';
import { TRYTON_ADAPTER } from '../realpages/tryton-adapter.ts';

/** `<app>/<view>` → why it fails today. */
const KNOWN_FAILING: Record<string, string> = {};

/** Every sender of the seeded mailbox (tests/realpages/apps/mail-seed.sh). */
const SEEDED_SENDERS = [
  'k.vogel@brenner-armaturen.de',
  't.wendler@wendler-feinmechanik.de',
  'ordersender-prod@ansmtp.ariba.com',
  'j.moeller@schaefer-kunststofftechnik.de',
  'noreply@rechnung.lindner-maschinenbau.de',
  's.kraus@kraus-spedition.de',
  'heinz.daume@t-online.de',
  'a.ostermeier@ostermeier-landtechnik.de',
  'jens.hartmann74@gmx.de',
  'felix.baumann@alpenblick-software.de',
];

const TRYTON: CustomAdapterDefinition = {
  id: TRYTON_ADAPTER.id,
  name: TRYTON_ADAPTER.name,
  urlPattern: TRYTON_ADAPTER.urlPattern,
  nameSelector: TRYTON_ADAPTER.nameSelector,
  emailSelector: TRYTON_ADAPTER.emailSelector,
  domainSelector: TRYTON_ADAPTER.domainSelector,
};

/** Loads a captured page (and its same-origin frames, as srcdoc) into the test's document at its URL. */
async function load(fixture: RealFixture): Promise<Document> {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(fixture.meta.url);
  const parsed = new DOMParser().parseFromString(fixture.html, 'text/html');
  // Scripts stay inert: the capture is of the DOM the app's scripts built.
  for (const s of [...parsed.querySelectorAll('script')]) s.remove();
  const frames = [...parsed.querySelectorAll('iframe, frame')];
  for (const [index, html] of fixture.frames) {
    const frame = frames[index];
    if (!frame) throw new Error(`${fixture.meta.app}/${fixture.meta.view}: no frame #${index} in the page`);
    frame.removeAttribute('src');
    frame.setAttribute('srcdoc', html);
  }
  document.documentElement.innerHTML = parsed.documentElement.innerHTML;
  attachDeclarativeShadowRoots(document);
  if (fixture.frames.size > 0) await new Promise((resolve) => setTimeout(resolve, 50)); // srcdoc loads async
  return document;
}

function emailKeys(context: PageContext | null): Extract<AccountKey, { kind: 'email' }>[] {
  return (context?.keys ?? []).filter((k): k is Extract<AccountKey, { kind: 'email' }> => k.kind === 'email');
}

afterEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

const fixtures = realFixtures();

describe('captured real pages', () => {
  it('are there', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  it('name the sender as the overlay anchor where it is in the top document (on three pages at least)', async () => {
    const anchored: string[] = [];
    for (const fixture of fixtures.filter((f) => f.meta.open && f.meta.app !== 'tryton')) {
      const doc = await load(fixture);
      const url = new URL(fixture.meta.url);
      if (adapterFor(url, [])?.extract(url, doc)?.anchorHint) anchored.push(`${fixture.meta.app}/${fixture.meta.view}`);
    }
    expect(anchored.length).toBeGreaterThanOrEqual(3);
  });

  for (const fixture of fixtures) {
    const { meta } = fixture;
    const name = `${meta.app}/${meta.view}`;
    const known = process.env.REAL_FIXTURES_STRICT === '1' ? undefined : KNOWN_FAILING[name];
    const test = known ? it.fails : it;
    const title = `${name}: ${describe_(fixture)}${known ? ` (fails today: ${known})` : ''}`;
    test(title, async () => {
      const doc = await load(fixture);
      const url = new URL(meta.url);
      const custom = meta.app === 'tryton' ? [createCustomAdapter(TRYTON)] : [];
      const adapter = adapterFor(url, custom);
      // A record page goes through the user-defined adapter; any other page through whichever adapter matches.
      if (meta.app !== 'tryton') expect(adapter?.id).toBe('generic');
      else if (meta.open) expect(adapter?.id).toBe('custom:tryton');
      const context = adapter!.extract(url, doc);

      if (!meta.open) {
        // A list or inbox with nothing open: no key that could bring up an account card.
        expect(context?.keys ?? []).toEqual([]);
        return;
      }
      if (meta.app === 'tryton') {
        expect(context?.keys).toContainEqual(expect.objectContaining({ kind: 'name', name: meta.name }));
        const domains = (context?.keys ?? []).map((k) =>
          k.kind === 'email' ? k.email.split('@')[1] : k.kind === 'domain' ? k.domain : null,
        );
        expect(domains).toContain(meta.domain);
        return;
      }
      const emails = emailKeys(context);
      // The sender comes first and is read as the sender; the Reply-To where the page shows it.
      expect(emails[0]).toMatchObject({ kind: 'email', email: meta.from, role: 'from' });
      if (meta.replyTo) {
        expect(emails).toContainEqual(expect.objectContaining({ email: meta.replyTo, role: 'reply-to' }));
      }
      // Never an address that is only in the list (another mail's sender).
      const own = new Set([meta.from, meta.replyTo, ...(meta.cc ?? [])]);
      const foreign = emails.map((k) => k.email).filter((e) => SEEDED_SENDERS.includes(e) && !own.has(e));
      expect(foreign).toEqual([]);
      // The overlay's anchor, when the sender is in the top document, is the element that shows the sender.
      if (context?.anchorHint) {
        const anchor = doc.querySelector(context.anchorHint);
        const shown = `${anchor?.textContent ?? ''} ${[...(anchor?.attributes ?? [])].map((a) => a.value).join(' ')}`;
        expect(shown.toLowerCase()).toContain(meta.from);
      }
    });
  }
});

function describe_(fixture: RealFixture): string {
  const { meta } = fixture;
  if (!meta.open) return 'nothing open → no keys';
  if (meta.app === 'tryton') return `record "${meta.name}" → name + ${meta.domain}`;
  return `"${meta.subject}" → from ${meta.from}${meta.replyTo ? `, reply-to ${meta.replyTo}` : ''}`;
}
