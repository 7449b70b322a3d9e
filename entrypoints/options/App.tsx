import { useEffect } from 'preact/hooks';
import { t, type MessageKey } from '../../lib/i18n.ts';
import { CustomSitesSection } from './CustomSitesSection.tsx';
import { DataSection } from './DataSection.tsx';
import { InsightsSection } from './InsightsSection.tsx';
import { NeverShowSection } from './NeverShowSection.tsx';
import { PageStoreContext, type PageStore } from './page-store.ts';
import { ProfileSection } from './ProfileSection.tsx';
import { SitesSection } from './SitesSection.tsx';
import { WhatWorksSection } from './WhatWorksSection.tsx';

const NAV: [string, MessageKey][] = [
  ['sites', 'optSitesTitle'],
  ['never-show', 'optNeverTitle'],
  ['profile', 'optProfileTitle'],
  ['data', 'optDataTitle'],
  ['custom', 'optCustomTitle'],
  ['insights', 'optInsightsTitle'],
];

export interface AppProps {
  store: PageStore;
}

/** The options page: where the overlay runs, who the rep is, the data it shows, and the rep's own insights. */
export function App({ store }: AppProps) {
  useEffect(() => {
    void store.refresh();
  }, [store]);
  const loadError = store.loadError.value;
  return (
    <PageStoreContext.Provider value={store}>
      <div class="opt-layout">
        <header class="opt-header">
          <h1>{t('optionsTitle')}</h1>
          <p class="opt-intro">{t('appTagline')}</p>
        </header>
        <nav class="opt-nav" aria-label={t('optNavLabel')}>
          <ul>
            {NAV.map(([id, key]) => (
              <li key={id}>
                <a href={`#${id}`}>{t(key)}</a>
              </li>
            ))}
          </ul>
        </nav>
        <main class="opt-main">
          {loadError && (
            <p class="opt-message opt-message-error" role="alert">
              {t('optStoreError', loadError)}
            </p>
          )}
          <SitesSection />
          <NeverShowSection />
          <ProfileSection />
          <DataSection />
          <CustomSitesSection />
          <InsightsSection />
          <WhatWorksSection />
        </main>
      </div>
    </PageStoreContext.Provider>
  );
}
