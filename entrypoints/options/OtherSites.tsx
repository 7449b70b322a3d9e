import { useId, useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import type { CustomAdapterDefinition } from '../../lib/sites/custom.ts';
import { requestPatterns, switchOff, updateSites } from './site-access.ts';
import { adapterOrigins, strictOriginPattern } from './site-patterns.ts';
import { hostOf, SiteStatus } from './SiteStatus.tsx';

export interface OtherSitesProps {
  origins: readonly string[];
  adapters: readonly CustomAdapterDefinition[];
  granted: ReadonlySet<string> | undefined;
}

/** Origins the generic adapter (and the rep's custom adapters) run on: add one by its address, remove any. */
export function OtherSites({ origins, adapters, granted }: OtherSitesProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  function add(event: Event) {
    event.preventDefault();
    setError(null);
    let pattern: string;
    try {
      pattern = strictOriginPattern(text);
    } catch {
      setError(t('optOriginInvalid', text.trim()));
      return;
    }
    if (origins.includes(pattern)) {
      setError(t('optOriginDuplicate', hostOf(pattern)));
      return;
    }
    void requestPatterns([pattern])
      .then(async (allowed) => {
        if (!allowed) return setError(t('optSiteDenied', hostOf(pattern)));
        await updateSites((s) => ({ ...s, origins: [...new Set([...s.origins, pattern])] }));
        setText('');
      })
      .catch((e: unknown) => setError(t('optSiteFailed', hostOf(pattern), e instanceof Error ? e.message : String(e))));
  }

  const usedBy = (pattern: string) =>
    adapters.filter((a) => {
      try {
        return adapterOrigins(a.urlPattern).includes(pattern);
      } catch {
        return false;
      }
    });

  return (
    <div class="opt-sub">
      <h3>{t('optOtherSitesTitle')}</h3>
      <p class="opt-hint">{t('optOtherSitesIntro')}</p>
      <form class="opt-inline-form" onSubmit={add} noValidate>
        <label for={inputId}>{t('optOriginLabel')}</label>
        <input
          id={inputId}
          type="text"
          inputMode="url"
          placeholder="https://crm.example.com"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          data-testid="origin-input"
        />
        <button type="submit" class="primary" disabled={text.trim() === ''}>
          {t('optOriginAdd')}
        </button>
      </form>
      {error && (
        <p id={errorId} class="opt-message opt-message-error" role="alert">
          {error}
        </p>
      )}
      {origins.length === 0 ? (
        <p class="opt-empty">{t('optOriginsNone')}</p>
      ) : (
        <ul class="opt-rows" data-testid="origin-list">
          {origins.map((pattern) => {
            const users = usedBy(pattern);
            return (
              <li key={pattern} class="opt-row">
                <span class="opt-row-title">{hostOf(pattern)}</span>
                <span class="opt-row-detail">
                  {users.length > 0 ? t('optOriginUsedBy', users.map((a) => a.name).join(', ')) : t('optOriginGeneric')}
                </span>
                <SiteStatus label={hostOf(pattern)} patterns={[pattern]} granted={granted} />
                <button
                  type="button"
                  class="small"
                  aria-label={t('optRemoveNamed', hostOf(pattern))}
                  onClick={() =>
                    void switchOff([pattern], (s) => ({ ...s, origins: s.origins.filter((o) => o !== pattern) }))
                  }
                >
                  {t('optRemove')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
