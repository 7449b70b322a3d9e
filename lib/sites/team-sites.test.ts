/** The extension's side of team site definitions: each served definition is checked on its own (issue 16). */
import { describe, expect, it } from 'vitest';
import { parseTeamSiteItems } from './team-sites.ts';
import { pathPattern } from './site-report.ts';

describe('parseTeamSiteItems', () => {
  it('applies the valid definitions and skips each bad one with its reason', () => {
    const good = {
      id: 'acme-crm',
      kind: 'adapter',
      adapter: { id: 'acme-crm', name: 'Acme', urlPattern: 'https://crm.acme.test/a/{id}' },
    };
    const off = { id: 'builtin:hubspot', kind: 'override', override: { site: 'hubspot', off: true } };
    const result = parseTeamSiteItems([
      good,
      { id: 'broken', kind: 'adapter', adapter: { id: 'broken', name: 'B', urlPattern: 'crm.test' } },
      { id: 'builtin:myspace', kind: 'override', override: { site: 'myspace', off: true } },
      'not an object',
      off,
    ]);
    expect(result.definitions).toEqual([good, off]);
    expect(result.skipped).toEqual([
      {
        id: 'broken',
        reason: expect.stringContaining('urlPattern: must start with http://, https:// or *:// and a host'),
      },
      { id: 'builtin:myspace', reason: expect.stringContaining('site: must be one of the built-in sites') },
      { id: '#4', reason: expect.any(String) },
    ]);
  });
});

describe('pathPattern', () => {
  it('keeps the path shape without ids, query or hash', () => {
    expect(pathPattern(new URL('https://crm.test/accounts/0015g00000ABCdE/view?q=secret#notes'))).toBe(
      '/accounts/*/view',
    );
    expect(pathPattern(new URL('https://crm.test/lightning/r/Account/a-very-long-record-identifier-x/view'))).toBe(
      '/lightning/r/Account/*/view',
    );
  });
});
