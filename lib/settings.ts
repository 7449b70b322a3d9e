/**
 * Extension settings in `storage.local`, versioned with migrations (WXT storage items): small values extension
 * pages read and watch (the hub token excepted: see `hub`). Domain data (accounts, insights, outbox) lives in
 * IndexedDB (lib/store).
 */
import { openDB, type IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { Placement } from './message-schemas.ts';
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

/** Where the rep left the overlay card, by site (hostname). */
export const overlayPlacements = storage.defineItem<Record<string, Placement>>('local:overlayPlacements', {
  fallback: {},
  version: 1,
});

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

/**
 * The hub connection lives in its own IndexedDB database on the extension's origin, not in `storage.local`:
 * content scripts can read `storage.local` (Firefox has no way to restrict it), but a content script's
 * IndexedDB is the web page's, so no content script can reach this one. Contexts learn of a change through
 * `hubRevision`, a counter in `storage.local` that says nothing but "changed".
 */
const SECRETS_DB = 'accountlens-secrets';
const SECRETS_STORE = 'secrets';
const HUB_KEY = 'hub';
/** Where earlier versions kept the connection (a WXT item: the value and its `$` metadata). */
const LEGACY_HUB_KEYS = ['hub', 'hub$'];

const hubRevision = storage.defineItem<number>('local:hubRevision', { fallback: 0 });

async function withSecrets<T>(run: (db: IDBPDatabase) => Promise<T>): Promise<T> {
  const db = await openDB(SECRETS_DB, 1, {
    upgrade(database) {
      database.createObjectStore(SECRETS_STORE);
    },
  });
  try {
    return await run(db);
  } finally {
    db.close();
  }
}

function isHubSetting(value: unknown): value is HubSetting {
  const v = value as Partial<HubSetting> | null;
  return typeof v?.url === 'string' && typeof v.token === 'string';
}

export const hub = {
  async getValue(): Promise<HubSetting | null> {
    const stored: unknown = await withSecrets((db) => db.get(SECRETS_STORE, HUB_KEY));
    if (isHubSetting(stored)) return stored;
    // Moved out of storage.local on first read after an update; the old copy is removed once the new one is written.
    const legacy = (await browser.storage.local.get('hub'))['hub'];
    if (!isHubSetting(legacy)) return null;
    await withSecrets((db) => db.put(SECRETS_STORE, { url: legacy.url, token: legacy.token }, HUB_KEY));
    await browser.storage.local.remove(LEGACY_HUB_KEYS);
    return { url: legacy.url, token: legacy.token };
  },
  async setValue(value: HubSetting | null): Promise<void> {
    await withSecrets(async (db) => {
      if (value) await db.put(SECRETS_STORE, { url: value.url, token: value.token }, HUB_KEY);
      else await db.delete(SECRETS_STORE, HUB_KEY);
    });
    await browser.storage.local.remove(LEGACY_HUB_KEYS);
    await hubRevision.setValue(((await hubRevision.getValue()) + 1) % Number.MAX_SAFE_INTEGER);
  },
  /** Calls `callback` with the new connection whenever it changes (in any context); returns an unwatch. */
  watch(callback: (value: HubSetting | null) => void): () => void {
    return hubRevision.watch(() => void hub.getValue().then(callback));
  },
};

/**
 * Chrome can keep all of `storage.local` from content scripts (the overlay's content script reads none of it: it
 * asks the background). Firefox has no such switch (only session storage is restricted there), which is why the
 * token is not in `storage.local` at all. Called once by the background.
 */
export async function restrictLocalStorage(): Promise<boolean> {
  const local = browser.storage.local as { setAccessLevel?: (o: { accessLevel: string }) => Promise<void> };
  if (typeof local.setAccessLevel !== 'function') return false;
  try {
    await local.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}
