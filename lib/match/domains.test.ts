import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NEVER_MATCH_DOMAINS,
  domainAndParents,
  domainOf,
  isListedDomain,
  normaliseDomain,
  registrableDomain,
} from './domains.ts';

describe('domainOf / normaliseDomain', () => {
  it.each([
    ['Jana.Berg@Vertrieb.Mueller-Maschinenbau.de', 'vertrieb.mueller-maschinenbau.de'],
    ['"Berg, Jana"@mueller-maschinenbau.de', 'mueller-maschinenbau.de'],
    ['no-address', null],
    ['@acme.de', null],
    ['jana@localhost', null],
  ])('domainOf(%s) → %s', (email, expected) => {
    expect(domainOf(email)).toBe(expected);
  });

  it.each([
    ['https://www.Acme.de/kontakt', 'acme.de'],
    ['acme.de.', 'acme.de'],
    ['http://shop.acme.de:8080', 'shop.acme.de'],
    ['not a domain', ''],
  ])('normaliseDomain(%s) → %s', (value, expected) => {
    expect(normaliseDomain(value)).toBe(expected);
  });
});

describe('registrable domains', () => {
  it.each([
    ['mail.eu.acme.co.uk', 'acme.co.uk'],
    ['vertrieb.mueller-maschinenbau.de', 'mueller-maschinenbau.de'],
    ['alpenglanz-hotels.at', 'alpenglanz-hotels.at'],
    ['shop.hotel.co.at', 'hotel.co.at'],
    // Suffixes a short hand-written list missed (Public Suffix List through tldts).
    ['einkauf.stadt.gv.at', 'stadt.gv.at'],
    ['sales.acme.com.au', 'acme.com.au'],
    ['tokyo.kaisha.co.jp', 'kaisha.co.jp'],
    ['shop.acme.kyoto.jp', 'acme.kyoto.jp'],
    ['acme.myshopify.com', 'acme.myshopify.com'],
    ['co.uk', 'co.uk'],
  ])('%s → %s', (domain, expected) => {
    expect(registrableDomain(domain)).toBe(expected);
  });

  it('lists a domain and its parents down to the registrable one', () => {
    expect(domainAndParents('a.b.acme.de')).toEqual(['a.b.acme.de', 'b.acme.de', 'acme.de']);
    expect(domainAndParents('acme.co.uk')).toEqual(['acme.co.uk']);
  });
});

describe('the default never-match list (freemail)', () => {
  it.each([
    'gmail.com',
    'googlemail.com',
    'outlook.com',
    'outlook.de',
    'hotmail.com',
    'hotmail.de',
    'hotmail.co.uk',
    'live.com',
    'live.de',
    'yahoo.com',
    'yahoo.de',
    'yahoo.co.jp',
    'gmx.de',
    'gmx.net',
    'gmx.at',
    'web.de',
    't-online.de',
    'icloud.com',
    'me.com',
    'proton.me',
    'posteo.de',
    'mail.de',
    'aol.com',
    'mx.gmx.net',
  ])('%s never matches', (domain) => {
    expect(isListedDomain(domain, DEFAULT_NEVER_MATCH_DOMAINS)).toBe(true);
  });

  it.each([
    'mueller-maschinenbau.de',
    'outlook-consulting.de',
    'webde-agentur.de',
    'mail.mueller.de',
    'live-events.com',
    'gmxx.de',
  ])('%s may match', (domain) => {
    expect(isListedDomain(domain, DEFAULT_NEVER_MATCH_DOMAINS)).toBe(false);
  });

  it('treats subdomains of a listed domain as listed', () => {
    expect(isListedDomain('eu.hansen-industriebedarf.de', ['hansen-industriebedarf.de'])).toBe(true);
    expect(isListedDomain('hansen-industriebedarf.com', ['hansen-industriebedarf.de'])).toBe(false);
  });
});
