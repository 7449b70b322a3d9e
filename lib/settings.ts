/**
 * Extension settings in `storage.local`, versioned with migrations (WXT storage items): small values every context
 * reads and watches. Domain data (accounts, insights, outbox) lives in IndexedDB (lib/store).
 */
import { storage } from 'wxt/utils/storage';

export interface SiteSettings {
  /** Built-in site ids the rep enabled. */
  builtIn: string[];
  /** Extra origin patterns (generic adapter or user-defined adapters), e.g. `https://crm.example.com/*`. */
  origins: string[];
}

export const siteSettings = storage.defineItem<SiteSettings>('local:sites', {
  fallback: { builtIn: [], origins: [] },
  version: 1,
});

/** Domains where the overlay never shows (internal tools, personal mail). */
export const neverShowDomains = storage.defineItem<string[]>('local:neverShowDomains', { fallback: [], version: 1 });

/** Whether the overlay card is collapsed to its badge; remembered across pages. */
export const overlayCollapsed = storage.defineItem<boolean>('local:overlayCollapsed', { fallback: false, version: 1 });
