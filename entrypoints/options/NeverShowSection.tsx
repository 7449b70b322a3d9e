import { t } from '../../lib/i18n.ts';
import { neverShowDomains } from '../../lib/settings.ts';
import { AddEntryForm } from './AddEntryForm.tsx';
import { Card } from './Card.tsx';
import { normaliseDomain } from './site-patterns.ts';
import { useStorageItem } from './use-storage-item.ts';

/** Domains where the overlay never shows, whatever the sites above allow. */
export function NeverShowSection() {
  const domains = useStorageItem(neverShowDomains) ?? [];

  async function add(text: string): Promise<string | null> {
    let domain: string;
    try {
      domain = normaliseDomain(text);
    } catch {
      return t('optDomainInvalid', text.trim());
    }
    const current = await neverShowDomains.getValue();
    if (current.includes(domain)) return t('optDomainDuplicate', domain);
    await neverShowDomains.setValue([...current, domain].sort());
    return null;
  }

  async function remove(domain: string) {
    await neverShowDomains.setValue((await neverShowDomains.getValue()).filter((d) => d !== domain));
  }

  return (
    <Card id="never-show" title={t('optNeverTitle')} intro={t('optNeverIntro')}>
      <AddEntryForm
        label={t('optDomainLabel')}
        placeholder="intranet.example.com"
        addLabel={t('optDomainAdd')}
        testId="never-input"
        onAdd={add}
      />
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
