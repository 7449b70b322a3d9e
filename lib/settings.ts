/**
 * Extension settings in `storage.local`, versioned with migrations (WXT storage items): small values every context
 * reads and watches. Domain data (accounts, insights, outbox) lives in IndexedDB (lib/store).
 */
import { storage } from 'wxt/utils/storage';
import type { CustomAdapterDefinition } from './sites/custom.ts';

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

/** Who the rep is: the author of their insights (the hub's token identifies them there). */
export interface Profile {
  name: string;
  email: string;
}
export const profile = storage.defineItem<Profile>('local:profile', { fallback: { name: '', email: '' }, version: 1 });

/** User-defined site adapters (lib/sites/custom.ts), edited on the options page; validated again where they are used. */
export const customAdapters = storage.defineItem<CustomAdapterDefinition[]>('local:customAdapters', {
  fallback: [],
  version: 1,
});

/** The team hub this device syncs with (null: not connected). Only the background reads the token. */
export interface HubSetting {
  /** Normalised by lib/sync/hub-http.ts: https (http on localhost), no trailing slash. */
  url: string;
  token: string;
}
export const hub = storage.defineItem<HubSetting | null>('local:hub', { fallback: null, version: 1 });
