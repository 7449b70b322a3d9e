import { t } from '../../lib/i18n.ts';
import { requestPatterns } from './site-access.ts';

export interface SiteStatusProps {
  label: string;
  patterns: readonly string[];
  granted: ReadonlySet<string> | undefined;
}

/**
 * "Active", or "No access" with a button to grant it again (after the rep revoked it in the browser's extension
 * settings). Shown for enabled sites only.
 */
export function SiteStatus({ label, patterns, granted }: SiteStatusProps) {
  if (!granted) return null;
  if (patterns.every((p) => granted.has(p))) return <span class="opt-pill opt-pill-good">{t('optSiteActive')}</span>;
  return (
    <span class="opt-status-missing">
      <span class="opt-pill opt-pill-warn">{t('optSiteNoAccess')}</span>
      <button
        type="button"
        class="small"
        aria-label={t('optSiteGrantFor', label)}
        onClick={() => void requestPatterns(patterns)}
      >
        {t('optSiteGrant')}
      </button>
    </span>
  );
}

/** `https://*.lightning.force.com/*` → `*.lightning.force.com`, for display. */
export function hostOf(pattern: string): string {
  return pattern.replace(/^[a-z*]+:\/\//, '').replace(/\/\*$/, '');
}
