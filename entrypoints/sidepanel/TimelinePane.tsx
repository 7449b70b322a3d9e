/** One account's timeline: every insight on it, newest first, with its current value score. */
import { useEffect, useState } from 'preact/hooks';
import { InsightList } from '../../components/InsightList.tsx';
import { uiTexts } from '../../components/texts.ts';
import type { Insight } from '../../lib/engine/insight.ts';
import { getAccount, listInsightsForAccount } from '../../lib/store/index.ts';
import { AccountPicker, type AccountHit } from '../../components/AccountPicker.tsx';
import { pageDb, summarise, type AccountSummary } from '../../lib/store/page-db.ts';

export interface TimelinePaneProps {
  today: string;
  /** Changes after every save, so the timeline reloads. */
  version: number;
}

export function TimelinePane({ today, version }: TimelinePaneProps) {
  const tx = uiTexts();
  const [picked, setPicked] = useState<AccountHit | null>(null);
  const [account, setAccount] = useState<AccountSummary | null>(null);
  const [items, setItems] = useState<Insight[]>([]);

  useEffect(() => {
    if (!picked) return;
    let stale = false;
    void (async () => {
      const db = await pageDb();
      const [stored, listing] = await Promise.all([getAccount(db, picked.id), listInsightsForAccount(db, picked.id)]);
      if (stale) return;
      setAccount(stored.value ? summarise(stored.value) : null);
      setItems(listing.items);
    })();
    return () => {
      stale = true;
    };
  }, [picked, version]);

  return (
    <div data-testid="timeline-pane">
      <AccountPicker
        label={tx.t('spPickAccount')}
        selectedId={picked?.id}
        onPick={setPicked}
        testId="timeline-picker"
      />
      {!picked && <p class="al-muted">{tx.t('spPickFirst')}</p>}
      {picked && (
        <section class="al-section" data-testid="timeline">
          <header class="al-account-head">
            <span class={`al-segment al-seg-${account?.segment ?? picked.segment}`}>
              {account?.segment ?? picked.segment}
            </span>
            <div class="al-account-name">
              <h2 data-testid="timeline-account">{tx.t('spAccountTimeline', picked.name)}</h2>
            </div>
            <p
              class="al-score"
              data-testid="timeline-score"
              aria-label={tx.t('valueScoreLabel', Math.round(account?.valueScore ?? picked.valueScore))}
            >
              <strong>{Math.round(account?.valueScore ?? picked.valueScore)}</strong>
              <span class="al-muted">/100</span>
            </p>
          </header>
          <InsightList insights={items} today={today} />
        </section>
      )}
    </div>
  );
}
