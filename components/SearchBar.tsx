import { useId } from 'preact/hooks';
import { INSIGHT_TYPES, type InsightType } from '../lib/engine/insight.ts';
import { insightTypeLabel } from './format.ts';
import { uiTexts } from './texts.ts';

/** Named like lib/store/search.ts's SearchQuery, so the filters can be handed to the search as they are. */
export interface InsightFilters {
  text?: string;
  type?: readonly InsightType[];
  /** YYYY-MM-DD, inclusive. */
  from?: string;
  /** YYYY-MM-DD, inclusive. */
  to?: string;
}

export interface SearchBarProps {
  value: InsightFilters;
  onChange: (filters: InsightFilters) => void;
  /** Matches found, said to screen readers and shown next to the filters. */
  total?: number;
}

/** The filters without empty entries, so callers can compare and pass them on. */
export function normaliseFilters(f: InsightFilters): InsightFilters {
  const out: InsightFilters = {};
  if (f.text && f.text.trim() !== '') out.text = f.text;
  if (f.type && f.type.length > 0) out.type = f.type;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  return out;
}

export function SearchBar({ value, onChange, total }: SearchBarProps) {
  const tx = uiTexts();
  const id = useId();
  const update = (patch: InsightFilters) => onChange(normaliseFilters({ ...value, ...patch }));
  const reversed = value.from !== undefined && value.to !== undefined && value.from > value.to;
  const active = Object.keys(normaliseFilters(value)).length > 0;
  return (
    <div class="al-search" role="search" data-testid="search-bar">
      <label class="al-visually-hidden" for={`${id}-text`}>
        {tx.t('searchText')}
      </label>
      <input
        id={`${id}-text`}
        class="al-input al-search-text"
        type="search"
        data-testid="search-text"
        placeholder={tx.t('searchPlaceholder')}
        value={value.text ?? ''}
        onInput={(e) => update({ text: e.currentTarget.value })}
      />
      <div class="al-field-row">
        <div class="al-field">
          <label class="al-label" for={`${id}-type`}>
            {tx.t('searchType')}
          </label>
          <select
            id={`${id}-type`}
            class="al-input"
            data-testid="search-type"
            value={value.type?.[0] ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value;
              update({ type: v === '' ? [] : [v as InsightType] });
            }}
          >
            <option value="">{tx.t('searchAllTypes')}</option>
            {INSIGHT_TYPES.map((type) => (
              <option key={type} value={type}>
                {insightTypeLabel(tx, type)}
              </option>
            ))}
          </select>
        </div>
        <div class="al-field">
          <label class="al-label" for={`${id}-from`}>
            {tx.t('searchFrom')}
          </label>
          <input
            id={`${id}-from`}
            class="al-input"
            type="date"
            data-testid="search-from"
            value={value.from ?? ''}
            aria-invalid={reversed ? true : undefined}
            onInput={(e) => update({ from: e.currentTarget.value })}
          />
        </div>
        <div class="al-field">
          <label class="al-label" for={`${id}-to`}>
            {tx.t('searchTo')}
          </label>
          <input
            id={`${id}-to`}
            class="al-input"
            type="date"
            data-testid="search-to"
            value={value.to ?? ''}
            aria-invalid={reversed ? true : undefined}
            onInput={(e) => update({ to: e.currentTarget.value })}
          />
        </div>
      </div>
      {reversed && (
        <p class="al-field-issue" data-testid="search-range-issue">
          {tx.t('searchRangeReversed')}
        </p>
      )}
      <div class="al-row">
        <p class="al-muted" aria-live="polite" data-testid="search-total">
          {total !== undefined && tx.t(total === 1 ? 'searchTotalOne' : 'searchTotal', tx.number(total))}
        </p>
        {active && (
          <button type="button" class="al-link" data-testid="search-clear" onClick={() => onChange({})}>
            {tx.t('searchClear')}
          </button>
        )}
      </div>
    </div>
  );
}
