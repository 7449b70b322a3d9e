/**
 * Search across all insights by text, type, account, author and creation date (lib/store InsightSearchIndex,
 * built the first time this pane is shown).
 */
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { InsightList } from '../../components/InsightList.tsx';
import { SearchBar, type InsightFilters } from '../../components/SearchBar.tsx';
import { uiTexts } from '../../components/texts.ts';
import type { LazySearch, SearchOutcome } from './lazy-search.ts';
import type { Portfolio } from '../../lib/store/page-db.ts';

export interface SearchPaneProps {
  search: LazySearch;
  portfolio: Portfolio;
  today: string;
  /** False while the pane is hidden: the index is built when it is first shown. */
  active: boolean;
  /** Changes after every save, so results include it. */
  version: number;
}

const TYPING_PAUSE_MS = 150;

export function SearchPane({ search, portfolio, today, active, version }: SearchPaneProps) {
  const tx = uiTexts();
  const id = useId();
  const [filters, setFilters] = useState<InsightFilters>({});
  const [accountId, setAccountId] = useState('');
  const [author, setAuthor] = useState('');
  const [outcome, setOutcome] = useState<SearchOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const names = useMemo(() => Object.fromEntries(portfolio.accounts.map((a) => [a.id, a.name])), [portfolio]);

  useEffect(() => {
    if (!active) return;
    let stale = false;
    const timer = setTimeout(() => {
      search
        .search({
          ...filters,
          ...(accountId === '' ? {} : { accountId }),
          ...(author.trim() === '' ? {} : { author: author.trim() }),
          limit: 50,
        })
        .then((result) => {
          if (stale) return;
          setOutcome(result);
          setError(null);
        })
        .catch((e: unknown) => !stale && setError(e instanceof Error ? e.message : String(e)));
    }, TYPING_PAUSE_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [active, filters, accountId, author, version, search]);

  return (
    <div data-testid="search-pane">
      <div class="al-field-row al-search-scope">
        <div class="al-field">
          <label class="al-label" for={`${id}-account`}>
            {tx.t('spSearchAccount')}
          </label>
          <select
            id={`${id}-account`}
            class="al-input"
            data-testid="search-account"
            value={accountId}
            onChange={(e) => setAccountId(e.currentTarget.value)}
          >
            <option value="">{tx.t('spSearchAllAccounts')}</option>
            {portfolio.accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </div>
        <div class="al-field">
          <label class="al-label" for={`${id}-author`}>
            {tx.t('spSearchAuthor')}
          </label>
          <input
            id={`${id}-author`}
            class="al-input"
            data-testid="search-author"
            placeholder={tx.t('spSearchAuthorPlaceholder')}
            value={author}
            onInput={(e) => setAuthor(e.currentTarget.value)}
          />
        </div>
      </div>
      <SearchBar value={filters} onChange={setFilters} total={outcome?.total} />
      {error !== null && (
        <p class="al-error" role="alert" data-testid="search-error">
          {tx.t('spSearchFailed', error)}
        </p>
      )}
      {outcome && outcome.quarantined.length > 0 && (
        <p class="al-muted">{tx.t('spSetAside', tx.number(outcome.quarantined.length))}</p>
      )}
      {outcome && outcome.total === 0 && (
        <p class="al-muted" data-testid="search-none">
          {tx.t('spSearchNone')}
        </p>
      )}
      {outcome && outcome.total > 0 && <InsightList insights={outcome.insights} today={today} accountNames={names} />}
    </div>
  );
}
