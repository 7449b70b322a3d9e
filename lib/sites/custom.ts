/**
 * User-defined adapters: a self-hosted CRM works without code. A definition is a URL pattern plus CSS selectors
 * for an account id, a name, an email and a website or domain; the options page edits them (validation and JSON
 * export/import live in custom-definitions.ts, outside the content script).
 *
 * URL pattern syntax: `*` matches any characters, `{id}` captures the record id from the URL and stops at
 * `/ ; ? & #`, e.g. `https://crm.example.com/accounts/{id}` or, for a single-page app with hash routes,
 * `http://erp.local:8000/#crm/model/party.party/{id}` (which also matches the `…/3;name="…"&views=…` the app
 * rewrites it to). Without `?` or `#` in the pattern the query and hash are ignored; parameters after the pattern
 * (from one of `; ? & #` on) are ignored too, a further path segment is not (`/accounts/1/offers` is another page).
 *
 * Selectors read form fields by their current value (`input`, `textarea`, `select`), other elements by their
 * text, then their `value`, `content` or `href` attribute; form fields are followed through `input`/`change`
 * events (observe.ts), since a value change is invisible to a MutationObserver.
 *
 * An id read from the page or the URL is the CRM's own record id: it matches only the accounts file's CRM-ID
 * column (`crmIds.custom`), never an ERP customer number by accident. A definition for the ERP's own web client,
 * whose ids are the customer numbers, says so with `idKind: 'erp'`.
 */
import type { AccountKey, PageContext, SiteAdapter } from './types.ts';
import { hostOfLink, textOf } from './dom.ts';
import { emailsIn } from './emails.ts';
import { uniqueKeys } from './crm-links.ts';
import type { CustomAdapterDefinition } from './definition-types.ts';

export type { CustomAdapterDefinition };

/** The regular expression for a URL pattern (see the module comment); group 1 is `{id}` when present. */
export function compileUrlPattern(pattern: string): RegExp {
  const source = pattern
    .replace(/\/$/, '')
    .split('{id}')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*'))
    .join('([^/;?&#]+)');
  return new RegExp(`^${source}/?(?:[;?&#].*)?$`, 'i');
}

/** The part of `url` a pattern is matched against. */
function target(url: URL, pattern: string): string {
  if (pattern.includes('#')) return url.href;
  if (pattern.includes('?')) return url.href.split('#')[0] ?? url.href;
  return url.origin + url.pathname;
}

const FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** What an element shows: a form field's current value, else its text, else its `value`/`content`/`href`. */
function shownValue(el: Element): string {
  if (FIELDS.has(el.tagName)) return ((el as HTMLInputElement).value ?? '').trim();
  return (
    textOf(el) ||
    el.getAttribute('value')?.trim() ||
    el.getAttribute('content')?.trim() ||
    el.getAttribute('href') ||
    ''
  );
}

/** The first non-empty value among the elements matching `selector` (an invalid selector reads nothing). */
function valueAt(doc: Document, selector: string | undefined): string {
  if (!selector) return '';
  let elements: NodeListOf<Element>;
  try {
    elements = doc.querySelectorAll(selector);
  } catch {
    return '';
  }
  for (const el of elements) {
    const value = shownValue(el);
    if (value) return value;
  }
  return '';
}

/** What each selector of `definition` reads on `doc` right now (the options page's selector tester). */
export function readSelectors(
  definition: CustomAdapterDefinition,
  doc: Document,
): Record<'accountIdSelector' | 'nameSelector' | 'emailSelector' | 'domainSelector', string> {
  return {
    accountIdSelector: valueAt(doc, definition.accountIdSelector),
    nameSelector: valueAt(doc, definition.nameSelector),
    emailSelector: valueAt(doc, definition.emailSelector),
    domainSelector: valueAt(doc, definition.domainSelector),
  };
}

/** A SiteAdapter (id `custom:<definition id>`) for a validated definition. */
export function createCustomAdapter(definition: CustomAdapterDefinition): SiteAdapter {
  const pattern = compileUrlPattern(definition.urlPattern);
  const selectors = [
    definition.accountIdSelector,
    definition.nameSelector,
    definition.emailSelector,
    definition.domainSelector,
  ];
  const crm = definition.idKind === 'erp' ? ('erp' as const) : ('custom' as const);
  return {
    id: `custom:${definition.id}`,
    matches: (url) => pattern.test(target(url, definition.urlPattern)),
    extract(url, doc): PageContext | null {
      const fromUrl = pattern.exec(target(url, definition.urlPattern))?.[1];
      const values = readSelectors(definition, doc);
      const urlId = fromUrl ? safeDecode(fromUrl) : '';
      const id = urlId || values.accountIdSelector;
      const keys: AccountKey[] = [];
      if (id) {
        const source = urlId ? 'url' : `selector:${definition.accountIdSelector ?? ''}`;
        keys.push({ kind: 'crm', crm, id, recordType: definition.id, source });
      }
      if (values.nameSelector)
        keys.push({ kind: 'name', name: values.nameSelector, source: `selector:${definition.nameSelector ?? ''}` });
      for (const email of emailsIn(values.emailSelector))
        keys.push({ kind: 'email', email, source: `selector:${definition.emailSelector ?? ''}` });
      const domain = hostOfLink(values.domainSelector);
      if (domain) keys.push({ kind: 'domain', domain, source: `selector:${definition.domainSelector ?? ''}` });
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
    readsValues: true,
  };
}

/** `decodeURIComponent`, or the text as it is when it is not valid percent-encoding. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
