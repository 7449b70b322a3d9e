import { describe, expect, it } from 'vitest';
import { captureContext, captureKeys } from './detect.ts';

// Expected keys follow the URL formats documented in lib/sites/<crm>.ts and the tests/fixtures/sites URLs.
describe('captureKeys', () => {
  it('reads the CRM record of a Salesforce Lightning URL, then the page host', () => {
    expect(captureKeys('https://hansen.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/view', '')).toEqual([
      { kind: 'crm', crm: 'salesforce', id: '001Dn00000ABCDeIAF', recordType: 'Account' },
      { kind: 'domain', domain: 'hansen.lightning.force.com' },
    ]);
  });

  it('reads a HubSpot company record from the modern URL shape', () => {
    expect(captureKeys('https://app-eu1.hubspot.com/contacts/26012345/record/0-2/9876543210', undefined)[0]).toEqual({
      kind: 'crm',
      crm: 'hubspot',
      id: '9876543210',
      recordType: 'company',
    });
  });

  it('finds addresses and web domains in the selection, each once, before the page host', () => {
    const keys = captureKeys(
      'https://webmail.example-hoster.de/?_uid=4711',
      'From Max.Huber@Mueller-Maschinenbau.de, cc max.huber@mueller-maschinenbau.de – see www.kraft-logistik.com/jobs and https://shop.alpenglanz-hotels.at',
    );
    expect(keys).toEqual([
      { kind: 'email', email: 'max.huber@mueller-maschinenbau.de', role: 'mention' },
      { kind: 'domain', domain: 'kraft-logistik.com' },
      { kind: 'domain', domain: 'shop.alpenglanz-hotels.at' },
      { kind: 'domain', domain: 'webmail.example-hoster.de' },
    ]);
  });

  it('gives no key for pages without a web host or an unparseable URL', () => {
    expect(captureKeys('chrome://extensions/', '')).toEqual([]);
    expect(captureKeys('not a url', '')).toEqual([]);
    expect(captureKeys(undefined, undefined)).toEqual([]);
    expect(captureKeys('http://localhost:3000/x', '')).toEqual([]);
  });

  it('keeps at most the 50 keys a page lookup accepts', () => {
    const many = Array.from({ length: 80 }, (_, i) => `p${i}@firm${i}.de`).join(' ');
    expect(captureKeys(undefined, many)).toHaveLength(50);
  });
});

describe('captureContext', () => {
  it('wraps the keys for page.lookup, or gives null when there are none', () => {
    expect(captureContext({ url: 'https://kraft-logistik.com/about' })).toEqual({
      site: 'capture',
      keys: [{ kind: 'domain', domain: 'kraft-logistik.com' }],
      pageKind: 'other',
    });
    expect(captureContext({ url: 'about:blank', selection: 'no address here' })).toBeNull();
  });

  it("puts the keys the tab's overlay found before what the URL and the selection give", () => {
    const fromOverlay = { kind: 'email', email: 'tom@kraft-logistik.com', role: 'from' } as const;
    expect(captureContext({ url: 'https://mail.google.com/mail/u/0/#inbox/1', keys: [fromOverlay] })?.keys).toEqual([
      fromOverlay,
      { kind: 'domain', domain: 'mail.google.com' },
    ]);
  });
});
