/**
 * Team site definitions (issue 16): what an admin publishes at the hub and every rep's extension pulls with each
 * sync. A file is the options page's adapter export (custom-definitions.ts) plus overrides for built-in adapters:
 *
 *   { "format": "accountlens-site-adapters", "version": 1,
 *     "adapters": [ { "id": "acme-crm", "name": "Acme CRM", "urlPattern": "https://crm.acme.test/accounts/{id}" } ],
 *     "overrides": [ { "site": "hubspot", "off": true },
 *                    { "site": "salesforce", "mode": "extra", "selectors": { "nameSelector": "h1.record-name" } } ] }
 *
 * An override either switches one built-in site off for the team (a kill switch) or adds selectors to it ("extra":
 * tried when the built-in reads nothing) or replaces its reading ("replace"). The hub rejects a file with any
 * problem as a whole (nothing published); the extension checks each pulled definition on its own and skips a bad
 * one with its reason (`parseTeamSiteItems`).
 */
import * as z from 'zod/mini';
import {
  ADAPTER_EXPORT_FORMAT,
  ADAPTER_EXPORT_VERSION,
  CustomAdapterDefinitionSchema,
  type CustomAdapterDefinition,
} from './custom-definitions.ts';

/** The built-in adapters an override may name (ids in lib/sites/*.ts). */
export const BUILT_IN_SITES = [
  'salesforce',
  'hubspot',
  'dynamics',
  'pipedrive',
  'zoho',
  'gmail',
  'outlook',
  'google-calendar',
  'outlook-calendar',
  'generic',
] as const;
export type BuiltInSite = (typeof BUILT_IN_SITES)[number];

const selector = z.optional(z.string('must be text').check(z.minLength(1, 'must not be empty')));

export const SiteOverrideSchema = z
  .object(
    {
      site: z.enum(BUILT_IN_SITES, `must be one of the built-in sites: ${BUILT_IN_SITES.join(', ')}`),
      off: z.optional(z.boolean('must be true or false')),
      mode: z.optional(z.enum(['extra', 'replace'], 'must be "extra" or "replace"')),
      selectors: z.optional(
        z.object(
          {
            accountIdSelector: selector,
            nameSelector: selector,
            emailSelector: selector,
            domainSelector: selector,
          },
          'must be an object of selectors',
        ),
      ),
    },
    'must be an object',
  )
  .check(
    z.refine((o) => o.off === true || Object.values(o.selectors ?? {}).some(Boolean), {
      message: 'needs "off": true or at least one selector in "selectors"',
      path: ['site'],
    }),
  );
export type SiteOverride = z.infer<typeof SiteOverrideSchema>;

/** One published definition as the hub stores and serves it. */
export type TeamSiteDefinition =
  | { id: string; kind: 'adapter'; adapter: CustomAdapterDefinition }
  | { id: string; kind: 'override'; override: SiteOverride };

/** The id under which an override is stored (one override per built-in site). */
export const overrideId = (site: string): string => `builtin:${site}`;

const FileSchema = z.object(
  {
    format: z.literal(
      ADAPTER_EXPORT_FORMAT,
      `must be "${ADAPTER_EXPORT_FORMAT}" (this is not an AccountLens site definitions file)`,
    ),
    version: z.literal(ADAPTER_EXPORT_VERSION, `must be ${ADAPTER_EXPORT_VERSION}`),
    adapters: z.optional(z.array(z.unknown(), 'must be a list of adapter definitions')),
    overrides: z.optional(z.array(z.unknown(), 'must be a list of overrides')),
  },
  'must be an object',
);

function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)),
    '',
  );
}

const issuesOf = (prefix: string, error: z.core.$ZodError): string[] =>
  error.issues.map((i) => `${fieldName([prefix, ...i.path].filter((p) => p !== '')) || '(document)'}: ${i.message}`);

export type TeamSiteFileResult = { ok: true; definitions: TeamSiteDefinition[] } | { ok: false; errors: string[] };

/**
 * Reads a site definitions file. Never throws: every problem comes back as `"<where>: <what>"`, e.g.
 * `adapters[1].urlPattern: must start with http://…` or `overrides[0].site: must be one of …`.
 */
export function parseTeamSiteFile(json: string): TeamSiteFileResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [`(document): not valid JSON (${(error as Error).message})`] };
  }
  return parseTeamSiteDocument(data);
}

export function parseTeamSiteDocument(data: unknown): TeamSiteFileResult {
  const file = FileSchema.safeParse(data);
  if (!file.success) return { ok: false, errors: issuesOf('', file.error) };
  const errors: string[] = [];
  const definitions: TeamSiteDefinition[] = [];
  const seen = new Map<string, string>();
  const claim = (id: string, where: string) => {
    const before = seen.get(id);
    if (before) errors.push(`${where}: "${id}" is defined twice (also at ${before})`);
    seen.set(id, where);
  };
  (file.data.adapters ?? []).forEach((raw, i) => {
    const where = `adapters[${i}]`;
    const parsed = CustomAdapterDefinitionSchema.safeParse(raw);
    if (!parsed.success) return errors.push(...issuesOf(where, parsed.error));
    if ((BUILT_IN_SITES as readonly string[]).includes(parsed.data.id))
      return errors.push(`${where}.id: "${parsed.data.id}" is a built-in site; use "overrides" to change it`);
    claim(parsed.data.id, `${where}.id`);
    definitions.push({ id: parsed.data.id, kind: 'adapter', adapter: parsed.data });
  });
  (file.data.overrides ?? []).forEach((raw, i) => {
    const where = `overrides[${i}]`;
    const parsed = SiteOverrideSchema.safeParse(raw);
    if (!parsed.success) return errors.push(...issuesOf(where, parsed.error));
    claim(overrideId(parsed.data.site), `${where}.site`);
    definitions.push({ id: overrideId(parsed.data.site), kind: 'override', override: parsed.data });
  });
  if (errors.length === 0 && definitions.length === 0)
    errors.push('(document): has no "adapters" and no "overrides"; nothing to publish');
  return errors.length > 0 ? { ok: false, errors } : { ok: true, definitions };
}

/** GET /v1/sites: the definitions are checked one by one by the extension (parseTeamSiteItems). */
export const TeamSitesResponseSchema = z.object({
  version: z.number(),
  definitions: z.array(z.unknown()),
});

export type TeamSiteItemsResult = {
  definitions: TeamSiteDefinition[];
  /** Definitions left out, each with its reason. */
  skipped: { id: string; reason: string }[];
};

const ItemSchema = z.object({ id: z.string(), kind: z.enum(['adapter', 'override']) });

/** Checks each served definition on its own: a bad one is skipped with its reason, the rest apply. */
export function parseTeamSiteItems(items: readonly unknown[]): TeamSiteItemsResult {
  const result: TeamSiteItemsResult = { definitions: [], skipped: [] };
  items.forEach((raw, i) => {
    const head = ItemSchema.safeParse(raw);
    if (!head.success) {
      result.skipped.push({ id: `#${i + 1}`, reason: issuesOf('', head.error).join('; ') });
      return;
    }
    const { id, kind } = head.data;
    const body = (raw as Record<string, unknown>)[kind];
    if (kind === 'adapter') {
      const parsed = CustomAdapterDefinitionSchema.safeParse(body);
      if (parsed.success) result.definitions.push({ id, kind, adapter: parsed.data });
      else result.skipped.push({ id, reason: issuesOf('', parsed.error).join('; ') });
    } else {
      const parsed = SiteOverrideSchema.safeParse(body);
      if (parsed.success) result.definitions.push({ id, kind, override: parsed.data });
      else result.skipped.push({ id, reason: issuesOf('', parsed.error).join('; ') });
    }
  });
  return result;
}
