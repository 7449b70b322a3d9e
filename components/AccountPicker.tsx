/**
 * Finding an account by name or domain (the background's `account.search`), for the side panel's timeline and the
 * popup. Results follow the typing after a short pause; a failed search says why.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { t } from '../lib/i18n.ts';
import { sendMessage } from '../lib/messaging.ts';

export interface AccountHit {
  id: string;
  name: string;
  segment: string;
  valueScore: number;
}

export interface AccountPickerProps {
  label: string;
  onPick: (hit: AccountHit) => void;
  /** Highlights the chosen account in the list. */
  selectedId?: string | null;
  autoFocus?: boolean;
  testId?: string;
}

const SEARCH_PAUSE_MS = 150;

export function AccountPicker({ label, onPick, selectedId, autoFocus, testId = 'account-picker' }: AccountPickerProps) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<AccountHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setHits(null);
      return;
    }
    let stale = false;
    const timer = setTimeout(() => {
      sendMessage<'account.search', { accounts: AccountHit[] }>('account.search', { query: q, limit: 20 })
        .then((answer) => {
          if (stale) return;
          setHits(answer.accounts);
          setError(null);
        })
        .catch((e: unknown) => !stale && setError(e instanceof Error ? e.message : String(e)));
    }, SEARCH_PAUSE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [query]);

  return (
    <div class="al-picker" data-testid={testId}>
      <label class="al-label" for={`${id}-q`}>
        {label}
      </label>
      <input
        id={`${id}-q`}
        class="al-input"
        type="search"
        autoFocus={autoFocus}
        autocomplete="off"
        data-testid={`${testId}-query`}
        placeholder={t('spPickPlaceholder')}
        value={query}
        onInput={(e) => setQuery(e.currentTarget.value)}
      />
      {error !== null && (
        <p class="al-error" role="alert">
          {t('spPickFailed', error)}
        </p>
      )}
      {hits !== null && hits.length === 0 && <p class="al-muted">{t('spPickNone', query.trim())}</p>}
      {hits !== null && hits.length > 0 && (
        <ul class="al-options" data-testid={`${testId}-results`}>
          {hits.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                class="al-option"
                aria-current={hit.id === selectedId ? 'true' : undefined}
                data-testid={`pick-${hit.id}`}
                onClick={() => {
                  setQuery('');
                  onPick(hit);
                }}
              >
                <span class={`al-segment al-segment-small al-seg-${hit.segment}`}>{hit.segment}</span>
                <span class="al-pick-name">{hit.name}</span>
                <span class="al-muted">{Math.round(hit.valueScore)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
