/**
 * "Why this account?": which adapter read the page, every key it found (kind, role, where on the page) and what
 * that key matched on its own. Folded by default; a rep or admin opens it when the card shows the wrong account.
 */
import type { AccountKey } from '../lib/sites/types.ts';
import type { LookupExplanation } from '../entrypoints/background/lookup.ts';
import { uiTexts, type Texts } from './texts.ts';

const CRM_LABELS: Record<string, string> = {
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  dynamics: 'Dynamics 365',
  pipedrive: 'Pipedrive',
  zoho: 'Zoho CRM',
  custom: 'CRM',
};

export function keyLabel(tx: Texts, key: AccountKey): string {
  switch (key.kind) {
    case 'crm':
      return tx.t('overlayWhyKeyCrm', CRM_LABELS[key.crm] ?? key.crm, key.id);
    case 'email':
      return tx.t('overlayWhyKeyEmail', key.email);
    case 'domain':
      return tx.t('overlayWhyKeyDomain', key.domain);
    case 'name':
      return tx.t('overlayWhyKeyName', key.name);
  }
}

export interface OverlayWhyProps {
  explanation: LookupExplanation;
  matched: boolean;
}

export function OverlayWhy({ explanation, matched }: OverlayWhyProps) {
  const tx = uiTexts();
  return (
    <details class="al-why" data-testid="why-this-account">
      <summary>{tx.t(matched ? 'overlayWhyTitle' : 'overlayWhyTitleNoMatch')}</summary>
      <p class="al-muted" data-testid="why-adapter">
        {tx.t('overlayWhyAdapter', explanation.adapter)}
      </p>
      {explanation.keys.length === 0 ? (
        <p class="al-muted">{tx.t('overlayWhyNoKeys')}</p>
      ) : (
        <ul class="al-why-keys">
          {explanation.keys.map(({ key, matches }, i) => {
            const source = (key as { source?: string }).source;
            const role = key.kind === 'email' ? key.role : undefined;
            return (
              <li key={i} data-testid="why-key">
                <span class="al-why-key">{keyLabel(tx, key)}</span>
                {(role || source) && (
                  <span class="al-muted">
                    {' '}
                    {[role && tx.t('overlayWhyRole', role), source && tx.t('overlayWhySource', source)]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                )}
                <span class="al-why-result" data-testid="why-key-result">
                  {matches.length === 0
                    ? tx.t('overlayWhyNone')
                    : matches
                        .map((m) =>
                          tx.t('overlayWhyMatched', m.name, tx.t(`overlayWhyVia_${m.via}`), tx.percent(m.confidence)),
                        )
                        .join('; ')}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </details>
  );
}
