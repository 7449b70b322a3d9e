/**
 * Every site fixture: routed to the right adapter at its real URL, read into exactly the keys expected below,
 * self-contained (the e2e tests serve them offline at the real URLs), and holding the DOM hooks the adapters rely on,
 * with the expected match counts (refined-github's `selectors.ts` habit, pointed at fixtures instead of live pages).
 */
import { describe, expect, it, vi } from 'vitest';
import { adapterFor } from '../../lib/sites/index.ts';
import type { AccountKey } from '../../lib/sites/types.ts';
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

/**
 * Every key each fixture yields, in order. When the adapters change what a key carries, update these objects to what
 * the adapters now return, after checking each against the fixture page.
 */
const EXPECTED_KEYS: Record<string, readonly AccountKey[]> = {
  'gmail-threads.html': [
    { kind: 'email', email: 'jana.berg@mueller-maschinenbau.de', role: 'from' },
    { kind: 'email', email: 'einkauf@mueller-maschinenbau.de', role: 'reply-to' },
    { kind: 'email', email: 'vertrieb@hansen-industriebedarf.de', role: 'to' },
    { kind: 'email', email: 'tom@kraft-logistik.com', role: 'cc' },
  ],
  'outlook-mail.html': [
    { kind: 'email', email: 'tom@kraft-logistik.com', role: 'from' },
    { kind: 'email', email: 'vertrieb@hansen-industriebedarf.de', role: 'to' },
    { kind: 'email', email: 'jana.berg@mueller-maschinenbau.de', role: 'cc' },
  ],
  'salesforce-account.html': [
    { kind: 'crm', crm: 'salesforce', id: '001Dn00000ABCDeIAF', recordType: 'Account' },
    { kind: 'name', name: 'Müller Maschinenbau GmbH & Co. KG' },
    { kind: 'domain', domain: 'mueller-maschinenbau.de' },
  ],
  'salesforce-contact.html': [
    { kind: 'crm', crm: 'salesforce', id: '003Dn00000XYZabIAB', recordType: 'Contact' },
    { kind: 'crm', crm: 'salesforce', id: '001Dn00000ABCDeIAF', recordType: 'Account' },
    { kind: 'name', name: 'Müller Maschinenbau GmbH & Co. KG' },
    { kind: 'email', email: 'jana.berg@mueller-maschinenbau.de' },
  ],
  'hubspot-company.html': [
    { kind: 'crm', crm: 'hubspot', id: '9876543210', recordType: 'company' },
    { kind: 'name', name: 'Kraft Logistik AG' },
    { kind: 'domain', domain: 'kraft-logistik.com' },
  ],
  'dynamics-account.html': [
    { kind: 'crm', crm: 'dynamics', id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', recordType: 'account' },
    { kind: 'name', name: 'Nordlicht Energie SE' },
    { kind: 'domain', domain: 'nordlicht-energie.de' },
    { kind: 'email', email: 'info@nordlicht-energie.de' },
  ],
  'pipedrive-organization.html': [
    { kind: 'crm', crm: 'pipedrive', id: '2045', recordType: 'organization' },
    { kind: 'name', name: 'Bäckerei Straßer e.K.' },
    { kind: 'email', email: 'maria@baeckerei-strasser.de' },
  ],
  'zoho-account.html': [
    { kind: 'crm', crm: 'zoho', id: '5725767000000412003', recordType: 'Accounts' },
    { kind: 'name', name: 'Alpenglanz Hotels GmbH' },
    { kind: 'domain', domain: 'alpenglanz-hotels.at' },
  ],
  'google-calendar-event.html': [
    { kind: 'email', email: 'vertrieb@hansen-industriebedarf.de', role: 'attendee' },
    { kind: 'email', email: 'jana.berg@mueller-maschinenbau.de', role: 'attendee' },
    { kind: 'email', email: 'tom@kraft-logistik.com', role: 'attendee' },
  ],
  'outlook-calendar-event.html': [
    { kind: 'email', email: 'anna.vogel@alpenglanz-hotels.at', role: 'attendee' },
    { kind: 'email', email: 'tom@kraft-logistik.com', role: 'attendee' },
    { kind: 'email', email: 'vertrieb@hansen-industriebedarf.de', role: 'attendee' },
  ],
  'generic-webmail.html': [
    { kind: 'email', email: 'formular@web-relay-service.net', role: 'from', source: 'text' },
    { kind: 'email', email: 'anna.vogel@alpenglanz-hotels.at', role: 'reply-to', source: 'text' },
    { kind: 'email', email: 'vertrieb@hansen-industriebedarf.de', role: 'to', source: 'text' },
  ],
  'custom-crm.html': [
    { kind: 'crm', crm: 'custom', id: '4711', recordType: 'hansen-crm', source: 'url' },
    { kind: 'name', name: 'Müller Maschinenbau GmbH & Co. KG', source: 'selector:h1.account-name' },
    { kind: 'email', email: 'jana.berg@mueller-maschinenbau.de', source: 'selector:a.contact-email' },
  ],
};

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
  it(`is handled by the ${adapter} adapter and yields exactly the expected keys`, async () => {
    const doc = loadFixture(file, url, { runScripts: true });
    const chosen = adapterFor(new URL(url), custom);
    expect(chosen?.id).toBe(adapter);
    // srcdoc iframes load asynchronously in happy-dom: retried until the keys are there (or the wait times out).
    await vi.waitFor(() => expect(chosen?.extract(new URL(url), doc)?.keys).toEqual(EXPECTED_KEYS[file]));
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
