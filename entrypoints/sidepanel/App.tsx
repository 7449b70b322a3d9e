/**
 * The side panel: workshop capture (one note after another, drafts kept while typing), an account's timeline, and
 * search across every insight. All three stay mounted, so switching sections never loses what is being typed.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t, type MessageKey } from '../../lib/i18n.ts';
import { onSnapshotChange } from '../../lib/store/index.ts';
import { BriefLauncher } from '../../components/BriefLauncher.tsx';
import { CapturePane } from './CapturePane.tsx';
import { LazySearch } from './lazy-search.ts';
import { loadPortfolio, pageDb, type Portfolio } from '../../lib/store/page-db.ts';
import { SearchPane } from './SearchPane.tsx';
import { TimelinePane } from './TimelinePane.tsx';

const TABS = [
  ['capture', 'spTabCapture'],
  ['timeline', 'spTabTimeline'],
  ['search', 'spTabSearch'],
] as const satisfies readonly (readonly [string, MessageKey])[];
type Tab = (typeof TABS)[number][0];

/** Today as YYYY-MM-DD in the rep's time zone (overdue follow-ups). */
function localToday(now = new Date()): string {
  const offset = now.getTimezoneOffset() * 60_000;
  return new Date(now.getTime() - offset).toISOString().slice(0, 10);
}

export function App() {
  const [tab, setTab] = useState<Tab>('capture');
  const [portfolio, setPortfolio] = useState<Portfolio | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const search = useMemo(() => new LazySearch(pageDb), []);
  const today = localToday();

  // Read again whenever a new snapshot is stored (an import on the options page, a full pull from the hub): the
  // panel often stays open meanwhile (Firefox even opens it at install, before any data is there).
  useEffect(() => {
    const load = () =>
      void pageDb()
        .then(loadPortfolio)
        .then(setPortfolio)
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    load();
    return onSnapshotChange(load);
  }, []);

  return (
    <main class="al-sidepanel-main">
      <header class="al-sidepanel-head">
        <h1>{t('sidepanelTitle')}</h1>
        <div class="al-tablist" role="tablist" aria-label={t('spTabsLabel')}>
          {TABS.map(([id, label]) => (
            <button
              key={id}
              type="button"
              role="tab"
              class="al-tab"
              id={`tab-${id}`}
              aria-controls={`panel-${id}`}
              aria-selected={tab === id}
              data-testid={`tab-${id}`}
              onClick={() => setTab(id)}
            >
              {t(label)}
            </button>
          ))}
        </div>
      </header>
      <BriefLauncher from="sidepanel" />
      {error !== null && (
        <p class="al-error" role="alert" data-testid="store-error">
          {t('spStoreError', error)}
        </p>
      )}
      {portfolio?.empty && (
        <div class="al-notice al-row" data-testid="no-data">
          <p>{t('spNoData')}</p>
          <button type="button" class="al-link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('popupOpenOptions')}
          </button>
        </div>
      )}
      {portfolio && (
        <>
          <section id="panel-capture" role="tabpanel" aria-labelledby="tab-capture" hidden={tab !== 'capture'}>
            <CapturePane
              portfolio={portfolio}
              today={today}
              onSaved={(result) => {
                void search.saved(result.insight);
                setVersion((v) => v + 1);
              }}
            />
          </section>
          <section id="panel-timeline" role="tabpanel" aria-labelledby="tab-timeline" hidden={tab !== 'timeline'}>
            <TimelinePane today={today} version={version} />
          </section>
          <section id="panel-search" role="tabpanel" aria-labelledby="tab-search" hidden={tab !== 'search'}>
            <SearchPane
              search={search}
              portfolio={portfolio}
              today={today}
              active={tab === 'search'}
              version={version}
            />
          </section>
        </>
      )}
    </main>
  );
}
