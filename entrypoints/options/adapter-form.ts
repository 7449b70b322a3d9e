/**
 * The custom-site editor's form state and its validation: lib/sites/custom.ts's schema decides, and each problem
 * is shown in the UI language at the field it is about.
 */
import { t } from '../../lib/i18n.ts';
import { CustomAdapterDefinitionSchema, type CustomAdapterDefinition } from '../../lib/sites/custom-definitions.ts';
import { adapterId } from './site-patterns.ts';

export const ADAPTER_FIELDS = [
  'name',
  'urlPattern',
  'accountIdSelector',
  'nameSelector',
  'emailSelector',
  'domainSelector',
] as const;
export const SELECTOR_FIELDS = ['accountIdSelector', 'nameSelector', 'emailSelector', 'domainSelector'] as const;
export type AdapterField = (typeof ADAPTER_FIELDS)[number];
/** The text fields, and what the ids on that site are: the CRM's own record ids or the ERP's customer numbers. */
export type AdapterDraft = Record<AdapterField, string> & { idKind: 'crm' | 'erp' };

export const EMPTY_DRAFT: AdapterDraft = {
  name: '',
  urlPattern: '',
  accountIdSelector: '',
  nameSelector: '',
  emailSelector: '',
  domainSelector: '',
  idKind: 'crm',
};

export function draftOf(definition: CustomAdapterDefinition): AdapterDraft {
  return {
    name: definition.name,
    urlPattern: definition.urlPattern,
    accountIdSelector: definition.accountIdSelector ?? '',
    nameSelector: definition.nameSelector ?? '',
    emailSelector: definition.emailSelector ?? '',
    domainSelector: definition.domainSelector ?? '',
    idKind: definition.idKind ?? 'crm',
  };
}

export type DraftCheck =
  { ok: true; definition: CustomAdapterDefinition } | { ok: false; errors: Partial<Record<AdapterField, string>> };

function fieldError(field: string, message: string): string {
  if (field === 'name') return t('optAdapterErrName');
  if (field === 'urlPattern') return message.startsWith('needs {id}') ? t('optAdapterErrKeys') : t('optAdapterErrUrl');
  return t('optAdapterErrSelector');
}

/**
 * Validates a draft. `editingId` keeps an edited definition's id; a new one gets an id from its name that no
 * other definition has.
 */
export function checkDraft(
  draft: AdapterDraft,
  existing: readonly CustomAdapterDefinition[],
  editingId: string | null,
): DraftCheck {
  const candidate: Record<string, string> = {
    ...(draft.idKind === 'erp' ? { idKind: 'erp' } : {}),
    id:
      editingId ??
      adapterId(
        draft.name,
        existing.map((d) => d.id),
      ),
    name: draft.name.trim(),
    urlPattern: draft.urlPattern.trim(),
  };
  for (const field of SELECTOR_FIELDS) {
    const value = draft[field].trim();
    if (value) candidate[field] = value;
  }
  const parsed = CustomAdapterDefinitionSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, definition: parsed.data };
  const errors: Partial<Record<AdapterField, string>> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'name');
    const key = (ADAPTER_FIELDS as readonly string[]).includes(field) ? (field as AdapterField) : 'name';
    errors[key] ??= fieldError(field, issue.message);
  }
  return { ok: false, errors };
}
