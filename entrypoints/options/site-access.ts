/**
 * Switching sites on and off: the permission request (which Chrome only shows during a user gesture, so callers
 * start it synchronously inside their click, change or submit handler), the site settings the background watches
 * to register the overlay, and giving back host permissions nothing needs any more.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { siteSettings, type SiteSettings } from '../../lib/settings.ts';
import { releasablePatterns } from './site-patterns.ts';

/** Asks for host access; call it before any `await` in the event handler. */
export function requestPatterns(patterns: readonly string[]): Promise<boolean> {
  return browser.permissions.request({ origins: [...patterns] });
}

/** Applies a change to the site settings (the background then re-registers the overlay). */
export async function updateSites(change: (current: SiteSettings) => SiteSettings): Promise<SiteSettings> {
  const next = change(await siteSettings.getValue());
  await siteSettings.setValue(next);
  return next;
}

/**
 * Switches patterns off: updates the settings, then gives back the host permissions no remaining site needs.
 * Giving back can fail where the permission is not optional (the e2e build grants all hosts up front); the
 * overlay follows the settings either way, so that failure changes nothing the rep sees.
 */
export async function switchOff(
  patterns: readonly string[],
  change: (current: SiteSettings) => SiteSettings,
): Promise<void> {
  const next = await updateSites(change);
  const release = releasablePatterns(patterns, next);
  if (release.length > 0) await browser.permissions.remove({ origins: release }).catch(() => false);
}

/** Which of `patterns` the extension may access now; refreshed when permissions change. Undefined until known. */
export function useGranted(patterns: readonly string[]): ReadonlySet<string> | undefined {
  const [granted, setGranted] = useState<ReadonlySet<string> | undefined>(undefined);
  const key = patterns.join('\n');
  useEffect(() => {
    let live = true;
    const check = async () => {
      const list = key ? key.split('\n') : [];
      const answers = await Promise.all(
        list.map((p) => browser.permissions.contains({ origins: [p] }).catch(() => false)),
      );
      if (live) setGranted(new Set(list.filter((_, i) => answers[i])));
    };
    void check();
    const onChange = () => void check();
    browser.permissions.onAdded.addListener(onChange);
    browser.permissions.onRemoved.addListener(onChange);
    return () => {
      live = false;
      browser.permissions.onAdded.removeListener(onChange);
      browser.permissions.onRemoved.removeListener(onChange);
    };
  }, [key]);
  return granted;
}

/**
 * The state switches are going to while their permission request and settings write run, so a click shows at once.
 * An entry stays until the stored settings show it (their watch fires after the write resolves) or `drop` is
 * called after a refusal or failure.
 * @param isOn the switch's state in the settings now
 * @param settings the settings value the states come from (a new object on every change)
 */
export function usePendingSwitches(isOn: (id: string) => boolean, settings: unknown) {
  const [pending, setPending] = useState<Record<string, boolean>>({});
  useEffect(() => {
    setPending((p) => {
      const open = Object.entries(p).filter(([id, on]) => isOn(id) !== on);
      return open.length === Object.keys(p).length ? p : Object.fromEntries(open);
    });
  }, [settings]);
  return {
    pending,
    start: (id: string, on: boolean) => setPending((p) => ({ ...p, [id]: on })),
    drop: (id: string) =>
      setPending((p) => {
        const { [id]: _dropped, ...rest } = p;
        return rest;
      }),
  };
}
