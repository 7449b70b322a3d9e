import { describe, expect, it } from 'vitest';
import { salesforce, salesforceRecord } from './salesforce.ts';
import { loadFixture } from '../../tests/fixtures/sites/load-fixture.ts';

const ACCOUNT = 'https://hansen.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/view';
const CONTACT = 'https://hansen.lightning.force.com/lightning/r/Contact/003Dn00000XYZabIAB/view';

describe('salesforce URL predicate and record', () => {
  it.each([
    [ACCOUNT, { id: '001Dn00000ABCDeIAF', recordType: 'Account' }],
    [CONTACT, { id: '003Dn00000XYZabIAB', recordType: 'Contact' }],
    [
      'https://acme--uat.sandbox.lightning.force.com/lightning/r/Opportunity/006Dn00000LmNoPIAV/view',
      { id: '006Dn00000LmNoPIAV', recordType: 'Opportunity' },
    ],
    // Short form: the object comes from the key prefix.
    [
      'https://hansen.lightning.force.com/lightning/r/001Dn00000ABCDe/view',
      { id: '001Dn00000ABCDe', recordType: 'Account' },
    ],
    ['https://hansen.lightning.force.com/lightning/o/Account/list?filterName=Recent', null],
    ['https://hansen.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/related/Contacts/view', null],
    ['https://hansen.my.salesforce.com/001Dn00000ABCDe', null],
  ])('%s → %j', (url, expected) => {
    expect(salesforceRecord(new URL(url))).toEqual(expected);
  });

  it.each([
    [ACCOUNT, true],
    ['https://hansen.lightning.force.com/lightning/page/home', true],
    ['https://hansen.my.salesforce.com/001Dn00000ABCDe', false],
    ['https://lightning.force.com.evil.example/lightning/r/Account/001Dn00000ABCDeIAF/view', false],
  ])('matches(%s) → %s', (url, expected) => {
    expect(salesforce.matches(new URL(url))).toBe(expected);
  });
});

describe('salesforce extraction through LWC shadow roots', () => {
  it('reads the account id, the slotted name and the website, not the recently viewed link', () => {
    const doc = loadFixture('salesforce-account.html', ACCOUNT);
    expect(salesforce.extract(new URL(ACCOUNT), doc)).toEqual({
      site: 'salesforce',
      pageKind: 'record',
      anchorHint: 'records-highlights2',
      keys: [
        { kind: 'crm', crm: 'salesforce', id: '001Dn00000ABCDeIAF', recordType: 'Account' },
        { kind: 'name', name: 'Müller Maschinenbau GmbH & Co. KG' },
        { kind: 'domain', domain: 'mueller-maschinenbau.de' },
      ],
    });
  });

  it('follows a contact to its account and reads the contact email', () => {
    const doc = loadFixture('salesforce-contact.html', CONTACT);
    expect(salesforce.extract(new URL(CONTACT), doc)?.keys).toEqual([
      { kind: 'crm', crm: 'salesforce', id: '003Dn00000XYZabIAB', recordType: 'Contact' },
      { kind: 'crm', crm: 'salesforce', id: '001Dn00000ABCDeIAF', recordType: 'Account' },
      { kind: 'name', name: 'Müller Maschinenbau GmbH & Co. KG' },
      { kind: 'email', email: 'jana.berg@mueller-maschinenbau.de' },
    ]);
  });

  it('still gives the URL key before the highlights have rendered', () => {
    const doc = loadFixture('salesforce-account.html', ACCOUNT);
    doc.querySelector('one-record-home-flexipage2')?.remove();
    expect(salesforce.extract(new URL(ACCOUNT), doc)?.keys).toEqual([
      { kind: 'crm', crm: 'salesforce', id: '001Dn00000ABCDeIAF', recordType: 'Account' },
    ]);
  });
});
