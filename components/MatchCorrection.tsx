import { useSignal } from '@preact/signals';
import { useEffect, useId, useRef } from 'preact/hooks';
import { uiTexts } from './texts.ts';
import type { AccountOption } from './types.ts';

export interface MatchCorrectionProps {
  /** The account shown now; null when nothing matched. */
  currentId: string | null;
  /** Other accounts the page might be about, best first. */
  candidates: readonly AccountOption[];
  onCorrect: (accountId: string | null) => void;
  onSearch: (query: string) => Promise<AccountOption[]>;
  /** Open from the start (the no-match state offers the picker directly). */
  initiallyOpen?: boolean;
}

/** Quiet time after the last keystroke before a search is sent. */
export const SEARCH_DEBOUNCE_MS = 250;

type SearchState =
  | { kind: 'idle' }
  | { kind: 'searching' }
  | { kind: 'done'; results: AccountOption[] }
  | { kind: 'failed'; error: string };

/**
 * "Not this account?": lists the other candidates and searches accounts by name; picking one (or "none of these")
 * reports the correction, which the background remembers for the page's keys.
 */
export function MatchCorrection({
  currentId,
  candidates,
  onCorrect,
  onSearch,
  initiallyOpen = false,
}: MatchCorrectionProps) {
  const tx = uiTexts();
  const open = useSignal(initiallyOpen);
  const query = useSignal('');
  const search = useSignal<SearchState>({ kind: 'idle' });
  const inputRef = useRef<HTMLInputElement>(null);
  const latest = useRef(0);
  const inputId = useId();

  useEffect(() => {
    if (open.value && !initiallyOpen) inputRef.current?.focus();
  }, [open.value, initiallyOpen]);

  useEffect(() => {
    const q = query.value.trim();
    const ticket = ++latest.current;
    if (q === '') {
      search.value = { kind: 'idle' };
      return;
    }
    const timer = setTimeout(() => {
      search.value = { kind: 'searching' };
      onSearch(q).then(
        (results) => ticket === latest.current && (search.value = { kind: 'done', results }),
        (error: unknown) =>
          ticket === latest.current &&
          (search.value = { kind: 'failed', error: error instanceof Error ? error.message : String(error) }),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query.value, onSearch]);

  const pickAccount = (id: string | null) => {
    open.value = false;
    query.value = '';
    onCorrect(id);
  };

  if (!open.value) {
    return (
      <button type="button" class="al-link" data-testid="not-this-account" onClick={() => (open.value = true)}>
        {tx.t(currentId === null ? 'matchPickAccount' : 'matchNotThis')}
      </button>
    );
  }

  const others = candidates.filter((c) => c.id !== currentId);
  const s = search.value;
  const option = (a: AccountOption, testId: string) => (
    <li key={a.id}>
      <button type="button" class="al-option" data-testid={testId} onClick={() => pickAccount(a.id)}>
        <span>{a.name}</span>
        {a.confidence !== undefined && <span class="al-muted">{tx.percent(a.confidence)}</span>}
      </button>
    </li>
  );
  return (
    <div class="al-correction" data-testid="match-correction" role="group" aria-label={tx.t('matchCorrectionLabel')}>
      {others.length > 0 && (
        <>
          <p class="al-label">{tx.t('matchCandidates')}</p>
          <ul class="al-options">{others.map((c) => option(c, `candidate-${c.id}`))}</ul>
        </>
      )}
      <label class="al-label" for={inputId}>
        {tx.t('matchSearchLabel')}
      </label>
      <input
        ref={inputRef}
        id={inputId}
        class="al-input"
        type="search"
        autocomplete="off"
        data-testid="match-search"
        value={query.value}
        placeholder={tx.t('matchSearchPlaceholder')}
        onInput={(e) => (query.value = e.currentTarget.value)}
      />
      <div aria-live="polite">
        {s.kind === 'searching' && <p class="al-muted">{tx.t('matchSearching')}</p>}
        {s.kind === 'failed' && (
          <p class="al-error" role="alert">
            {tx.t('matchSearchFailed', s.error)}
          </p>
        )}
        {s.kind === 'done' && s.results.length === 0 && (
          <p class="al-muted" data-testid="match-no-results">
            {tx.t('matchNoResults', query.value.trim())}
          </p>
        )}
        {s.kind === 'done' && s.results.length > 0 && (
          <ul class="al-options" data-testid="match-results">
            {s.results.map((r) => option(r, `result-${r.id}`))}
          </ul>
        )}
      </div>
      <div class="al-row">
        {currentId !== null && (
          <button type="button" class="al-link" data-testid="match-none" onClick={() => pickAccount(null)}>
            {tx.t('matchNone')}
          </button>
        )}
        {!initiallyOpen && (
          <button type="button" class="al-link" data-testid="match-cancel" onClick={() => (open.value = false)}>
            {tx.t('cancel')}
          </button>
        )}
      </div>
    </div>
  );
}
