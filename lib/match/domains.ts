/**
 * Email and web domains: extraction, the registrable parent a subdomain falls back to, and the domains that must
 * never identify an account (freemail providers, the rep's own company). Registrable domains come from the Public
 * Suffix List (tldts); this module runs in the background, the import worker and Node, never in the content script.
 */
import { getDomain } from 'tldts';

/** Freemail and consumer ISP domains; `name.*` means that name under any suffix (hotmail.de, yahoo.co.uk). */
export const DEFAULT_NEVER_MATCH_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'outlook.*',
  'hotmail.*',
  'live.*',
  'msn.com',
  'yahoo.*',
  'ymail.com',
  'rocketmail.com',
  'aol.*',
  'gmx.*',
  'web.de',
  't-online.de',
  'freenet.de',
  'arcor.de',
  'online.de',
  'email.de',
  'mail.de',
  'posteo.de',
  'posteo.net',
  'mailbox.org',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'protonmail.ch',
  'pm.me',
  'tutanota.*',
  'tuta.io',
  'tuta.com',
  'yandex.*',
  'mail.ru',
  'zoho.com',
  'zohomail.eu',
  'bluewin.ch',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'virgilio.it',
  'seznam.cz',
  'wp.pl',
  'o2.pl',
  'interia.pl',
  'onet.pl',
  'qq.com',
  '163.com',
];

/**
 * A domain lower-cased, without scheme, `www.`, port, path or trailing dot; '' when it has no dot.
 *
 * @example
 * normaliseDomain('https://www.Acme.de/kontakt'); // => 'acme.de'
 */
export function normaliseDomain(value: string): string {
  const host =
    value
      .trim()
      .toLowerCase()
      .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
      .split(/[/?#:@]/)[0] ?? '';
  const domain = host.replace(/^www\./, '').replace(/\.$/, '');
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(domain) ? domain : '';
}

/**
 * The domain of an email address (lower case), or null when `email` is not an address.
 *
 * @example
 * domainOf('Jana.Berg@Vertrieb.Mueller-Maschinenbau.de'); // => 'vertrieb.mueller-maschinenbau.de'
 */
export function domainOf(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  return normaliseDomain(email.slice(at + 1)) || null;
}

/**
 * The registrable domain ("eTLD+1") of a host by the Public Suffix List, private suffixes included (a shop on
 * `acme.myshopify.com` is not `myshopify.com`). A host that is itself a suffix, or no host name, is returned as
 * it is.
 *
 * @example
 * registrableDomain('mail.eu.acme.co.uk'); // => 'acme.co.uk'
 * registrableDomain('www.stadt.gv.at'); // => 'stadt.gv.at'
 */
export function registrableDomain(domain: string): string {
  return getDomain(domain, { allowPrivateDomains: true }) ?? domain;
}

/**
 * `domain` and each parent down to its registrable domain, most specific first.
 *
 * @example
 * domainAndParents('a.b.acme.de'); // => ['a.b.acme.de', 'b.acme.de', 'acme.de']
 */
export function domainAndParents(domain: string): string[] {
  const stop = registrableDomain(domain);
  const chain = [domain];
  for (let d = domain; d !== stop && d.includes('.');) {
    d = d.slice(d.indexOf('.') + 1);
    chain.push(d);
  }
  return chain;
}

interface CompiledList {
  exact: Set<string>;
  anySuffix: Set<string>;
}
const compiled = new WeakMap<readonly string[], CompiledList>();

function compile(list: readonly string[]): CompiledList {
  let entry = compiled.get(list);
  if (!entry) {
    entry = { exact: new Set(), anySuffix: new Set() };
    for (const item of list) {
      const value = item.trim().toLowerCase();
      if (value.endsWith('.*')) entry.anySuffix.add(value.slice(0, -2));
      else if (value) entry.exact.add(normaliseDomain(value) || value);
    }
    compiled.set(list, entry);
  }
  return entry;
}

/**
 * Whether `domain` is on `list`: equal to an entry, a subdomain of one, or `name.*` with any suffix. Lists are
 * compiled once per array. O(labels).
 *
 * @example
 * isListedDomain('mail.hotmail.co.uk', DEFAULT_NEVER_MATCH_DOMAINS); // => true
 */
export function isListedDomain(domain: string, list: readonly string[]): boolean {
  const { exact, anySuffix } = compile(list);
  for (const d of domainAndParents(domain)) if (exact.has(d)) return true;
  const registrable = registrableDomain(domain);
  return anySuffix.has(registrable.slice(0, registrable.indexOf('.')));
}
