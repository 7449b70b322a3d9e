import { useId, useState } from 'preact/hooks';
import { formatNumber, t } from '../../lib/i18n.ts';
import { eraseAccount, eraseAll } from '../../lib/store/index.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { usePageStore, type AccountChoice } from './page-store.ts';

type Pending = { kind: 'account'; account: AccountChoice } | { kind: 'all' };

const choiceLabel = (a: AccountChoice) => (a.name ? `${a.name} (${a.id})` : a.id);

/** Erasure of one account's data (picked by name or id) or of everything, each behind a confirmation. */
export function EraseControls() {
  const store = usePageStore();
  const accounts = store.accounts.value;
  const [query, setQuery] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const inputId = useId();
  const listId = useId();
  const errorId = useId();

  async function pick(event: Event) {
    event.preventDefault();
    setDone(null);
    await store.loadAccounts();
    const choices = store.accounts.value;
    const text = query.trim();
    const account =
      choices.find((a) => choiceLabel(a) === text || a.id === text) ??
      choices.find((a) => a.name !== '' && a.name.toLowerCase() === text.toLowerCase());
    if (!account) {
      setError(t('optEraseUnknown', text));
      return;
    }
    setError(null);
    setPending({ kind: 'account', account });
  }

  async function confirm(what: Pending) {
    setPending(null);
    const db = await store.db();
    if (what.kind === 'account') {
      const report = await eraseAccount(db, what.account.id);
      setDone(t('optErasedAccount', choiceLabel(what.account), formatNumber(report.insights)));
      setQuery('');
    } else {
      await eraseAll(db);
      setDone(t('optErasedAll'));
    }
    await store.refresh();
  }

  return (
    <div class="opt-sub opt-danger-zone">
      <h3>{t('optEraseTitle')}</h3>
      <p class="opt-hint">{t('optEraseIntro')}</p>
      <form class="opt-inline-form" onSubmit={(e) => void pick(e)} noValidate>
        <label for={inputId}>{t('optEraseAccountLabel')}</label>
        <input
          id={inputId}
          type="text"
          list={listId}
          autoComplete="off"
          placeholder={t('optEraseAccountPlaceholder')}
          value={query}
          onFocus={() => void store.loadAccounts()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          data-testid="erase-account-input"
        />
        <datalist id={listId}>
          {accounts.map((a) => (
            <option key={a.id} value={choiceLabel(a)} />
          ))}
        </datalist>
        <button type="submit" class="danger" disabled={query.trim() === ''} data-testid="erase-account">
          {t('optEraseAccount')}
        </button>
      </form>
      {error && (
        <p id={errorId} class="opt-message opt-message-error" role="alert">
          {error}
        </p>
      )}
      <div class="opt-actions">
        <button type="button" class="danger" onClick={() => setPending({ kind: 'all' })} data-testid="erase-all">
          {t('optEraseAll')}
        </button>
      </div>
      {done && (
        <p class="opt-message opt-message-good" role="status" data-testid="erase-done">
          {done}
        </p>
      )}
      <ConfirmDialog
        open={pending !== null}
        danger
        title={
          pending?.kind === 'account'
            ? t('optEraseAccountConfirmTitle', choiceLabel(pending.account))
            : t('optEraseAllConfirmTitle')
        }
        confirmLabel={pending?.kind === 'account' ? t('optEraseAccountConfirm') : t('optEraseAllConfirm')}
        onCancel={() => setPending(null)}
        onConfirm={() =>
          pending &&
          void confirm(pending).catch((e: unknown) =>
            setError(t('optEraseFailed', e instanceof Error ? e.message : String(e))),
          )
        }
      >
        <p>{pending?.kind === 'account' ? t('optEraseAccountConfirmBody') : t('optEraseAllConfirmBody')}</p>
      </ConfirmDialog>
    </div>
  );
}
