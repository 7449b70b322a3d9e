/**
 * Definitions of user-defined adapters (lib/sites/custom.ts): their validation, and their export/import as JSON for
 * a team. Validation reports every problem with the field it is about. It runs in the options page and the
 * background (which hands validated definitions to the content script), so the content script bundles no zod.
 */
import * as z from 'zod/mini';
import type { CustomAdapterDefinition } from './definition-types.ts';

export const ADAPTER_EXPORT_FORMAT = 'accountlens-site-adapters';
export const ADAPTER_EXPORT_VERSION = 1;

/** Whether `selector` parses as CSS; true where there is no DOM to ask (the background). */
function isSelector(selector: string): boolean {
  // Through globalThis: the hub checks definitions too, where there is no DOM (and no DOM types).
  const doc = (globalThis as { document?: { createDocumentFragment(): { querySelector(s: string): unknown } } })
    .document;
  if (doc === undefined) return true;
  try {
    doc.createDocumentFragment().querySelector(selector);
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
  .object(
    {
      id: text().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be 1–63 lower-case letters, digits or dashes')),
      name: text().check(z.minLength(1, 'must not be empty'), z.maxLength(80, 'must be at most 80 characters')),
      urlPattern: text().check(
        z.refine(isUrlPattern, 'must start with http://, https:// or *:// and a host, with at most one {id}'),
      ),
      accountIdSelector: selector,
      nameSelector: selector,
      emailSelector: selector,
      domainSelector: selector,
      idKind: z.optional(z.enum(['crm', 'erp'], 'must be "crm" (the CRM\'s own ids) or "erp" (customer numbers)')),
    },
    'must be an object',
  )
  .check(
    z.refine(
      (d) =>
        d.urlPattern.includes('{id}') ||
        Boolean(d.accountIdSelector || d.nameSelector || d.emailSelector || d.domainSelector),
      {
        message:
          'needs {id} in urlPattern or at least one of accountIdSelector, nameSelector, emailSelector, domainSelector',
        path: ['urlPattern'],
      },
    ),
  );
// The schema's output must stay assignable to the plain interface the content script uses.
const _sameShape: (d: z.infer<typeof CustomAdapterDefinitionSchema>) => CustomAdapterDefinition = (d) => d;
void _sameShape;

export type { CustomAdapterDefinition };

const ExportSchema = z.object(
  {
    format: z.literal(
      ADAPTER_EXPORT_FORMAT,
      `must be "${ADAPTER_EXPORT_FORMAT}" (this is not an AccountLens adapter export)`,
    ),
    version: z.literal(ADAPTER_EXPORT_VERSION, `must be ${ADAPTER_EXPORT_VERSION} (exported by another version)`),
    adapters: z.array(CustomAdapterDefinitionSchema, 'must be a list of adapter definitions'),
  },
  'must be an object',
);

/** The JSON document for a set of definitions (stable key order, two-space indent). */
export function exportAdapterDefinitions(definitions: readonly CustomAdapterDefinition[]): string {
  return JSON.stringify(
    { format: ADAPTER_EXPORT_FORMAT, version: ADAPTER_EXPORT_VERSION, adapters: definitions },
    null,
    2,
  );
}

export type AdapterImportResult =
  { ok: true; definitions: CustomAdapterDefinition[] } | { ok: false; errors: string[] };

/** "adapters[1].urlPattern" from a zod issue path. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return (
    path.reduce<string>(
      (name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${String(part)}` : String(part)),
      '',
    ) || '(document)'
  );
}

/**
 * Reads an export made by `exportAdapterDefinitions` (or written by hand). Never throws: every problem comes back as
 * `"<field>: <what is wrong>"`, e.g. `adapters[0].urlPattern: must start with http://…`.
 */
export function importAdapterDefinitions(json: string): AdapterImportResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [`(document): not valid JSON (${(error as Error).message})`] };
  }
  const parsed = ExportSchema.safeParse(data);
  if (!parsed.success)
    return { ok: false, errors: parsed.error.issues.map((i) => `${fieldName(i.path)}: ${i.message}`) };
  const errors = parsed.data.adapters.flatMap((d, i) =>
    parsed.data.adapters.findIndex((other) => other.id === d.id) < i
      ? [`adapters[${i}].id: "${d.id}" is used twice`]
      : [],
  );
  return errors.length > 0 ? { ok: false, errors } : { ok: true, definitions: parsed.data.adapters };
}
