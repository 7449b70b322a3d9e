import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import type { CustomAdapterDefinition } from '../../lib/sites/custom.ts';
import { AddEntryForm } from './AddEntryForm.tsx';
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
  const [portNote, setPortNote] = useState<string | null>(null);
  async function add(text: string): Promise<string | null> {
    setPortNote(null);
    let pattern: string;
    try {
      pattern = strictOriginPattern(text);
    } catch {
      return t('optOriginInvalid', text.trim());
    }
    if (origins.includes(pattern)) return t('optOriginDuplicate', hostOf(pattern));
    try {
      if (!(await requestPatterns([pattern]))) return t('optSiteDenied', hostOf(pattern));
      await updateSites((s) => ({ ...s, origins: [...new Set([...s.origins, pattern])] }));
      // Match patterns carry no port (Firefox ignores a pattern with one): say that every port is enabled.
      const port = /^(?:[a-z]+:\/\/)?[^/]*:(\d+)/i.exec(text.trim())?.[1];
      if (port) setPortNote(t('optOriginPort', port, hostOf(pattern)));
      return null;
    } catch (e) {
      return t('optSiteFailed', hostOf(pattern), e instanceof Error ? e.message : String(e));
    }
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
      <AddEntryForm
        label={t('optOriginLabel')}
        placeholder="https://crm.example.com"
        addLabel={t('optOriginAdd')}
        testId="origin-input"
        onAdd={add}
      />
      {portNote && (
        <p class="opt-message" role="status" data-testid="origin-port-note">
          {portNote}
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
