/**
 * The popup: find an account by name or domain (or see the one the current page is about), its score, talking
 * points and latest insights, and log an insight right here; "Open workshop notes" continues in the side panel
 * with the account prefilled.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { browser, type Browser } from 'wxt/browser';
import { AccountCard } from '../../components/AccountCard.tsx';
import { InsightForm } from '../../components/InsightForm.tsx';
import type { AccountOption, AccountView } from '../../components/types.ts';
import { t } from '../../lib/i18n.ts';
import { sendMessage } from '../../lib/messaging.ts';
import { openCaptureUi, startCapture } from '../../lib/capture/launch.ts';
import type { LookupAnswer } from '../background/lookup.ts';
import { AccountPicker } from '../../components/AccountPicker.tsx';
import { extensionTransport, saveCapture } from '../../lib/capture/client.ts';
import { captureContext } from '../../lib/capture/detect.ts';
import { pageDb, summarise } from '../../lib/store/page-db.ts';
import { SaveSummary, summaryOf, type SaveSummaryData } from '../../components/SaveSummary.tsx';
import { loadAccountView } from './account-view.ts';
import { SyncSection } from './SyncSection.tsx';

type Mode = 'card' | 'capture';

async function activeTab() {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

export function App() {
  const transport = useMemo(() => extensionTransport(pageDb), []);
  const [view, setView] = useState<AccountView | null>(null);
  const [fromPage, setFromPage] = useState(false);
  const [currency, setCurrency] = useState('EUR');
  const [mode, setMode] = useState<Mode>('card');
  const [saved, setSaved] = useState<SaveSummaryData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Browser.tabs.Tab | undefined>(undefined);

  const show = async (accountId: string, matchedBy: string, confidence = 1) => {
    try {
      const next = await loadAccountView(await pageDb(), accountId, matchedBy, confidence);
      setView(next);
      setMode('card');
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  // The account of the page the popup was opened on (the action click grants access to its URL).
  useEffect(() => {
    void (async () => {
      const current = await activeTab();
      setTab(current);
      const url = current?.url;
      const context = url ? captureContext({ url }) : null;
      if (!url || !context) return;
      const answer = await sendMessage<'page.lookup', LookupAnswer>('page.lookup', { url, context });
      setCurrency(answer.currency);
      const best = answer.matches[0];
      if (best && best.confidence >= 0.5) {
        setFromPage(true);
        await show(best.accountId, new URL(url).hostname, best.confidence);
      }
    })().catch(() => undefined);
  }, []);

  const reload = () => view && void show(view.account.id, view.matchedBy ?? '', view.confidence);
  const accountOptions: AccountOption[] = view ? [{ id: view.account.id, name: view.account.name }] : [];

  return (
    <main class="al-popup-main">
      <h1>{t('popupTitle')}</h1>
      <p class="muted">{t('appTagline')}</p>
      <AccountPicker
        label={t('ppSearchLabel')}
        selectedId={view?.account.id}
        autoFocus={!view}
        testId="popup-picker"
        onPick={(hit) => {
          setFromPage(false);
          setSaved(null);
          void show(hit.id, t('ppMatchedBySearch'));
        }}
      />
      {error !== null && (
        <p class="al-error" role="alert">
          {t('spStoreError', error)}
        </p>
      )}
      {view && fromPage && (
        <p class="al-label" data-testid="from-page">
          {t('ppFromPage')}
        </p>
      )}
      {saved && <SaveSummary data={saved} />}
      {view && mode === 'card' && (
        <AccountCard
          view={view}
          currency={currency}
          maxTalkingPoints={2}
          maxInsights={3}
          onLogInsight={() => {
            setSaved(null);
            setMode('capture');
          }}
          onOpenBrief={(accountId) => void sendMessage('brief.open', { accountIds: [accountId], from: 'popup' })}
          onMark={(accountId, talkingPointId, mark) =>
            void sendMessage('feedback.mark', { accountId, talkingPointId, mark }).then(reload)
          }
          onCorrect={(accountId) => accountId && void show(accountId, t('ppMatchedBySearch'))}
          onSearch={async (query) =>
            (await sendMessage<'account.search', { accounts: AccountOption[] }>('account.search', { query, limit: 10 }))
              .accounts
          }
        />
      )}
      {view && mode === 'capture' && (
        <InsightForm
          initial={{ accountId: view.account.id }}
          accounts={accountOptions}
          source={{ kind: 'popup' }}
          onCancel={() => setMode('card')}
          onSubmit={async (input) => {
            const before = summarise(view.account);
            const result = await saveCapture(input, transport);
            setSaved(summaryOf(result, input.accountId === before.id ? before : undefined));
            const shownId = result.insight.accountId ?? view.account.id;
            await show(shownId, view.matchedBy ?? '', view.confidence);
          }}
        />
      )}
      <SyncSection />
      <footer class="al-row al-actions">
        <button
          type="button"
          class="al-button"
          data-testid="open-sidepanel"
          onClick={() => {
            // Synchronously inside the click: opening the side panel needs the user gesture. The side panel picks
            // the pending capture up when it opens, or while open when it arrives after.
            void openCaptureUi(tab?.id);
            void startCapture({
              source: 'popup',
              ...(view ? { accountId: view.account.id } : {}),
              ...(tab?.url ? { url: tab.url.slice(0, 4000) } : {}),
            }).then(() => window.close());
          }}
        >
          {t('popupOpenSidePanel')}
        </button>
        <button type="button" class="al-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popupOpenOptions')}
        </button>
      </footer>
    </main>
  );
}
