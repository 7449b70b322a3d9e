import { describe, expect, it } from 'vitest';
import {
  adapterId,
  adapterOrigins,
  builtInPatterns,
  normaliseDomain,
  releasablePatterns,
  strictOriginPattern,
} from './site-patterns.ts';

// Expected patterns follow Chrome's match-pattern syntax (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns).
describe('strictOriginPattern', () => {
  it.each([
    ['crm.example.com', 'https://crm.example.com/*'],
    ['http://intranet.local:8080/path?q=1', 'http://intranet.local/*'],
    ['https://*.example.com', 'https://*.example.com/*'],
    ['  CRM.Example.COM  ', 'https://crm.example.com/*'],
  ])('%s → %s', (text, pattern) => {
    expect(strictOriginPattern(text)).toBe(pattern);
  });

  it.each(['not a host/', 'ftp://files.example.com', '', 'https://exa_mple.com'])(
    'rejects %j, naming the function',
    (text) => {
      expect(() => strictOriginPattern(text)).toThrow(/Pattern: /);
    },
  );
});

describe('adapterOrigins', () => {
  it('takes the scheme and host of a URL pattern', () => {
    expect(adapterOrigins('https://crm.hansen.example/accounts/{id}')).toEqual(['https://crm.hansen.example/*']);
  });
  it('needs both schemes for *://', () => {
    expect(adapterOrigins('*://crm.example.com/k/*')).toEqual([
      'https://crm.example.com/*',
      'http://crm.example.com/*',
    ]);
  });
  it('throws without a scheme', () => {
    expect(() => adapterOrigins('crm.example.com/{id}')).toThrow(
      'adapterOrigins: "crm.example.com/{id}" has no scheme and host',
    );
  });
});

describe('releasablePatterns', () => {
  it('gives back only what no remaining site or origin needs', () => {
    const remaining = { builtIn: ['gmail'], origins: ['https://crm.example.com/*'] };
    expect(
      releasablePatterns(['https://mail.google.com/*', 'https://crm.example.com/*', 'https://x.example/*'], remaining),
    ).toEqual(['https://x.example/*']);
  });
  it('knows the built-in sites’ patterns', () => {
    expect(builtInPatterns('salesforce')).toEqual(['https://*.lightning.force.com/*']);
    expect(builtInPatterns('no-such-site')).toEqual([]);
  });
});

describe('normaliseDomain', () => {
  it.each([
    ['https://www.Intranet.example.com/start', 'intranet.example.com'],
    ['mail.private.de', 'mail.private.de'],
    ['localhost', 'localhost'],
  ])('%s → %s', (text, domain) => {
    expect(normaliseDomain(text)).toBe(domain);
  });
  it.each(['intranet', 'not a domain', 'https://'])('rejects %j', (text) => {
    expect(() => normaliseDomain(text)).toThrow(`normaliseDomain: "${text}" is not a domain`);
  });
});

describe('adapterId', () => {
  it('slugs the name and avoids ids in use', () => {
    expect(adapterId('Hansen CRM', [])).toBe('hansen-crm');
    expect(adapterId('Müller & Söhne', ['muller-sohne'])).toBe('muller-sohne-2');
    expect(adapterId('!!!', [])).toBe('site');
  });
});
