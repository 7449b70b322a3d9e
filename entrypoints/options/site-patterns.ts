/**
 * Pure helpers of the "Sites" and "Custom sites" sections: which host patterns a site or an adapter needs, which
 * may be given back when one is switched off, and the domains and ids the rep types.
 */
import { BUILT_IN_SITES, originPattern } from '../../lib/site-hosts.ts';
import type { SiteSettings } from '../../lib/settings.ts';

/** The host patterns a built-in site needs (none for an unknown id). */
export function builtInPatterns(id: string): string[] {
  return [...(BUILT_IN_SITES.find((s) => s.id === id)?.patterns ?? [])];
}

/**
 * The origin patterns a custom adapter's URL pattern needs: `https://crm.example.com/accounts/{id}` →
 * `['https://crm.example.com/*']`; a `*://` pattern needs both schemes.
 * @throws {Error} when the URL pattern has no http(s) or `*` scheme and host
 */
export function adapterOrigins(urlPattern: string): string[] {
  const match = /^(https?|\*):\/\/([^/?#]+)/i.exec(urlPattern.trim());
  if (!match) throw new Error(`adapterOrigins: "${urlPattern}" has no scheme and host`);
  const [, scheme = '', host = ''] = match;
  const schemes = scheme === '*' ? ['https', 'http'] : [scheme.toLowerCase()];
  return schemes.map((s) => strictOriginPattern(`${s}://${host}`));
}

const HOST = /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * originPattern with a strict host check: Chromium's URL parser takes `not a host` as the host `not%20a%20host`,
 * which originPattern would pass on as a pattern.
 * @throws {Error} when the text is not an http(s) origin with a plain (or `*.`-prefixed) host name
 */
export function strictOriginPattern(text: string): string {
  const pattern = originPattern(text);
  const host = pattern.replace(/^https?:\/\//, '').replace(/\/\*$/, '');
  if (!HOST.test(host)) throw new Error(`strictOriginPattern: "${text}" has no valid host name`);
  return pattern;
}

/** Every pattern the settings still need: the enabled built-in sites' and the extra origins. */
export function neededPatterns(settings: SiteSettings): Set<string> {
  return new Set([...settings.builtIn.flatMap(builtInPatterns), ...settings.origins]);
}

/** Of the patterns just switched off, those no remaining site or origin needs (these may be given back). */
export function releasablePatterns(switchedOff: readonly string[], remaining: SiteSettings): string[] {
  const needed = neededPatterns(remaining);
  return [...new Set(switchedOff)].filter((p) => !needed.has(p));
}

/**
 * A domain for the never-show list, from what the rep typed or pasted: `https://www.Intranet.example.com/x` →
 * `intranet.example.com`.
 * @throws {Error} when the text is not a host name with a dot (or `localhost`)
 */
export function normaliseDomain(text: string): string {
  const trimmed = text.trim().toLowerCase();
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    throw new Error(`normaliseDomain: "${text}" is not a domain`);
  }
  host = host.replace(/^www\./, '');
  if (host !== 'localhost' && !/^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9-]{2,}$/.test(host)) {
    throw new Error(`normaliseDomain: "${text}" is not a domain`);
  }
  return host;
}

/** An adapter id from its name (lower-case letters, digits, dashes), made unique among `taken`. */
export function adapterId(name: string, taken: readonly string[]): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'site';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}
