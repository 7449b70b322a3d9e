import { describe, expect, it } from 'vitest';
import { compileUrlPattern, createCustomAdapter, type CustomAdapterDefinition } from './custom.ts';
import { exportAdapterDefinitions, importAdapterDefinitions } from './custom-definitions.ts';
import { loadFixture } from '../../tests/fixtures/sites/load-fixture.ts';

const HANSEN: CustomAdapterDefinition = {
  id: 'hansen-crm',
  name: 'Hansen CRM',
  urlPattern: 'https://crm.hansen.example/accounts/{id}',
  nameSelector: 'h1.account-name',
  emailSelector: 'a.contact-email',
};

describe('compileUrlPattern', () => {
  it.each([
    ['https://crm.hansen.example/accounts/{id}', 'https://crm.hansen.example/accounts/4711', '4711'],
    ['https://crm.hansen.example/accounts/{id}', 'https://crm.hansen.example/accounts/4711/', '4711'],
    ['https://*.hansen.example/kunde/{id}/*', 'https://eu.hansen.example/kunde/K-9/details', 'K-9'],
    ['https://crm.hansen.example/accounts/{id}', 'https://crm.hansen.example/accounts', null],
    ['https://crm.hansen.example/accounts/{id}', 'https://crm.hansen.example/accounts/1/offers', null],
    ['https://crm.hansen.example/a.b/*', 'https://crm.hansen.example/a.b/1', 'matched'],
    // A hash route that the app rewrites after load, appending parameters: {id} stops at ; & ? #.
    [
      'http://127.0.0.1:8000/#crm/model/party.party/{id}',
      'http://127.0.0.1:8000/#crm/model/party.party/3;name=%22Party%22&views=%5Bnull%5D',
      '3',
    ],
    ['http://127.0.0.1:8000/#crm/model/party.party/{id}', 'http://127.0.0.1:8000/#crm/model/party.party/3', '3'],
    ['http://127.0.0.1:8000/#crm/model/party.party/{id}', 'http://127.0.0.1:8000/#crm/model/party.party', null],
    ['https://crm.hansen.example/k/{id}', 'https://crm.hansen.example/k/K-9&tab=2', 'K-9'],
    // The dot is literal, not "any character".
    ['https://crm.hansen.example/a.b/*', 'https://crm.hansen.example/aXb/1', null],
  ])('%s on %s → %s', (pattern, url, expected) => {
    const match = compileUrlPattern(pattern).exec(url);
    expect(match ? (match[1] ?? 'matched') : null).toBe(expected);
  });
});

describe('createCustomAdapter', () => {
  const adapter = createCustomAdapter(HANSEN);

  it.each([
    ['https://crm.hansen.example/accounts/4711', true],
    ['https://crm.hansen.example/accounts/4711?tab=offers#top', true],
    ['https://crm.hansen.example/offers/12', false],
    ['http://crm.hansen.example/accounts/4711', false],
  ])('matches(%s) → %s', (url, expected) => {
    expect(adapter.matches(new URL(url))).toBe(expected);
  });

  it('reads the id from the URL and name and email through the selectors', () => {
    const url = 'https://crm.hansen.example/accounts/4711';
    expect(adapter.extract(new URL(url), loadFixture('custom-crm.html', url))).toEqual({
      site: 'custom:hansen-crm',
      pageKind: 'record',
      anchorHint: 'h1.account-name',
      keys: [
        { kind: 'crm', crm: 'custom', id: '4711', recordType: 'hansen-crm', source: 'url' },
        { kind: 'name', name: 'Müller Maschinenbau GmbH & Co. KG', source: 'selector:h1.account-name' },
        { kind: 'email', email: 'jana.berg@mueller-maschinenbau.de', source: 'selector:a.contact-email' },
      ],
    });
    expect(adapter.watch).toEqual(['h1.account-name', 'a.contact-email']);
  });

  it('reads the id through a selector when the URL has none', () => {
    const bySelector = createCustomAdapter({
      id: 'hansen-crm-2',
      name: 'Hansen CRM (Kundennummer)',
      urlPattern: 'https://crm.hansen.example/accounts/*',
      accountIdSelector: '[data-field="customer-no"]',
    });
    const url = 'https://crm.hansen.example/accounts/4711';
    expect(bySelector.extract(new URL(url), loadFixture('custom-crm.html', url))?.keys).toEqual([
      {
        kind: 'crm',
        crm: 'custom',
        id: 'K-4711',
        recordType: 'hansen-crm-2',
        source: 'selector:[data-field="customer-no"]',
      },
    ]);
  });

  it("reads form fields by their current value and a website's domain, and says the ids are the ERP's when told", () => {
    const erp = createCustomAdapter({
      id: 'tryton',
      name: 'Tryton',
      urlPattern: 'http://127.0.0.1:8000/#crm/model/party.party/{id}',
      nameSelector: '.form-char input[name="name"]',
      domainSelector: 'input[name="website"]',
      idKind: 'erp',
    });
    const doc = document.implementation.createHTMLDocument('x');
    doc.body.innerHTML =
      '<div class="form-char"><input name="name" value="stale"></div><input name="website" value="https://www.koehler-drehteile.de/kontakt">';
    (doc.querySelector('input[name="name"]') as HTMLInputElement).value = 'Gebr. Köhler GmbH'; // set by the app's script
    const url = 'http://127.0.0.1:8000/#crm/model/party.party/3;name=%22Party%22&views=%5Bnull%5D';
    expect(erp.extract(new URL(url), doc)?.keys).toEqual([
      { kind: 'crm', crm: 'erp', id: '3', recordType: 'tryton', source: 'url' },
      { kind: 'name', name: 'Gebr. Köhler GmbH', source: 'selector:.form-char input[name="name"]' },
      { kind: 'domain', domain: 'koehler-drehteile.de', source: 'selector:input[name="website"]' },
    ]);
    expect(erp.readsValues).toBe(true);
  });
});

describe('export and import of definitions', () => {
  it('round-trips', () => {
    const json = exportAdapterDefinitions([HANSEN]);
    expect(JSON.parse(json)).toEqual({ format: 'accountlens-site-adapters', version: 1, adapters: [HANSEN] });
    expect(importAdapterDefinitions(json)).toEqual({ ok: true, definitions: [HANSEN] });
  });

  it('names the field of every problem', () => {
    const json = JSON.stringify({
      format: 'accountlens-site-adapters',
      version: 1,
      adapters: [
        { id: 'Hansen CRM', name: 'x', urlPattern: 'crm.hansen.example/{id}' },
        { id: 'ok', name: '', urlPattern: 'https://crm.example/*', nameSelector: 'h1[' },
        { id: 'nothing', name: 'Nothing', urlPattern: 'https://crm.example/*' },
      ],
    });
    expect(importAdapterDefinitions(json)).toEqual({
      ok: false,
      errors: [
        'adapters[0].id: must be 1–63 lower-case letters, digits or dashes',
        'adapters[0].urlPattern: must start with http://, https:// or *:// and a host, with at most one {id}',
        'adapters[1].name: must not be empty',
        'adapters[1].nameSelector: is not a valid CSS selector',
        'adapters[2].urlPattern: needs {id} in urlPattern or at least one of accountIdSelector, nameSelector, emailSelector, domainSelector',
      ],
    });
  });

  it('rejects other documents, bad JSON and duplicate ids', () => {
    expect(importAdapterDefinitions('{"version": 2, "adapters": [{"id": 7}]}')).toEqual({
      ok: false,
      errors: [
        'format: must be "accountlens-site-adapters" (this is not an AccountLens adapter export)',
        'version: must be 1 (exported by another version)',
        'adapters[0].id: must be text',
        'adapters[0].name: must be text',
        'adapters[0].urlPattern: must be text',
      ],
    });
    expect(importAdapterDefinitions('[]')).toEqual({ ok: false, errors: ['(document): must be an object'] });
    const bad = importAdapterDefinitions('{not json');
    expect(bad.ok === false && bad.errors[0]?.startsWith('(document): not valid JSON')).toBe(true);
    expect(importAdapterDefinitions(exportAdapterDefinitions([HANSEN, HANSEN]))).toEqual({
      ok: false,
      errors: ['adapters[1].id: "hansen-crm" is used twice'],
    });
  });
});
