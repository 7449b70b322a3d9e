/**
 * The site adapters, most specific first; `generic` is the fallback for any other site the rep enabled.
 * A broken adapter (its predicate throws) is skipped, never allowed to hide the others.
 */
import type { SiteAdapter } from './types.ts';
import { gmail } from './gmail.ts';
import { outlook } from './outlook.ts';
import { outlookCalendar } from './outlook-calendar.ts';
import { googleCalendar } from './google-calendar.ts';
import { salesforce } from './salesforce.ts';
import { hubspot } from './hubspot.ts';
import { dynamics } from './dynamics.ts';
import { pipedrive } from './pipedrive.ts';
import { zoho } from './zoho.ts';
import { generic } from './generic.ts';

export type { AccountKey, CrmName, EmailRole, PageContext, SiteAdapter } from './types.ts';

export const builtInAdapters: SiteAdapter[] = [
  gmail,
  outlook,
  outlookCalendar,
  googleCalendar,
  salesforce,
  hubspot,
  dynamics,
  pipedrive,
  zoho,
  generic,
];

/**
 * The adapter for `url`: the first user-defined adapter that matches, else the first built-in one (generic last).
 * A predicate that throws counts as "no match" and is reported to `onError` when given.
 */
export function adapterFor(
  url: URL,
  custom: readonly SiteAdapter[] = [],
  onError?: (error: unknown, adapter: SiteAdapter) => void,
): SiteAdapter | null {
  for (const adapter of [...custom, ...builtInAdapters]) {
    try {
      if (adapter.matches(url)) return adapter;
    } catch (error) {
      onError?.(error, adapter);
    }
  }
  return null;
}
