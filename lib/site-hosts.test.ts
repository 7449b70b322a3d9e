import { describe, expect, it } from 'vitest';
import { BUILT_IN_SITES, onBuiltInSite } from './site-hosts.ts';
import { builtInAdapters } from './sites/index.ts';

/** A URL on a pattern's host (`*.` filled in with a tenant name). */
const onPattern = (pattern: string) => new URL(pattern.replace('*.', 'acme.').replace(/\*$/, ''));

describe('one host list for permissions and adapters', () => {
  it.each(BUILT_IN_SITES.map((s) => [s.id, s] as const))(
    '%s: its adapter claims exactly its granted hosts',
    (id, site) => {
      const adapter = builtInAdapters.find((a) => a.id === id);
      expect(adapter, `adapter ${id}`).toBeDefined();
      for (const pattern of site.patterns) expect(onBuiltInSite(id, onPattern(pattern)), pattern).toBe(true);
      // The adapters also look at the path; their host check alone is what must agree with the patterns.
      const claims = (host: string) => onBuiltInSite(id, new URL(`https://${host}/`));
      expect(claims('example.com')).toBe(false);
    },
  );

  it('HubSpot: only the hosts that get permission (app, app-eu1), not any app-*', () => {
    expect(onBuiltInSite('hubspot', new URL('https://app.hubspot.com/contacts/1/record/0-1/2'))).toBe(true);
    expect(onBuiltInSite('hubspot', new URL('https://app-eu1.hubspot.com/contacts/1/record/0-1/2'))).toBe(true);
    expect(onBuiltInSite('hubspot', new URL('https://app-na9.hubspot.com/contacts/1/record/0-1/2'))).toBe(false);
    const hubspot = builtInAdapters.find((a) => a.id === 'hubspot')!;
    expect(hubspot.matches(new URL('https://app-na9.hubspot.com/contacts/1/record/0-1/2'))).toBe(false);
    expect(hubspot.matches(new URL('https://app-eu1.hubspot.com/contacts/1/record/0-1/2'))).toBe(true);
  });

  it('match-pattern rules: a wildcard covers the domain and its subdomains, the scheme must agree', () => {
    expect(onBuiltInSite('pipedrive', new URL('https://acme.pipedrive.com/'))).toBe(true);
    expect(onBuiltInSite('pipedrive', new URL('https://pipedrive.com/'))).toBe(true);
    expect(onBuiltInSite('pipedrive', new URL('https://evilpipedrive.com/'))).toBe(false);
    expect(onBuiltInSite('pipedrive', new URL('http://acme.pipedrive.com/'))).toBe(false);
    expect(onBuiltInSite('gmail', new URL('https://mail.google.com.evil.example/'))).toBe(false);
  });
});
