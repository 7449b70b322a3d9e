/**
 * The meeting brief page (brief.html?account=…&from=…): one brief per account, for a single account or the
 * accounts of a calendar meeting, printed one per page; below each, on screen only, what to do after the meeting.
 */
import { useEffect, useState } from 'preact/hooks';
import { MeetingBrief } from '../../components/MeetingBrief.tsx';
import { t } from '../../lib/i18n.ts';
import { pageDb } from '../../lib/store/page-db.ts';
import { loadBrief, parseBriefQuery, type BriefData } from './brief-data.ts';
import { OutcomeForm } from './OutcomeForm.tsx';

/** Today as YYYY-MM-DD in the rep's time zone. */
function localToday(now = new Date()): string {
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

type Loaded = { kind: 'loading' } | { kind: 'error'; text: string } | { kind: 'ready'; briefs: (BriefData | null)[] };

export interface AppProps {
  /** location.search of the page. */
  search: string;
}

export function App({ search }: AppProps) {
  const query = parseBriefQuery(search);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [version, setVersion] = useState(0);
  const today = localToday();

  useEffect(() => {
    pageDb()
      .then((db) => Promise.all(query.accountIds.map((id) => loadBrief(db, id))))
      .then((briefs) => setLoaded({ kind: 'ready', briefs }))
      .catch((e: unknown) => setLoaded({ kind: 'error', text: e instanceof Error ? e.message : String(e) }));
  }, [search, version]);

  useEffect(() => {
    if (loaded.kind !== 'ready') return;
    const names = loaded.briefs.flatMap((b) => (b ? [b.account.name] : []));
    if (names.length > 0) document.title = t('briefTitle', names.join(', '));
  }, [loaded]);

  if (query.accountIds.length === 0) {
    return (
      <main class="al-brief-page-main">
        <p role="alert">{t('briefNoAccount')}</p>
      </main>
    );
  }
  if (loaded.kind === 'loading') {
    return (
      <main class="al-brief-page-main" aria-busy="true">
        <p role="status">{t('briefLoading')}</p>
      </main>
    );
  }
  if (loaded.kind === 'error') {
    return (
      <main class="al-brief-page-main">
        <p role="alert" class="al-error">
          {t('spStoreError', loaded.text)}
        </p>
      </main>
    );
  }
  const known = loaded.briefs.filter((b): b is BriefData => b !== null);
  return (
    <main class="al-brief-page-main">
      {known.length > 1 && (
        <p class="al-muted al-no-print al-brief-meeting" data-testid="brief-meeting">
          {t('briefMeetingAccounts', known.map((b) => b.account.name).join(', '))}
        </p>
      )}
      {loaded.briefs.map((brief, i) =>
        brief === null ? (
          <p key={query.accountIds[i]} role="alert" class="al-error">
            {t('briefUnknownAccount', query.accountIds[i]!)}
          </p>
        ) : (
          <div key={brief.account.id} class="al-brief-account" data-testid={`brief-${brief.account.id}`}>
            <MeetingBrief
              account={brief.account}
              insights={brief.insights}
              contacts={brief.contacts}
              today={today}
              currency={brief.currency}
            />
            <OutcomeForm data={brief} from={query.from} onChanged={() => setVersion((v) => v + 1)} />
          </div>
        ),
      )}
    </main>
  );
}
