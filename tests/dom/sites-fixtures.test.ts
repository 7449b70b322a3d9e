/**
 * Every site fixture: routed to the right adapter at its real URL, read into at least one key, self-contained
 * (the e2e tests serve them offline at the real URLs), and holding the DOM hooks the adapters rely on, with the
 * expected match counts (refined-github's `selectors.ts` habit, pointed at fixtures instead of live pages).
 */
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../lib/sites/index.ts';
import { createCustomAdapter } from '../../lib/sites/custom.ts';
import { queryAllDeep } from '../../lib/sites/dom.ts';
import { SITE_FIXTURES } from '../fixtures/sites/fixtures.ts';
import { fixtureHtml, loadFixture } from '../fixtures/sites/load-fixture.ts';

const custom = [
  createCustomAdapter({
    id: 'hansen-crm',
    name: 'Hansen CRM',
    urlPattern: 'https://crm.hansen.example/accounts/{id}',
    nameSelector: 'h1.account-name',
    emailSelector: 'a.contact-email',
  }),
];

/** Hook selector → expected count in the fixture (through open shadow roots). */
const HOOKS: Record<string, Record<string, number>> = {
  'gmail-threads.html': {
    'h2.hP[data-legacy-thread-id]': 2,
    'span.gD[email]': 2,
    'td.gF span[email]': 2,
    'span[email]': 6,
  },
  'outlook-mail.html': { '#ReadingPaneContainerId': 1, 'div[role="document"]': 1, '.OZZZK': 1 },
  'salesforce-account.html': {
    'records-highlights2': 1,
    'records-highlights2 [slot="primaryField"]': 1,
    'records-highlights-details-item': 3,
  },
  'salesforce-contact.html': { 'records-highlights2 [slot="primaryField"]': 1, 'a[href^="/lightning/r/001"]': 1 },
  'hubspot-company.html': {
    '[data-selenium-test="highlightTitle"]': 1,
    '[data-test-id="record-header"]': 1,
    '[data-test-id="right-sidebar"] a': 2,
  },
  'dynamics-account.html': { '[data-id="header_title"]': 1, '[data-id^="websiteurl.fieldControl"]': 1 },
  'pipedrive-organization.html': { '[data-testid="header-title"]': 1 },
  'zoho-account.html': { '[data-zcqa="rec_Account_Name"]': 1, '[data-zcqa="rec_Website"] a': 1 },
  'google-calendar-event.html': { '[data-email]': 3, '[data-hovercard-id]': 2 },
  'outlook-calendar-event.html': { '[role="main"] [title*="@"], [role="main"] [aria-label*="@"]': 3 },
  'generic-webmail.html': { 'iframe[srcdoc]': 1, '[role="main"]': 1 },
  'custom-crm.html': { 'h1.account-name': 1, 'a.contact-email': 1 },
};

describe.each(SITE_FIXTURES)('$file', ({ file, url, adapter }) => {
  it(`is handled by the ${adapter} adapter and yields keys`, async () => {
    const doc = loadFixture(file, url, { runScripts: true });
    await new Promise((resolve) => setTimeout(resolve, 20)); // srcdoc iframes load asynchronously in happy-dom
    const chosen = adapterFor(new URL(url), custom);
    expect(chosen?.id).toBe(adapter);
    expect(chosen?.extract(new URL(url), doc)?.keys.length).toBeGreaterThan(0);
  });

  it('holds the hooks the adapter reads, with the expected counts', () => {
    const doc = loadFixture(file, url);
    const counts = Object.fromEntries(Object.keys(HOOKS[file] ?? {}).map((s) => [s, queryAllDeep(doc, s).length]));
    expect(counts).toEqual(HOOKS[file]);
  });

  it('is a complete page without external resources', () => {
    const html = fixtureHtml(file);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<html lang="de">[\s\S]*<title>[^<]+<\/title>[\s\S]*<\/html>\s*$/);
    expect(html).not.toMatch(/<link\b|<img\b|<script[^>]+src=|@import|url\(|src="https?:/i);
  });
});
