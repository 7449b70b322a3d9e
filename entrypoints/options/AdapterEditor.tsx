import { useEffect, useId, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../lib/i18n.ts';
import type { CustomAdapterDefinition } from '../../lib/sites/custom.ts';
import { SelectorTester } from './SelectorTester.tsx';
import {
  ADAPTER_FIELDS,
  checkDraft,
  draftOf,
  EMPTY_DRAFT,
  type AdapterDraft,
  type AdapterField,
} from './adapter-form.ts';

const LABELS: Record<AdapterField, MessageKey> = {
  name: 'optAdapterName',
  urlPattern: 'optAdapterUrl',
  accountIdSelector: 'optAdapterIdSelector',
  nameSelector: 'optAdapterNameSelector',
  emailSelector: 'optAdapterEmailSelector',
  domainSelector: 'optAdapterDomainSelector',
};
const HINTS: Partial<Record<AdapterField, MessageKey>> = {
  urlPattern: 'optAdapterUrlHint',
  accountIdSelector: 'optAdapterSelectorHint',
};
const PLACEHOLDERS: Record<AdapterField, string> = {
  name: 'Hansen CRM',
  urlPattern: 'https://crm.example.com/accounts/{id}',
  accountIdSelector: '[data-field="customer-no"]',
  nameSelector: 'h1.account-name',
  emailSelector: 'a[href^="mailto:"]',
  domainSelector: 'input[name="website"]',
};

export interface AdapterEditorProps {
  existing: readonly CustomAdapterDefinition[];
  /** The definition being edited, or null for a new one. */
  editing: CustomAdapterDefinition | null;
  /** Called inside the submit handler (a user gesture, so it may ask for host access). */
  onSave: (definition: CustomAdapterDefinition, enable: boolean) => void;
  onCancelEdit: () => void;
}

/** The form for one custom site: name, URL pattern and the selectors that find the account on the page. */
export function AdapterEditor({ existing, editing, onSave, onCancelEdit }: AdapterEditorProps) {
  const [draft, setDraft] = useState<AdapterDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Partial<Record<AdapterField, string>>>({});
  const [enable, setEnable] = useState(true);
  const base = useId();
  useEffect(() => {
    setDraft(editing ? draftOf(editing) : EMPTY_DRAFT);
    setErrors({});
  }, [editing]);

  function submit(event: Event) {
    event.preventDefault();
    const others = existing.filter((d) => d.id !== editing?.id);
    const check = checkDraft(draft, others, editing?.id ?? null);
    if (!check.ok) {
      setErrors(check.errors);
      const first = ADAPTER_FIELDS.find((f) => check.errors[f]);
      if (first) document.getElementById(`${base}-${first}`)?.focus();
      return;
    }
    setErrors({});
    onSave(check.definition, enable);
    if (!editing) setDraft(EMPTY_DRAFT);
  }

  return (
    <form class="opt-form opt-editor" onSubmit={submit} noValidate data-testid="adapter-editor">
      <h3>{editing ? t('optAdapterEditTitle', editing.name) : t('optAdapterNewTitle')}</h3>
      <div class="opt-field-grid">
        {ADAPTER_FIELDS.map((field) => {
          const id = `${base}-${field}`;
          const hint = HINTS[field];
          const described = [hint ? `${id}-hint` : '', errors[field] ? `${id}-error` : ''].filter(Boolean).join(' ');
          return (
            <div key={field} class={`opt-field${field === 'urlPattern' ? ' opt-field-wide' : ''}`}>
              <label for={id}>{t(LABELS[field])}</label>
              <input
                id={id}
                type="text"
                spellcheck={false}
                placeholder={PLACEHOLDERS[field]}
                value={draft[field]}
                onInput={(e) => setDraft((d) => ({ ...d, [field]: e.currentTarget.value }))}
                aria-invalid={errors[field] !== undefined}
                aria-describedby={described || undefined}
              />
              {hint && (
                <span id={`${id}-hint`} class="opt-hint">
                  {t(hint)}
                </span>
              )}
              {errors[field] && (
                <span id={`${id}-error`} class="opt-field-error">
                  {errors[field]}
                </span>
              )}
            </div>
          );
        })}
      </div>
      <fieldset class="opt-fieldset">
        <legend>{t('optAdapterIdKind')}</legend>
        {(['crm', 'erp'] as const).map((kind) => (
          <label class="opt-check" key={kind}>
            <input
              type="radio"
              name={`${base}-idKind`}
              value={kind}
              checked={draft.idKind === kind}
              onChange={() => setDraft((d) => ({ ...d, idKind: kind }))}
            />
            {t(kind === 'crm' ? 'optAdapterIdKindCrm' : 'optAdapterIdKindErp')}
          </label>
        ))}
      </fieldset>
      <SelectorTester definition={tested(draft, existing, editing)} />
      <label class="opt-check">
        <input type="checkbox" checked={enable} onChange={(e) => setEnable(e.currentTarget.checked)} />
        {t('optAdapterEnableNow')}
      </label>
      <div class="opt-actions">
        <button type="submit" class="primary">
          {editing ? t('optSave') : t('optAdapterAdd')}
        </button>
        {editing && (
          <button type="button" onClick={onCancelEdit}>
            {t('optCancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** The definition the form describes right now, for the tester; null while it does not validate. */
function tested(
  draft: AdapterDraft,
  existing: readonly CustomAdapterDefinition[],
  editing: CustomAdapterDefinition | null,
): CustomAdapterDefinition | null {
  const check = checkDraft(
    draft,
    existing.filter((d) => d.id !== editing?.id),
    editing?.id ?? null,
  );
  return check.ok ? check.definition : null;
}
