import { useId, useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { neverShowDomains } from '../../lib/settings.ts';
import { Card } from './Card.tsx';
import { normaliseDomain } from './site-patterns.ts';
import { useStorageItem } from './use-storage-item.ts';

/** Domains where the overlay never shows, whatever the sites above allow. */
export function NeverShowSection() {
  const domains = useStorageItem(neverShowDomains) ?? [];
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const errorId = useId();

  async function add(event: Event) {
    event.preventDefault();
    setError(null);
    let domain: string;
    try {
      domain = normaliseDomain(text);
    } catch {
      setError(t('optDomainInvalid', text.trim()));
      return;
    }
    const current = await neverShowDomains.getValue();
    if (current.includes(domain)) {
      setError(t('optDomainDuplicate', domain));
      return;
    }
    await neverShowDomains.setValue([...current, domain].sort());
    setText('');
  }

  async function remove(domain: string) {
    await neverShowDomains.setValue((await neverShowDomains.getValue()).filter((d) => d !== domain));
  }

  return (
    <Card id="never-show" title={t('optNeverTitle')} intro={t('optNeverIntro')}>
      <form class="opt-inline-form" onSubmit={(e) => void add(e)} noValidate>
        <label for={inputId}>{t('optDomainLabel')}</label>
        <input
          id={inputId}
          type="text"
          inputMode="url"
          placeholder="intranet.example.com"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          data-testid="never-input"
        />
        <button type="submit" class="primary" disabled={text.trim() === ''}>
          {t('optDomainAdd')}
        </button>
      </form>
      {error && (
        <p id={errorId} class="opt-message opt-message-error" role="alert">
          {error}
        </p>
      )}
      {domains.length === 0 ? (
        <p class="opt-empty">{t('optDomainsNone')}</p>
      ) : (
        <ul class="opt-rows" data-testid="never-list">
          {domains.map((domain) => (
            <li key={domain} class="opt-row">
              <span class="opt-row-title">{domain}</span>
              <button
                type="button"
                class="small"
                aria-label={t('optRemoveNamed', domain)}
                onClick={() => void remove(domain)}
              >
                {t('optRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
