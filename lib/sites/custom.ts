/**
 * User-defined adapters: a self-hosted CRM works without code. A definition is a URL pattern plus CSS selectors
 * for an account id, a name or an email; the options page edits them (validation and JSON export/import live in
 * custom-definitions.ts, outside the content script).
 *
 * URL pattern syntax: `*` matches any characters, `{id}` captures the account id from the URL, e.g.
 * `https://crm.example.com/accounts/{id}`. Without `?` or `#` in the pattern the query and hash are ignored; a
 * trailing slash is optional.
 */
import type { AccountKey, PageContext, SiteAdapter } from './types.ts';
import { textOf } from './dom.ts';
import { emailsIn } from './emails.ts';
import { uniqueKeys } from './crm-links.ts';

/** A validated definition (CustomAdapterDefinitionSchema in custom-definitions.ts). */
export interface CustomAdapterDefinition {
  id: string;
  name: string;
  urlPattern: string;
  accountIdSelector?: string | undefined;
  nameSelector?: string | undefined;
  emailSelector?: string | undefined;
}

/** The regular expression for a URL pattern (see the module comment); group 1 is `{id}` when present. */
export function compileUrlPattern(pattern: string): RegExp {
  const source = pattern
    .replace(/\/$/, '')
    .split('{id}')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'))
    .join('([^/?#&]+)');
  return new RegExp(`^${source}/?$`, 'i');
}

/** The part of `url` a pattern is matched against. */
function target(url: URL, pattern: string): string {
  if (pattern.includes('#')) return url.href;
  if (pattern.includes('?')) return url.href.split('#')[0] ?? url.href;
  return url.origin + url.pathname;
}

/** Text, `value` or `href` of the first element matching `selector`. */
function valueAt(doc: Document, selector: string | undefined): string {
  if (!selector) return '';
  const el = doc.querySelector(selector);
  return textOf(el) || el?.getAttribute('value') || el?.getAttribute('href') || '';
}

/** A SiteAdapter (id `custom:<definition id>`) for a validated definition. */
export function createCustomAdapter(definition: CustomAdapterDefinition): SiteAdapter {
  const pattern = compileUrlPattern(definition.urlPattern);
  const selectors = [definition.accountIdSelector, definition.nameSelector, definition.emailSelector];
  return {
    id: `custom:${definition.id}`,
    matches: (url) => pattern.test(target(url, definition.urlPattern)),
    extract(url, doc): PageContext | null {
      const fromUrl = pattern.exec(target(url, definition.urlPattern))?.[1];
      const id = (fromUrl ? decodeURIComponent(fromUrl) : '') || valueAt(doc, definition.accountIdSelector);
      const keys: AccountKey[] = [];
      if (id) keys.push({ kind: 'crm', crm: 'custom', id, recordType: definition.id });
      const name = valueAt(doc, definition.nameSelector);
      if (name) keys.push({ kind: 'name', name });
      for (const email of emailsIn(valueAt(doc, definition.emailSelector))) keys.push({ kind: 'email', email });
      if (keys.length === 0) return null;
      const anchorHint = definition.nameSelector ?? definition.accountIdSelector ?? definition.emailSelector;
      return {
        site: `custom:${definition.id}`,
        keys: uniqueKeys(keys),
        pageKind: 'record',
        ...(anchorHint ? { anchorHint } : {}),
      };
    },
    watch: selectors.filter((s): s is string => Boolean(s)),
  };
}
