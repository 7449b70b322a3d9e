import { describe, expect, it } from 'vitest';
import { hubspot, hubspotRecord } from './hubspot.ts';
import { dynamics, dynamicsRecord } from './dynamics.ts';
import { pipedrive, pipedriveRecord } from './pipedrive.ts';
import { zoho, zohoRecord } from './zoho.ts';
import { loadFixture } from '../../tests/fixtures/sites/load-fixture.ts';
import { SITE_FIXTURES } from '../../tests/fixtures/sites/fixtures.ts';

const urlOf = (file: string): string => SITE_FIXTURES.find((f) => f.file === file)?.url ?? '';

describe('hubspot', () => {
  it.each([
    ['https://app.hubspot.com/contacts/4711/record/0-2/9876543210', { id: '9876543210', recordType: 'company' }],
    ['https://app-eu1.hubspot.com/contacts/26012345/record/0-1/151', { id: '151', recordType: 'contact' }],
    ['https://app.hubspot.com/contacts/4711/record/0-3/88/', { id: '88', recordType: 'deal' }],
    ['https://app.hubspot.com/contacts/4711/record/2-1234567/5', { id: '5', recordType: 'object:2-1234567' }],
    ['https://app.hubspot.com/contacts/4711/company/9876543210', { id: '9876543210', recordType: 'company' }],
    ['https://app.hubspot.com/contacts/4711/objects/0-2/views/all/list', null],
    ['https://www.hubspot.com/contacts/4711/record/0-2/1', null],
  ])('%s → %j', (url, expected) => {
    expect(hubspotRecord(new URL(url))).toEqual(expected);
  });

  it('reads the company record: id, header name, domain; association links of other records are ignored', () => {
    const url = urlOf('hubspot-company.html');
    expect(hubspot.extract(new URL(url), loadFixture('hubspot-company.html', url))?.keys).toEqual([
      { kind: 'crm', crm: 'hubspot', id: '9876543210', recordType: 'company' },
      { kind: 'name', name: 'Kraft Logistik AG' },
      { kind: 'domain', domain: 'kraft-logistik.com' },
    ]);
  });

  it('follows a contact to its associated company in the right sidebar', () => {
    const url = 'https://app-eu1.hubspot.com/contacts/26012345/record/0-1/151';
    const doc = loadFixture('hubspot-company.html', url);
    expect(hubspot.extract(new URL(url), doc)?.keys).toEqual([
      { kind: 'crm', crm: 'hubspot', id: '151', recordType: 'contact' },
      { kind: 'crm', crm: 'hubspot', id: '1234567890', recordType: 'company' },
      { kind: 'name', name: 'Kraft Holding SE' },
    ]);
  });
});

describe('dynamics', () => {
  it.each([
    [urlOf('dynamics-account.html'), { id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', recordType: 'account' }],
    [
      'https://contoso.crm.dynamics.com/main.aspx?pagetype=entityrecord&etn=contact&id=9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      { id: '9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', recordType: 'contact' },
    ],
    ['https://contoso.crm4.dynamics.com/main.aspx?pagetype=entitylist&etn=account', null],
    ['https://contoso.crm4.dynamics.com/main.aspx?etn=account&id=not-a-guid', null],
    ['https://contoso.dynamics.com/main.aspx?etn=account&id=3f2504e0-4f89-11d3-9a0c-0305e82c3301', null],
  ])('%s → %j', (url, expected) => {
    expect(dynamicsRecord(new URL(url))).toEqual(expected);
  });

  it('reads the header title without the save status, the website and the email field', () => {
    const url = urlOf('dynamics-account.html');
    expect(dynamics.extract(new URL(url), loadFixture('dynamics-account.html', url))?.keys).toEqual([
      { kind: 'crm', crm: 'dynamics', id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', recordType: 'account' },
      { kind: 'name', name: 'Nordlicht Energie SE' },
      { kind: 'domain', domain: 'nordlicht-energie.de' },
      { kind: 'email', email: 'info@nordlicht-energie.de' },
    ]);
  });
});

describe('pipedrive', () => {
  it.each([
    [urlOf('pipedrive-organization.html'), { id: '2045', recordType: 'organization' }],
    ['https://acme.pipedrive.com/person/318', { id: '318', recordType: 'person' }],
    ['https://acme.pipedrive.com/deal/42/', { id: '42', recordType: 'deal' }],
    ['https://acme.pipedrive.com/pipeline/1/user/everyone', null],
    ['https://acme.pipedrive.com.evil.example/organization/1', null],
  ])('%s → %j', (url, expected) => {
    expect(pipedriveRecord(new URL(url))).toEqual(expected);
  });

  it('reads the organization id, title and the people emails', () => {
    const url = urlOf('pipedrive-organization.html');
    expect(pipedrive.extract(new URL(url), loadFixture('pipedrive-organization.html', url))?.keys).toEqual([
      { kind: 'crm', crm: 'pipedrive', id: '2045', recordType: 'organization' },
      { kind: 'name', name: 'Bäckerei Straßer e.K.' },
      { kind: 'email', email: 'maria@baeckerei-strasser.de' },
    ]);
  });
});

describe('zoho', () => {
  it.each([
    [urlOf('zoho-account.html'), { id: '5725767000000412003', recordType: 'Accounts' }],
    [
      'https://crm.zoho.com/crm/org712345678/tab/Contacts/4876876000000225013',
      { id: '4876876000000225013', recordType: 'Contacts' },
    ],
    ['https://crm.zoho.in/crm/tab/Potentials/2445013000000164009', { id: '2445013000000164009', recordType: 'Deals' }],
    ['https://crm.zoho.eu/crm/org20071234567/tab/Accounts/custom-view/123/list', null],
    ['https://desk.zoho.eu/crm/tab/Accounts/1', null],
  ])('%s → %j', (url, expected) => {
    expect(zohoRecord(new URL(url))).toEqual(expected);
  });

  it('reads the account id, name and website from data-zcqa fields', () => {
    const url = urlOf('zoho-account.html');
    expect(zoho.extract(new URL(url), loadFixture('zoho-account.html', url))?.keys).toEqual([
      { kind: 'crm', crm: 'zoho', id: '5725767000000412003', recordType: 'Accounts' },
      { kind: 'name', name: 'Alpenglanz Hotels GmbH' },
      { kind: 'domain', domain: 'alpenglanz-hotels.at' },
    ]);
  });
});
