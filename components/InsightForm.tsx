/**
 * The capture form: what the rep heard, in a few seconds. Problems are said next to the field while typing (a
 * missing title or outcome once the rep tries to save). Every change is handed to `onChange` after a pause, so
 * the caller can autosave a draft. In workshop mode the form empties itself after each save but keeps the
 * account, type, tags and visibility, for several notes in a row.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { INSIGHT_LIMITS, INSIGHT_TYPES, OUTCOMES, type InsightInput, type Outcome } from '../lib/engine/insight.ts';
import {
  acceptSuggestion,
  captureIssues,
  emptyFields,
  suggestProducts,
  toCaptureInput,
  toDraft,
  type CaptureFields,
  type CaptureInput,
  type InsightDraft,
  type InsightFormInitial,
} from '../lib/capture/form.ts';
import { insightTypeLabel, outcomeLabel, sentimentLabel } from './format.ts';
import { uiTexts } from './texts.ts';
import type { AccountOption } from './types.ts';

/** Pause after the last change before `onChange` fires. */
export const AUTOSAVE_DEBOUNCE_MS = 300;

export interface InsightFormProps {
  initial?: InsightFormInitial;
  /** Accounts to assign the insight to; the prefilled one is added when missing. */
  accounts?: readonly AccountOption[];
  productSuggestions?: readonly { sku: string; name: string }[];
  /** 'workshop': "Save and next", the form empties after each save but keeps account, type, tags and visibility. */
  mode?: 'single' | 'workshop';
  source?: NonNullable<InsightInput['source']>;
  /** Resolves when stored; a rejection's message is shown. */
  onSubmit: (input: CaptureInput) => Promise<unknown>;
  /** The form as typed, AUTOSAVE_DEBOUNCE_MS after the last change. */
  onChange?: (draft: InsightDraft) => void;
  onCancel?: () => void;
}

type Status =
  { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; count: number } | { kind: 'failed'; error: string };

const SENTIMENTS = [-2, -1, 0, 1, 2] as const;

export function InsightForm(props: InsightFormProps) {
  const {
    initial = {},
    accounts = [],
    productSuggestions = [],
    mode = 'single',
    source = { kind: 'sidepanel' },
  } = props;
  const tx = uiTexts();
  const id = useId();
  const [fields, setFields] = useState<CaptureFields>(() => emptyFields(initial));
  const [triedSave, setTriedSave] = useState(false);
  const [dateBad, setDateBad] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [editing, setEditing] = useState(initial.insightId ? { id: initial.insightId, rev: initial.rev } : undefined);
  const titleRef = useRef<HTMLInputElement>(null);
  const outcomeRef = useRef<HTMLInputElement>(null);
  const changed = useRef(false);
  const savedCount = useRef(0);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  const autosave = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    if (!changed.current) return;
    const timer = setTimeout(() => onChange.current?.(toDraft(fields, editing?.id ?? null)), AUTOSAVE_DEBOUNCE_MS);
    autosave.current = timer;
    return () => clearTimeout(timer);
  }, [fields, editing]);

  // Missing fields are said once the rep tries to save, not when they leave the title empty: a message appearing
  // on blur pushes the form down under the pointer, and the click meant for the next field misses.
  const issues = captureIssues(tx, fields, triedSave);
  if (dateBad) issues.followUpAt = tx.t('formInvalidDate');
  const set = <K extends keyof CaptureFields>(key: K, value: CaptureFields[K]) => {
    changed.current = true;
    setFields((f) => ({ ...f, [key]: value }));
    if (status.kind === 'saved' || status.kind === 'failed') setStatus({ kind: 'idle' });
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setTriedSave(true);
    if (status.kind === 'saving') return;
    const blocking = captureIssues(tx, fields, true);
    if (Object.keys(blocking).length > 0 || dateBad) {
      (blocking.title === undefined && blocking.outcome ? outcomeRef : titleRef).current?.focus();
      return;
    }
    setStatus({ kind: 'saving' });
    // What is being saved must not come back as a draft: an autosave still waiting would otherwise fire while the
    // save is under way and store this very text again, after the caller has finished the draft.
    clearTimeout(autosave.current);
    try {
      await props.onSubmit(toCaptureInput(fields, source, editing));
    } catch (error) {
      setStatus({ kind: 'failed', error: error instanceof Error ? error.message : String(error) });
      return;
    }
    savedCount.current += 1;
    setStatus({ kind: 'saved', count: savedCount.current });
    changed.current = false;
    setEditing(undefined);
    setTriedSave(false);
    setFields((f) => {
      const fresh = emptyFields({ accountId: f.accountId });
      return mode === 'workshop' ? { ...fresh, type: f.type, tags: f.tags, visibility: f.visibility } : fresh;
    });
    titleRef.current?.focus();
  };

  const accountOptions =
    fields.accountId !== null && !accounts.some((a) => a.id === fields.accountId)
      ? [{ id: fields.accountId, name: fields.accountId }, ...accounts]
      : accounts;
  const suggestions = suggestProducts(fields.products, productSuggestions);
  const near = (length: number, max: number) => length > max * 0.8;
  const fieldId = (name: string) => `${id}-${name}`;
  const describedBy = (name: keyof typeof issues) => (issues[name] ? fieldId(`${name}-issue`) : undefined);
  const issue = (name: keyof typeof issues) =>
    issues[name] && (
      <p class="al-field-issue" id={fieldId(`${name}-issue`)} data-testid={`issue-${name}`}>
        {issues[name]}
      </p>
    );

  return (
    <form
      class="al-form"
      data-testid="insight-form"
      aria-label={tx.t(editing ? 'formEditTitle' : 'formNewTitle')}
      noValidate
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit(e);
      }}
    >
      {/* Every field is read-only while saving: text typed then would be lost when the form is emptied after it. */}
      <fieldset disabled={status.kind === 'saving'} class="al-fieldset-group" style={{ display: 'contents' }}>
        <fieldset class="al-fieldset">
          <legend class="al-label">{tx.t('formType')}</legend>
          <div class="al-chips" data-testid="type-chips">
            {INSIGHT_TYPES.map((type) => (
              <label key={type} class="al-chip-choice">
                <input
                  type="radio"
                  name={fieldId('type')}
                  value={type}
                  checked={fields.type === type}
                  onChange={() => set('type', type)}
                />
                <span>{insightTypeLabel(tx, type)}</span>
              </label>
            ))}
          </div>
        </fieldset>

        {fields.type === 'outcome' && (
          <fieldset
            class="al-fieldset"
            data-testid="outcome-choices"
            aria-describedby={[fieldId('outcome-hint'), describedBy('outcome')].filter(Boolean).join(' ')}
          >
            <legend class="al-label">{tx.t('outcomeLegend')}</legend>
            <div class="al-chips">
              {OUTCOMES.map((o: Outcome, i) => (
                <label key={o} class="al-chip-choice">
                  <input
                    ref={i === 0 ? outcomeRef : undefined}
                    type="radio"
                    name={fieldId('outcome')}
                    value={o}
                    checked={fields.outcome === o}
                    data-testid={`form-outcome-${o}`}
                    onChange={() => set('outcome', o)}
                  />
                  <span>{outcomeLabel(tx, o)}</span>
                </label>
              ))}
            </div>
            <p class="al-field-hint" id={fieldId('outcome-hint')}>
              {fields.talkingPoints === null
                ? tx.t('formOutcomeUsedHint')
                : tx.t('formOutcomeKeptPoints', fields.talkingPoints.length)}
            </p>
            {issue('outcome')}
          </fieldset>
        )}

        <div class="al-field">
          <div class="al-label-row">
            <label class="al-label" for={fieldId('title')}>
              {tx.t('formTitle')}
            </label>
            {near(fields.title.length, INSIGHT_LIMITS.title) && (
              <span class="al-counter">{tx.t('formCounter', fields.title.length, INSIGHT_LIMITS.title)}</span>
            )}
          </div>
          <input
            ref={titleRef}
            id={fieldId('title')}
            class="al-input"
            data-testid="field-title"
            value={fields.title}
            required
            aria-invalid={issues.title ? true : undefined}
            aria-describedby={describedBy('title')}
            placeholder={tx.t('formTitlePlaceholder')}
            onInput={(e) => set('title', e.currentTarget.value)}
          />
          {issue('title')}
        </div>

        <div class="al-field">
          <div class="al-label-row">
            <label class="al-label" for={fieldId('body')}>
              {tx.t('formBody')}
            </label>
            {near(fields.body.length, INSIGHT_LIMITS.body) && (
              <span class="al-counter">{tx.t('formCounter', fields.body.length, INSIGHT_LIMITS.body)}</span>
            )}
          </div>
          <textarea
            id={fieldId('body')}
            class="al-input"
            rows={3}
            data-testid="field-body"
            value={fields.body}
            aria-invalid={issues.body ? true : undefined}
            aria-describedby={describedBy('body')}
            onInput={(e) => set('body', e.currentTarget.value)}
          />
          {issue('body')}
        </div>

        <fieldset class="al-fieldset">
          <legend class="al-label">{tx.t('formSentiment')}</legend>
          <div class="al-segmented" data-testid="sentiment">
            {SENTIMENTS.map((s) => (
              <label key={s} class="al-segment-choice" title={sentimentLabel(tx, s)}>
                <input
                  type="radio"
                  name={fieldId('sentiment')}
                  value={s}
                  checked={fields.sentiment === s}
                  aria-label={sentimentLabel(tx, s)}
                  onChange={() => set('sentiment', s)}
                />
                <span aria-hidden="true">{tx.number(s, { signDisplay: 'exceptZero' })}</span>
              </label>
            ))}
          </div>
        </fieldset>

        <div class="al-field">
          <label class="al-label" for={fieldId('products')}>
            {tx.t('formProducts')}
          </label>
          <input
            id={fieldId('products')}
            class="al-input"
            data-testid="field-products"
            value={fields.products}
            autocomplete="off"
            placeholder={tx.t('formListPlaceholder')}
            aria-invalid={issues.products ? true : undefined}
            aria-describedby={describedBy('products')}
            onInput={(e) => set('products', e.currentTarget.value)}
          />
          {suggestions.length > 0 && (
            <div class="al-chips" data-testid="product-suggestions" aria-label={tx.t('formSuggestions')} role="group">
              {suggestions.map((p) => (
                <button
                  key={p.sku}
                  type="button"
                  class="al-chip"
                  data-testid={`suggestion-${p.sku}`}
                  onClick={() => set('products', acceptSuggestion(fields.products, p.sku))}
                >
                  {p.name} <span class="al-muted">{p.sku}</span>
                </button>
              ))}
            </div>
          )}
          {issue('products')}
        </div>

        <div class="al-field-row">
          <div class="al-field">
            <label class="al-label" for={fieldId('followUpAt')}>
              {tx.t('formFollowUp')}
            </label>
            <input
              id={fieldId('followUpAt')}
              class="al-input"
              type="date"
              data-testid="field-follow-up"
              value={fields.followUpAt}
              aria-invalid={issues.followUpAt ? true : undefined}
              aria-describedby={describedBy('followUpAt')}
              onInput={(e) => {
                setDateBad(e.currentTarget.validity?.badInput ?? false);
                set('followUpAt', e.currentTarget.value);
              }}
            />
            {issue('followUpAt')}
          </div>
          <div class="al-field">
            <label class="al-label" for={fieldId('account')}>
              {tx.t('formAccount')}
            </label>
            <select
              id={fieldId('account')}
              class="al-input"
              data-testid="field-account"
              value={fields.accountId ?? ''}
              onChange={(e) => set('accountId', e.currentTarget.value === '' ? null : e.currentTarget.value)}
            >
              <option value="">{tx.t('formUnassigned')}</option>
              {accountOptions.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        </div>

        <div class="al-field-row">
          <div class="al-field">
            <label class="al-label" for={fieldId('tags')}>
              {tx.t('formTags')}
            </label>
            <input
              id={fieldId('tags')}
              class="al-input"
              data-testid="field-tags"
              value={fields.tags}
              placeholder={tx.t('formListPlaceholder')}
              aria-invalid={issues.tags ? true : undefined}
              aria-describedby={describedBy('tags')}
              onInput={(e) => set('tags', e.currentTarget.value)}
            />
            {issue('tags')}
          </div>
          <fieldset class="al-fieldset al-field">
            <legend class="al-label">{tx.t('formVisibility')}</legend>
            <div class="al-segmented" data-testid="visibility">
              {(['team', 'private'] as const).map((v) => (
                <label key={v} class="al-segment-choice">
                  <input
                    type="radio"
                    name={fieldId('visibility')}
                    value={v}
                    checked={fields.visibility === v}
                    onChange={() => set('visibility', v)}
                  />
                  <span>{tx.t(v === 'team' ? 'formVisibilityTeam' : 'formVisibilityPrivate')}</span>
                </label>
              ))}
            </div>
          </fieldset>
        </div>
      </fieldset>

      <div class="al-row al-actions">
        <button type="submit" class="al-button al-primary" data-testid="submit" disabled={status.kind === 'saving'}>
          {tx.t(status.kind === 'saving' ? 'formSaving' : mode === 'workshop' ? 'formSaveNext' : 'formSave')}
        </button>
        {props.onCancel && (
          <button type="button" class="al-button" data-testid="cancel" onClick={props.onCancel}>
            {tx.t('cancel')}
          </button>
        )}
        <p class="al-form-status" role="status" data-testid="form-status">
          {status.kind === 'saved' && (
            <span class="al-pos">{mode === 'workshop' ? tx.t('formSavedCount', status.count) : tx.t('formSaved')}</span>
          )}
          {status.kind === 'failed' && <span class="al-error">{tx.t('formSaveFailed', status.error)}</span>}
        </p>
      </div>
    </form>
  );
}
