/**
 * The popup's sync section: connect to the team hub (address and token; the browser asks for access to the hub's
 * origin inside the click), then where sync stands (components/SyncStatus), "Sync now", the hub's refusals and
 * the conflicts to resolve. Everything goes through the background, which alone talks to the hub.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { SyncStatus } from '../../components/SyncStatus.tsx';
import { t } from '../../lib/i18n.ts';
import { sendMessage } from '../../lib/messaging.ts';
import { hub } from '../../lib/settings.ts';
import { hubOriginPattern, normaliseHubUrl } from '../../lib/sync/hub-http.ts';
import { syncState, type SyncStatusAnswer } from '../../lib/sync/state.ts';

/** What happened, in the rep's words, when sync had to start over with a new client group. */
const RECOVERY_TEXT = {
  'hub-forgot': 'syncRecoveryHubForgot',
  gap: 'syncRecoveryGap',
  'new-hub': 'syncRecoveryNewHub',
} as const;

export function SyncSection() {
  const [status, setStatus] = useState<SyncStatusAnswer | null>(null);
  const [syncing, setSyncing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const reload = () =>
    void sendMessage<'sync.status', SyncStatusAnswer>('sync.status', {})
      .then(setStatus)
      .catch((e: unknown) => setProblem(e instanceof Error ? e.message : String(e)));

  useEffect(() => {
    reload();
    const stops = [syncState.watch(reload), hub.watch(reload)];
    return () => stops.forEach((stop) => stop());
  }, []);

  if (status === null) return null;

  const act = async (work: () => Promise<unknown>) => {
    setProblem(null);
    try {
      await work();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
    reload();
  };

  const syncNow = () =>
    void act(async () => {
      setSyncing(true);
      try {
        await sendMessage('sync.now', {});
      } finally {
        setSyncing(false);
      }
    });

  return (
    <section class="al-section" data-testid="sync-section" aria-label={t('syncTitle')}>
      <h2 class="al-label">{t('syncTitle')}</h2>
      {status.hub === null ? (
        <ConnectForm onConnected={reload} />
      ) : (
        <p class="al-muted al-row" data-testid="sync-hub">
          <span>{t('syncConnectedTo', status.hub.url)}</span>
          <button
            type="button"
            class="al-link"
            data-testid="sync-disconnect"
            onClick={() => void act(() => sendMessage('sync.disconnect', {}))}
          >
            {t('syncDisconnect')}
          </button>
        </p>
      )}
      <SyncStatus
        lastSyncAt={status.state.lastSyncAt}
        pending={status.pending}
        syncing={syncing || status.running}
        error={status.state.failures > 0 ? status.state.lastError : null}
        rejections={status.rejections}
        hubConfigured={status.hub !== null}
        onSyncNow={syncNow}
        onDismissRejection={(mutationId) => void act(() => sendMessage('sync.rejection.dismiss', { mutationId }))}
      />
      {status.recovery !== null && (
        <div class="al-rejections" role="status" data-testid="sync-recovery">
          <p>{t(RECOVERY_TEXT[status.recovery.kind])}</p>
          {status.recovery.carried > 0 && <p class="al-muted">{t('syncRecoveryCarried', status.recovery.carried)}</p>}
          {(status.recovery.resent ?? 0) > 0 && (
            <p class="al-muted">{t('syncRecoveryResent', status.recovery.resent ?? 0)}</p>
          )}
          {status.recovery.quarantined > 0 && (
            <p class="al-muted">{t('syncRecoveryQuarantined', status.recovery.quarantined)}</p>
          )}
          <button
            type="button"
            class="al-link"
            data-testid="sync-recovery-dismiss"
            onClick={() => void act(() => sendMessage('sync.recovery.dismiss', {}))}
          >
            {t('syncDismiss')}
          </button>
        </div>
      )}
      {status.conflicts.length > 0 && (
        <div class="al-rejections" data-testid="sync-conflicts">
          <p class="al-label">{t('syncConflictsTitle', status.conflicts.length)}</p>
          <ul>
            {status.conflicts.map((c) => (
              <li key={c.id} data-testid={`conflict-${c.id}`}>
                <p class="al-muted">{t('syncConflictHint')}</p>
                <p>
                  <strong>{c.title}</strong>
                </p>
                {c.body && <p class="al-muted">{c.body}</p>}
                <p class="al-row">
                  <button
                    type="button"
                    class="al-link"
                    data-testid={`conflict-keep-${c.id}`}
                    onClick={() =>
                      void act(() => sendMessage('sync.conflict.resolve', { id: c.id, action: 'keep-theirs' }))
                    }
                  >
                    {t('syncKeepTheirs')}
                  </button>
                  <button
                    type="button"
                    class="al-link"
                    data-testid={`conflict-restore-${c.id}`}
                    onClick={() =>
                      void act(() => sendMessage('sync.conflict.resolve', { id: c.id, action: 'restore-mine' }))
                    }
                  >
                    {t('syncRestoreMine')}
                  </button>
                </p>
              </li>
            ))}
          </ul>
        </div>
      )}
      {problem !== null && (
        <p class="al-error" role="alert" data-testid="sync-problem">
          {problem}
        </p>
      )}
    </section>
  );
}

function ConnectForm({ onConnected }: { onConnected: () => void }) {
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = (event: Event) => {
    event.preventDefault();
    let origin: string;
    try {
      origin = hubOriginPattern(normaliseHubUrl(url));
    } catch {
      setError(t('syncBadUrl'));
      return;
    }
    // Requested before any await: the permission prompt needs the click's user gesture.
    const granted = browser.permissions.request({ origins: [origin] });
    setBusy(true);
    setError(null);
    void (async () => {
      try {
        if (!(await granted)) throw new Error(t('syncPermissionDenied', origin.replace(/\/\*$/, '')));
        await sendMessage('sync.connect', { url, token });
        setToken('');
        onConnected();
      } catch (e) {
        setError(t('syncConnectFailed', e instanceof Error ? e.message : String(e)));
      } finally {
        setBusy(false);
      }
    })();
  };

  return (
    <form
      class="al-fieldset"
      style={{ display: 'grid', gap: '8px' }}
      data-testid="sync-connect"
      onSubmit={submit}
      noValidate
    >
      <p class="al-muted">{t('syncConnectIntro')}</p>
      <label class="al-field">
        <span class="al-label">{t('syncHubUrl')}</span>
        <input
          class="al-input"
          type="url"
          name="hub-url"
          data-testid="hub-url"
          placeholder="https://hub.example.com"
          autoComplete="url"
          value={url}
          onInput={(e) => setUrl(e.currentTarget.value)}
        />
      </label>
      <label class="al-field">
        <span class="al-label">{t('syncToken')}</span>
        <input
          class="al-input"
          type="password"
          name="hub-token"
          data-testid="hub-token"
          placeholder="al_…"
          autoComplete="off"
          spellcheck={false}
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
      </label>
      <p class="al-row">
        <button type="submit" class="al-button al-primary" data-testid="hub-connect" disabled={busy || !url || !token}>
          {t(busy ? 'syncConnecting' : 'syncConnect')}
        </button>
      </p>
      {error !== null && (
        <p class="al-error" role="alert" data-testid="connect-error">
          {error}
        </p>
      )}
    </form>
  );
}
