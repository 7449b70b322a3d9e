import { useMemo, useState } from 'preact/hooks';
import { t } from '../../lib/i18n.ts';
import { customAdapters, siteSettings } from '../../lib/settings.ts';
import { BUILT_IN_SITES } from '../../lib/site-hosts.ts';
import { Card } from './Card.tsx';
import { OtherSites } from './OtherSites.tsx';
import { requestPatterns, switchOff, updateSites, useGranted, usePendingSwitches } from './site-access.ts';
import { hostOf, SiteStatus } from './SiteStatus.tsx';
import { useStorageItem } from './use-storage-item.ts';

type Site = (typeof BUILT_IN_SITES)[number];

/** The built-in sites as switches, then the rep's own origins for the generic adapter. */
export function SitesSection() {
  const settings = useStorageItem(siteSettings);
  const adapters = useStorageItem(customAdapters) ?? [];
  const patterns = useMemo(
    () => [...BUILT_IN_SITES.flatMap((s) => s.patterns), ...(settings?.origins ?? [])],
    [settings?.origins],
  );
  const granted = useGranted(patterns);
  const switches = usePendingSwitches((id) => settings?.builtIn.includes(id) ?? false, settings);
  const [error, setError] = useState<string | null>(null);

  function toggle(site: Site, on: boolean) {
    setError(null);
    switches.start(site.id, on);
    const done = on
      ? requestPatterns(site.patterns).then(async (allowed) => {
          if (!allowed) {
            switches.drop(site.id);
            return setError(t('optSiteDenied', site.label));
          }
          await updateSites((s) => ({ ...s, builtIn: [...new Set([...s.builtIn, site.id])] }));
        })
      : switchOff(site.patterns, (s) => ({ ...s, builtIn: s.builtIn.filter((id) => id !== site.id) }));
    void done.catch((e: unknown) => {
      switches.drop(site.id);
      setError(t('optSiteFailed', site.label, e instanceof Error ? e.message : String(e)));
    });
  }

  return (
    <Card id="sites" title={t('optSitesTitle')} intro={t('optSitesIntro')}>
      <fieldset class="opt-fieldset">
        <legend class="opt-sr-only">{t('optSitesTitle')}</legend>
        <ul class="opt-rows">
          {BUILT_IN_SITES.map((site) => {
            const enabled = settings?.builtIn.includes(site.id) ?? false;
            return (
              <li key={site.id} class="opt-row">
                <label class="opt-check">
                  <input
                    type="checkbox"
                    checked={switches.pending[site.id] ?? enabled}
                    disabled={settings === undefined || site.id in switches.pending}
                    onChange={(e) => toggle(site, e.currentTarget.checked)}
                    data-testid={`site-${site.id}`}
                  />
                  <span class="opt-row-title">{site.label}</span>
                </label>
                <span class="opt-row-detail">{site.patterns.map(hostOf).join(', ')}</span>
                {enabled && <SiteStatus label={site.label} patterns={site.patterns} granted={granted} />}
              </li>
            );
          })}
        </ul>
      </fieldset>
      {error && (
        <p class="opt-message opt-message-error" role="alert">
          {error}
        </p>
      )}
      <OtherSites origins={settings?.origins ?? []} adapters={adapters} granted={granted} />
    </Card>
  );
}
