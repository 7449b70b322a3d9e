/**
 * Workshop mode: the capture form for one note after another, prefilled from a pending capture (context menu,
 * shortcut, overlay), autosaved as a draft while typing, and followed by what the save changed for the account.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { CaptureInput, InsightDraft, InsightFormInitial } from '../../lib/capture/form.ts';
import { InsightForm } from '../../components/InsightForm.tsx';
import { InsightList } from '../../components/InsightList.tsx';
import type { Insight } from '../../lib/engine/insight.ts';
import { formatDate, t, uiLocale } from '../../lib/i18n.ts';
import { sendMessage } from '../../lib/messaging.ts';
import { pendingCapture, takePendingCapture, type PendingCapture } from '../../lib/pending-capture.ts';
import { listDrafts, listInsightsForAccount, type Draft } from '../../lib/store/index.ts';
import type { LookupAnswer } from '../background/lookup.ts';
import { extensionTransport, saveCapture, type SaveResult } from '../../lib/capture/client.ts';
import { startFromCapture, type CaptureSource, type CaptureStart } from './capture-start.ts';
import { DraftKeeper } from './draft-keeper.ts';
import { pageDb, summarise, type AccountSummary, type Portfolio } from '../../lib/store/page-db.ts';
import { SaveSummary, summaryOf, type SaveSummaryData } from '../../components/SaveSummary.tsx';

export interface CapturePaneProps {
  portfolio: Portfolio;
  today: string;
  onSaved: (result: SaveResult) => void;
}

interface FormState {
  key: number;
  initial: InsightFormInitial;
  source: CaptureSource;
  start?: CaptureStart;
  restoredFrom?: string;
}

type DraftStatus =
  | { kind: 'saved'; at: string; shortened: boolean }
  | { kind: 'failed'; error: string }
  | { kind: 'left-over'; error: string }
  | null;

const SIDEPANEL: CaptureSource = { kind: 'sidepanel' };

function timeOf(iso: string): string {
  return new Intl.DateTimeFormat(uiLocale(), { timeStyle: 'medium' }).format(new Date(iso));
}

export function CapturePane({ portfolio, today, onSaved }: CapturePaneProps) {
  const keeper = useMemo(() => new DraftKeeper(pageDb), []);
  const transport = useMemo(() => extensionTransport(pageDb), []);
  const byId = useMemo(() => new Map(portfolio.accounts.map((a) => [a.id, a])), [portfolio]);
  // Read through a ref: the capture listener is set up once, and the portfolio is read again after an import.
  const accounts = useRef(byId);
  accounts.current = byId;
  /** Accounts re-scored by this page's saves, over the portfolio as loaded. */
  const rescored = useRef(new Map<string, AccountSummary>());
  const known = (id: string) => rescored.current.get(id) ?? accounts.current.get(id);
  const lastDraft = useRef<Draft | null>(null);
  const [form, setForm] = useState<FormState>({ key: 0, initial: {}, source: SIDEPANEL });
  const [waiting, setWaiting] = useState<Draft | null>(null);
  const [damaged, setDamaged] = useState<string[]>([]);
  const [draftStatus, setDraftStatus] = useState<DraftStatus>(null);
  const [saved, setSaved] = useState<SaveSummaryData | null>(null);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [timeline, setTimeline] = useState<Insight[]>([]);
  const [saves, setSaves] = useState(0);

  const showForm = (next: Omit<FormState, 'key'>) => {
    setForm((f) => ({ ...next, key: f.key + 1 }));
    setAccountId(next.initial.accountId ?? null);
    setDraftStatus(null);
  };

  const restore = (draft: Draft) => {
    keeper.adopt(draft.id);
    lastDraft.current = draft;
    const { followUpAt, ...fields } = draft.fields;
    showForm({
      initial: { insightId: draft.insightId, accountId: draft.accountId, fields: { ...fields, followUpAt } },
      source: SIDEPANEL,
      restoredFrom: draft.savedAt,
    });
  };

  /** A capture replaces the form; what was typed there stays stored as a draft to come back to. */
  const applyCapture = async (capture: PendingCapture) => {
    const start = await startFromCapture(capture, known, (context, url) =>
      sendMessage<'page.lookup', LookupAnswer>('page.lookup', { url, context }),
    );
    if (lastDraft.current) setWaiting(lastDraft.current);
    keeper.startNew();
    lastDraft.current = null;
    showForm({ initial: start.initial, source: start.source, start });
  };

  useEffect(() => {
    let live = true;
    void (async () => {
      const drafts = await listDrafts(await pageDb());
      if (!live) return;
      setDamaged(drafts.quarantined.map((q) => q.error));
      const capture = await takePendingCapture();
      if (capture) {
        await applyCapture(capture);
        setWaiting(drafts.items[0] ?? null);
      } else if (drafts.items[0]) {
        restore(drafts.items[0]);
        setWaiting(drafts.items[1] ?? null);
      }
    })().catch((error: unknown) => setDraftStatus({ kind: 'failed', error: String(error) }));
    const unwatch = pendingCapture.watch((value) => {
      if (value) void takePendingCapture().then((capture) => capture && applyCapture(capture));
    });
    return () => {
      live = false;
      unwatch();
    };
    // Runs once: the keeper and the refs carry what the callbacks need.
  }, []);

  useEffect(() => {
    if (accountId === null) {
      setTimeline([]);
      return;
    }
    let stale = false;
    void pageDb()
      .then((db) => listInsightsForAccount(db, accountId))
      .then((listing) => !stale && setTimeline(listing.items));
    return () => {
      stale = true;
    };
  }, [accountId, saves]);

  const onChange = (draft: InsightDraft) => {
    setAccountId(draft.accountId);
    keeper
      .save(draft)
      .then((write) => {
        if (!write) return;
        lastDraft.current = write.draft;
        setDraftStatus({ kind: 'saved', at: write.draft.savedAt, shortened: write.shortened });
      })
      .catch((error: unknown) =>
        setDraftStatus({ kind: 'failed', error: error instanceof Error ? error.message : String(error) }),
      );
  };

  const onSubmit = async (input: CaptureInput) => {
    const before = input.accountId ? known(input.accountId) : undefined;
    const result = await saveCapture(input, transport);
    // The note is saved: its draft must go, or restoring it later would save the note twice. One retry, then
    // the rep is told, so a draft that comes back is recognised and discarded. The retry names the saved note's
    // draft: `finish` has moved the keeper on to the next note's id already.
    const draftId = keeper.draftId;
    const leftOver = await keeper
      .finish()
      .catch(() => keeper.discard(draftId))
      .then(
        () => null,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
    lastDraft.current = null;
    if (result.account) rescored.current.set(result.account.id, summarise(result.account));
    setSaved(summaryOf(result, before));
    setDraftStatus(leftOver === null ? null : { kind: 'left-over', error: leftOver });
    setForm((f) => ({ ...f, source: SIDEPANEL, start: undefined, restoredFrom: undefined }));
    setAccountId(result.insight.accountId);
    setSaves((n) => n + 1);
    onSaved(result);
  };

  const discardCurrent = () => {
    keeper
      .finish()
      .catch((error: unknown) =>
        setDraftStatus({ kind: 'failed', error: error instanceof Error ? error.message : String(error) }),
      );
    lastDraft.current = null;
    showForm({ initial: {}, source: SIDEPANEL });
  };

  const accountName = accountId === null ? null : (known(accountId)?.name ?? accountId);
  const start = form.start;
  return (
    <div class="al-capture" data-testid="capture-pane">
      <p class="al-muted al-hint">{t('spWorkshopHint')}</p>
      {damaged.map((error, i) => (
        <p key={i} class="al-notice al-warn" role="alert" data-testid="draft-damaged">
          {t('spDraftDamaged', error)}
        </p>
      ))}
      {start && (
        <div class="al-notice" data-testid="capture-notice">
          {start.from && (
            <p class="al-ellipsis" data-testid="captured-from" title={start.source.url}>
              {t('spCapturedFrom', start.from)}
            </p>
          )}
          {start.account.kind === 'detected' && <p data-testid="detected">{t('spDetected', start.account.name)}</p>}
          {start.account.kind === 'none' && <p class="al-muted">{t('spNotDetected')}</p>}
          {start.account.kind === 'unknown' && (
            <p class="al-error" role="alert" data-testid="unknown-account">
              {t('spUnknownAccount', start.account.id)}
            </p>
          )}
        </div>
      )}
      {form.restoredFrom && (
        <div class="al-notice al-row" data-testid="draft-restored">
          <p>{t('spDraftRestored', `${formatDate(form.restoredFrom)} ${timeOf(form.restoredFrom)}`)}</p>
          <button type="button" class="al-link" data-testid="draft-discard" onClick={discardCurrent}>
            {t('spDraftDiscard')}
          </button>
        </div>
      )}
      {waiting && (
        <div class="al-notice al-row" data-testid="draft-waiting">
          <p>
            {t(
              'spDraftWaiting',
              `${formatDate(waiting.savedAt)} ${timeOf(waiting.savedAt)}`,
              waiting.fields.title?.trim() || t('spDraftUntitled'),
            )}
          </p>
          <button
            type="button"
            class="al-link"
            data-testid="draft-restore"
            onClick={() => {
              setWaiting(lastDraft.current);
              restore(waiting);
            }}
          >
            {t('spDraftRestore')}
          </button>
          <button
            type="button"
            class="al-link"
            data-testid="draft-waiting-discard"
            onClick={() => {
              void keeper.discard(waiting.id);
              setWaiting(null);
            }}
          >
            {t('spDraftDiscard')}
          </button>
        </div>
      )}

      <InsightForm
        key={form.key}
        mode="workshop"
        initial={form.initial}
        source={form.source}
        accounts={portfolio.accounts}
        productSuggestions={portfolio.products}
        onChange={onChange}
        onSubmit={onSubmit}
      />
      <p class="al-muted al-draft-status" aria-live="polite" data-testid="draft-status">
        {draftStatus?.kind === 'saved' &&
          t(draftStatus.shortened ? 'spDraftShortened' : 'spDraftSaved', timeOf(draftStatus.at))}
        {draftStatus?.kind === 'failed' && <span class="al-error">{t('spDraftFailed', draftStatus.error)}</span>}
        {draftStatus?.kind === 'left-over' && <span class="al-error">{t('spDraftLeftOver', draftStatus.error)}</span>}
      </p>
      {saved && <SaveSummary data={saved} />}

      {accountName !== null && (
        <section class="al-section" data-testid="account-timeline">
          <h2>{t('spAccountTimeline', accountName)}</h2>
          <InsightList insights={timeline} today={today} />
        </section>
      )}
    </div>
  );
}
