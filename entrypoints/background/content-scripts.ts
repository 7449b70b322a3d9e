/**
 * Keeps the overlay's runtime content-script registration equal to what the rep enabled and granted. Called on
 * startup, on install, when permissions change and when site settings change (serialised: see syncContentScripts).
 */
import { browser } from 'wxt/browser';
import { BUILT_IN_SITES } from '../../lib/site-hosts.ts';
import { siteSettings, type SiteSettings } from '../../lib/settings.ts';

const SCRIPT_ID = 'accountlens-overlay';

export function wantedPatterns(settings: SiteSettings, grantedOrigins: readonly string[]): string[] {
  const wanted = [
    ...BUILT_IN_SITES.filter((s) => settings.builtIn.includes(s.id)).flatMap((s) => [...s.patterns]),
    ...settings.origins,
  ];
  const granted = new Set(grantedOrigins);
  const broad = granted.has('https://*/*') || granted.has('<all_urls>') || granted.has('*://*/*');
  return [...new Set(wanted)].filter(
    (p) => broad || granted.has(p) || (p.startsWith('http://') && granted.has('http://*/*')),
  );
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Brings the registration up to date; returns the patterns registered. Runs one at a time, in call order: the
 * events that call it (startup, install, permission and settings changes) often come together, and two runs
 * interleaving would both see no script and both register it ("Duplicate script ID"), or leave the older run's
 * patterns registered last. Each run reads settings and permissions when its turn comes, so the last one wins.
 */
export function syncContentScripts(): Promise<string[]> {
  const run = queue.then(applyRegistration, applyRegistration);
  queue = run.catch(() => undefined);
  return run;
}

async function applyRegistration(): Promise<string[]> {
  const [settings, permissions] = await Promise.all([siteSettings.getValue(), browser.permissions.getAll()]);
  const matches = wantedPatterns(settings, permissions.origins ?? []);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (matches.length > 0) {
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        js: ['content-scripts/overlay.js'],
        matches,
        // As soon as the document is parsed, not after its images and scripts (document_idle waits for `load`):
        // a full-page webmail shows the opened mail well before that.
        runAt: 'document_end',
        persistAcrossSessions: true,
      },
    ]);
  }
  return matches;
}
