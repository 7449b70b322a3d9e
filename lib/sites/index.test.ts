import { describe, expect, it, vi } from 'vitest';
import { adapterFor, builtInAdapters } from './index.ts';
import type { SiteAdapter } from './types.ts';
import { createCustomAdapter } from './custom.ts';

describe('adapterFor', () => {
  it.each([
    ['https://mail.google.com/mail/u/0/#inbox/18c2f0a9b7d4e6f1', 'gmail'],
    ['https://outlook.office.com/mail/inbox/id/AAQk', 'outlook'],
    ['https://outlook.office.com/calendar/item/AAMk', 'outlook-calendar'],
    ['https://calendar.google.com/calendar/u/0/r/eventedit/abc', 'google-calendar'],
    ['https://hansen.lightning.force.com/lightning/r/Account/001Dn00000ABCDeIAF/view', 'salesforce'],
    ['https://app.hubspot.com/contacts/4711/record/0-2/1', 'hubspot'],
    ['https://hansen.crm4.dynamics.com/main.aspx?etn=account&id=3f2504e0-4f89-11d3-9a0c-0305e82c3301', 'dynamics'],
    ['https://hansen.pipedrive.com/organization/2045', 'pipedrive'],
    ['https://crm.zoho.eu/crm/org1/tab/Accounts/2', 'zoho'],
    ['https://webmail.example-hoster.de/?_task=mail', 'generic'],
  ])('%s → %s', (url, id) => {
    expect(adapterFor(new URL(url))?.id).toBe(id);
  });

  it('returns null for non-web URLs', () => {
    expect(adapterFor(new URL('chrome-extension://abc/options.html'))).toBeNull();
  });

  it('prefers a user-defined adapter over the built-in ones', () => {
    const custom = createCustomAdapter({
      id: 'sf-own',
      name: 'Own Salesforce reading',
      urlPattern: 'https://hansen.lightning.force.com/*',
      nameSelector: 'h1',
    });
    expect(adapterFor(new URL('https://hansen.lightning.force.com/lightning/page/home'), [custom])?.id).toBe(
      'custom:sf-own',
    );
  });

  it('skips an adapter whose predicate throws, reports it, and still finds the right one', () => {
    const broken: SiteAdapter = {
      id: 'broken',
      matches: () => {
        throw new Error('boom');
      },
      extract: () => null,
    };
    const onError = vi.fn();
    expect(adapterFor(new URL('https://app.hubspot.com/contacts/1/record/0-2/2'), [broken], onError)?.id).toBe(
      'hubspot',
    );
    expect(onError).toHaveBeenCalledWith(new Error('boom'), broken);
  });

  it('lists every built-in adapter once, generic last', () => {
    const ids = builtInAdapters.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.at(-1)).toBe('generic');
  });
});
