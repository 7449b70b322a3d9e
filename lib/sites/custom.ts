/**
 * User-defined adapters: a self-hosted CRM works without code. A definition is a URL pattern plus CSS selectors
 * for an account id, a name or an email; the options page edits them and exports/imports them as JSON. Validation
 * uses zod/mini (this module ships in the content script) and reports every problem with the field it is about.
 *
 * URL pattern syntax: `*` matches any characters, `{id}` captures the account id from the URL, e.g.
 * `https://crm.example.com/accounts/{id}`. Without `?` or `#` in the pattern the query and hash are ignored; a
 * trailing slash is optional.
 */
import * as z from 'zod/mini';
import type { AccountKey, PageContext, SiteAdapter } from './types.ts';
import { textOf } from './dom.ts';
import { emailsIn } from './emails.ts';
import { uniqueKeys } from './crm-links.ts';

export const ADAPTER_EXPORT_FORMAT = 'accountlens-site-adapters';
export const ADAPTER_EXPORT_VERSION = 1;

/** Whether `selector` parses as CSS; true where there is no DOM to ask (the background). */
function isSelector(selector: string): boolean {
  if (typeof document === 'undefined') return true;
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

function isUrlPattern(pattern: string): boolean {
  return /^(?:https?|\*):\/\/[^/]+/.test(pattern) && (pattern.match(/\{id\}/g) ?? []).length <= 1;
}

const text = (): z.ZodMiniString<string> => z.string('must be text');
const selector = z.optional(
  text().check(z.minLength(1, 'must not be empty'), z.refine(isSelector, 'is not a valid CSS selector')),
);

export const CustomAdapterDefinitionSchema = z
  .object({
    id: text().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1–63 lower-case letters, digits or dashes')),
    name: text().check(z.minLength(1, 'must not be empty'), z.maxLength(80, 'must be at most 80 characters')),
    urlPattern: text().check(
      z.refine(isUrlPattern, 'must start with http://, https:// or *:// and a host, with at most one {id}'),
    ),
    accountIdSelector: selector,
    nameSelector: selector,
    emailSelector: selector,
  }, 'must be an object')
  .check(
    z.refine((d) => d.urlPattern.includes('{id}') || Boolean(d.accountIdSelector || d.nameSelector || d.emailSelector), {
      message: 'needs {id} in urlPattern or at least one of accountIdSelector, nameSelector, emailSelector',
      path: ['urlPattern'],
    }),
  );
export type CustomAdapterDefinition = z.infer<typeof CustomAdapterDefinitionSchema>;

const ExportSchema = z.object({
  format: z.literal(ADAPTER_EXPORT_FORMAT, `must be "${ADAPTER_EXPORT_FORMAT}" (this is not an AccountLens adapter export)`),
  version: z.literal(ADAPTER_EXPORT_VERSION, `must be ${ADAPTER_EXPORT_VERSION} (exported by another version)`),
  adapters: z.array(CustomAdapterDefinitionSchema, 'must be a list of adapter definitions'),
}, 'must be an object');

/** The JSON document for a set of definitions (stable key order, two-space indent). */
export function exportAdapterDefinitions(definitions: readonly CustomAdapterDefinition[]): string {
  return JSON.stringify({ format: ADAPTER_EXPORT_FORMAT, version: ADAPTER_EXPORT_VERSION, adapters: definitions }, null, 2);
}

export type ImportResult = { ok: true; definitions: CustomAdapterDefinition[] } | { ok: false; errors: string[] };

/** "adapters[1].urlPattern" from a zod issue path. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)), '') || '(document)';
}

/**
 * Reads an export made by `exportAdapterDefinitions` (or written by hand). Never throws: every problem comes back as
 * `"<field>: <what is wrong>"`, e.g. `adapters[0].urlPattern: must start with http://…`.
 */
export function importAdapterDefinitions(json: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [`(document): not valid JSON (${(error as Error).message})`] };
  }
  const parsed = ExportSchema.safeParse(data);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${fieldName(i.path)}: ${i.message}`) };
  const errors = parsed.data.adapters.flatMap((d, i) =>
    parsed.data.adapters.findIndex((other) => other.id === d.id) < i ? [`adapters[${i}].id: "${d.id}" is used twice`] : [],
  );
  return errors.length > 0 ? { ok: false, errors } : { ok: true, definitions: parsed.data.adapters };
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
      return { site: `custom:${definition.id}`, keys: uniqueKeys(keys), pageKind: 'record', ...(anchorHint ? { anchorHint } : {}) };
    },
    watch: selectors.filter((s): s is string => Boolean(s)),
  };
}
