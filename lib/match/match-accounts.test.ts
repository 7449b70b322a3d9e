import { describe, expect, it } from 'vitest';
import type { AccountKey } from '../sites/types.ts';
import { buildAccountIndex, normaliseCrmId } from './account-index.ts';
import { keyId, matchAccounts } from './match-accounts.ts';

const ACCOUNTS = [
  {
    id: 'a1',
    name: 'Müller Maschinenbau GmbH & Co. KG',
    domains: ['mueller-maschinenbau.de'],
    crmIds: { salesforce: '001Dn00000ABCDeIAF', hubspot: '111' },
  },
  {
    id: 'a2',
    name: 'Kraft Logistik AG',
    domains: ['https://www.kraft-logistik.com/'],
    crmIds: { hubspot: '9876543210' },
  },
  {
    id: 'a3',
    name: 'Alpenglanz Hotels GmbH',
    domains: ['alpenglanz-hotels.at'],
    crmIds: { zoho: '5725767000000412003' },
  },
  {
    id: 'a4',
    name: 'Nordlicht Energie SE',
    domains: ['nordlicht-energie.de'],
    crmIds: { dynamics: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}' },
  },
  { id: 'a5', name: 'Bäckerei Straßer e.K.', domains: ['baeckerei-strasser.de'], crmIds: { pipedrive: '2045' } },
  { id: 'a6', name: 'Müller Maschinenbau Nord GmbH', domains: ['mueller-nord.de'], crmIds: {} },
  { id: 'a7', name: 'Acme UK Ltd', domains: ['acme.co.uk'], crmIds: {} },
  { id: 'a8', name: 'Shared Group Ost', domains: ['shared-group.de'], crmIds: {} },
  { id: 'a9', name: 'Shared Group West', domains: ['shared-group.de'], crmIds: {} },
  {
    id: 'a10',
    name: 'Hansen Industriebedarf GmbH',
    domains: ['hansen-industriebedarf.de', 'gmail.com'],
    crmIds: { custom: 'K-4711' },
  },
];
const index = buildAccountIndex(ACCOUNTS);
const OWN = { ownDomains: ['hansen-industriebedarf.de'] };
const email = (address: string, role?: 'from' | 'to' | 'cc' | 'reply-to' | 'mention'): AccountKey =>
  role ? { kind: 'email', email: address, role } : { kind: 'email', email: address };
const ids = (keys: AccountKey[], options = {}) => matchAccounts(keys, index, options).map((m) => m.accountId);

describe('CRM ids', () => {
  it.each([
    // Salesforce 15- and 18-character forms are one record (the last three characters are a case checksum).
    [{ kind: 'crm', crm: 'salesforce', id: '001Dn00000ABCDe', recordType: 'Account' }, 'a1'],
    [{ kind: 'crm', crm: 'salesforce', id: '001Dn00000ABCDeIAF' }, 'a1'],
    [{ kind: 'crm', crm: 'dynamics', id: '3f2504e0-4f89-11d3-9a0c-0305e82c3301', recordType: 'account' }, 'a4'],
    [{ kind: 'crm', crm: 'hubspot', id: '9876543210', recordType: 'company' }, 'a2'],
    [{ kind: 'crm', crm: 'pipedrive', id: '2045', recordType: 'organization' }, 'a5'],
    [{ kind: 'crm', crm: 'zoho', id: '5725767000000412003', recordType: 'Accounts' }, 'a3'],
    [{ kind: 'crm', crm: 'custom', id: 'K-4711', recordType: 'hansen-crm' }, 'a10'],
    // The ERP's own web client (a user-defined adapter that says its ids are customer numbers): the account id.
    [{ kind: 'crm', crm: 'erp', id: 'a7', recordType: 'own-erp' }, 'a7'],
  ] as Array<[AccountKey, string]>)('%j → %s', (key, accountId) => {
    expect(matchAccounts([key], index)).toEqual([{ accountId, confidence: 1, via: 'crm', key }]);
  });

  it("never matches a self-hosted CRM's record id against the ERP customer number", () => {
    expect(ids([{ kind: 'crm', crm: 'custom', id: 'a7', recordType: 'tryton' }])).toEqual([]);
    // …so a correct name match is what counts on such a page.
    expect(
      ids([
        { kind: 'crm', crm: 'custom', id: 'a7', recordType: 'tryton' },
        { kind: 'name', name: 'Kraft Logistik AG' },
      ]),
    ).toEqual(['a2']);
  });

  it('does not match a contact or deal id against account ids, even when the number is the same', () => {
    expect(ids([{ kind: 'crm', crm: 'hubspot', id: '111', recordType: 'contact' }])).toEqual([]);
    expect(ids([{ kind: 'crm', crm: 'salesforce', id: '001Dn00000ABCDe', recordType: 'Contact' }])).toEqual([]);
  });

  it('is case-sensitive for Salesforce and not for Dynamics', () => {
    expect(normaliseCrmId('salesforce', '001dn00000abcdeiaf')).not.toBe(
      normaliseCrmId('salesforce', '001Dn00000ABCDeIAF'),
    );
    expect(normaliseCrmId('dynamics', '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}')).toBe(
      '3f2504e0-4f89-11d3-9a0c-0305e82c3301',
    );
  });
});

describe('domains', () => {
  it('matches an email by its domain with the role deciding the confidence', () => {
    expect(matchAccounts([email('jana.berg@mueller-maschinenbau.de', 'from')], index)).toEqual([
      { accountId: 'a1', confidence: 0.9, via: 'domain', key: email('jana.berg@mueller-maschinenbau.de', 'from') },
    ]);
    expect(matchAccounts([email('info@kraft-logistik.com', 'mention')], index)[0]?.confidence).toBe(0.6);
  });

  it('falls back from a subdomain to the registrable parent, with a little less confidence', () => {
    const [match] = matchAccounts([email('jana@vertrieb.eu.mueller-maschinenbau.de', 'from')], index);
    expect(match?.accountId).toBe('a1');
    expect(match?.confidence).toBeCloseTo(0.9 * 0.95, 12);
    expect(ids([{ kind: 'domain', domain: 'shop.acme.co.uk' }])).toEqual(['a7']);
  });

  it('never matches freemail, even if an account record lists it', () => {
    expect(ids([email('max.mustermann@gmail.com', 'from'), email('m@hotmail.de', 'from')])).toEqual([]);
  });

  it('never matches the own company', () => {
    expect(ids([email('vertrieb@hansen-industriebedarf.de', 'to')], OWN)).toEqual([]);
    expect(ids([email('vertrieb@hansen-industriebedarf.de', 'to')])).toEqual(['a10']);
  });

  it('returns every account that shares a domain, each less sure', () => {
    expect(
      matchAccounts([{ kind: 'domain', domain: 'shared-group.de' }], index).map((m) => [m.accountId, m.confidence]),
    ).toEqual([
      ['a8', 0.9 * 0.8],
      ['a9', 0.9 * 0.8],
    ]);
  });
});

describe('names', () => {
  it('matches exactly after normalisation (legal forms, umlauts, hyphens, case)', () => {
    for (const name of ['MUELLER MASCHINENBAU', 'Müller-Maschinenbau GmbH', 'Mueller Maschinen-Bau']) {
      expect(matchAccounts([{ kind: 'name', name }], index)).toEqual([
        { accountId: 'a1', confidence: 0.8, via: 'name', key: { kind: 'name', name } },
      ]);
    }
  });

  it('matches tolerantly by trigram Dice similarity, above the threshold only', () => {
    // Reference by hand: "$muelermaschinenbau$" has 18 trigrams, "$muellermaschinenbau$" 19, 17 shared →
    // Dice 34/37 = 0.9189; against "$muellermaschinenbaunord$" (23) 16 shared → 32/41 = 0.7805 < 0.8.
    const matches = matchAccounts([{ kind: 'name', name: 'Müler Maschinenbau' }], index);
    expect(matches.map((m) => m.accountId)).toEqual(['a1']);
    expect(matches[0]?.confidence).toBeCloseTo(0.7 * (34 / 37), 12);
    expect(ids([{ kind: 'name', name: 'Müler Maschinenbau' }], { nameThreshold: 0.75 })).toEqual(['a1', 'a6']);
  });

  it('ignores names that resemble nothing, and keys that look like object properties', () => {
    expect(
      ids([
        { kind: 'name', name: 'Völlig Anders KG' },
        { kind: 'name', name: 'constructor' },
        { kind: 'name', name: '__proto__' },
      ]),
    ).toEqual([]);
  });
});

describe('several keys, several accounts', () => {
  it("returns the sender's company of a thread; companies only copied are not the page's account", () => {
    const thread = [
      email('vertrieb@hansen-industriebedarf.de', 'to'),
      email('tom@kraft-logistik.com', 'cc'),
      email('jana.berg@mueller-maschinenbau.de', 'from'),
      email('anna@gmail.com', 'cc'),
    ];
    expect(matchAccounts(thread, index, OWN).map((m) => [m.accountId, m.confidence])).toEqual([['a1', 0.9]]);
  });

  it('ranks CRM ids before domains before names, whatever the key order', () => {
    const keys: AccountKey[] = [
      { kind: 'name', name: 'Alpenglanz Hotels' },
      email('jana@mueller-maschinenbau.de', 'from'),
      { kind: 'crm', crm: 'hubspot', id: '9876543210', recordType: 'company' },
    ];
    expect(matchAccounts(keys, index).map((m) => [m.accountId, m.via])).toEqual([
      ['a2', 'crm'],
      ['a1', 'domain'],
      ['a3', 'name'],
    ]);
  });

  it('keeps one match per account, its strongest', () => {
    const keys: AccountKey[] = [
      { kind: 'name', name: 'Kraft Logistik' },
      { kind: 'crm', crm: 'hubspot', id: '9876543210', recordType: 'company' },
    ];
    expect(matchAccounts(keys, index)).toEqual([{ accountId: 'a2', confidence: 1, via: 'crm', key: keys[1] }]);
  });
});

describe('corrections', () => {
  it('map a key to an account before any lookup (a private address, a CRM id)', () => {
    const corrections = { 'email:max.mustermann@gmail.com': 'a5', 'crm:salesforce:001Dn00000XYZab': 'a3' };
    expect(matchAccounts([email('max.mustermann@gmail.com', 'from')], index, { corrections })).toEqual([
      { accountId: 'a5', confidence: 1, via: 'correction', key: email('max.mustermann@gmail.com', 'from') },
    ]);
    expect(
      ids([{ kind: 'crm', crm: 'salesforce', id: '001Dn00000XYZabIAF', recordType: 'Account' }], { corrections }),
    ).toEqual(['a3']);
  });

  it('apply to every address of a corrected domain, and null silences a key', () => {
    expect(ids([email('neu@acme-holding.de', 'from')], { corrections: { 'domain:acme-holding.de': 'a7' } })).toEqual([
      'a7',
    ]);
    expect(
      ids([email('tom@kraft-logistik.com', 'from')], { corrections: { 'domain:kraft-logistik.com': null } }),
    ).toEqual([]);
  });

  it('are ignored when they point at an account that no longer exists', () => {
    expect(
      ids([email('tom@kraft-logistik.com', 'from')], { corrections: { 'email:tom@kraft-logistik.com': 'gone' } }),
    ).toEqual(['a2']);
  });

  it.each([
    [{ kind: 'crm', crm: 'salesforce', id: '001Dn00000ABCDeIAF' }, 'crm:salesforce:001Dn00000ABCDe'],
    [{ kind: 'email', email: ' Jana@Acme.DE ' }, 'email:jana@acme.de'],
    [{ kind: 'domain', domain: 'https://www.acme.de/' }, 'domain:acme.de'],
    [{ kind: 'name', name: 'Müller GmbH' }, 'name:mueller'],
  ] as Array<[AccountKey, string]>)('keyId(%j) → %s', (key, expected) => {
    expect(keyId(key)).toBe(expected);
  });
});

describe('buildAccountIndex', () => {
  it('is plain data: a JSON round trip matches the same', () => {
    const copy = JSON.parse(JSON.stringify(index)) as typeof index;
    const keys = [
      email('jana@vertrieb.mueller-maschinenbau.de', 'from'),
      { kind: 'name', name: 'Müler Maschinenbau' } as AccountKey,
    ];
    expect(matchAccounts(keys, copy)).toEqual(matchAccounts(keys, index));
  });

  it('rejects empty and duplicate ids, naming the function', () => {
    expect(() => buildAccountIndex([{ id: '', name: 'x', domains: [], crmIds: {} }])).toThrow(
      'buildAccountIndex: account at position 0 has an empty id',
    );
    expect(() => buildAccountIndex([ACCOUNTS[0]!, ACCOUNTS[0]!])).toThrow(
      'buildAccountIndex: account id "a1" appears twice',
    );
  });
});

describe('the strongest evidence on the page', () => {
  it('shows the sender account, not companies only copied or mentioned', () => {
    expect(
      ids([
        email('jana@mueller-maschinenbau.de', 'from'),
        email('tom@kraft-logistik.com', 'cc'),
        email('x@alpenglanz-hotels.at', 'mention'),
      ]),
    ).toEqual(['a1']);
  });

  it('shows recipients when the sender is the rep (a sent mail), and mentions only where nothing else matched', () => {
    expect(ids([email('me@hansen-industriebedarf.de', 'from'), email('tom@kraft-logistik.com', 'to')], OWN)).toEqual([
      'a2',
    ]);
    expect(ids([email('nobody@unknown-company.de', 'from'), email('x@alpenglanz-hotels.at', 'mention')])).toEqual([
      'a3',
    ]);
  });

  it('keeps every sender of a thread', () => {
    expect(ids([email('jana@mueller-maschinenbau.de', 'from'), email('tom@kraft-logistik.com', 'from')])).toEqual([
      'a1',
      'a2',
    ]);
  });
});

describe("the rep's own company", () => {
  it("is known from the account owners' email domains, without a profile email", () => {
    const owned = buildAccountIndex([
      { id: 'k1', name: 'Köhler GmbH', domains: ['koehler.de'], crmIds: {}, ownerEmail: 'lena.vogt@rotmann.de' },
      {
        id: 'k2',
        name: 'Rotmann Service',
        domains: ['rotmann-service.de'],
        crmIds: {},
        ownerEmail: 'x@rotmann-service.de',
      },
    ]);
    expect(owned.ownDomains).toEqual(['rotmann.de']); // an owner domain that is an account's own domain stays a customer
    expect(
      matchAccounts([email('felix@rotmann.de', 'from'), email('j@koehler.de', 'to')], owned).map((m) => m.accountId),
    ).toEqual(['k1']);
  });
});
