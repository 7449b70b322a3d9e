import { useEffect, useId, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { AdapterTestAnswer } from '../background/adapter-test.ts';
import { formatPercent, t, type MessageKey } from '../../lib/i18n.ts';
import { sendMessage } from '../../lib/messaging.ts';
import type { CustomAdapterDefinition } from '../../lib/sites/custom.ts';

const SELECTOR_LABELS: Record<string, MessageKey> = {
  accountIdSelector: 'optAdapterIdSelector',
  nameSelector: 'optAdapterNameSelector',
  emailSelector: 'optAdapterEmailSelector',
  domainSelector: 'optAdapterDomainSelector',
};

interface TabOption {
  id: number;
  label: string;
}

/** Open web tabs the extension can see (those of sites the rep enabled). */
async function openTabs(): Promise<TabOption[]> {
  const tabs = await browser.tabs.query({});
  return tabs
    .filter((tab) => tab.id !== undefined && /^https?:/.test(tab.url ?? ''))
    .map((tab) => ({ id: tab.id as number, label: `${tab.title || tab.url} — ${tab.url}`.slice(0, 160) }));
}

export interface SelectorTesterProps {
  /** The definition as the form stands, or null when the form does not validate yet. */
  definition: CustomAdapterDefinition | null;
}

/** Pick an open tab, see what each selector reads there right now and which account that would match. */
export function SelectorTester({ definition }: SelectorTesterProps) {
  const id = useId();
  const [tabs, setTabs] = useState<TabOption[]>([]);
  const [tabId, setTabId] = useState<number | null>(null);
  const [answer, setAnswer] = useState<AdapterTestAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reloadTabs = () =>
    void openTabs().then((list) => {
      setTabs(list);
      setTabId((current) => (list.some((tab) => tab.id === current) ? current : (list[0]?.id ?? null)));
    });
  useEffect(reloadTabs, []);

  async function test() {
    setError(null);
    setAnswer(null);
    if (!definition) return setError(t('optTesterInvalid'));
    if (tabId === null) return setError(t('optTesterNoTab'));
    setBusy(true);
    try {
      setAnswer(await sendMessage<'adapter.test', AdapterTestAnswer>('adapter.test', { tabId, definition }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="opt-tester" data-testid="selector-tester" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('optTesterTitle')}</h4>
      <div class="opt-inline">
        <label for={`${id}-tab`}>{t('optTesterTab')}</label>
        <select
          id={`${id}-tab`}
          value={tabId ?? ''}
          onFocus={reloadTabs}
          onChange={(e) => setTabId(Number(e.currentTarget.value))}
          data-testid="tester-tab"
        >
          {tabs.length === 0 && <option value="">{t('optTesterNoTabs')}</option>}
          {tabs.map((tab) => (
            <option key={tab.id} value={tab.id}>
              {tab.label}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => void test()} disabled={busy} data-testid="tester-run">
          {t('optTesterRun')}
        </button>
      </div>
      {error && (
        <p class="opt-message opt-message-error" role="alert">
          {error}
        </p>
      )}
      {answer && (
        <div role="status" data-testid="tester-result">
          <p class={`opt-message ${answer.matchesUrl ? 'opt-message-good' : 'opt-message-error'}`}>
            {t(answer.matchesUrl ? 'optTesterUrlMatches' : 'optTesterUrlNoMatch', answer.url)}
          </p>
          <div class="opt-table-wrap">
            <table class="opt-table">
              <tbody>
                {Object.entries(answer.values)
                  .filter(([field]) => definition?.[field as keyof CustomAdapterDefinition])
                  .map(([field, value]) => (
                    <tr key={field}>
                      <th scope="row">{t(SELECTOR_LABELS[field] ?? 'optAdapterIdSelector')}</th>
                      <td data-testid={`tester-${field}`}>{value ? <code>{value}</code> : t('optTesterNothing')}</td>
                    </tr>
                  ))}
                <tr>
                  <th scope="row">{t('optTesterAccount')}</th>
                  <td data-testid="tester-account">
                    {answer.accounts.length === 0
                      ? t('optTesterNoAccount')
                      : answer.accounts
                          .map((a) => `${a.name} (${a.id}, ${a.via} ${formatPercent(a.confidence)})`)
                          .join('; ')}
                  </td>
                </tr>
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
