import { useEffect, useId, useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { profile } from '../../lib/settings.ts';
import { Card } from './Card.tsx';
import { useStorageItem } from './use-storage-item.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The rep's name and email: the author of the insights they write. */
export function ProfileSection() {
  const stored = useStorageItem(profile);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const nameId = useId();
  const emailId = useId();
  const errorId = useId();

  useEffect(() => {
    if (!stored) return;
    setName(stored.name);
    setEmail(stored.email);
  }, [stored?.name, stored?.email]);

  async function save(event: Event) {
    event.preventDefault();
    setSaved(false);
    const next = { name: name.trim(), email: email.trim() };
    if (next.email !== '' && !EMAIL.test(next.email)) {
      setError(t('optProfileEmailInvalid', next.email));
      return;
    }
    setError(null);
    await profile.setValue(next);
    setSaved(true);
  }

  return (
    <Card id="profile" title={t('optProfileTitle')} intro={t('optProfileIntro')}>
      <form class="opt-form" onSubmit={(e) => void save(e)} noValidate>
        <div class="opt-field">
          <label for={nameId}>{t('optProfileName')}</label>
          <input
            id={nameId}
            type="text"
            autoComplete="name"
            maxLength={200}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </div>
        <div class="opt-field">
          <label for={emailId}>{t('optProfileEmail')}</label>
          <input
            id={emailId}
            type="email"
            autoComplete="email"
            maxLength={200}
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
            aria-invalid={error !== null}
            aria-describedby={error ? errorId : undefined}
          />
        </div>
        <div class="opt-actions">
          <button type="submit" class="primary">
            {t('optSave')}
          </button>
          <span role="status" class="opt-saved">
            {saved ? t('optSaved') : ''}
          </span>
        </div>
        {error && (
          <p id={errorId} class="opt-message opt-message-error" role="alert">
            {error}
          </p>
        )}
      </form>
    </Card>
  );
}
